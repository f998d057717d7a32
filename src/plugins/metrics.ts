import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context';
import type { ServerMetrics } from '../observability/metrics';

/**
 * Records every GraphQL operation in /metrics: its outcome, latency, database round trips, the time
 * its database calls took and the codes of its errors. It reads the formatted response, so masked errors count as
 * INTERNAL_SERVER_ERROR exactly as the client saw them.
 */
export function metricsPlugin(metrics: ServerMetrics): ApolloServerPlugin<Context> {
  return {
    async invalidRequestWasReceived() {
      // Apollo calls this only for BAD_REQUEST (malformed body, missing query, CSRF).
      metrics.observeRejectedRequest('BAD_REQUEST');
    },
    async contextCreationDidFail() {
      metrics.observeRejectedRequest('INTERNAL_SERVER_ERROR');
    },
    async requestDidStart() {
      const started = performance.now();
      let resolved = false;
      return {
        async didResolveOperation() {
          resolved = true;
        },
        async willSendResponse({ response, operationName, contextValue }) {
          const errors =
            response.body.kind === 'single' ? response.body.singleResult.errors : response.body.initialResult.errors;
          metrics.observeOperation({
            operationName,
            resolved,
            errorCodes: (errors ?? []).map((error) => error.extensions?.code),
            seconds: (performance.now() - started) / 1000,
            roundTrips: contextValue.stats.roundTrips,
            dbSeconds: contextValue.stats.dbSeconds,
          });
        },
      };
    },
  };
}
