// A canonical, order-independent reading of the whole graph: every entity with its label and
// properties, every claim with its endpoints and evidence. Curation metadata (timestamps, version,
// updatedBy) and derived search text are left out, so two loads of the same data compare equal.
// Used by the checksum that proves idempotent seeding and lossless export/import.
import { createHash } from 'node:crypto';
import type { Executor } from '../db/database';
import { DERIVED_PROPERTIES, METADATA_PROPERTIES } from '../seed/schema';
import { ENTITY_LABEL } from './model';

export interface SnapshotNode {
  id: string;
  label: string;
  properties: Record<string, unknown>;
}
export type SnapshotRelationship = {
  id: string;
  type: string;
  source: string;
  target: string;
  properties: Record<string, unknown>;
};
export interface Snapshot {
  nodes: SnapshotNode[];
  relationships: SnapshotRelationship[];
}

// name: snapshotNodes
const SNAPSHOT_NODES = `
MATCH (n:${ENTITY_LABEL})
RETURN n.id AS id, [l IN labels(n) WHERE l <> '${ENTITY_LABEL}'][0] AS label, properties(n) AS properties
ORDER BY id`;
// name: snapshotRelationships
const SNAPSHOT_RELATIONSHIPS = `
MATCH (a:${ENTITY_LABEL})-[r]->(b:${ENTITY_LABEL})
RETURN r.id AS id, type(r) AS type, a.id AS source, b.id AS target, properties(r) AS properties
ORDER BY id, type, source, target`;

const SKIPPED = new Set<string>([...METADATA_PROPERTIES, ...DERIVED_PROPERTIES]);

function clean(properties: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(properties)
      .filter(([key]) => !SKIPPED.has(key))
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

export async function readSnapshot(executor: Executor): Promise<Snapshot> {
  return executor.readTx('snapshot', async (tx) => {
    const nodes = await tx.run<{ id: string; label: string; properties: Record<string, unknown> }>(SNAPSHOT_NODES);
    const relationships = await tx.run<SnapshotRelationship>(SNAPSHOT_RELATIONSHIPS);
    return {
      nodes: nodes.map((n) => ({ ...n, properties: clean(n.properties) })),
      relationships: relationships.map((r) => ({ ...r, properties: clean(r.properties) })),
    };
  });
}

/** sha256 over the canonical JSON of a snapshot. */
export function snapshotChecksum(snapshot: Snapshot): string {
  return createHash('sha256').update(JSON.stringify(snapshot)).digest('hex');
}
