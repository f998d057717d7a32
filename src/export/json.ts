// The `json` format: node-link JSON as networkx writes and reads it (networkx.node_link_data /
// node_link_graph with edges="links", the default key up to networkx 3.5), directed and a
// multigraph, because two claims of one type may join the same pair (where sources disagree).
//   { "directed": true, "multigraph": true, "graph": {"name": "discgraph"},
//     "nodes": [ {"id", "label", ...the seed record's fields} ],
//     "links": [ {"source", "target", "key" (the claim id), "type", "level", "knowledgeLevel",
//                 "agentType", "sources", "note"} ] }
// Every node and link object is also a valid Cytoscape.js element `data` (a link needs its key as
// `id`). One element a line, so the document streams and diffs well. It re-imports losslessly.
import type { GraphSource } from './export.repository';
import { claimRecordOf, entityRecordOf, type GraphClaim, type GraphNode, type Properties } from './records';

export const NODE_LINK_GRAPH = { name: 'discgraph' } as const;

export function nodeLinkNode(node: GraphNode): Properties {
  const { id, ...rest } = entityRecordOf(node);
  return { id, label: node.label, ...rest };
}

export function nodeLinkLink(claim: GraphClaim): Properties {
  const { id, type, subject, object, ...rest } = claimRecordOf(claim);
  return { source: subject, target: object, key: id, type, ...rest };
}

export async function* nodeLinkChunks(source: GraphSource): AsyncGenerator<string> {
  yield `{"directed":true,"multigraph":true,"graph":${JSON.stringify(NODE_LINK_GRAPH)},"nodes":[`;
  let separator = '\n';
  for await (const node of source.nodes()) {
    yield separator + JSON.stringify(nodeLinkNode(node));
    separator = ',\n';
  }
  yield '\n],"links":[';
  separator = '\n';
  for await (const claim of source.claims()) {
    yield separator + JSON.stringify(nodeLinkLink(claim));
    separator = ',\n';
  }
  yield '\n]}\n';
}
