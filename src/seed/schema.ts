// The shape of a seed record. A seed file is
//   kind: <Label | Claim>
//   records: [ ... ]
// and every record is checked here before anything is written: an entity record against its
// kind's schema (src/graph/<entity>/<entity>.entity.ts), a claim against CLAIM_SCHEMA.
// Cross-record rules (duplicate ids, dangling references, claim endpoints) live in validate.ts.
import { z } from 'zod';
import { sourceRef, text } from '../graph/entity/define';
import { STORED_SCORE_KEYS } from '../graph/evidence/score';
import { RELATIONSHIP_TYPES } from '../graph/enums';
import { AGENT_TYPES, CLAIM_ID_PATTERN, EVIDENCE_LEVELS, KNOWLEDGE_LEVELS, type Label } from '../graph/model';
import { ENTITY_DEFINITIONS, ENTITY_ID_PATTERN, LABELS } from '../graph/registry';

/** Each kind's record schema. */
export const RECORD_SCHEMAS: Readonly<Record<Label, z.ZodObject>> = Object.fromEntries(
  LABELS.map((label) => [label, ENTITY_DEFINITIONS[label].record]),
);

/** The id of an entity of any kind. */
export const entityRef = z
  .string()
  .regex(ENTITY_ID_PATTERN, 'must be the id of an entity, such as condition:low-back-pain');

export const CLAIM_SCHEMA = z.strictObject({
  id: z.string().regex(CLAIM_ID_PATTERN, 'must look like claim:lower-case-words'),
  type: z.enum(RELATIONSHIP_TYPES as [string, ...string[]]),
  subject: entityRef,
  object: entityRef,
  level: z.enum(EVIDENCE_LEVELS),
  knowledgeLevel: z.enum(KNOWLEDGE_LEVELS),
  agentType: z.enum(AGENT_TYPES).default('MANUAL_AGENT'),
  sources: z.array(sourceRef).min(1, 'a claim needs at least one source'),
  note: text(1000).optional(),
  /** Set by an ingestion: when the source record was retrieved. */
  retrievedAt: z.iso.datetime({ offset: true, error: 'must be a date-time such as 2026-12-04T10:00:00Z' }).optional(),
});

/** A validated entity record: the fields every kind has, and its own. */
export interface EntityRecord {
  id: string;
  name: string;
  description?: string;
  synonyms?: string[];
  curie?: string;
  xrefs?: string[];
  sources?: string[];
  [field: string]: unknown;
}
export type ClaimRecord = z.infer<typeof CLAIM_SCHEMA>;
export type SeedKind = Label | 'Claim';

/** Curation metadata the loader keeps across reloads; it is not part of a seed record. */
export const METADATA_PROPERTIES = ['createdAt', 'updatedAt', 'updatedBy', 'version'] as const;
/**
 * Properties derived from a record, not part of it: the full-text index's text on entities, and
 * the evidence score on claims (src/graph/evidence/score.ts), which every writer recomputes.
 */
export const SEARCH_TEXT_PROPERTIES = ['synonymsText', 'identifiersText'] as const;
export const DERIVED_PROPERTIES = [...SEARCH_TEXT_PROPERTIES, ...STORED_SCORE_KEYS] as const;

/**
 * Every property a record of the label may store (`sources` stored as `sourceIds`, plus the
 * derived search text), so that absent ones can be written as null and SET += clears them. The id
 * is left out: MERGE and CREATE set it, and writing it again would be a read/write conflict (an Eager).
 */
export function storedEntityKeys(label: Label): string[] {
  return [
    ...Object.keys(RECORD_SCHEMAS[label].shape).filter((k) => k !== 'sources' && k !== 'id'),
    'sourceIds',
    ...SEARCH_TEXT_PROPERTIES,
  ];
}

/** Every property a claim may store on its relationship; its id, type and ends are the relationship's own. */
export const STORED_CLAIM_KEYS: readonly string[] = [
  ...Object.keys(CLAIM_SCHEMA.shape).filter((k) => !['id', 'subject', 'object', 'type', 'sources'].includes(k)),
  'sourceIds',
];

export const SEED_FILE_SCHEMA = z.strictObject({
  kind: z.enum(['Claim', ...LABELS]),
  records: z.array(z.unknown()),
});
