// Relay connections with keyset cursors. A cursor is the sort key plus the id of the last row a
// client saw, so pages stay stable while data changes (no offsets) and LIMIT is always pushed into
// Cypher. `first`/`after` pages forwards, `last`/`before` backwards; one more row than asked for is
// read to know whether another page exists.
import { ArgsType, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BadUserInputError } from './errors';

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, {
  name: 'SortDirection',
  description: 'Order of a sorted list.',
  valuesConfig: { ASC: { description: 'Smallest first (A to Z).' }, DESC: { description: 'Largest first (Z to A).' } },
});

@ObjectType({ simpleResolvers: true, description: 'Where a page sits in its list (Relay PageInfo).' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether a page follows this one.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Whether a page precedes this one.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge; null on an empty page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge; null on an empty page.' })
  endCursor!: string | null;
}

/** Edges of a list at the root of an operation (a field of Query) asked without `first` or `last`. */
export const DEFAULT_PAGE_SIZE = 20;

/**
 * Edges of a list inside an item (a relationship, a source's claims) asked without `first` or
 * `last`. Nested pages multiply, so this is small enough that a root list with three levels of
 * lists below it, none given a size, stays within the default LIMIT_COMPLEXITY.
 */
export const DEFAULT_NESTED_PAGE_SIZE = 4;

/** The type whose connection fields are root lists; cursor scopes name it in their coordinate. */
const ROOT_TYPE = 'Query';

/**
 * The page a connection returns when asked without a size, from its schema coordinate
 * (`Query.trials`, `Trial.outcomes`). The cost estimate and the resolvers both ask here, so what is
 * charged is what is read.
 */
export function defaultPageSize(coordinate: string): number {
  return coordinate.startsWith(`${ROOT_TYPE}.`) ? DEFAULT_PAGE_SIZE : DEFAULT_NESTED_PAGE_SIZE;
}

const DEFAULTS_TEXT =
  `without \`first\` or \`last\`, a list that is a field of Query returns ${DEFAULT_PAGE_SIZE} edges and a list ` +
  `inside an item (such as a relationship) returns ${DEFAULT_NESTED_PAGE_SIZE}`;

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Page forwards: at most this many edges, from 0 to MAX_PAGE_SIZE; ${DEFAULTS_TEXT}.`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Page forwards from after this cursor.' })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Page backwards: at most this many edges, ending at `before` (same range and default as `first`).',
  })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Page backwards from before this cursor.' })
  before?: string | null;
}

/** A keyset position: the value of the sort key and the id that breaks ties. */
export interface KeysetPosition {
  key: string | number | null;
  id: string;
}

export interface PageRequest {
  /** Forwards (first/after) or backwards (last/before). */
  backwards: boolean;
  /** Rows to return; the query reads limit + 1. */
  limit: number;
  position: KeysetPosition | undefined;
}

/**
 * Which list a cursor belongs to: the connection's schema coordinate (`Query.trials`,
 * `Condition.trials`), its order (`NAME:ASC`), and the kind of value its sort key holds.
 */
export interface CursorScope {
  connection: string;
  order: string;
  key: 'text' | 'number' | 'datetime';
}

/** The longest id a cursor may carry; ids in the graph are far shorter. */
const MAX_CURSOR_ID_LENGTH = 512;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const KEY_CHECKS: Record<CursorScope['key'], (key: unknown) => boolean> = {
  text: (key) => typeof key === 'string',
  number: (key) => typeof key === 'number' && Number.isFinite(key),
  datetime: (key) => typeof key === 'string' && ISO_DATETIME.test(key) && !Number.isNaN(Date.parse(key)),
};

/** Every cursor this API hands out: base64url of a JSON array, opaque to clients. */
export function encodeTuple(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * The array inside a cursor. Text that does not hold one throws `refusal()`, so each kind of
 * cursor keeps its own message; the caller then checks the array's length and fields.
 */
export function decodeTuple(cursor: string, refusal: () => BadUserInputError): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed)) {
    throw refusal();
  }
  return parsed;
}

/**
 * A cursor is opaque to clients: base64url of [connection, order, key, id]. Binding the connection
 * and the order means a cursor from another list, or from this list in another order, is refused
 * instead of silently skipping rows; the key is checked against the sort's kind before any query.
 */
export function encodeCursor(scope: CursorScope, position: KeysetPosition): string {
  return encodeTuple([scope.connection, scope.order, position.key, position.id]);
}

export function decodeCursor(cursor: string, scope: CursorScope, argument: string): KeysetPosition {
  const refuse = (why: string) =>
    new BadUserInputError(`\`${argument}\` ${why}`, { argumentName: argument, connection: scope.connection });
  const notACursor = () => refuse("is not a cursor from this API; pass an edge's cursor unchanged.");
  const parsed = decodeTuple(cursor, notACursor);
  if (
    parsed.length !== 4 ||
    typeof parsed[0] !== 'string' ||
    typeof parsed[1] !== 'string' ||
    typeof parsed[3] !== 'string' ||
    parsed[3] === '' ||
    parsed[3].length > MAX_CURSOR_ID_LENGTH
  ) {
    throw notACursor();
  }
  const [connection, order, key, id] = parsed as [string, string, unknown, string];
  if (connection !== scope.connection) {
    throw refuse(
      `is a cursor of ${JSON.stringify(connection)}, not of ${JSON.stringify(scope.connection)}; pass a cursor of this list, or restart paging without it.`,
    );
  }
  if (order !== scope.order) {
    throw refuse(
      `comes from this list sorted by ${order}, but it is now sorted by ${scope.order}; restart paging without it.`,
    );
  }
  if (!KEY_CHECKS[scope.key](key)) {
    throw refuse("is not a cursor from this API (its position is not valid); pass an edge's cursor unchanged.");
  }
  return { key: key as string | number, id };
}

export function pageRequest(args: PageArgs, scope: CursorScope, maxPageSize: number): PageRequest {
  const forwards = args.first != null || args.after != null;
  const backwards = args.last != null || args.before != null;
  if (forwards && backwards) {
    throw new BadUserInputError('Use either first/after or last/before, not both.');
  }
  const size = backwards ? args.last : args.first;
  const name = backwards ? 'last' : 'first';
  if (size != null && (size < 0 || size > maxPageSize)) {
    const hint = size < 0 ? 'ask for 0 or more edges' : 'page through larger lists with cursors';
    throw new BadUserInputError(`\`${name}\` must be from 0 to ${maxPageSize}, not ${size}; ${hint}.`, {
      argumentName: name,
      max: maxPageSize,
    });
  }
  const cursor = backwards ? args.before : args.after;
  return {
    backwards,
    limit: size ?? defaultPageSize(scope.connection),
    position: cursor == null ? undefined : decodeCursor(cursor, scope, backwards ? 'before' : 'after'),
  };
}

/** Any row a page is cut from: its id and the value of the sort key. */
export interface Keyed {
  id: string;
  sortKey: string | number | null;
}

export interface Page<T> {
  edges: Array<T & { cursor: string }>;
  pageInfo: PageInfo;
}

/**
 * Turns the limit + 1 rows a keyset query read (in query order, so reversed when paging
 * backwards) into a page in list order.
 */
export function toPage<T extends Keyed>(rows: T[], request: PageRequest, scope: CursorScope): Page<T> {
  const more = rows.length > request.limit;
  const kept = rows.slice(0, request.limit);
  if (request.backwards) {
    kept.reverse();
  }
  // Object.assign, not a spread: it is the faster copy in V8, and a page may hold hundreds of edges.
  const edges = kept.map((row) =>
    Object.assign({ cursor: encodeCursor(scope, { key: row.sortKey, id: row.id }) }, row),
  );
  return {
    edges,
    pageInfo: {
      hasNextPage: request.backwards ? request.position !== undefined : more,
      hasPreviousPage: request.backwards ? more : request.position !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
