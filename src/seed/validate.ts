// Reads a seed folder and checks all of it before anything is written: each record against its
// schema, then the rules that span records (unique ids, references that resolve, claims whose
// endpoints fit the relationship catalogue). Every problem is reported at once, each naming the
// file, the record and the field.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { type EvidenceLevel, type KnowledgeLevel, type Label, type SourceKind } from '../graph/model';
import { RELATIONSHIP_TYPES } from '../graph/enums';
import { ENTITY_DEFINITIONS, relationshipDefsBetween } from '../graph/registry';
import { atMost, NEEDS_NOTE, unsupportedLevel } from '../graph/evidence/provenance';
import { projectRoot } from '../paths';
import { CLAIM_SCHEMA, type ClaimRecord, type EntityRecord, RECORD_SCHEMAS, SEED_FILE_SCHEMA, type SeedKind } from './schema';

export interface SeedProblem {
  file: string;
  /** The record's id, or `#<index>` when it has no usable id. */
  record: string;
  field: string;
  message: string;
}

export interface SeedEntity {
  label: Label;
  file: string;
  record: EntityRecord;
}

export interface SeedClaim {
  file: string;
  record: ClaimRecord;
}

export interface SeedGraph {
  entities: SeedEntity[];
  claims: SeedClaim[];
}

export class SeedValidationError extends Error {
  override name = 'SeedValidationError';
  readonly userFacing = true;
  constructor(readonly problems: SeedProblem[]) {
    super(
      `the seed is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}); nothing was written:\n` +
        problems.map((p) => `  ${p.file}: record ${p.record}: field ${p.field}: ${p.message}`).join('\n'),
    );
  }
}

/** A seed document as parsed data, with the name to report problems under. */
export interface SeedDocument {
  file: string;
  data: unknown;
}

export function readSeedDir(dir: string): SeedDocument[] {
  if (!existsSync(dir)) {
    throw new SeedValidationError([{ file: dir, record: '(folder)', field: '(path)', message: 'no such seed folder' }]);
  }
  const names = readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort();
  return names.map((name) => {
    const file = path.join(dir, name);
    const doc = parseDocument(readFileSync(file, 'utf8'), { uniqueKeys: true });
    if (doc.errors.length > 0) {
      const first = doc.errors[0];
      return { file, data: { __yamlError: `${first.code}: ${first.message.split('\n')[0]}` } };
    }
    return { file, data: doc.toJS() };
  });
}

/** Paths inside the project are shown relative to it; others as given. */
const displayPath = (file: string) => {
  const relative = path.relative(projectRoot, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
};

const fieldOf = (issuePath: ReadonlyArray<PropertyKey>) => (issuePath.length === 0 ? '(record)' : issuePath.map(String).join('.'));

/**
 * Validates documents and returns the graph they describe, or throws with every problem.
 * `existing` names entities already in the graph (id → label) that references may point to, so a
 * large graph can be validated and loaded in parts.
 */
export function validateSeed(
  documents: SeedDocument[],
  existing?: ReadonlyMap<string, Label>,
  existingSourceKinds: ReadonlyMap<string, SourceKind> = new Map(),
): SeedGraph {
  const problems: SeedProblem[] = [];
  const entities: SeedEntity[] = [];
  const claims: SeedClaim[] = [];
  /** Every record as written, valid or not, so cross-record checks report everything at once. */
  const raws: Array<{ file: string; kind: SeedKind; raw: Record<string, unknown>; id: string }> = [];

  for (const { file: absolute, data } of documents) {
    const file = displayPath(absolute);
    if (data && typeof data === 'object' && '__yamlError' in data) {
      problems.push({ file, record: '(file)', field: '(yaml)', message: String(data.__yamlError) });
      continue;
    }
    const parsedFile = SEED_FILE_SCHEMA.safeParse(data);
    if (!parsedFile.success) {
      for (const issue of parsedFile.error.issues) {
        problems.push({ file, record: '(file)', field: fieldOf(issue.path), message: issue.message });
      }
      continue;
    }
    const { kind, records } = parsedFile.data;
    const schema: z.ZodType = kind === 'Claim' ? CLAIM_SCHEMA : RECORD_SCHEMAS[kind];
    records.forEach((raw, index) => {
      const record = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
      const id = typeof record.id === 'string' ? record.id : `#${index}`;
      raws.push({ file, kind, raw: record, id });
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          problems.push({ file, record: id, field: fieldOf(issue.path), message: issue.message });
        }
      } else if (kind === 'Claim') {
        claims.push({ file, record: parsed.data as ClaimRecord });
      } else {
        entities.push({ label: kind, file, record: parsed.data as EntityRecord });
        for (const problem of ENTITY_DEFINITIONS[kind].check(parsed.data as Record<string, unknown>)) {
          problems.push({ file, record: id, ...problem });
        }
      }
    });
  }

  // Ids are unique across the whole seed, entities and claims alike.
  const seen = new Map<string, string>();
  const labelById = new Map<string, Label>(existing);
  for (const { file, kind, id } of raws) {
    if (id.startsWith('#')) {
      continue;
    }
    const first = seen.get(id);
    if (first !== undefined) {
      problems.push({ file, record: id, field: 'id', message: `duplicate id: already defined in ${first}` });
      continue;
    }
    seen.set(id, file);
    if (kind !== 'Claim') {
      labelById.set(id, kind);
    }
  }

  const strings = (value: unknown): Array<[number, string]> =>
    Array.isArray(value) ? value.flatMap((v, i): Array<[number, string]> => (typeof v === 'string' ? [[i, v]] : [])) : [];
  for (const { file, kind, raw, id } of raws) {
    for (const [i, ref] of strings(raw.sources)) {
      if (labelById.get(ref) !== 'Source') {
        problems.push({ file, record: id, field: `sources.${i}`, message: `dangling reference: no Source with id ${ref}` });
      }
    }
    if (kind !== 'Claim') {
      continue;
    }
    const ends: Array<['subject' | 'object', Label | undefined]> = [];
    for (const field of ['subject', 'object'] as const) {
      const ref = raw[field];
      const label = typeof ref === 'string' ? labelById.get(ref) : undefined;
      if (typeof ref === 'string' && label === undefined) {
        problems.push({ file, record: id, field, message: `dangling reference: no entity with id ${ref}` });
      }
      ends.push([field, label]);
    }
    const [[, from], [, to]] = ends;
    const type = raw.type;
    if (from && to && typeof type === 'string' && (RELATIONSHIP_TYPES as readonly string[]).includes(type)) {
      if (relationshipDefsBetween(type, from, to).length === 0) {
        problems.push({
          file,
          record: id,
          field: 'type',
          message: `${type} does not join a ${from} to a ${to}; see src/graph/relationships.ts`,
        });
      }
    }
  }

  problems.push(...evidenceProblems(entities, claims, existingSourceKinds));

  if (problems.length > 0) {
    throw new SeedValidationError(problems);
  }
  return { entities, claims };
}

/** Claims and trials are no stronger than their sources, and inferences say so (docs/EVIDENCE.md). */
function evidenceProblems(
  entities: readonly SeedEntity[],
  claims: readonly SeedClaim[],
  existingSourceKinds: ReadonlyMap<string, SourceKind>,
): SeedProblem[] {
  const problems: SeedProblem[] = [];
  const kinds = new Map(existingSourceKinds);
  for (const { label, record } of entities) {
    if (label === 'Source') {
      kinds.set(record.id, record.kind as SourceKind);
    }
  }
  /** The kinds of the cited sources; null when one is not in these records (the writer checks it in the graph). */
  const kindsOf = (ids: readonly string[] | undefined): SourceKind[] | null => {
    const found = (ids ?? []).map((id) => kinds.get(id));
    return found.every((k) => k !== undefined) ? (found as SourceKind[]) : null;
  };
  const unsupported = (level: EvidenceLevel, ids: readonly string[] | undefined) => {
    const cited = kindsOf(ids);
    return cited === null ? null : unsupportedLevel(level, cited);
  };
  const trialLevels = new Map<string, EvidenceLevel>();
  for (const { label, file, record } of entities) {
    if (label !== 'Trial') {
      continue;
    }
    const level = record.evidenceLevel as EvidenceLevel;
    trialLevels.set(record.id, level);
    const why = unsupported(level, record.sources);
    if (why !== null) {
      problems.push({ file, record: record.id, field: 'evidenceLevel', message: why });
    }
  }
  for (const { file, record } of claims) {
    const why = unsupported(record.level, record.sources);
    if (why !== null) {
      problems.push({ file, record: record.id, field: 'level', message: why });
    }
    const trialLevel = trialLevels.get(record.subject);
    if (trialLevel !== undefined && !atMost(record.level, trialLevel)) {
      problems.push({
        file,
        record: record.id,
        field: 'level',
        message: `${record.level} is stronger than its trial's own evidence level (${trialLevel})`,
      });
    }
    if (NEEDS_NOTE.has(record.knowledgeLevel as KnowledgeLevel) && record.note === undefined) {
      problems.push({
        file,
        record: record.id,
        field: 'note',
        message: `a ${record.knowledgeLevel} claim is not stated by its sources: its note must say how it was reached`,
      });
    }
  }
  return problems;
}
