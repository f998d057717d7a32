// The eight dashboard operations as a client of this server sends them.
import type { BenchParams, BenchRequest, OperationName } from '../types';

const DOCUMENTS: Record<OperationName, string> = {
  trialsNested: `
query TrialsNested($conditionId: String!, $phases: [TrialPhase!], $first: Int) {
  trials(filter: { conditionIds: [$conditionId], phase: $phases }, orderBy: { field: NAME }, first: $first) {
    edges {
      node {
        id
        name
        phase
        status
        outcomes(first: 5) {
          edges {
            evidence { level sourceIds }
            node { id name measure direction value unit sources { id name } }
          }
        }
        interventions(first: 5) {
          edges {
            evidence { level }
            node { id name kind sources { id name } }
          }
        }
        sources { id name year }
      }
    }
  }
}`,
  evidenceSummary: `
query EvidenceSummary($conditionId: ID!) {
  evidenceSummary(conditionId: $conditionId) {
    trialCount
    evidenceLevels { level count }
    trials { id name phase }
    bestOutcomes {
      outcome { id name measure value unit }
      trial { id name }
      evidence { level sourceIds }
    }
    riskCount
    risks { risk { id name severity } evidenceCount evidence { level sourceIds } }
    regulatoryStatusCount
    regulatoryStatuses { status { id name status } evidenceCount evidence { level } }
  }
}`,
  trialAggregates: `
query TrialAggregates {
  trialAggregates {
    trialCount
    byPhase { value count }
    byStatus { value count }
  }
}`,
  search: `
query Search($text: String!) {
  search(query: $text, first: 10) {
    totalCount
    edges { score node { __typename id name } }
  }
}`,
  neighborhood: `
query Neighborhood($id: ID!) {
  neighborhood(id: $id, depth: 2, limit: 50) {
    truncated
    nodes { __typename id name }
    edges { id source target type evidence { level } }
  }
}`,
  paths: `
query Paths($from: ID!, $to: ID!) {
  paths(from: $from, to: $to, maxLength: 4, first: 5) {
    length
    steps { type forward from { id } to { id } evidence { level sourceIds } }
  }
}`,
  deepPage: `
query DeepPage($first: Int, $after: String) {
  trials(orderBy: { field: NAME }, first: $first, after: $after) {
    edges { cursor node { id name phase } }
    pageInfo { hasNextPage endCursor }
  }
}`,
  totalCount: `
query TotalCount {
  outcomes { totalCount }
}`,
};

const post = (query: string, variables: Record<string, unknown> = {}): BenchRequest => ({
  path: '/graphql',
  body: JSON.stringify({ query, variables }),
});

async function graphql(baseUrl: string, request: BenchRequest): Promise<any> {
  const response = await fetch(`${baseUrl}${request.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: request.body,
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors !== undefined) {
    throw new Error(`our server answered with errors: ${JSON.stringify(body.errors).slice(0, 500)}`);
  }
  return body.data;
}

/** The cursor after page `page - 1`, found by paging as a client would (keyset cursors). */
async function cursorBefore(baseUrl: string, page: number, pageSize: number): Promise<string | null> {
  let after: string | null = null;
  for (let p = 1; p < page; p++) {
    const data = await graphql(baseUrl, post(DOCUMENTS.deepPage, { first: pageSize, after }));
    after = data.trials.pageInfo.endCursor;
  }
  return after;
}

export async function ourRequests(baseUrl: string, params: BenchParams): Promise<Record<OperationName, BenchRequest>> {
  return {
    trialsNested: post(DOCUMENTS.trialsNested, {
      conditionId: params.conditionId,
      phases: params.phases,
      first: params.pageSize,
    }),
    evidenceSummary: post(DOCUMENTS.evidenceSummary, { conditionId: params.conditionId }),
    trialAggregates: post(DOCUMENTS.trialAggregates),
    search: post(DOCUMENTS.search, { text: params.searchText }),
    neighborhood: post(DOCUMENTS.neighborhood, { id: params.centreId }),
    paths: post(DOCUMENTS.paths, { from: params.cellSourceId, to: params.conditionId }),
    deepPage: post(DOCUMENTS.deepPage, {
      first: params.pageSize,
      after: await cursorBefore(baseUrl, 50, params.pageSize),
    }),
    totalCount: post(DOCUMENTS.totalCount),
  };
}
