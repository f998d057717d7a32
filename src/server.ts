// Apollo Server 5 on Express 5: /graphql, /healthz, /readyz, request ids, structured logs,
// error masking and a graceful drain. Everything cross-cutting is a plugin or a middleware here;
// resolvers only see the typed Context.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { CLIENT_ERROR_CODES } from './common/errors';
import { type Context, createContext } from './context';
import type { ServerDeps } from './deps';
import { clientErrorHandler, httpErrorHandler, notFoundHandler } from './http/errors';
import { authenticationMiddleware, principalOf } from './http/authentication';
import { Admission, admissionMiddleware } from './http/admission';
import { startupGate } from './http/startup';
import { bookmarkMiddleware, requestBookmarks } from './http/bookmarks';
import { dataVersionHeader } from './http/dataVersion';
import { rateLimitMiddleware } from './http/rateLimit';
import { mountRoutes } from './http/routes';
import { cachePolicyPlugin } from './plugins/cachePolicy';
import { limitsProtection } from './plugins/limits';
import { responseCachePlugin } from './plugins/responseCache';
import { appPlugins } from './plugins';
import { metricsFor } from './observability/serverMetrics';
import { scaleParts } from './scale';
import { buildAppSchema } from './schema';

export interface RunningServer {
  url: string;
  port: number;
  httpServer: http.Server;
  apollo: ApolloServer<Context>;
  stop(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

function requestIdOf(req: Request): string {
  const given = req.header('x-request-id');
  return given !== undefined && REQUEST_ID.test(given) ? given : randomUUID();
}

export type { ServerDeps };

export async function createServer(deps: ServerDeps): Promise<RunningServer> {
  const { config, database, logger } = deps;
  const app = express();
  const httpServer = http.createServer(app);
  const schema = await buildAppSchema();
  // Redis and the response cache, when configured (src/scale); stopped when the HTTP server closes.
  const scale = scaleParts(deps, metricsFor(deps));
  httpServer.once('close', () => void scale.stop());
  const limits = limitsProtection({
    ...config.limits,
    blockSuggestions: config.env === 'production',
    maxPageSize: config.maxPageSize,
    bounds: {
      listItems: config.limits.listItems,
      filterNodes: config.limits.filterNodes,
      importRecords: config.import.maxRecords,
    },
  });

  const apollo = new ApolloServer<Context>({
    schema,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: config.env === 'production',
    csrfPrevention: true,
    // src/main.ts owns SIGTERM/SIGINT: drain, close the driver, exit. Apollo's own handlers (on by
    // default outside NODE_ENV=test) would call stop() first, and a second, concurrent stop() (ours)
    // waits for a barrier Apollo Server 5 never resolves, so the process would never exit.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: config.limits.allowBatchedRequests,
    // Automatic persisted queries: in this process, or in the Redis every replica shares.
    ...(scale.persistedQueries === undefined ? {} : { persistedQueries: scale.persistedQueries }),
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    // Errors without a client code are bugs: masked here, logged with the request id by errorLogPlugin.
    formatError: (formatted: GraphQLFormattedError): GraphQLFormattedError => {
      const code = formatted.extensions?.code;
      if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) {
        return formatted;
      }
      return {
        message: 'Internal server error. It has been logged; quote the request id when you report it.',
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      };
    },
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // The graph is read-mostly: successful reads may be cached (Cache-Control: max-age, public).
      // Decided per operation by cachePolicyPlugin; Apollo's per-field plugin is off (see there).
      ApolloServerPluginCacheControlDisabled(),
      cachePolicyPlugin(config.cacheMaxAgeSeconds),
      config.landing === 'sandbox'
        ? ApolloServerPluginLandingPageLocalDefault({
            embed: true,
            includeCookies: false,
            // Sandbox opens on a query worth running: a condition's trials with the evidence level
            // and sources of each claim, and its evidence card.
            document: `# The evidence for treating a condition: its trials, each with the level and sources of
# the claim, and an evidence card that also counts the trials of its subtypes. Press Run.
query ConditionEvidence($id: ID!, $first: Int = 5) {
  condition(id: $id) {
    name
    crossReferences { curie url }
    trials(first: $first) {
      totalCount
      edges {
        node { name registryId phase status enrollment }
        evidence { level knowledgeLevel sources { title year url } }
      }
    }
  }
  evidenceSummary(conditionId: $id) {
    trialCount
    trialsByEvidenceLevel { level trialCount }
    bestOutcomes { outcome { name measure direction value unit } trial { name } }
  }
}
`,
            variables: { id: 'condition:lumbar-degenerative-disc-disease', first: 5 },
          })
        : ApolloServerPluginLandingPageDisabled(),
      ...limits.plugins,
      ...appPlugins(deps),
      ...(scale.responseCache === undefined ? [] : [responseCachePlugin(scale.responseCache)]),
    ],
  });
  await apollo.start();

  app.disable('x-powered-by');
  if (config.trustProxy > 0) {
    // Behind a load balancer the client's address (the rate limit's key) is in X-Forwarded-For.
    app.set('trust proxy', config.trustProxy);
  }
  app.use((req: Request, res: Response, next: NextFunction) => {
    const requestId = requestIdOf(req);
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    const started = performance.now();
    res.on('finish', () => {
      logger.info(
        {
          requestId,
          operationName: typeof req.body?.operationName === 'string' ? req.body.operationName : undefined,
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
        },
        'http request',
      );
    });
    next();
  });

  app.use(dataVersionHeader(deps, httpServer));
  if (deps.bootstrapped !== undefined) {
    app.use(['/graphql', '/export'], startupGate(deps.bootstrapped));
  }
  app.use(['/graphql', '/export'], bookmarkMiddleware());
  app.use(['/graphql', '/export'], authenticationMiddleware(config.auth));
  if (config.rateLimitPerMinute > 0) {
    // Exports read the whole graph, so they share the GraphQL budget.
    app.use(['/graphql', '/export'], rateLimitMiddleware(config.rateLimitPerMinute, scale.rateLimitStore));
  }
  mountRoutes(app, deps);

  // After the rate limit, so a refused request never takes a turn.
  let admission: RequestHandler | undefined;
  if (config.admission.running > 0) {
    const line = new Admission(config.admission);
    metricsFor(deps).watchAdmission(line);
    admission = admissionMiddleware(line);
  }
  let pathSearches: Admission | null = null;
  if (config.pathSearches.running > 0) {
    pathSearches = new Admission(config.pathSearches);
    metricsFor(deps).watchPathSearches(pathSearches);
  }
  app.use(
    '/graphql',
    ...(admission === undefined ? [] : [admission]),
    express.json({ limit: config.limits.bodyBytes }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) =>
        createContext({
          database,
          config,
          logger,
          requestId: String(res.locals.requestId),
          operationName: typeof req.body?.operationName === 'string' ? req.body.operationName : undefined,
          deadline: Date.now() + config.requestTimeoutMs,
          bookmarks: requestBookmarks(res.locals),
          // Refused credentials read as anonymous and fail only fields that need a role.
          principal: principalOf(res),
          pathSearches,
        }),
    }),
  );

  app.use(notFoundHandler());
  app.use(httpErrorHandler(config.limits.bodyBytes));
  httpServer.on('clientError', clientErrorHandler(http.maxHeaderSize));

  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    url: `http://${shownHost}:${port}/graphql`,
    port,
    httpServer,
    apollo,
    stop: async () => {
      await apollo.stop();
      await scale.stop();
    },
  };
}
