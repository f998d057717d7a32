// The errors a client can cause, each with a stable `extensions.code` (listed with its HTTP status
// in README.md#errors). Resolvers and services throw these; src/db translates driver errors into
// them; formatError masks anything else. Messages say what to fix, never how the server works.
import { GraphQLError, type GraphQLErrorExtensions } from 'graphql';

export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONFLICT',
  'DATABASE_UNAVAILABLE',
  'TIMEOUT',
  'QUERY_TOO_COMPLEX',
  'RATE_LIMITED',
  'SERVER_BUSY',
  'PAYLOAD_TOO_LARGE',
  'HEADERS_TOO_LARGE',
  'BAD_BOOKMARK',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Codes Apollo itself assigns to client mistakes. */
const APOLLO_CLIENT_CODES = [
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
];
/** Every code a client can cause; errors without one are bugs, masked and logged. */
export const CLIENT_ERROR_CODES: ReadonlySet<string> = new Set<string>([...ERROR_CODES, ...APOLLO_CLIENT_CODES]);

/** A value as a message shows it: quoted, so an empty or spaced id stays visible. */
export const quoted = (value: unknown): string => JSON.stringify(String(value));

/** "a Product", "an Outcome": a noun with its indefinite article. */
export const withArticle = (noun: string): string => `${/^[AEIOU]/i.test(noun) ? 'an' : 'a'} ${noun}`;

export abstract class CodedError extends GraphQLError {
  abstract readonly code: ErrorCode;
  constructor(message: string, code: ErrorCode, extensions: GraphQLErrorExtensions = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

export class BadUserInputError extends CodedError {
  readonly code = 'BAD_USER_INPUT';
  constructor(message: string, extensions: GraphQLErrorExtensions = {}) {
    super(message, 'BAD_USER_INPUT', extensions);
  }
}

export class NotFoundError extends CodedError {
  readonly code = 'NOT_FOUND';
  constructor(message: string, extensions: GraphQLErrorExtensions = {}) {
    super(message, 'NOT_FOUND', extensions);
  }
}

/** Who you are could not be established; raised before a resolver runs (src/auth). */
export class UnauthenticatedError extends CodedError {
  readonly code = 'UNAUTHENTICATED';
  constructor(message: string, extensions: GraphQLErrorExtensions = {}) {
    super(message, 'UNAUTHENTICATED', extensions);
  }
}

/** You are known, but your role does not allow the operation; raised before a resolver runs (src/auth). */
export class ForbiddenError extends CodedError {
  readonly code = 'FORBIDDEN';
  constructor(message: string, extensions: GraphQLErrorExtensions = {}) {
    super(message, 'FORBIDDEN', extensions);
  }
}

export class ConflictError extends CodedError {
  readonly code = 'CONFLICT';
  constructor(message: string, extensions: GraphQLErrorExtensions = {}) {
    super(message, 'CONFLICT', extensions);
  }
}

export class DatabaseUnavailableError extends CodedError {
  readonly code = 'DATABASE_UNAVAILABLE';
  constructor(message = 'The database is unavailable right now; retry in a few seconds.') {
    super(message, 'DATABASE_UNAVAILABLE');
  }
}

export class TimeoutError extends CodedError {
  readonly code = 'TIMEOUT';
  constructor(
    message = 'The request took longer than the server allows; ask for less and retry: a smaller first, a lower depth, fewer nested fields, or a narrower filter, condition or intervention.',
  ) {
    super(message, 'TIMEOUT');
  }
}

/** A line of work this server holds to a few at a time is full; the client may retry shortly. */
export class ServerBusyError extends CodedError {
  readonly code = 'SERVER_BUSY';
  constructor(message: string) {
    super(message, 'SERVER_BUSY', { retryAfterSeconds: 1 });
  }
}

/**
 * The X-Neo4j-Bookmark request header is malformed (refused before any query), or Neo4j refused a
 * bookmark in it: one from another database or deployment, or altered.
 */
export class BadBookmarkError extends CodedError {
  readonly code = 'BAD_BOOKMARK';
  constructor(
    message = 'The database refused the bookmark in X-Neo4j-Bookmark: send back only the bookmarks this API returned, unchanged, or send none.',
  ) {
    super(message, 'BAD_BOOKMARK');
  }
}
