// Pure translation between the three shapes a curated entity or claim takes: the GraphQL input, the
// seed record (validated by the zod schema of its kind's definition, the one source of truth for
// what is valid) and the properties stored on the node or relationship (src/seed/load.ts). Keeping
// mutations on the seed's record shape means a curated graph exports back to seed files unchanged.
import { claimProperties, recordProperties } from '../../seed/load';
import {
  type ClaimRecord,
  DERIVED_PROPERTIES,
  type EntityRecord,
  METADATA_PROPERTIES,
  STORED_CLAIM_KEYS,
  storedEntityKeys,
} from '../../seed/schema';
import { entryField } from '../evidence/ingested';
import { ID_PREFIX } from '../registry';
import { type Label, LOCAL_ID_PATTERN } from '../model';
import { type RelationshipDef } from '../relationships';

/** One invalid field: its path from the argument (e.g. `input.sourceIds.0`) and what to fix. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** Record keys that GraphQL inputs name differently. */
export const ENTITY_INPUT_NAMES: Record<string, string> = { sources: 'sourceIds' };
export const CLAIM_INPUT_NAMES: Record<string, string> = {
  sources: 'sourceIds',
  subject: 'subjectId',
  object: 'objectId',
};

type Props = Record<string, unknown>;

/** The properties to store for a valid record: exactly what the seed loader stores. */
export function storedProperties(label: Label, record: EntityRecord): Props {
  const props = recordProperties(record);
  return Object.fromEntries(storedEntityKeys(label).map((k) => [k, props[k] ?? null]));
}

const NOT_IN_RECORD = new Set<string>([...METADATA_PROPERTIES, ...DERIVED_PROPERTIES, 'sourceIds']);

/** A node's properties back as its seed record (what export writes and update patches). */
export function recordOf(label: Label, props: Props): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if (!NOT_IN_RECORD.has(key) && value !== null && value !== undefined) {
      record[key] = value;
    }
  }
  if (label !== 'Source') {
    record.sources = props.sourceIds ?? [];
  }
  return record;
}

/**
 * A GraphQL input as a seed record: inputs name `sources` `sourceIds`; an absent or null field is
 * left out. For an update, `base` is the current record: absent fields keep their value and null
 * removes one.
 */
export function recordFromInput(input: Props, base: Record<string, unknown> = {}): Record<string, unknown> {
  const record = { ...base };
  takeOverIngested(
    record,
    Object.keys(input).map((key) => (key === 'sourceIds' ? 'sources' : key)),
  );
  for (const [key, value] of Object.entries(input)) {
    if (key === 'expectedVersion' || value === undefined) {
      continue;
    }
    const name = key === 'sourceIds' ? 'sources' : key;
    if (value === null) {
      delete record[name];
    } else {
      record[name] = value;
    }
  }
  return record;
}

/**
 * A curator's edit of a field an ingestion set makes the field curated: it leaves the ingestion's
 * list (and the ingestion will not change it again; a value it states later that differs is kept
 * beside it as an alternative).
 */
function takeOverIngested(record: Record<string, unknown>, edited: readonly string[]): void {
  const owned = record.ingestedFields;
  if (!Array.isArray(owned)) {
    return;
  }
  const kept = (owned as string[]).filter((entry) => !edited.includes(entryField(entry).split('=')[0]));
  if (kept.length === 0) {
    delete record.ingestedFields;
  } else {
    record.ingestedFields = kept;
  }
}

/** Relationship properties of a valid claim, as the loader stores them (absent ones as null). */
export function storedClaimProperties(record: ClaimRecord): Props {
  const props = claimProperties(record);
  return Object.fromEntries(STORED_CLAIM_KEYS.map((k) => [k, props[k] ?? null]));
}

/** A before/after pair of one changed field, as the audit trail records it. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const AUDIT_SKIPPED = new Set<string>([...METADATA_PROPERTIES, ...DERIVED_PROPERTIES, 'id']);

/** The fields whose values differ, by name; metadata and derived search text are not changes. */
export function changedFields(before: Props | null, after: Props | null): FieldChange[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...keys]
    .filter((k) => !AUDIT_SKIPPED.has(k) && !same(before?.[k], after?.[k]))
    .sort()
    .map((field) => ({ field, before: before?.[field] ?? null, after: after?.[field] ?? null }));
}

const localPart = (id: string) => id.slice(id.indexOf(':') + 1);

/**
 * The readable id a new claim gets when none is given, in the seed's style:
 * `claim:<subject>-<type>-<object>`. `taken` says whether an id is in use; a number is appended
 * until one is free (two sources may state the same claim, each as its own claim).
 */
export function claimIdFor(
  def: RelationshipDef,
  subject: string,
  object: string,
  taken: (id: string) => boolean,
): string {
  const type = def.type.toLowerCase().replaceAll('_', '-');
  const base = `claim:${localPart(subject)}-${type}-${localPart(object)}`;
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (!taken(id)) {
      return id;
    }
  }
}

const ID_OF_LABEL = Object.fromEntries(
  (Object.keys(ID_PREFIX) as Label[]).map((label) => [label, new RegExp(`^${ID_PREFIX[label]}:${LOCAL_ID_PATTERN}$`)]),
) as Record<Label, RegExp>;

/** Whether `id` is well-formed for `label` (the seed's id rule). */
export function isIdOf(label: Label, id: string): boolean {
  return ID_OF_LABEL[label].test(id);
}
