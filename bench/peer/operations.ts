// The eight benchmark operations as a client of the @neo4j/graphql peer sends them: generated
// queries (where/sort/limit, connections, connection aggregates) wherever they can express the
// operation, and the schema's @cypher Query fields (typeDefs.ts) only where they cannot.
import { type BenchParams, type BenchRequest, type OperationName } from '../types';

type Where = Record<string, unknown>;

/** The @limit max of every type: a larger `first` or `limit` is cut to it by the library. */
const MAX_PAGE_SIZE = 100;
/** The evidence card lists this many risks and statuses, each with this many claims (as SUMMARY_* in src/graph/dashboard). */
const SUMMARY_LIST_LIMIT = 20;
const SUMMARY_EVIDENCE_LIMIT = 5;

/** `{ <field>: { some: { <field>: { some: ... inner } } } }`, `depth` times. */
function nested(field: string, depth: number, inner: Where): Where {
  let where = inner;
  for (let i = 0; i < depth; i += 1) {
    where = { [field]: { some: where } };
  }
  return where;
}

/**
 * A condition that is `conditionId` or one of its subtypes, up to 3 SUBCLASS_OF levels down (the
 * `SUBCLASS_OF*0..3` of our server's conditionIds filter), as a generated ConditionWhere.
 */
export function conditionOrSubtype(conditionId: string): Where {
  const self = { id: { eq: conditionId } };
  return { OR: [0, 1, 2, 3].map((depth) => nested('parents', depth, self)) };
}

/**
 * A condition related to `conditionId` as our evidence card's regulatory statuses read it: the
 * condition itself, an ancestor or a subtype (up to 3 SUBCLASS_OF levels either way).
 */
function conditionOrRelative(conditionId: string): Where {
  const self = { id: { eq: conditionId } };
  return {
    OR: [
      self,
      ...[1, 2, 3].map((depth) => nested('subtypes', depth, self)),
      ...[1, 2, 3].map((depth) => nested('parents', depth, self)),
    ],
  };
}

/** Trials studying the condition or a subtype of it. */
export function trialsOfCondition(conditionId: string): Where {
  return { conditions: { some: conditionOrSubtype(conditionId) } };
}

const request = (query: string, variables: Record<string, unknown> = {}): BenchRequest => ({
  path: '/graphql',
  body: JSON.stringify({ query, variables }),
});

// 1. Trials by condition and phase, three levels deep, with claims and cited sources.
const TRIALS_NESTED = /* GraphQL */ `
  query TrialsNested($where: TrialWhere!, $first: Int!) {
    trials(where: $where, sort: [{ name: ASC }, { id: ASC }], limit: $first) {
      id
      name
      phase
      status
      outcomesConnection(first: 5, sort: [{ node: { name: ASC } }, { node: { id: ASC } }]) {
        edges {
          properties {
            level
            sourceIds
          }
          node {
            id
            name
            measure
            direction
            value
            unit
            sources {
              id
              name
            }
          }
        }
      }
      interventionsConnection(first: 5, sort: [{ node: { name: ASC } }, { node: { id: ASC } }]) {
        edges {
          properties {
            level
          }
          node {
            id
            name
            kind
            sources {
              id
              name
            }
          }
        }
      }
      sources {
        id
        name
        year
      }
    }
  }
`;

// 2. The evidence card of a condition. Generated API: the trial count (connection aggregate), the
// risks reported by its trials and the regulatory statuses of the condition and its relatives,
// each with their claims (connection edges). @cypher: the parts ranked by the evidence-level
// scale or grouped by level, which the generated sorts (by property value) cannot express.
const EVIDENCE_SUMMARY = /* GraphQL */ `
  query EvidenceSummary($conditionId: ID!, $trials: TrialWhere!, $statusConditions: ConditionWhere!) {
    trialCount: trialsConnection(where: $trials) {
      aggregate {
        count {
          nodes
        }
      }
    }
    trials: evidenceTrials(conditionId: $conditionId, limit: 20) {
      id
      name
      phase
    }
    bestOutcomes: evidenceBestOutcomes(conditionId: $conditionId, limit: 10) {
      id
      name
      measure
      direction
      value
      unit
      timepointMonths
      trialsConnection(where: { node: $trials }, first: 1, sort: [{ edge: { level: ASC } }]) {
        edges {
          properties {
            id
            level
            sourceIds
          }
          node {
            id
            name
          }
        }
      }
    }
    riskCount: risksConnection(where: { reportedIn: { some: $trials } }) {
      totalCount
    }
    risks(
      where: { reportedIn: { some: $trials } }
      sort: [{ severity: DESC }, { name: ASC }, { id: ASC }]
      limit: ${SUMMARY_LIST_LIMIT}
    ) {
      id
      name
      severity
      frequency
      reportedInConnection(where: { node: $trials }, first: ${SUMMARY_EVIDENCE_LIMIT}, sort: [{ edge: { level: ASC } }, { edge: { id: ASC } }]) {
        totalCount
        edges {
          properties {
            id
            level
            sourceIds
          }
        }
      }
    }
    regulatoryStatusCount: regulatoryStatusesConnection(where: { conditions: { some: $statusConditions } }) {
      totalCount
    }
    regulatoryStatuses(
      where: { conditions: { some: $statusConditions } }
      sort: [{ name: ASC }, { id: ASC }]
      limit: ${SUMMARY_LIST_LIMIT}
    ) {
      id
      name
      jurisdiction
      status
      conditionsConnection(where: { node: $statusConditions }, first: ${SUMMARY_EVIDENCE_LIMIT}, sort: [{ edge: { level: ASC } }, { edge: { id: ASC } }]) {
        totalCount
        edges {
          properties {
            id
            level
            sourceIds
          }
        }
      }
    }
    evidenceLevels: evidenceLevelCounts(conditionId: $conditionId) {
      level
      count
    }
  }
`;

// 3. Trial counts by phase and by status: one aliased connection aggregate per enum value (the
// generated API has no count per group: @groupBy groups edges, it does not count them), plus the
// total. Each root field is a query of its own.
const TRIAL_AGGREGATES = /* GraphQL */ `
  query TrialAggregates {
    total: trialsConnection {
      aggregate {
        count {
          nodes
        }
      }
    }
    phase_EARLY_PHASE_1: trialsConnection(where: { phase: { eq: EARLY_PHASE_1 } }) {
      aggregate {
        count {
          nodes
        }
      }
    }
    phase_PHASE_1: trialsConnection(where: { phase: { eq: PHASE_1 } }) {
      aggregate {
        count {
          nodes
        }
      }
    }
    phase_PHASE_1_2: trialsConnection(where: { phase: { eq: PHASE_1_2 } }) {
      aggregate {
        count {
          nodes
        }
      }
    }
    phase_PHASE_2: trialsConnection(where: { phase: { eq: PHASE_2 } }) {
      aggregate {
        count {
          nodes
        }
      }
    }
    phase_PHASE_2_3: trialsConnection(where: { phase: { eq: PHASE_2_3 } }) {
      aggregate {
        count {
          nodes
        }
      }
    }
    phase_PHASE_3: trialsConnection(where: { phase: { eq: PHASE_3 } }) {
      aggregate {
        count {
          nodes
        }
      }
    }
    phase_PHASE_4: trialsConnection(where: { phase: { eq: PHASE_4 } }) {
      aggregate {
        count {
          nodes
        }
      }
    }
    phase_NOT_APPLICABLE: trialsConnection(where: { phase: { eq: NOT_APPLICABLE } }) {
      aggregate {
        count {
          nodes
        }
      }
    }
    status_NOT_YET_RECRUITING: trialsConnection(where: { status: { eq: NOT_YET_RECRUITING } }) {
      aggregate {
        count {
          nodes
        }
      }
    }
    status_RECRUITING: trialsConnection(where: { status: { eq: RECRUITING } }) {
      aggregate {
        count {
          nodes
        }
      }
    }
    status_ACTIVE_NOT_RECRUITING: trialsConnection(where: { status: { eq: ACTIVE_NOT_RECRUITING } }) {
      aggregate {
        count {
          nodes
        }
      }
    }
    status_COMPLETED: trialsConnection(where: { status: { eq: COMPLETED } }) {
      aggregate {
        count {
          nodes
        }
      }
    }
    status_TERMINATED: trialsConnection(where: { status: { eq: TERMINATED } }) {
      aggregate {
        count {
          nodes
        }
      }
    }
    status_UNKNOWN: trialsConnection(where: { status: { eq: UNKNOWN } }) {
      aggregate {
        count {
          nodes
        }
      }
    }
  }
`;

// 4. Full-text search over every label: @cypher (@fulltext queries one type at a time).
const SEARCH = /* GraphQL */ `
  query Search($phrase: String!) {
    search(phrase: $phrase, first: 10) {
      totalCount
      hits {
        score
        entity {
          label
          id
          name
        }
      }
    }
  }
`;

// 5. The neighbourhood of an entity, two claims deep over every relationship type: @cypher.
const NEIGHBORHOOD = /* GraphQL */ `
  query Neighborhood($centreId: ID!) {
    neighborhood(centreId: $centreId, depth: 2, limit: 50) {
      nodes {
        label
        id
        name
      }
      claims {
        id
        type
        sourceId
        targetId
        level
      }
    }
  }
`;

// 6. Shortest paths between two entities over every relationship type: @cypher.
const PATHS = /* GraphQL */ `
  query Paths($fromId: ID!, $toId: ID!) {
    paths(fromId: $fromId, toId: $toId, first: 5) {
      length
      steps {
        forward
        from {
          label
          id
          name
        }
        to {
          label
          id
          name
        }
        claim {
          id
          type
          level
          sourceIds
        }
      }
    }
  }
`;

// 7. A deep page of trials sorted by name, in the library's offset form. Its connection form
// (`trialsConnection(first, after, sort)`, offset cursors) collects every trial into one list and
// then sorts and skips; at scale M that exceeds Neo4j's transaction memory limit (1 GiB) from page
// 14 on, so page 50 cannot be read that way at all.
const TRIALS_PAGE = /* GraphQL */ `
  query TrialsPage($limit: Int!, $offset: Int!) {
    trials(limit: $limit, offset: $offset, sort: [{ name: ASC }, { id: ASC }]) {
      id
      name
      phase
    }
  }
`;

// 8. How many nodes the largest label has: the connection's totalCount. (The v7 Aggregations page
// shows `aggregate { count { nodes } }`, but in 7.6 that compiles to count(DISTINCT …) over a label
// scan, while totalCount alone is answered from Neo4j's count store: the peer gets its faster form.)
const totalCountQuery = (connectionField: string) => `query TotalCount {
  ${connectionField} {
    totalCount
  }
}
`;

/** The root connection field of a label: Outcome → outcomesConnection (the library's plural). */
const CONNECTION_FIELD: Record<string, string> = {
  CellSource: 'cellSourcesConnection',
  CellType: 'cellTypesConnection',
  Product: 'productsConnection',
  Mechanism: 'mechanismsConnection',
  Condition: 'conditionsConnection',
  Trial: 'trialsConnection',
  Outcome: 'outcomesConnection',
  Risk: 'risksConnection',
  RegulatoryStatus: 'regulatoryStatusesConnection',
  Source: 'sourcesConnection',
};

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/**
 * The Lucene query our server runs for plain words (src/graph/explore/explore.repository.ts,
 * planSearch): the words, the last one also as a prefix, and matches in the name weighted double.
 * The peer's `search` takes Lucene syntax as @fulltext does, so the client sends the same query.
 */
export function luceneFor(text: string): string {
  const tokens = text.trim().split(/\s+/u).filter(Boolean);
  const terms = tokens.map((t) => t.replace(LUCENE_SPECIAL, (c) => `\\${c}`));
  const prefix = (tokens.at(-1)?.match(/[\p{L}\p{N}]+$/u)?.[0] ?? '').toLowerCase();
  if (prefix.length >= 2) {
    terms.push(`${prefix}*`);
  }
  const words = terms.join(' ');
  return `${words} name:(${words})^2`;
}

interface GraphQLResponse<T> {
  data?: T;
  errors?: Array<{ message: string }>;
}

export async function postGraphQL<T>(baseUrl: string, body: string): Promise<T> {
  const response = await fetch(new URL('/graphql', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const json = (await response.json()) as GraphQLResponse<T>;
  if (!response.ok || json.errors !== undefined || json.data === undefined) {
    throw new Error(`GraphQL request failed (HTTP ${response.status}): ${JSON.stringify(json.errors ?? json)}`);
  }
  return json.data;
}

/** The request for page `page` (1-based) of trials by name, `pageSize` a page. */
export function trialsPageRequest(pageSize: number, page: number): BenchRequest {
  return request(TRIALS_PAGE, { limit: pageSize, offset: (page - 1) * pageSize });
}

export const DEEP_PAGE = 50;

export async function peerRequests(baseUrl: string, params: BenchParams): Promise<Record<OperationName, BenchRequest>> {
  if (!Number.isInteger(params.pageSize) || params.pageSize < 1 || params.pageSize > MAX_PAGE_SIZE) {
    throw new Error(`pageSize must be 1 to ${MAX_PAGE_SIZE} (the schema's @limit max), not ${params.pageSize}`);
  }
  const trials = trialsOfCondition(params.conditionId);
  const connectionField = CONNECTION_FIELD[params.largestLabel];
  if (connectionField === undefined) {
    throw new Error(`unknown label ${params.largestLabel}`);
  }
  return {
    trialsNested: request(TRIALS_NESTED, {
      where: { phase: { in: params.phases }, ...trials },
      first: params.pageSize,
    }),
    evidenceSummary: request(EVIDENCE_SUMMARY, {
      conditionId: params.conditionId,
      trials,
      statusConditions: conditionOrRelative(params.conditionId),
    }),
    trialAggregates: request(TRIAL_AGGREGATES),
    search: request(SEARCH, { phrase: luceneFor(params.searchText) }),
    neighborhood: request(NEIGHBORHOOD, { centreId: params.centreId }),
    paths: request(PATHS, { fromId: params.cellSourceId, toId: params.conditionId }),
    deepPage: trialsPageRequest(params.pageSize, DEEP_PAGE),
    totalCount: request(totalCountQuery(connectionField)),
  };
}
