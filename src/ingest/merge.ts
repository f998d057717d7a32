// How a source's statement of an entity meets what the graph holds. Curated values win: an
// ingestion sets a field only when the graph has no value for it or when the ingestion set it
// itself; where a curated value differs, the source's value is kept beside it as an alternative,
// each with its source. Synonyms and cross-references gain the source's items and keep the
// curated ones. Pure: apply.ts reads and writes.
import { decodeAlternative, encodeAlternative, type AlternativeValueRecord } from '../graph/evidence/ingested';
import type { EntityStatement, IngestAgent } from './model';

type Record_ = Record<string, unknown>;

/** List fields merged item by item, so an ontology's synonyms join a curator's. */
export const ITEM_FIELDS: readonly string[] = ['synonyms', 'xrefs'];

/** Values that say the curators' sources are silent: a source that states the field fills it. */
const UNSTATED: Readonly<Record<string, unknown>> = { status: 'UNKNOWN' };

const PROVENANCE_KEYS = ['ingestedFields', 'ingestedFrom', 'ingestedBy', 'retrievedAt', 'alternativeValues'];

export interface MergeResult {
  record: Record_;
  /** Fields where a curated value and the source's differ. */
  conflicts: string[];
}

/** How an ingestion marks the fields it set: `ctgov/enrollment`, `ontology/synonyms=MSC`. */
export const ownerOf = (agent: IngestAgent) => `${agent.slice('ingest:'.length)}/`;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const itemKey = (field: string, item: unknown) => `${field}=${String(item)}`;

/** The record as it would be without the fields that change on their own (see EntityStatement.volatile). */
function withoutVolatile(record: Record_, volatile: readonly string[]): Record_ {
  return Object.fromEntries(Object.entries(record).filter(([k]) => !volatile.includes(k) && k !== 'retrievedAt'));
}

export function mergeStatement(
  existing: Record_ | null,
  statement: EntityStatement,
  agent: IngestAgent,
  retrievedAt: string,
): MergeResult {
  const { fields, source } = statement;
  if (existing === null) {
    const record: Record_ = { id: statement.id, ...statement.defaults, ...fields };
    if (statement.label !== 'Source') {
      record.sources = [source];
    }
    record.ingestedFields = Object.keys(fields)
      .map((field) => `${ownerOf(agent)}${field}`)
      .sort();
    Object.assign(record, { ingestedFrom: source, ingestedBy: agent, retrievedAt });
    return { record, conflicts: [] };
  }

  const record: Record_ = { ...existing };
  // This ingestion's entries; another ingestion's fields are to it as curated ones are.
  const mark = ownerOf(agent);
  const entries = (existing.ingestedFields as string[] | undefined) ?? [];
  const foreign = entries.filter((e) => !e.startsWith(mark));
  const owned = new Set(entries.filter((e) => e.startsWith(mark)).map((e) => e.slice(mark.length)));
  const previous = ((existing.alternativeValues as string[] | undefined) ?? [])
    .map(decodeAlternative)
    .filter((a): a is AlternativeValueRecord => a !== null);
  const alternatives = previous.filter((a) => a.source !== source || a.agent !== agent);
  const conflicts: string[] = [];

  for (const [field, value] of Object.entries(fields)) {
    const current = record[field];
    if (ITEM_FIELDS.includes(field) && !owned.has(field)) {
      const mine = new Set([...owned].filter((k) => k.startsWith(`${field}=`)).map((k) => k.slice(field.length + 1)));
      const curated = ((current as unknown[] | undefined) ?? []).filter((item) => !mine.has(String(item)));
      // An item that repeats the name (an ontology's label) or a kept item adds nothing.
      const seen = new Set(
        [...curated, ...(field === 'synonyms' ? [record.name] : [])].map((item) => String(item).toLowerCase()),
      );
      const added = (value as unknown[]).filter((item) => !seen.has(String(item).toLowerCase()));
      for (const key of [...owned]) {
        if (key.startsWith(`${field}=`)) {
          owned.delete(key);
        }
      }
      for (const item of added) {
        owned.add(itemKey(field, item));
      }
      const merged = [...curated, ...added];
      if (merged.length === 0) {
        delete record[field];
      } else {
        record[field] = merged;
      }
    } else if (owned.has(field) || current === undefined || (field in UNSTATED && same(current, UNSTATED[field]))) {
      record[field] = value;
      owned.add(field);
    } else if (!same(current, value)) {
      conflicts.push(field);
      const kept = previous.find(
        (a) => a.source === source && a.agent === agent && a.field === field && same(a.value, value),
      );
      alternatives.push(kept ?? { field, value, source, agent, retrievedAt });
    }
  }
  if (statement.complete) {
    // The source no longer states a field it set: the record dropped it.
    for (const field of [...owned]) {
      if (!field.includes('=') && !(field in fields) && field !== 'name') {
        owned.delete(field);
        delete record[field];
      }
    }
  }
  // A required field the source set and no longer states falls back to its default (status UNKNOWN).
  for (const [field, value] of Object.entries(statement.defaults ?? {})) {
    if (record[field] === undefined) {
      record[field] = value;
      owned.add(field);
    }
  }
  if (statement.label !== 'Source' && Array.isArray(record.sources) && !record.sources.includes(source)) {
    record.sources = [...(record.sources as string[]), source];
  }
  setOrDelete(record, 'ingestedFields', [...foreign, ...[...owned].map((e) => `${mark}${e}`)].sort());
  setOrDelete(record, 'alternativeValues', alternatives.map(encodeAlternative).sort());

  const volatile = statement.volatile ?? [];
  if (same(withoutVolatile(strip(record), volatile), withoutVolatile(strip(existing), volatile))) {
    // Nothing but the fields that change on their own: the graph stays as it is.
    return { record: existing, conflicts };
  }
  Object.assign(record, { ingestedFrom: source, ingestedBy: agent, retrievedAt });
  return { record, conflicts };
}

function setOrDelete(record: Record_, key: string, list: unknown[]): void {
  if (list.length === 0) {
    delete record[key];
  } else {
    record[key] = list;
  }
}

/** The record without who-ingested-when, in a stable key order, for comparing values. */
function strip(record: Record_): Record_ {
  return Object.fromEntries(
    Object.entries(record)
      .filter(([k]) => !PROVENANCE_KEYS.includes(k) || k === 'ingestedFields' || k === 'alternativeValues')
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}
