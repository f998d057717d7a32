// Stored graph → seed records: the exact inverse of entityProperties/claimProperties in
// src/seed/load.ts. Keys come out in the zod schema's order, `sourceIds` goes back to `sources`,
// and what the loader adds (derived search text, curation metadata) is left out, so a record read
// back from Neo4j equals the record that was loaded and serialises to the same bytes.
// A stored property the seed schema does not know is an error, never silently dropped.
import type { z } from 'zod';
import { type Label, type RelationshipType } from '../graph/model';
import { CLAIM_SCHEMA, RECORD_SCHEMAS } from '../seed/schema';
import { DERIVED_PROPERTIES, METADATA_PROPERTIES } from '../seed/schema';

export type Properties = Record<string, unknown>;

/** One entity node as the reader yields it: its domain label and every stored property. */
export interface GraphNode {
  id: string;
  label: Label;
  properties: Properties;
}

/** One claim (relationship) as the reader yields it. */
export interface GraphClaim {
  id: string;
  type: RelationshipType;
  subject: string;
  object: string;
  properties: Properties;
}

/** Thrown when the stored graph holds something the seed format cannot express. */
export class ExportError extends Error {
  override name = 'ExportError';
  /** The CLI prints the message alone, without a stack. */
  readonly userFacing = true;
}

const LOADER_ADDED = new Set<string>([...METADATA_PROPERTIES, ...DERIVED_PROPERTIES]);

/** What a record field holds; CSV and GraphML need it to encode and decode cells. */
export type FieldKind = 'string' | 'integer' | 'number' | 'list';

interface ZodLike {
  def: { type: string; innerType?: ZodLike; checks?: Array<{ isInt?: boolean }> };
  isInt?: boolean;
}

/** The kind of a zod field, looking through optional() and default(). */
export function fieldKind(schema: z.ZodType): FieldKind {
  let s = schema as unknown as ZodLike;
  while ((s.def.type === 'optional' || s.def.type === 'default') && s.def.innerType) {
    s = s.def.innerType;
  }
  switch (s.def.type) {
    case 'array':
      return 'list';
    case 'number':
      return s.isInt === true ? 'integer' : 'number';
    case 'string':
    case 'enum':
      return 'string';
    default:
      throw new Error(`no export encoding for a zod ${s.def.type} field`);
  }
}

/** The fields of a seed record of the label, in schema order (`sources` included). */
export function entityFields(label: Label): string[] {
  return Object.keys(RECORD_SCHEMAS[label].shape);
}

/** The fields of a claim record, in schema order. */
export const CLAIM_FIELDS: readonly string[] = Object.keys(CLAIM_SCHEMA.shape);

export function entityFieldKind(label: Label, field: string): FieldKind | undefined {
  const shape = RECORD_SCHEMAS[label].shape as Record<string, z.ZodType>;
  return field in shape ? fieldKind(shape[field]) : undefined;
}

export function claimFieldKind(field: string): FieldKind | undefined {
  const shape = CLAIM_SCHEMA.shape as Record<string, z.ZodType>;
  return field in shape ? fieldKind(shape[field]) : undefined;
}

function unknownProperty(what: string, id: string, key: string): ExportError {
  return new ExportError(
    `${what} ${id} has a property "${key}" that its kind's record schema (src/graph/<entity>/<entity>.entity.ts) does not define; ` +
      'add it to the schema, or remove it from the graph, before exporting',
  );
}

/** The seed record an entity node was loaded from. */
export function entityRecordOf(node: GraphNode): Properties {
  const fields = entityFields(node.label);
  const stored: Properties = { ...node.properties, id: node.id };
  const sourceIds = stored.sourceIds;
  delete stored.sourceIds;
  if (fields.includes('sources')) {
    if (sourceIds !== null && sourceIds !== undefined) {
      stored.sources = sourceIds;
    }
  } else if (Array.isArray(sourceIds) ? sourceIds.length > 0 : sourceIds !== null && sourceIds !== undefined) {
    // A Source has no `sources` field; the loader stores an empty list, anything else is news.
    throw unknownProperty(node.label, node.id, 'sourceIds');
  }
  const record: Properties = {};
  for (const field of fields) {
    const value = stored[field];
    if (value !== null && value !== undefined) {
      record[field] = value;
    }
  }
  for (const key of Object.keys(stored)) {
    if (!fields.includes(key) && !LOADER_ADDED.has(key) && stored[key] !== null && stored[key] !== undefined) {
      throw unknownProperty(node.label, node.id, key);
    }
  }
  return record;
}

/** The seed record a claim was loaded from. */
export function claimRecordOf(claim: GraphClaim): Properties {
  const stored: Properties = {
    ...claim.properties,
    id: claim.id,
    type: claim.type,
    subject: claim.subject,
    object: claim.object,
    sources: claim.properties.sourceIds,
  };
  delete stored.sourceIds;
  const record: Properties = {};
  for (const field of CLAIM_FIELDS) {
    const value = stored[field];
    if (value !== null && value !== undefined) {
      record[field] = value;
    }
  }
  for (const key of Object.keys(stored)) {
    if (!CLAIM_FIELDS.includes(key) && !LOADER_ADDED.has(key) && stored[key] !== null && stored[key] !== undefined) {
      throw unknownProperty('claim', claim.id, key);
    }
  }
  return record;
}
