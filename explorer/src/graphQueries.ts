// The graph view's operation: one neighbourhood with each claim's evidence, so a click on a
// relationship shows its evidence at once (the sources' titles come from sources.ts).
import type { EntityRef } from './queries';

export const GRAPH_NEIGHBORHOOD = `
query ExplorerGraph($id: ID!, $limit: Int) {
  neighborhood(id: $id, depth: 1, limit: $limit) {
    nodes { __typename id name }
    edges { id source target type evidence { level knowledgeLevel agentType retrievedAt note score { value } sourceIds } }
    truncated
  }
}`;

export interface ClaimEvidence {
  level: string;
  knowledgeLevel: string;
  agentType: string;
  retrievedAt: string | null;
  note: string | null;
  score: { value: number } | null;
  sourceIds: string[];
}

export interface GraphNeighborhoodResult {
  neighborhood: {
    nodes: EntityRef[];
    edges: Array<{ id: string; source: string; target: string; type: string; evidence: ClaimEvidence }>;
    truncated: boolean;
  };
}
