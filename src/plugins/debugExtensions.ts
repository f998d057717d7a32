import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context';

/** Adds the request's database round trips to `extensions` when GRAPHQL_DEBUG is on. */
export function debugExtensionsPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind === 'single') {
            response.body.singleResult.extensions = {
              ...response.body.singleResult.extensions,
              discgraph: { roundTrips: contextValue.stats.roundTrips, requestId: contextValue.requestId },
            };
          }
        },
      };
    },
  };
}
