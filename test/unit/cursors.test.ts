// The two cursor codecs and paging arithmetic as pure functions: list cursors (bound to their
// connection, order and key kind), search cursors (bound to the query text), first/last bounds,
// and the pageInfo of a page read forwards or backwards.
import {
  type CursorScope,
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  encodeCursor,
  type Keyed,
  type PageRequest,
  pageRequest,
  toPage,
} from '../../src/common/pagination';
import { decodeSearchCursor, encodeSearchCursor, toSearchQuery } from '../../src/graph/explore/explore.resolver';
import { planSearch } from '../../src/graph/explore/explore.repository';
import { thrown } from './thrown';

const TRIALS: CursorScope = { connection: 'Query.trials', order: 'NAME:ASC', key: 'text' };
const BY_YEAR: CursorScope = { connection: 'Query.trials', order: 'START_YEAR:DESC', key: 'number' };
const AUDIT: CursorScope = { connection: 'Query.auditLog', order: 'AT:DESC', key: 'datetime' };
const MAX_PAGE = 50;

/** A cursor as a client could forge it: base64url of any JSON. */
const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('list cursors', () => {
  it('round-trip the position for each key kind', () => {
    const cases: Array<[CursorScope, string | number]> = [
      [TRIALS, 'Degenerative disc disease'],
      [TRIALS, ''],
      [BY_YEAR, 2019],
      [BY_YEAR, -1.5],
      [AUDIT, '2026-01-02T03:04:05.678Z'],
      [AUDIT, '2026-01-02T03:04:05+02:00'],
    ];
    for (const [scope, key] of cases) {
      expect(decodeCursor(encodeCursor(scope, { key, id: 'trial:x' }), scope, 'after')).toEqual({ key, id: 'trial:x' });
    }
  });

  it('are opaque base64url text, without padding', () => {
    const cursor = encodeCursor(TRIALS, { key: 'Disc & pain', id: 'trial:a-b' });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('trial');
  });

  it('refuse a cursor of another connection, naming both', () => {
    const cursor = encodeCursor({ ...TRIALS, connection: 'Condition.trials' }, { key: 'a', id: 'trial:a' });
    const error = thrown(() => decodeCursor(cursor, TRIALS, 'after'));
    expect(error.message).toBe(
      '`after` is a cursor of "Condition.trials", not of "Query.trials"; pass a cursor of this list, or restart paging without it.',
    );
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'after', connection: 'Query.trials' });
  });

  it('refuse a cursor of the same list in another order', () => {
    const cursor = encodeCursor({ ...TRIALS, order: 'NAME:DESC' }, { key: 'a', id: 'trial:a' });
    expect(() => decodeCursor(cursor, TRIALS, 'before')).toThrow(
      '`before` comes from this list sorted by NAME:DESC, but it is now sorted by NAME:ASC; restart paging without it.',
    );
  });

  it.each<[string, CursorScope, unknown]>([
    ['a number for a text key', TRIALS, 42],
    ['null for a text key', TRIALS, null],
    ['text for a number key', BY_YEAR, '2019'],
    ['null for a number key', BY_YEAR, null],
    ['a date without a time', AUDIT, '2026-01-02'],
    ['an impossible date', AUDIT, '2026-13-45T00:00:00Z'],
    ['a number for a datetime key', AUDIT, 1767323045000],
  ])('refuse %s', (_name, scope, key) => {
    const cursor = forged([scope.connection, scope.order, key, 'trial:a']);
    expect(() => decodeCursor(cursor, scope, 'after')).toThrow(
      "`after` is not a cursor from this API (its position is not valid); pass an edge's cursor unchanged.",
    );
  });

  it.each<[string, string]>([
    ['text that is not base64 JSON', 'not a cursor!'],
    ['an empty string', ''],
    ['an object', forged({ connection: 'Query.trials' })],
    ['a short list', forged(['Query.trials', 'NAME:ASC', 'a'])],
    ['a list with an empty id', forged(['Query.trials', 'NAME:ASC', 'a', ''])],
    ['a list with a numeric id', forged(['Query.trials', 'NAME:ASC', 'a', 7])],
    ['an id longer than 512 characters', forged(['Query.trials', 'NAME:ASC', 'a', 'x'.repeat(513)])],
    ['a search cursor', encodeSearchCursor('disc', { rank: 0, score: 1, id: 'trial:a' })],
  ])('refuse %s as not a cursor', (_name, cursor) => {
    expect(() => decodeCursor(cursor, TRIALS, 'after')).toThrow(
      "`after` is not a cursor from this API; pass an edge's cursor unchanged.",
    );
  });

  it('accept an id of 512 characters', () => {
    const id = 'x'.repeat(512);
    expect(decodeCursor(forged(['Query.trials', 'NAME:ASC', 'a', id]), TRIALS, 'after').id).toBe(id);
  });
});

describe('pageRequest', () => {
  const after = encodeCursor(TRIALS, { key: 'm', id: 'trial:m' });

  it('reads the first DEFAULT_PAGE_SIZE rows forwards by default', () => {
    expect(DEFAULT_PAGE_SIZE).toBe(20);
    expect(pageRequest({}, TRIALS, MAX_PAGE)).toEqual({ backwards: false, limit: 20, position: undefined });
  });

  it('pages forwards with first/after and backwards with last/before', () => {
    expect(pageRequest({ first: 5, after }, TRIALS, MAX_PAGE)).toEqual({
      backwards: false,
      limit: 5,
      position: { key: 'm', id: 'trial:m' },
    });
    expect(pageRequest({ last: 3, before: after }, TRIALS, MAX_PAGE)).toEqual({
      backwards: true,
      limit: 3,
      position: { key: 'm', id: 'trial:m' },
    });
    expect(pageRequest({ before: after }, TRIALS, MAX_PAGE)).toMatchObject({ backwards: true, limit: 20 });
    expect(pageRequest({ last: 3 }, TRIALS, MAX_PAGE)).toEqual({ backwards: true, limit: 3, position: undefined });
  });

  it('accepts 0 and the maximum page size', () => {
    expect(pageRequest({ first: 0 }, TRIALS, MAX_PAGE).limit).toBe(0);
    expect(pageRequest({ last: MAX_PAGE }, TRIALS, MAX_PAGE).limit).toBe(MAX_PAGE);
  });

  it('refuses first or last outside 0..max, naming the argument', () => {
    const tooMany = thrown(() => pageRequest({ first: MAX_PAGE + 1 }, TRIALS, MAX_PAGE));
    expect(tooMany.message).toBe('`first` must be from 0 to 50, not 51; page through larger lists with cursors.');
    expect(tooMany.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'first', max: MAX_PAGE });
    expect(() => pageRequest({ last: -1 }, TRIALS, MAX_PAGE)).toThrow(
      '`last` must be from 0 to 50, not -1; ask for 0 or more edges.',
    );
  });

  it('refuses mixing directions', () => {
    for (const args of [
      { first: 1, last: 1 },
      { first: 1, before: after },
      { after, last: 1 },
      { after, before: after },
    ]) {
      expect(() => pageRequest(args, TRIALS, MAX_PAGE)).toThrow('Use either first/after or last/before, not both.');
    }
  });

  it('names the cursor argument that is refused', () => {
    expect(() => pageRequest({ after: 'junk' }, TRIALS, MAX_PAGE)).toThrow(/^`after` is not a cursor/);
    expect(() => pageRequest({ before: 'junk' }, TRIALS, MAX_PAGE)).toThrow(/^`before` is not a cursor/);
    expect(() => pageRequest({ after }, BY_YEAR, MAX_PAGE)).toThrow(/^`after` comes from this list sorted by NAME:ASC/);
  });
});

describe('toPage', () => {
  const row = (id: string): Keyed & { name: string } => ({ id, sortKey: id.toUpperCase(), name: `name ${id}` });
  const request = (backwards: boolean, limit: number, position?: string): PageRequest => ({
    backwards,
    limit,
    position: position === undefined ? undefined : { key: position.toUpperCase(), id: position },
  });
  const ids = (page: { edges: Keyed[] }) => page.edges.map((edge) => edge.id);

  it('cuts a first page forwards: one extra row means a next page', () => {
    const page = toPage([row('a'), row('b'), row('c')], request(false, 2), TRIALS);
    expect(ids(page)).toEqual(['a', 'b']);
    expect(page.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: page.edges[0].cursor,
      endCursor: page.edges[1].cursor,
    });
    expect(page.edges[0]).toMatchObject({ id: 'a', name: 'name a', sortKey: 'A' });
    expect(decodeCursor(page.pageInfo.endCursor!, TRIALS, 'after')).toEqual({ key: 'B', id: 'b' });
  });

  it('cuts a last page forwards: a position means a previous page', () => {
    const page = toPage([row('d'), row('e')], request(false, 2, 'c'), TRIALS);
    expect(ids(page)).toEqual(['d', 'e']);
    expect(page.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('puts rows read backwards back in list order', () => {
    const page = toPage([row('c'), row('b'), row('a')], request(true, 2, 'd'), TRIALS);
    expect(ids(page)).toEqual(['b', 'c']);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    expect(decodeCursor(page.pageInfo.startCursor!, TRIALS, 'before')).toEqual({ key: 'B', id: 'b' });
    const last = toPage([row('z'), row('y')], request(true, 2), TRIALS);
    expect(ids(last)).toEqual(['y', 'z']);
    expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  it('backwards: a position means a next page, one extra row a previous page', () => {
    const first = toPage([row('b'), row('a')], request(true, 2, 'c'), TRIALS);
    expect(ids(first)).toEqual(['a', 'b']);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });

  it('gives an empty page null cursors', () => {
    expect(toPage([], request(false, 5), TRIALS)).toEqual({
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    });
  });
});

describe('search cursors', () => {
  it('round-trip rank, score (exactly, as a double) and id for the same query', () => {
    const position = { rank: 2, score: 0.1 + 0.2, id: 'condition:ddd' };
    expect(decodeSearchCursor(encodeSearchCursor('disc pain', position), 'disc pain')).toEqual(position);
  });

  it('refuse a cursor of another query text', () => {
    const cursor = encodeSearchCursor('disc pain', { rank: 0, score: 1.5, id: 'condition:ddd' });
    const error = thrown(() => decodeSearchCursor(cursor, 'disc'));
    expect(error.message).toBe('`after` comes from a search for other text; restart paging without it.');
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'after' });
  });

  it.each<[string, string]>([
    ['text that is not base64 JSON', 'garbage'],
    ['a list cursor', encodeCursor(TRIALS, { key: 'a', id: 'trial:a' })],
    ['another tag', forged(['list', 'abc', 0, 1, 'x'])],
    ['a fractional rank', forged(['search', 'abc', 0.5, 1, 'x'])],
    ['a score as text', forged(['search', 'abc', 0, '1', 'x'])],
    ['a numeric id', forged(['search', 'abc', 0, 1, 7])],
    ['a short list', forged(['search', 'abc', 0, 1])],
  ])('refuse %s', (_name, cursor) => {
    expect(() => decodeSearchCursor(cursor, 'disc')).toThrow(
      '`after` is not a search cursor from this API; pass an edge cursor unchanged.',
    );
  });
});

describe('toSearchQuery', () => {
  it('trims the text, plans it, and reads its cursor against the trimmed text', () => {
    const after = encodeSearchCursor('disc pain', { rank: 1, score: 3, id: 'condition:ddd' });
    expect(toSearchQuery({ query: '  disc pain ', after }, MAX_PAGE)).toEqual({
      text: 'disc pain',
      plan: planSearch('disc pain'),
      types: null,
      limit: 20,
      after: { rank: 1, score: 3, id: 'condition:ddd' },
    });
  });

  it('refuses empty or over-long text, first outside 0..max, and an empty types list', () => {
    expect(() => toSearchQuery({ query: '   ' }, MAX_PAGE)).toThrow(/^`query` is empty/);
    expect(() => toSearchQuery({ query: 'x'.repeat(257) }, MAX_PAGE)).toThrow(
      '`query` must be at most 256 characters.',
    );
    expect(toSearchQuery({ query: 'x'.repeat(256) }, MAX_PAGE).text).toHaveLength(256);
    expect(() => toSearchQuery({ query: 'disc', first: 51 }, MAX_PAGE)).toThrow(
      '`first` must be from 0 to 50; got 51.',
    );
    expect(() => toSearchQuery({ query: 'disc', types: [] }, MAX_PAGE)).toThrow(
      '`types` must name at least one value; omit it for every type.',
    );
  });
});
