import type { Executor } from '../../db/database';
import { RELATIONSHIP_TYPES } from '../enums';
import { AUDIT_LABEL } from '../model';
import { LABELS } from '../registry';
import { type DataVersion, RELEASE_LABEL } from './release.repository';

// name: graphStats — one round trip; every count comes from Neo4j's count store (constant time).
// The constants follow the aggregation: grouping by a constant would drop labels with no nodes.
// Labels and types are interpolated from the entity and relationship definitions only.
// The latest data release comes with the counts: releases are few, and whether the graph changed
// since is one seek on the audit trail's `at` index (created by the first release) that stops at
// the first newer entry.
const GRAPH_STATS = `
CALL {
${LABELS.map((label) => `  MATCH (n:${label}) WITH count(n) AS count RETURN 'node' AS kind, '${label}' AS name, count`).join('\n  UNION ALL\n')}
  UNION ALL
${RELATIONSHIP_TYPES.map((type) => `  MATCH ()-[r:${type}]->() WITH count(r) AS count RETURN 'relationship' AS kind, '${type}' AS name, count`).join('\n  UNION ALL\n')}
}
WITH collect({kind: kind, name: name, count: count}) AS counts
OPTIONAL MATCH (release:${RELEASE_LABEL})
WITH counts, release
ORDER BY release.releasedAt DESC
LIMIT 1
RETURN counts,
  release.version AS dataVersion,
  toString(release.releasedAt) AS releasedAt,
  CASE
    WHEN release IS NULL THEN false
    ELSE EXISTS { MATCH (entry:${AUDIT_LABEL}) WHERE entry.at > release.releasedAt }
  END AS changedSinceRelease`;

export interface GraphCounts {
  nodes: Array<{ label: string; count: number }>;
  relationships: Array<{ type: string; count: number }>;
}

export interface GraphStatsResult extends GraphCounts {
  /** The latest release; null before the first. */
  release: DataVersion | null;
  /** Whether an audit entry is newer than the latest release; false when there is none. */
  changedSinceRelease: boolean;
}

type StatsRow = {
  counts: Array<{ kind: string; name: string; count: number }>;
  dataVersion: string | null;
  releasedAt: string | null;
  changedSinceRelease: boolean;
};

export async function graphStats(executor: Executor): Promise<GraphStatsResult> {
  const [row] = await executor.read<StatsRow>('graphStats', GRAPH_STATS);
  return {
    nodes: row.counts.filter((r) => r.kind === 'node').map((r) => ({ label: r.name, count: r.count })),
    relationships: row.counts.filter((r) => r.kind === 'relationship').map((r) => ({ type: r.name, count: r.count })),
    release:
      row.dataVersion === null || row.releasedAt === null
        ? null
        : { version: row.dataVersion, releasedAt: row.releasedAt },
    changedSinceRelease: row.changedSinceRelease,
  };
}

/** Node counts per label and relationship counts per type (the same single query). */
export async function graphCounts(executor: Executor): Promise<GraphCounts> {
  const { nodes, relationships } = await graphStats(executor);
  return { nodes, relationships };
}
