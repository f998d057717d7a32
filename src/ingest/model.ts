// What an ingestion states, before it meets the graph: entities and claims, each with the source
// record that states it. A reader (ctgov.ts, pubmed.ts, europepmc.ts, obographs.ts) turns a public
// API's response into an IngestBatch; apply.ts merges the batch into the graph by the rules of
// merge.ts. Nothing here touches the database.
import type { AgentType, EvidenceLevel, KnowledgeLevel, Label, RelationshipType } from '../graph/model';

/** The ingestions there are; each is the actor of the audit entries it writes (`ingest:ctgov`). */
export const INGESTIONS = ['ctgov', 'pubmed', 'europepmc', 'ontology'] as const;
export type Ingestion = (typeof INGESTIONS)[number];
export type IngestAgent = `ingest:${Ingestion}`;

/** A property that finds an entity the graph may already hold (a curated trial by its NCT id). */
export type MatchProperty = 'registryId' | 'curie' | 'doi' | 'pmid' | 'pmcid';

/** One source record's statement of an entity's fields. */
export interface EntityStatement {
  /** The kind to create when nothing matches. */
  label: Label;
  /** The id to create it under. */
  id: string;
  /** Identifiers by which an entity already in the graph is this one. */
  match: Array<{ property: MatchProperty; value: string }>;
  /** Whether an entity of another kind that matches is this one (an ontology term used as a Risk). */
  anyLabel?: boolean;
  /** The field values the source states. */
  fields: Record<string, unknown>;
  /** Values for required fields the source leaves out, used only when the entity is created. */
  defaults?: Record<string, unknown>;
  /** The Source id that states them (for a Source, its own id). */
  source: string;
  /**
   * Whether the statement gives every field this ingestion maps, so that a field it set before and
   * leaves out now was removed from the record (a registry record); otherwise absent fields are kept.
   */
  complete: boolean;
  /** Fields whose change alone is no change (the access date of a record that did not change). */
  volatile?: readonly string[];
  /** The record in the input, for reports: an NCT id, a PMID, a CURIE. */
  record: string;
}

/** One source record's claim. Its ends are statement ids or ids already in the graph. */
export interface ClaimStatement {
  id: string;
  type: RelationshipType;
  subject: string;
  object: string;
  level: EvidenceLevel;
  knowledgeLevel: KnowledgeLevel;
  agentType: AgentType;
  sources: string[];
  note?: string;
  record: string;
  /**
   * The object is found by an identifier (a trial by its NCT id) and the claim is made only when
   * the graph holds it; otherwise it is reported as unmapped.
   */
  objectMatch?: { label: Label; property: MatchProperty; value: string };
}

/** An input record or field that is refused: the file, the record and the field, and what is wrong. */
export interface IngestProblem {
  file: string;
  record: string;
  field: string;
  message: string;
  /** The kind the record would have become (a skipped record is counted as refused under it). */
  kind?: string;
}

/** A value no reviewed mapping covers: reported, never guessed. */
export interface Unmapped {
  record: string;
  field: string;
  value: string;
  /** The mapping-table keys that were tried. */
  keys: string[];
  /** Why it was not mapped, when no key could be (an ancestor of a kind without a hierarchy). */
  reason?: string;
}

export interface IngestBatch {
  agent: IngestAgent;
  /** When the records were retrieved (ISO 8601): the request's time, or a saved file's. */
  retrievedAt: string;
  /** Records read, for the summary. */
  records: number;
  entities: EntityStatement[];
  claims: ClaimStatement[];
  unmapped: Unmapped[];
  /** Invalid records left out (only with --skip-invalid; otherwise they refuse the run). */
  skipped: IngestProblem[];
}

export class IngestRefused extends Error {
  readonly userFacing = true;
  constructor(readonly problems: readonly IngestProblem[]) {
    super(
      `refused: ${problems.length} problem${problems.length === 1 ? '' : 's'}, nothing written\n` +
        problems.map((p) => `  ${p.file}: ${p.record}: ${p.field}: ${p.message}`).join('\n'),
    );
  }
}

/** A local id part from free text: lower-case words joined by hyphens. */
export function slug(text: string, max = 80): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return words.slice(0, max).replace(/-+$/, '') || 'unnamed';
}

/** A name as the mapping table keys it: lower case, accents and punctuation gone, spaces single. */
export function normalisedName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
