// Apollo Server 5 on Express 5: /graphql, /healthz, /readyz, request ids, structured logs,
// error masking and a graceful drain. Everything cross-cutting is a plugin or a middleware here;
// resolvers only see the typed Context.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { ERROR_CODES } from './common/errors';
import type { AppConfig } from './config';
import { type Context, createContext } from './context';
import type { Database } from './db/database';
import { buildAppSchema } from './schema';

/** Codes Apollo itself assigns to client mistakes; they pass through formatError unmasked. */
const APOLLO_CLIENT_CODES = [
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
];
const CLIENT_CODES = new Set<string>([...ERROR_CODES, ...APOLLO_CLIENT_CODES]);

export interface ServerDeps {
  config: AppConfig;
  database: Database;
  logger: Logger;
  /** Whether start-up work (migrations, seed) has finished; /readyz is 503 until it has. */
  bootstrapped?: () => boolean;
}

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

/** Adds the request's database round trips to `extensions` when GRAPHQL_DEBUG is on. */
function debugExtensionsPlugin(): ApolloServerPlugin<Context> {
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

/** Logs each operation with its name, outcome and round trips. */
function operationLogPlugin(): ApolloServerPlugin<Context> {
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

export async function createServer(deps: ServerDeps): Promise<RunningServer> {
  const { config, database, logger } = deps;
  const app = express();
  const httpServer = http.createServer(app);
  const schema = await buildAppSchema();

  const apollo = new ApolloServer<Context>({
    schema,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    formatError: (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
      const code = formatted.extensions?.code;
      if (typeof code === 'string' && CLIENT_CODES.has(code)) {
        return formatted;
      }
      logger.error({ err: error, path: formatted.path }, 'unexpected error, masked for the client');
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
      ApolloServerPluginCacheControl({ defaultMaxAge: config.cacheMaxAgeSeconds }),
      config.sandbox
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false })
        : ApolloServerPluginLandingPageDisabled(),
      operationLogPlugin(),
      ...(config.debug ? [debugExtensionsPlugin()] : []),
    ],
  });
  await apollo.start();

  app.disable('x-powered-by');
  app.use((req: Request, res: Response, next: NextFunction) => {
    const requestId = requestIdOf(req);
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    const started = performance.now();
    res.on('finish', () => {
      logger.info(
        {
          requestId,
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

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const reachable = await database.ping();
    const bootstrapped = deps.bootstrapped?.() ?? true;
    const ready = reachable && bootstrapped;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', database: reachable, bootstrapped });
  });

  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) =>
        createContext({
          database,
          config,
          logger,
          requestId: String(res.locals.requestId),
          operationName: typeof req.body?.operationName === 'string' ? req.body.operationName : undefined,
          deadline: Date.now() + config.requestTimeoutMs,
        }),
    }),
  );

  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    url: `http://${shownHost}:${port}/graphql`,
    port,
    httpServer,
    apollo,
    stop: () => apollo.stop(),
  };
}
