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
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

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
    message = 'The request took longer than the server allows; narrow it (smaller first, lower depth) and retry.',
  ) {
    super(message, 'TIMEOUT');
  }
}
