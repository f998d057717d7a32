// Reads a seed folder and checks all of it before anything is written: each record against its
// schema, then the rules that span records (unique ids, references that resolve, claims whose
// endpoints fit the relationship catalogue). Every problem is reported at once, each naming the
// file, the record and the field.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { type Label, relationshipDefsBetween } from '../graph/model';
import { CLAIM_SCHEMA, type ClaimRecord, type EntityRecord, RECORD_SCHEMAS, SEED_FILE_SCHEMA } from './schema';

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

const fieldOf = (issuePath: ReadonlyArray<PropertyKey>) => (issuePath.length === 0 ? '(record)' : issuePath.map(String).join('.'));

/** Validates documents and returns the graph they describe, or throws with every problem. */
export function validateSeed(documents: SeedDocument[]): SeedGraph {
  const problems: SeedProblem[] = [];
  const entities: SeedEntity[] = [];
  const claims: SeedClaim[] = [];

  for (const { file, data } of documents) {
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
      const rawId = raw && typeof raw === 'object' && 'id' in raw && typeof raw.id === 'string' ? raw.id : `#${index}`;
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          problems.push({ file, record: rawId, field: fieldOf(issue.path), message: issue.message });
        }
        return;
      }
      if (kind === 'Claim') {
        claims.push({ file, record: parsed.data as ClaimRecord });
      } else {
        entities.push({ label: kind, file, record: parsed.data as EntityRecord });
      }
    });
  }

  // Ids are unique across the whole seed, entities and claims alike.
  const seen = new Map<string, string>();
  const entityById = new Map<string, SeedEntity>();
  for (const item of [...entities, ...claims]) {
    const { id } = item.record;
    const first = seen.get(id);
    if (first !== undefined) {
      problems.push({ file: item.file, record: id, field: 'id', message: `duplicate id: already defined in ${first}` });
    } else {
      seen.set(id, item.file);
    }
    if ('label' in item) {
      entityById.set(id, item);
    }
  }

  const isSource = (id: string) => entityById.get(id)?.label === 'Source';
  const checkSources = (file: string, record: string, ids: readonly string[] | undefined) =>
    (ids ?? []).forEach((id, i) => {
      if (!isSource(id)) {
        problems.push({ file, record, field: `sources.${i}`, message: `dangling reference: no Source with id ${id}` });
      }
    });

  for (const { file, record } of entities) {
    if ('sources' in record) {
      checkSources(file, record.id, record.sources);
    }
  }
  for (const { file, record } of claims) {
    checkSources(file, record.id, record.sources);
    const subject = entityById.get(record.subject);
    const object = entityById.get(record.object);
    if (subject === undefined) {
      problems.push({ file, record: record.id, field: 'subject', message: `dangling reference: no entity with id ${record.subject}` });
    }
    if (object === undefined) {
      problems.push({ file, record: record.id, field: 'object', message: `dangling reference: no entity with id ${record.object}` });
    }
    if (subject && object && relationshipDefsBetween(record.type, subject.label, object.label).length === 0) {
      problems.push({
        file,
        record: record.id,
        field: 'type',
        message: `${record.type} does not join a ${subject.label} to a ${object.label}; see RELATIONSHIPS in src/graph/model.ts`,
      });
    }
  }

  if (problems.length > 0) {
    throw new SeedValidationError(problems);
  }
  return { entities, claims };
}
