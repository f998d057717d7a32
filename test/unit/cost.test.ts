// The cost estimate and its advice as pure functions over the real schema: what a list costs with
// and without `first`, the default pages it charges (the same the resolvers read), and the list and
// `first` a refusal suggests, checked by pricing the edited document again.
import { type GraphQLSchema, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { loadConfig } from '../../src/config';
import { DEFAULT_NESTED_PAGE_SIZE, DEFAULT_PAGE_SIZE, defaultPageSize, pageRequest } from '../../src/common/pagination';
import {
  adviseOnCost,
  estimateCost,
  MAX_COSTED_SELECTIONS,
  repriced,
  type SelectionCost,
  tooComplex,
} from '../../src/plugins/limits';
import { buildAppSchema } from '../../src/schema';
import { thrown } from './thrown';

const { limits, maxPageSize } = loadConfig({});
const LIMIT = limits.complexity;
const OPTIONS = {
  maxPageSize,
  bounds: { listItems: limits.listItems, filterNodes: limits.filterNodes, importRecords: 1 },
};

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildAppSchema();
});

function price(query: string, variables: Record<string, unknown> = {}): SelectionCost | undefined {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
  return estimateCost(schema, document, operation, variables, OPTIONS);
}
const costOf = (query: string, variables?: Record<string, unknown>) => price(query, variables)!.cost;

/** The researcher's question of issue 16, as a newcomer writes it: four lists, no `first`. */
const FIRST_QUERY = `{ cellSources { edges { node { name products { edges { node { name
  trials(filter: { evidenceLevel: [RANDOMISED_CONTROLLED_TRIAL], conditionIds: ["condition:degenerative-disc-disease"] }) {
    edges { node { name outcomes(filter: { measure: [PAIN] }) { edges { node { name value unit timepointMonths } } } } } } } } } } } } }`;

describe('default pages', () => {
  it('are 20 for a root list and 4 for a list inside an item, for the estimate and the resolvers alike', () => {
    expect([DEFAULT_PAGE_SIZE, DEFAULT_NESTED_PAGE_SIZE]).toEqual([20, 4]);
    expect(defaultPageSize('Query.trials')).toBe(DEFAULT_PAGE_SIZE);
    expect(defaultPageSize('Trial.outcomes')).toBe(DEFAULT_NESTED_PAGE_SIZE);
    expect(defaultPageSize('Source.claims')).toBe(DEFAULT_NESTED_PAGE_SIZE);
    const scope = { connection: 'Trial.outcomes', order: 'NAME:ASC', key: 'text' } as const;
    expect(pageRequest({}, scope, maxPageSize).limit).toBe(DEFAULT_NESTED_PAGE_SIZE);
  });

  it('are what a list without `first` is charged', () => {
    const leaf = '{ edges { node { name } } }';
    // A connection costs 1 plus its items times what each selects (edges 1, node 1, name 1).
    expect(costOf(`{ trials ${leaf} }`)).toBe(1 + DEFAULT_PAGE_SIZE * 3);
    expect(costOf(`{ trial(id: "x") { outcomes ${leaf} } }`)).toBe(1 + (1 + DEFAULT_NESTED_PAGE_SIZE * 3));
    expect(costOf(`{ trials(first: 7) ${leaf} }`)).toBe(1 + 7 * 3);
    expect(costOf(`{ trial(id: "x") { outcomes(last: 9) ${leaf} } }`)).toBe(1 + (1 + 9 * 3));
  });
});

describe('the first queries a newcomer writes', () => {
  it('fit the default limit with no `first` on any list, four levels deep', () => {
    expect(costOf(FIRST_QUERY)).toBe(9841);
    expect(costOf(FIRST_QUERY)).toBeLessThanOrEqual(LIMIT);
  });

  it('fit with evidence and sources on three levels, and ids on every one', () => {
    const query = `{ conditions { edges { node { id name trials { totalCount pageInfo { hasNextPage } edges { node { id name
      outcomes { edges { evidence { level sources { title year } } node { id name measure value unit timepointMonths direction } } } } } } } } } }`;
    expect(costOf(query)).toBeLessThanOrEqual(LIMIT);
  });

  it('while a list of 100 in a list of 100 in a list of 100 is refused, and so is a fifth level of defaults', () => {
    const hostile =
      '{ trials(first: 100) { edges { node { outcomes(first: 100) { edges { node { trials(first: 100) { edges { node { id } } } } } } } } } }';
    expect(costOf(hostile)).toBeGreaterThan(100 * LIMIT);
    const fifth = FIRST_QUERY.replace('timepointMonths', 'timepointMonths assessedRisks { edges { node { name } } }');
    expect(costOf(fifth)).toBeGreaterThan(LIMIT);
  });
});

describe('advice on a refusal', () => {
  const NESTED =
    '{ trials(first: 2) { edges { node { name outcomes(first: 100) { edges { node { name assessedRisks(first: 100) { edges { node { name } } } } } } } } } }';

  it('names the list whose page weighs most by its path, and the largest `first` on it that fits', () => {
    const priced = price(NESTED)!;
    expect(priced.cost).toBeGreaterThan(LIMIT);
    const advice = adviseOnCost(priced, LIMIT)!;
    expect(advice.field.path).toBe('trials.edges.node.outcomes');
    expect(advice.fit).toEqual({ items: 32, cost: expect.any(Number) });
    // Computed, not guessed: the edited document fits, and one more item would not.
    const edited = (first: number) => costOf(NESTED.replace('outcomes(first: 100)', `outcomes(first: ${first})`));
    expect(edited(32)).toBe(advice.fit!.cost);
    expect(edited(32)).toBeLessThanOrEqual(LIMIT);
    expect(edited(33)).toBeGreaterThan(LIMIT);
  });

  it('puts them in the message and in extensions', () => {
    const priced = price(NESTED)!;
    const error = tooComplex(priced.cost, LIMIT, adviseOnCost(priced, LIMIT));
    expect(error.message).toBe(
      `The operation would cost ${priced.cost}, above the limit of ${LIMIT} (LIMIT_COMPLEXITY). Its costliest list is \`trials.edges.node.outcomes\` (100 items): with \`first: 32\` on it the operation would cost ${costOf(NESTED.replace('outcomes(first: 100)', 'outcomes(first: 32)'))}. Or ask for smaller pages (first/last/limit) elsewhere, or fewer nested lists.`,
    );
    expect(error.extensions).toEqual({
      code: 'QUERY_TOO_COMPLEX',
      cost: priced.cost,
      limit: LIMIT,
      costliestField: 'trials.edges.node.outcomes',
      suggestedFirst: 32,
      http: { status: 400 },
    });
  });

  it('says so when no `first` on that list alone makes it fit', () => {
    const query =
      '{ trials(first: 100) { edges { node { outcomes(first: 100) { edges { node { trials(first: 100) { edges { node { id } } } } } } } } } }';
    const priced = price(query)!;
    const advice = adviseOnCost(priced, LIMIT)!;
    expect(advice.field.path).toBe('trials');
    expect(advice.fit).toBeUndefined();
    expect(advice.floor).toBe(costOf(query.replace('trials(first: 100)', 'trials(first: 1)')));
    const error = tooComplex(priced.cost, LIMIT, advice);
    expect(error.message).toMatch(
      /Its costliest list is `trials` \(100 items\), but no `first` on it alone makes the operation fit \(with `first: 1` it would still cost \d+\); ask for smaller pages/,
    );
    expect(error.extensions).toMatchObject({ costliestField: 'trials', suggestedFirst: null });
  });

  it('names a default page as such, and suggests `last` for a list paged backwards', () => {
    const fifth = FIRST_QUERY.replace('timepointMonths', 'timepointMonths assessedRisks { edges { node { name } } }');
    const advice = adviseOnCost(price(fifth)!, LIMIT)!;
    expect(advice.field).toMatchObject({ path: 'cellSources', items: DEFAULT_PAGE_SIZE, defaultPage: true });
    expect(costOf(fifth.replace('cellSources', `cellSources(first: ${advice.fit!.items})`))).toBeLessThanOrEqual(LIMIT);
    const backwards = '{ trials(last: 100) { edges { node { outcomes(first: 100) { edges { node { name } } } } } } }';
    const priced = price(backwards)!;
    const error = tooComplex(priced.cost, LIMIT, adviseOnCost(priced, LIMIT));
    expect(error.message).toMatch(/with `last: \d+` on it/);
    expect(error.extensions).toMatchObject({ costliestField: 'trials', suggestedLast: expect.any(Number) });
    expect(error.extensions).not.toHaveProperty('suggestedFirst');
  });

  it('weighs a field repeated by a fragment once, over all its selections, and re-prices them all', () => {
    const query = `{ a: trials(first: 50) { edges { node { ...T } } } b: outcomes(first: 50) { edges { node { trials(first: 2) { edges { node { ...T } } } } } } }
      fragment T on Trial { conditions(first: 100) { edges { node { name description } } } }`;
    const priced = price(query)!;
    const advice = adviseOnCost(priced, LIMIT)!;
    expect(advice.field.path).toBe('a.edges.node.conditions');
    const edited = query.replace('conditions(first: 100)', `conditions(first: ${advice.fit!.items})`);
    expect(costOf(edited)).toBe(advice.fit!.cost);
    expect(repriced(priced, new Map())).toBe(priced.cost);
  });

  it('names nothing when no list can be cut', () => {
    expect(adviseOnCost(price('{ trials(first: 1) { totalCount } }')!, 1)).toBeUndefined();
    expect(tooComplex(5, 1, undefined).message).toBe(
      'The operation would cost 5, above the limit of 1 (LIMIT_COMPLEXITY); ask for smaller pages (first/last/limit), smaller filters or fewer nested lists.',
    );
  });
});

describe('what the estimate cannot be talked out of', () => {
  it('refuses to expand more than MAX_COSTED_SELECTIONS selections through reused fragments', () => {
    const fragments = Array.from(
      { length: 7 },
      (_, i) => `fragment F${i + 1} on Trial { ...F${i} ...F${i} ...F${i} ...F${i} }`,
    ).join(' ');
    const error = thrown(() => price(`{ trial(id: "x") { ...F7 } } ${fragments} fragment F0 on Trial { id }`));
    expect(error.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxSelections: MAX_COSTED_SELECTIONS });
  });

  it('prices the rest of an operation when one argument fails to coerce', () => {
    const query = `query($id: ID = "x") { trial(id: $id) { name } trials(first: 100) { edges { node {
      outcomes(first: 100) { edges { node { name } } } } } } }`;
    expect(costOf(query, { id: null })).toBeGreaterThan(LIMIT);
  });

  it('leaves variables that do not coerce to execution, which refuses them', () => {
    expect(price('query($n: Int) { trials(first: $n) { totalCount } }', { n: 'ten' })).toBeUndefined();
  });

  it('skips what @skip and @include leave out, and checks argument bounds on the rest', () => {
    const query = `query($big: Boolean!) { trials(first: 100) @include(if: $big) { edges { node {
      outcomes(first: 100) { edges { node { name } } } } } } }`;
    expect(costOf(query, { big: false })).toBe(0);
    expect(costOf(query, { big: true })).toBeGreaterThan(LIMIT);
    const many = Array.from({ length: limits.listItems + 1 }, (_, i) => `"t${i}"`).join(',');
    expect(thrown(() => price(`{ trials(filter: { ids: [${many}] }) { totalCount } }`)).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });
});
