// Argument bounds as pure functions: the size of a filter tree, and the checks of a field's coerced
// arguments (list lengths, filter size and depth, import records over all documents) on a small
// schema shaped like ours, with bounds small enough to cross.
import { buildSchema, type GraphQLArgument } from 'graphql';
import { type ArgumentBounds, checkArguments, MAX_FILTER_DEPTH, measureFilter } from '../../src/common/bounds';
import { thrown } from './thrown';

const schema = buildSchema(`
  input XFilter { ids: [ID!] text: String AND: [XFilter!] OR: [XFilter!] NOT: XFilter }
  input SeedDocumentInput { records: [String!]! }
  type Query { xs(filter: XFilter, ids: [ID!], first: Int): [String] }
  type Mutation { importGraph(documents: [SeedDocumentInput!]!): Int }
`);
const argsOf = (type: 'Query' | 'Mutation', field: string): readonly GraphQLArgument[] =>
  (type === 'Query' ? schema.getQueryType() : schema.getMutationType())!.getFields()[field].args;
const BOUNDS: ArgumentBounds = { listItems: 3, filterNodes: 4, importRecords: 10 };
const checkXs = (values: Record<string, unknown>, bounds = BOUNDS) =>
  checkArguments('Query.xs', argsOf('Query', 'xs'), values, bounds);

const nestedNots = (levels: number): Record<string, unknown> =>
  levels === 0 ? { ids: ['a'] } : { NOT: nestedNots(levels - 1) };

describe('measureFilter', () => {
  it('counts nothing in what is not a filter', () => {
    expect(measureFilter(null)).toEqual({ nodes: 0, depth: 0 });
    expect(measureFilter('text')).toEqual({ nodes: 0, depth: 0 });
    expect(measureFilter({})).toEqual({ nodes: 0, depth: 0 });
  });

  it('counts each set field, AND/OR/NOT included, over every level, and skips null fields', () => {
    expect(measureFilter({ ids: ['a', 'b', 'c'], text: 'x', NOT: null })).toEqual({ nodes: 2, depth: 0 });
    expect(measureFilter({ AND: [{ ids: ['a'] }, { text: 'x', ids: ['b'] }], NOT: { text: 'y' } })).toEqual({
      nodes: 6,
      depth: 1,
    });
    expect(measureFilter({ OR: [{ NOT: { AND: [{ text: 'x' }] } }] })).toEqual({ nodes: 4, depth: 3 });
  });

  it('stops counting one level past the depth bound', () => {
    expect(measureFilter(nestedNots(MAX_FILTER_DEPTH))).toEqual({
      nodes: MAX_FILTER_DEPTH + 1,
      depth: MAX_FILTER_DEPTH,
    });
    const hostile = measureFilter(nestedNots(10_000));
    expect(hostile).toEqual({ nodes: MAX_FILTER_DEPTH + 1, depth: MAX_FILTER_DEPTH + 1 });
  });
});

describe('checkArguments', () => {
  it('returns the size of the filter trees, and accepts lists and filters at their bounds', () => {
    expect(checkXs({})).toBe(0);
    expect(checkXs({ first: 5, ids: ['a', 'b', 'c'] })).toBe(0);
    expect(checkXs({ filter: { ids: ['a', 'b', 'c'], text: 'x' } })).toBe(2);
    expect(checkXs({ filter: { OR: [{ text: 'a' }, { text: 'b' }, { text: 'c' }] } })).toBe(4);
    expect(checkXs({ filter: nestedNots(MAX_FILTER_DEPTH) }, { ...BOUNDS, filterNodes: 100 })).toBe(6);
  });

  it('refuses a list argument over LIMIT_LIST_ITEMS, naming it', () => {
    const error = thrown(() => checkXs({ ids: ['a', 'b', 'c', 'd'] }));
    expect(error.message).toBe(
      'Query.xs(ids) has 4 items; at most 3 are allowed (LIMIT_LIST_ITEMS). Send the rest in further requests.',
    );
    expect(error.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      argumentName: 'ids',
      limit: 3,
      http: { status: 400 },
    });
  });

  it('refuses a list inside a filter, with the path to it', () => {
    const error = thrown(() => checkXs({ filter: { OR: [{ ids: ['a', 'b', 'c', 'd'] }] } }));
    expect(error.message).toMatch(/^Query\.xs\(filter\) › XFilter\.OR › XFilter\.ids has 4 items; at most 3 /);
    expect(error.extensions.argumentName).toBe('filter');
  });

  it('refuses a filter over LIMIT_FILTER_NODES', () => {
    const error = thrown(() => checkXs({ filter: { OR: [{ text: 'a' }, { text: 'b' }], NOT: { text: 'c' } } }));
    expect(error.message).toMatch(
      /^`filter` of Query\.xs has 5 fields and sub-filters; at most 4 are allowed \(LIMIT_FILTER_NODES\)\./,
    );
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'filter', limit: 4 });
  });

  it('refuses a filter nested too deep before counting its size', () => {
    const error = thrown(() => checkXs({ filter: nestedNots(MAX_FILTER_DEPTH + 1) }));
    expect(error.message).toBe(
      `\`filter\` of Query.xs nests AND/OR/NOT more than ${MAX_FILTER_DEPTH} levels deep; flatten it.`,
    );
    expect(error.extensions).toMatchObject({ argumentName: 'filter', limit: MAX_FILTER_DEPTH });
  });

  it('bounds import records by IMPORT_MAX_RECORDS over all documents, not by LIMIT_LIST_ITEMS', () => {
    const documents = (...sizes: number[]) => sizes.map((n) => ({ records: Array.from({ length: n }, String) }));
    const importGraph = (values: Record<string, unknown>) =>
      checkArguments('Mutation.importGraph', argsOf('Mutation', 'importGraph'), values, BOUNDS);
    expect(importGraph({ documents: documents(6, 4) })).toBe(0);
    const error = thrown(() => importGraph({ documents: documents(6, 5) }));
    expect(error.message).toBe(
      'Mutation.importGraph(documents) › SeedDocumentInput.records has 11 items; at most 10 are allowed (IMPORT_MAX_RECORDS). Send the rest in further requests.',
    );
    expect(() => importGraph({ documents: documents(1, 1, 1, 1) })).toThrow(/\(documents\) has 4 items/);
  });
});
