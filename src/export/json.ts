// The `json` format: node-link JSON as networkx writes and reads it (networkx.node_link_data /
// node_link_graph with their defaults since networkx 3.6), directed and a multigraph, because two
// claims of one type may join the same pair (where sources disagree).
//   { "directed": true, "multigraph": true, "graph": {"name": "discgraph"},
//     "nodes": [ {"id", "label", ...the seed record's fields} ],
//     "edges": [ {"source", "target", "key" (the claim id), "type", "level", "knowledgeLevel",
//                 "agentType", "sources", "note", "retrievedAt"} ] }
// The edge list's key may be chosen: "edges" (networkx 3.6's default) or "links" (d3-force's
// name, and networkx's default before 3.6). Every node and edge object is also a valid
// Cytoscape.js element `data` (an edge needs its key as `id`). One element a line, so the
// document streams and diffs well. It re-imports losslessly under either key.
import type { GraphSource } from './export.repository';
import { claimRecordOf, entityRecordOf, type GraphClaim, type GraphNode, type Properties } from './records';

export const NODE_LINK_GRAPH = { name: 'discgraph' } as const;

/** The names the edge list may have; the first is the default. */
export const EDGE_KEYS = ['edges', 'links'] as const;
export type EdgeKey = (typeof EDGE_KEYS)[number];
export const DEFAULT_EDGE_KEY: EdgeKey = EDGE_KEYS[0];

export const isEdgeKey = (value: unknown): value is EdgeKey => (EDGE_KEYS as readonly unknown[]).includes(value);

export interface NodeLinkOptions {
  edgeKey?: EdgeKey;
}

export function nodeLinkNode(node: GraphNode): Properties {
  const { id, ...rest } = entityRecordOf(node);
  return { id, label: node.label, ...rest };
}

export function nodeLinkLink(claim: GraphClaim): Properties {
  const { id, type, subject, object, ...rest } = claimRecordOf(claim);
  return { source: subject, target: object, key: id, type, ...rest };
}

export async function* nodeLinkChunks(source: GraphSource, options: NodeLinkOptions = {}): AsyncGenerator<string> {
  const edgeKey = options.edgeKey ?? DEFAULT_EDGE_KEY;
  yield `{"directed":true,"multigraph":true,"graph":${JSON.stringify(NODE_LINK_GRAPH)},"nodes":[`;
  let separator = '\n';
  for await (const node of source.nodes()) {
    yield separator + JSON.stringify(nodeLinkNode(node));
    separator = ',\n';
  }
  yield `\n],${JSON.stringify(edgeKey)}:[`;
  separator = '\n';
  for await (const claim of source.claims()) {
    yield separator + JSON.stringify(nodeLinkLink(claim));
    separator = ',\n';
  }
  yield '\n]}\n';
}
