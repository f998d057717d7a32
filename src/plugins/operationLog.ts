import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context';

/** Logs each operation with its name, outcome and round trips. */
export function operationLogPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, errors, contextValue: ctx }) {
          ctx.logger.info(
            {
              operationName: operationName ?? null,
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
