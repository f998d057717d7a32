import type { Executor } from '../../db/database';
import { LABELS } from '../registry';
import { RELATIONSHIP_TYPES } from '../enums';

// name: graphStats — one round trip; every count comes from Neo4j's count store (constant time).
// The constants follow the aggregation: grouping by a constant would drop labels with no nodes.
// Labels and types are interpolated from the entity and relationship definitions only.
const GRAPH_STATS = `
CALL {
${LABELS.map((label) => `  MATCH (n:${label}) WITH count(n) AS count RETURN 'node' AS kind, '${label}' AS name, count`).join('\n  UNION ALL\n')}
  UNION ALL
${RELATIONSHIP_TYPES.map((type) => `  MATCH ()-[r:${type}]->() WITH count(r) AS count RETURN 'relationship' AS kind, '${type}' AS name, count`).join('\n  UNION ALL\n')}
}
RETURN kind, name, count`;

export interface GraphCounts {
  nodes: Array<{ label: string; count: number }>;
  relationships: Array<{ type: string; count: number }>;
}

export async function graphCounts(executor: Executor): Promise<GraphCounts> {
  const rows = await executor.read<{ kind: string; name: string; count: number }>('graphStats', GRAPH_STATS);
  return {
    nodes: rows.filter((r) => r.kind === 'node').map((r) => ({ label: r.name, count: r.count })),
    relationships: rows.filter((r) => r.kind === 'relationship').map((r) => ({ type: r.name, count: r.count })),
  };
}
