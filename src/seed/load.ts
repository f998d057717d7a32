// Writes a validated seed graph. The load is idempotent: entities MERGE on their id (under the
// uniqueness constraints) and claims MERGE on their claim id, so loading twice gives the same
// graph. Rows go in batches with UNWIND, one statement per label and per relationship type.
// loadSeed writes in the caller's transaction (importGraph's, which also versions and audits what
// changed); loadSeedWith opens the transactions for callers that hold only an Executor: one for
// everything by default, so a failure leaves the database as it was, or one per batch.
import { ENTITY_LABEL, type Label, type RelationshipType } from '../graph/model';
import { LABELS } from '../graph/registry';
import { RELATIONSHIP_TYPES } from '../graph/enums';
import { type Executor, type Tx } from '../db/database';
import {
  type ClaimRecord,
  type EntityRecord,
  STORED_CLAIM_KEYS,
  storedEntityKeys,
} from './schema';
import type { SeedGraph } from './validate';
import { type ClaimKey, refreshScores, refreshScoresOf, SCORED_FROM } from '../graph/evidence/score.store';
import { buildEvidenceCards, dropEvidenceCards, touchCards } from '../graph/dashboard/card.store';

type Props = Record<string, unknown>;

/** A seed record as stored on a node: `sources` become `sourceIds`, plus the derived search text. */
export function recordProperties(record: EntityRecord): Props {
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

function withNulls(props: Props, keys: readonly string[]): Props {
  return Object.fromEntries(keys.map((k) => [k, props[k] ?? null]));
}

export interface LoadOptions {
  /** Rows per UNWIND statement. */
  batchSize?: number;
  /** Recorded as updatedBy on entities this load creates. */
  agent?: string;
  onProgress?: (done: LoadResult) => void;
}

export interface LoadWithOptions extends LoadOptions {
  /** One transaction for everything (the default), or one per batch for very large loads. */
  singleTransaction?: boolean;
  /** Transaction timeout for the load (a whole seed is one transaction; the request default is short). */
  timeoutMs?: number;
  /**
   * For a load in parts: store the evidence cards at the end (the default). A caller loading a
   * graph in several loads leaves it to the last, or calls buildEvidenceCards itself.
   */
  buildCards?: boolean;
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

/** One UNWIND statement of a load, with its rows. */
interface LoadStep {
  cypher: string;
  rows: Props[];
  kind: keyof LoadResult;
}

function planLoad(graph: SeedGraph, batchSize: number): LoadStep[] {
  const steps: LoadStep[] = [];
  for (const label of LABELS) {
    const keys = storedEntityKeys(label);
    const rows = graph.entities
      .filter((e) => e.label === label)
      .map((e) => ({ id: e.record.id, props: withNulls(recordProperties(e.record), keys) }));
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
        props: withNulls(claimProperties(c.record), STORED_CLAIM_KEYS),
      }));
    for (const batch of chunks(rows, batchSize)) {
      steps.push({ cypher: mergeClaims(type), rows: batch, kind: 'claims' });
    }
  }
  return steps;
}

async function runStep(tx: Tx, step: LoadStep, agent: string, done: LoadResult, options: LoadOptions) {
  const [row] = await tx.run<{ written: number }>(step.cypher, { rows: step.rows, agent });
  if (row.written !== step.rows.length) {
    // A claim whose endpoint is missing matches nothing; refuse rather than load half of it.
    throw new Error(`loaded ${row.written} of ${step.rows.length} ${step.kind} in a batch: an endpoint is missing`);
  }
  done[step.kind] += row.written;
  options.onProgress?.({ ...done });
}

const DEFAULT_BATCH_SIZE = 5_000;

const claimKeys = (graph: SeedGraph): ClaimKey[] => graph.claims.map((c) => ({ type: c.record.type, id: c.record.id }));

/**
 * Writes the whole graph in the caller's transaction, then the evidence scores of its claims and
 * of the claims already in the graph that its sources, trials and outcomes change.
 */
export async function loadSeed(tx: Tx, graph: SeedGraph, options: LoadOptions = {}): Promise<LoadResult> {
  const agent = options.agent ?? 'seed';
  const done: LoadResult = { entities: 0, claims: 0 };
  for (const step of planLoad(graph, options.batchSize ?? DEFAULT_BATCH_SIZE)) {
    await runStep(tx, step, agent, done, options);
  }
  await touchCards(tx, [
    ...graph.entities.map((e) => e.record.id),
    ...graph.claims.flatMap((c) => [c.record.subject, c.record.object]),
  ]);
  await refreshScores(tx, claimKeys(graph));
  const scoredFrom = graph.entities.filter((e) => SCORED_FROM.includes(e.label));
  await refreshScoresOf(
    tx,
    scoredFrom.map((e) => e.record.id),
    scoredFrom.some((e) => e.label === 'Source'),
  );
  return done;
}

/** Opens the load's transactions: one for the whole graph (the default), or one per batch. */
export async function loadSeedWith(
  executor: Executor,
  graph: SeedGraph,
  options: LoadWithOptions = {},
): Promise<LoadResult> {
  const txOptions = { timeoutMs: options.timeoutMs };
  if (options.singleTransaction !== false) {
    // A retried transaction starts again from nothing, and so does its progress.
    return executor.writeTx('seed.load', (tx) => loadSeed(tx, graph, options), txOptions);
  }
  const agent = options.agent ?? 'seed';
  const done: LoadResult = { entities: 0, claims: 0 };
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  // The parts keep no evidence cards (each would recompute every card below what it adds), so
  // none is read until all are built again at the end.
  await dropEvidenceCards(executor);
  for (const step of planLoad(graph, batchSize)) {
    await executor.writeTx('seed.load', (tx) => runStep(tx, step, agent, done, options), txOptions);
  }
  // A load in parts is for new, large graphs: the scores of its own claims, batch by batch.
  for (const batch of chunks(claimKeys(graph), batchSize)) {
    await executor.writeTx('seed.scores', (tx) => refreshScores(tx, batch), txOptions);
  }
  if (options.buildCards !== false) {
    await buildEvidenceCards(executor, undefined, txOptions);
  }
  return done;
}
