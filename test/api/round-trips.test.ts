// No N+1: a query that walks three levels over 50 parents makes one database query per level
// (plus one per selected totalCount), whatever the number of parents; a root page reads the
// relationship pages of its nodes in its own query, so the first two levels are one query. Counted
// on a synthetic graph of 1,000 trials loaded through the project's own validator and loader.
import { randomBytes } from 'node:crypto';
import { loadSynthetic, removeSynthetic } from '../support/synthetic';
import { ensureSeedGraph, gql, startTestServer, type TestServer } from '../support/harness';

let t: TestServer;
const prefix = `rt${randomBytes(3).toString('hex')}`;

beforeAll(async () => {
  t = await startTestServer();
  await ensureSeedGraph(t.database);
  await loadSynthetic(t.database.executor(), prefix, 1000);
}, 120_000);
afterAll(async () => {
  await removeSynthetic(t.database.executor(), prefix);
  await t.close();
});

const roundTrips = (res: { extensions?: Record<string, any> }) => res.extensions?.discgraph?.roundTrips as number;

describe('database round trips per request', () => {
  it('loaded the synthetic graph: 1,000 trials', async () => {
    const res = await gql(t.url, `{ trials(filter: { text: "${prefix} trial" }) { totalCount } }`);
    expect(res.data!.trials.totalCount).toBe(1000);
  });

  it('walks trials → outcomes → assessed risks over 50 parents in 2 queries', async () => {
    const res = await gql(
      t.url,
      `query($text: String!) { trials(first: 50, filter: { text: $text }) { edges { node { id
         outcomes(first: 5) { edges { evidence { level sources { id title } } node { id
           assessedRisks(first: 3) { edges { evidence { sources { id } } node { id name } } } } } } } } } }`,
      { text: `${prefix} trial` },
    );
    expect(res.errors).toBeUndefined();
    const trials = res.data!.trials.edges;
    expect(trials).toHaveLength(50);
    const outcomes = trials.flatMap((e: any) => e.node.outcomes.edges);
    expect(outcomes.length).toBeGreaterThan(50);
    expect(outcomes.every((o: any) => o.node.assessedRisks.edges.length === 1)).toBe(true);
    expect(outcomes[0].evidence.sources[0].id).toBe(`source:${prefix}-source`);
    // The trials with their outcomes, then the assessed risks of every outcome.
    expect(roundTrips(res)).toBe(2);
  });

  it('adds exactly one query per selected totalCount, and none when it is not selected', async () => {
    const res = await gql(
      t.url,
      `query($text: String!) { trials(first: 50, filter: { text: $text }) { totalCount edges { node {
         outcomes(first: 2) { totalCount edges { node { assessedRisks { totalCount edges { node { id } } } } } } } } } }`,
      { text: `${prefix} trial` },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.trials.totalCount).toBe(1000);
    expect(roundTrips(res)).toBe(2 + 3);
  });

  it('reads the relationship fields of a root page with it, for 50 or 100 parents alike', async () => {
    const query = `query($text: String!, $n: Int!) { trials(first: $n, filter: { text: $text }) { edges { node {
       conditions { edges { node { id } } } interventions { edges { node { id } } } outcomes { edges { node { id } } } } } } }`;
    const fifty = await gql(t.url, query, { text: `${prefix} trial`, n: 50 });
    const hundred = await gql(t.url, query, { text: `${prefix} trial`, n: 100 });
    expect(fifty.errors).toBeUndefined();
    expect(hundred.data!.trials.edges).toHaveLength(100);
    expect(roundTrips(fifty)).toBe(1);
    expect(roundTrips(hundred)).toBe(1);
  });

  it('reads the sources of listed nodes with their page: trials, their outcomes and interventions, with sources, in one query', async () => {
    const res = await gql(
      t.url,
      `query($text: String!) { trials(first: 50, filter: { text: $text }) { edges { node { id sources { id }
         outcomes { edges { node { id sources { id name } } } }
         interventions { edges { node { id sources { id } } } } } } } }`,
      { text: `${prefix} trial` },
    );
    expect(res.errors).toBeUndefined();
    const trials = res.data!.trials.edges;
    expect(trials).toHaveLength(50);
    expect(trials[0].node.sources).toEqual([{ id: `source:${prefix}-source` }]);
    expect(trials[0].node.outcomes.edges[0].node.sources).toEqual([
      { id: `source:${prefix}-source`, name: `${prefix} synthetic source` },
    ]);
    expect(trials[0].node.interventions.edges[0].node.sources).toEqual([{ id: `source:${prefix}-source` }]);
    expect(roundTrips(res)).toBe(1);
  });

  it('answers relationship fields read with the root page exactly as their own queries do', async () => {
    // The same selection under a root page (read ahead, in one query) and under nodes(ids:) (each
    // field through its loader), with arguments from variables, aliases and a fragment.
    const outcomeFields = `
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor evidence { level sourceIds sources { id } } node { id name measure timepointMonths sources { id } } }`;
    const fragment = `fragment TrialParts on Trial {
      id
      best: outcomes(first: 2, orderBy: $order, filter: $filter) { ${outcomeFields} }
      outcomes(first: 3) { ${outcomeFields} }
      conditions { edges { node { id } } }
    }`;
    const variables = {
      text: `${prefix} trial`,
      order: { field: 'TIMEPOINT', direction: 'DESC' },
      filter: { timepointMonths: { min: 6, max: 12 }, measure: ['PAIN', 'FUNCTION'] },
    };
    const listed = await gql<{ trials: { edges: Array<{ node: { id: string } }> } }>(
      t.url,
      `query($text: String!, $order: OutcomeRelationOrder, $filter: OutcomeFilter) {
         trials(first: 20, filter: { text: $text }) { edges { node { ...TrialParts } } } } ${fragment}`,
      variables,
    );
    expect(listed.errors).toBeUndefined();
    const nodes = listed.data!.trials.edges.map((e) => e.node);
    expect(nodes).toHaveLength(20);
    // The page itself, then one count per totalCount field: nothing else.
    expect(roundTrips(listed)).toBe(1 + 2);
    const looked = await gql<{ nodes: unknown[] }>(
      t.url,
      `query($ids: [ID!]!, $order: OutcomeRelationOrder, $filter: OutcomeFilter) { nodes(ids: $ids) { ...TrialParts } } ${fragment}`,
      { ids: nodes.map((n) => n.id), order: variables.order, filter: variables.filter },
    );
    expect(looked.errors).toBeUndefined();
    expect(looked.data!.nodes).toEqual(nodes);
    expect(nodes.some((n: any) => n.best.edges.length > 0 && n.outcomes.edges.length > 0)).toBe(true);
  });

  it('counts without reading a page when only totalCount is selected, and pages without counting', async () => {
    const countOnly = await gql(t.url, `{ outcomes { totalCount } }`);
    expect(countOnly.errors).toBeUndefined();
    expect(countOnly.data!.outcomes.totalCount).toBeGreaterThan(1000);
    expect(roundTrips(countOnly)).toBe(1);
    const both = await gql(
      t.url,
      `{ outcomes(first: 2) { totalCount edges { node { id } } pageInfo { hasNextPage } } }`,
    );
    expect(both.data!.outcomes.totalCount).toBe(countOnly.data!.outcomes.totalCount);
    expect(both.data!.outcomes.edges).toHaveLength(2);
    expect(roundTrips(both)).toBe(2);
  });
});
