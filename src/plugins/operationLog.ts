import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context';

/**
 * Logs each operation with its name, outcome and round trips. Once Apollo has resolved the
 * operation, the request's logger (already bound to the request id) is rebound to the operation
 * name too, so every later line of the request carries both, resolvers' own lines included.
 */
export function operationLogPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ request }) {
      const started = performance.now();
      let named = false;
      return {
        async didResolveOperation({ operationName, contextValue }) {
          contextValue.logger = contextValue.logger.child({ operationName: operationName ?? null });
          named = true;
        },
        async willSendResponse({ errors, contextValue }) {
          // A request that failed before resolution is named by what the client sent, if anything.
          const logger = named
            ? contextValue.logger
            : contextValue.logger.child({ operationName: request.operationName ?? null });
          logger.info(
            {
              ms: Math.round(performance.now() - started),
              roundTrips: contextValue.stats.roundTrips,
              errors: errors?.map((e) => e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
            },
            'graphql operation',
          );
        },
      };
    },
  };
}
