// Apollo plugins beyond the built-in ones, each a small factory: xxxPlugin(options).
// appPlugins() is the one list the server installs.
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context';
import type { ServerDeps } from '../deps';
import { metricsFor } from '../observability/serverMetrics';
import { bookmarkPlugin } from './bookmarks';
import { debugExtensionsPlugin } from './debugExtensions';
import { errorLogPlugin } from './errorLog';
import { metricsPlugin } from './metrics';
import { operationLogPlugin } from './operationLog';

export function appPlugins(deps: ServerDeps): ApolloServerPlugin<Context>[] {
  return [
    operationLogPlugin(),
    bookmarkPlugin(),
    errorLogPlugin(),
    metricsPlugin(metricsFor(deps)),
    ...(deps.config.debug ? [debugExtensionsPlugin()] : []),
  ];
}
