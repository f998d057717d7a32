// Issue 16, item 8: the first query a newcomer writes, nested lists with no `first`, answers within
// the default limits against the seed graph; and a query that is too costly is refused with the
// list to cut and the `first` that makes it fit, which the same query then runs with.
import { DEFAULT_NESTED_PAGE_SIZE, DEFAULT_PAGE_SIZE } from '../../src/common/pagination';
import { ensureSeedGraph, gql, startTestServer, type TestServer } from '../support/harness';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await ensureSeedGraph(t.database);
});
afterAll(async () => {
  await t.close();
});

/**
 * "Which cell sources have randomised-trial evidence for reducing pain in degenerative disc
 * disease, and what outcomes were reported?", written as a researcher first wrote it.
 */
const RESEARCHER_QUERY = `{ cellSources { edges { node { name products { edges { node { name trials(filter: { evidenceLevel: [RANDOMISED_CONTROLLED_TRIAL], conditionIds: ["condition:degenerative-disc-disease"] }) { edges { node { name outcomes(filter: { measure: [PAIN] }) { edges { node { name value unit timepointMonths } } } } } } } } } } } } }`;

type Edges<T> = { edges: Array<{ node: T }> };
interface Outcome {
  name: string;
  value: number | null;
  unit: string | null;
  timepointMonths: number | null;
}
interface Trial {
  name: string;
  outcomes: Edges<Outcome>;
}
interface Product {
  name: string;
  trials: Edges<Trial>;
}
interface CellSource {
  name: string;
  products: Edges<Product>;
}

const nodes = <T>(list: Edges<T>): T[] => list.edges.map((edge) => edge.node);
const roundTrips = (res: { extensions?: Record<string, any> }) => res.extensions?.discgraph?.roundTrips;

describe('first queries, with no `first` on any list', () => {
  it("answers the researcher's four-level question without errors", async () => {
    const res = await gql<{ cellSources: Edges<CellSource> }>(t.url, RESEARCHER_QUERY);
    expect(res.errors).toBeUndefined();
    expect(res.status).toBe(200);
    const sources = nodes(res.data!.cellSources);
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.length).toBeLessThanOrEqual(DEFAULT_PAGE_SIZE);
    const products = sources.flatMap((source) => nodes(source.products));
    const trials = products.flatMap((product) => nodes(product.trials));
    const outcomes = trials.flatMap((trial) => nodes(trial.outcomes));
    for (const source of sources) {
      expect(source.products.edges.length).toBeLessThanOrEqual(DEFAULT_NESTED_PAGE_SIZE);
    }
    // The seed holds randomised trials of degenerative disc disease with pain outcomes.
    expect(trials.length).toBeGreaterThan(0);
    expect(outcomes.length).toBeGreaterThan(0);
    for (const outcome of outcomes) {
      expect(Object.keys(outcome).sort()).toEqual(['name', 'timepointMonths', 'unit', 'value']);
    }
    expect(outcomes.some((outcome) => typeof outcome.value === 'number')).toBe(true);
  });

  it('answers a three-level query, each nested list giving its default page and saying whether more follow', async () => {
    const res = await gql<{ conditions: Edges<{ id: string; name: string; trials: any }> }>(
      t.url,
      `{ conditions { edges { node { id name trials { totalCount pageInfo { hasNextPage } edges { node { name
         outcomes { edges { node { name measure value unit } } } } } } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const conditions = nodes(res.data!.conditions);
    expect(conditions.length).toBeGreaterThan(0);
    for (const { trials } of conditions) {
      expect(trials.edges).toHaveLength(Math.min(trials.totalCount, DEFAULT_NESTED_PAGE_SIZE));
      expect(trials.pageInfo.hasNextPage).toBe(trials.totalCount > DEFAULT_NESTED_PAGE_SIZE);
    }
    // At least one condition has more trials than a nested page, so the default is visible here.
    expect(conditions.some(({ trials }) => trials.pageInfo.hasNextPage)).toBe(true);
  });
});

describe('an operation that is too costly', () => {
  const TOO_COSTLY = `{ trials(first: 2) { edges { node { name outcomes(first: 100) { edges { node { name
    assessedRisks(first: 100) { edges { node { name } } } } } } } } } }`;
  const withOutcomesFirst = (first: number) => TOO_COSTLY.replace('outcomes(first: 100)', `outcomes(first: ${first})`);

  it('is refused before any query, naming the costliest list by its path and the `first` on it that fits', async () => {
    const refused = await gql(t.url, TOO_COSTLY);
    expect(refused.status).toBe(400);
    expect(refused.data).toBeUndefined();
    expect(roundTrips(refused)).toBe(0);
    const [error] = refused.errors!;
    expect(error.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      limit: t.config.limits.complexity,
      costliestField: 'trials.edges.node.outcomes',
      suggestedFirst: expect.any(Number),
    });
    const suggested = error.extensions!.suggestedFirst as number;
    expect(error.message).toContain(
      `Its costliest list is \`trials.edges.node.outcomes\` (100 items): with \`first: ${suggested}\` on it`,
    );

    const applied = await gql(t.url, withOutcomesFirst(suggested));
    expect(applied.errors).toBeUndefined();
    expect(applied.data!.trials.edges).toHaveLength(2);
    // The largest that fits: one more is refused again.
    const oneMore = await gql(t.url, withOutcomesFirst(suggested + 1));
    expect(oneMore.errors![0].extensions!.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('suggests a `first` on the root list when a newcomer nests one level too many', async () => {
    const fiveLevels = RESEARCHER_QUERY.replace(
      'timepointMonths',
      'timepointMonths assessedRisks { edges { node { name } } }',
    );
    const refused = await gql(t.url, fiveLevels);
    expect(refused.status).toBe(400);
    const [error] = refused.errors!;
    expect(error.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', costliestField: 'cellSources' });
    expect(error.message).toContain(`Its costliest list is \`cellSources\` (${DEFAULT_PAGE_SIZE} items by default)`);
    const first = error.extensions!.suggestedFirst as number;
    const applied = await gql(t.url, fiveLevels.replace('cellSources', `cellSources(first: ${first})`));
    expect(applied.errors).toBeUndefined();
  });

  it('says so when no `first` on one list makes it fit', async () => {
    const refused = await gql(
      t.url,
      '{ trials(first: 100) { edges { node { outcomes(first: 100) { edges { node { trials(first: 100) { edges { node { id } } } } } } } } } }',
    );
    expect(refused.status).toBe(400);
    const [error] = refused.errors!;
    expect(error.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      costliestField: 'trials',
      suggestedFirst: null,
    });
    expect(error.message).toMatch(/but no `first` on it alone makes the operation fit/);
  });
});
