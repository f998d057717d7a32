import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context';
import { CLIENT_ERROR_CODES } from '../common/errors';

/**
 * Logs every error that carries no client code (a bug, to be masked by formatError) with the
 * request id, so a user quoting the x-request-id header leads straight to the log line.
 */
export function errorLogPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (typeof code !== 'string' || !CLIENT_ERROR_CODES.has(code)) {
              contextValue.logger.error(
                { err: error.originalError ?? error, path: error.path },
                'unexpected error, masked for the client',
              );
            }
          }
        },
      };
    },
  };
}
