// Writes a validated seed graph. The load is idempotent: entities MERGE on their id (under the
// uniqueness constraints) and claims MERGE on their claim id, so loading twice gives the same
// graph. Rows go in batches with UNWIND, one statement per label and per relationship type.
// By default everything is one transaction: a failure leaves the database as it was.
import { ENTITY_LABEL, type Label, type RelationshipType } from '../graph/model';
import { LABELS } from '../graph/registry';
import { RELATIONSHIP_TYPES } from '../graph/enums';
import type { Executor, Tx } from '../db/database';
import { CLAIM_SCHEMA, type ClaimRecord, type EntityRecord, RECORD_SCHEMAS } from './schema';
import type { SeedGraph } from './validate';

/** Curation metadata the loader keeps across reloads; it is not part of a seed record. */
export const METADATA_PROPERTIES = ['createdAt', 'updatedAt', 'updatedBy', 'version'] as const;
/** Properties derived from a record for the full-text index; not part of a seed record. */
export const DERIVED_PROPERTIES = ['synonymsText', 'identifiersText'] as const;

type Props = Record<string, unknown>;

/** A seed record as stored on a node: `sources` become `sourceIds`, plus the derived search text. */
export function entityProperties(record: EntityRecord): Props {
  const { sources, ...rest } = record as EntityRecord & { sources?: string[] };
  const r = record as Record<string, unknown>;
  const identifiers = [r.curie, ...((r.xrefs as string[] | undefined) ?? []), r.registryId, r.acronym, r.doi, r.pmid, r.pmcid]
    .filter((v): v is string => typeof v === 'string');
  return {
    ...rest,
    sourceIds: sources ?? [],
    synonymsText: ((r.synonyms as string[] | undefined) ?? []).join(' ; '),
    identifiersText: identifiers.join(' '),
  };
}

export function claimProperties(record: ClaimRecord): Props {
  const { subject: _subject, object: _object, type: _type, sources, ...rest } = record;
  return { ...rest, sourceIds: sources };
}

// The statements below never read a property they also write, so the planner needs no Eager
// (which would buffer every row): absent optional properties are removed by SET += with null,
// and metadata is set only ON CREATE.

// name: mergeEntities — label interpolated from the closed LABELS enum only
const mergeEntities = (label: Label) => `
UNWIND $rows AS row
MERGE (n:${ENTITY_LABEL} {id: row.id})
ON CREATE SET n.createdAt = datetime(), n.updatedAt = datetime(), n.version = 1, n.updatedBy = $agent
SET n += row.props, n:${label}
RETURN count(n) AS written`;

// name: mergeClaims — relationship type interpolated from the closed RELATIONSHIP_TYPES enum only
const mergeClaims = (type: RelationshipType) => `
UNWIND $rows AS row
MATCH (a:${ENTITY_LABEL} {id: row.subject})
MATCH (b:${ENTITY_LABEL} {id: row.object})
MERGE (a)-[r:${type} {id: row.id}]->(b)
ON CREATE SET r.createdAt = datetime()
SET r += row.props
RETURN count(r) AS written`;

/**
 * Every property a record of the label may store, so absent ones can be written as null. The id
 * is left out: MERGE sets it, and writing it again would be a read/write conflict (an Eager).
 */
const entityKeys = (label: Label) => [
  ...Object.keys(RECORD_SCHEMAS[label].shape).filter((k) => k !== 'sources' && k !== 'id'),
  'sourceIds',
  ...DERIVED_PROPERTIES,
];
const CLAIM_KEYS = [...Object.keys(CLAIM_SCHEMA.shape).filter((k) => !['id', 'subject', 'object', 'type', 'sources'].includes(k)), 'sourceIds'];

function withNulls(props: Props, keys: readonly string[]): Props {
  return Object.fromEntries(keys.map((k) => [k, props[k] ?? null]));
}

export interface LoadOptions {
  /** Rows per UNWIND statement. */
  batchSize?: number;
  /** One transaction for everything (the default), or one per batch for very large loads. */
  singleTransaction?: boolean;
  /** Recorded as updatedBy on entities this load creates. */
  agent?: string;
  /** Transaction timeout for the load (a whole seed is one transaction; the request default is short). */
  timeoutMs?: number;
  onProgress?: (done: { entities: number; claims: number }) => void;
}

export interface LoadResult {
  entities: number;
  claims: number;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

export async function loadSeed(executor: Executor, graph: SeedGraph, options: LoadOptions = {}): Promise<LoadResult> {
  const batchSize = options.batchSize ?? 5_000;
  const agent = options.agent ?? 'seed';
  const steps: Array<{ cypher: string; rows: Props[]; kind: 'entities' | 'claims' }> = [];
  for (const label of LABELS) {
    const keys = entityKeys(label);
    const rows = graph.entities
      .filter((e) => e.label === label)
      .map((e) => ({ id: e.record.id, props: withNulls(entityProperties(e.record), keys) }));
    for (const batch of chunks(rows, batchSize)) {
      steps.push({ cypher: mergeEntities(label), rows: batch, kind: 'entities' });
    }
  }
  for (const type of RELATIONSHIP_TYPES) {
    const rows = graph.claims
      .filter((c) => c.record.type === type)
      .map((c) => ({
        id: c.record.id,
        subject: c.record.subject,
        object: c.record.object,
        props: withNulls(claimProperties(c.record), CLAIM_KEYS),
      }));
    for (const batch of chunks(rows, batchSize)) {
      steps.push({ cypher: mergeClaims(type), rows: batch, kind: 'claims' });
    }
  }

  const done: LoadResult = { entities: 0, claims: 0 };
  const runStep = async (tx: Tx, step: (typeof steps)[number]) => {
    const [row] = await tx.run<{ written: number }>(step.cypher, { rows: step.rows, agent });
    if (row.written !== step.rows.length) {
      // A claim whose endpoint is missing matches nothing; refuse rather than load half of it.
      throw new Error(`loaded ${row.written} of ${step.rows.length} ${step.kind} in a batch: an endpoint is missing`);
    }
    done[step.kind] += row.written;
    options.onProgress?.({ ...done });
  };

  if (options.singleTransaction === false) {
    for (const step of steps) {
      await executor.writeTx('seed.load', (tx) => runStep(tx, step), { timeoutMs: options.timeoutMs });
    }
  } else {
    await executor.writeTx(
      'seed.load',
      async (tx) => {
        done.entities = 0;
        done.claims = 0;
        for (const step of steps) {
          await runStep(tx, step);
        }
      },
      { timeoutMs: options.timeoutMs },
    );
  }
  return done;
}
