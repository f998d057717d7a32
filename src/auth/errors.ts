// The two refusals of src/auth: who you are could not be established (UNAUTHENTICATED), or you are
// known but your role does not allow the operation (FORBIDDEN). Both are raised before a resolver
// runs, so a refused request never reaches the database.
import type { GraphQLErrorExtensions } from 'graphql';
import { CodedError } from '../common/errors';

export class UnauthenticatedError extends CodedError {
  readonly code = 'UNAUTHENTICATED';
  constructor(message: string, extensions: GraphQLErrorExtensions = {}) {
    super(message, 'UNAUTHENTICATED', extensions);
  }
}

export class ForbiddenError extends CodedError {
  readonly code = 'FORBIDDEN';
  constructor(message: string, extensions: GraphQLErrorExtensions = {}) {
    super(message, 'FORBIDDEN', extensions);
  }
}
