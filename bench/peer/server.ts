// The benchmark's peer: the discgraph graph served by @neo4j/graphql 7 (Apollo Server 5 on
// express 5), with nothing but the library's generated resolvers and the @cypher fields of
// typeDefs.ts. `npm run bench` runs it compiled; by hand: `npx tsx bench/peer/server.ts`.
//
//   NEO4J_URI       bolt URI of the database (required)
//   NEO4J_USER, NEO4J_PASSWORD   credentials (optional; none when the database has auth disabled)
//   NEO4J_DATABASE  database name (optional; the server's default database otherwise)
//   PORT            port to listen on, 0 (the default) for any free port
//
// Prints one line `ready http://127.0.0.1:<port>` when it accepts requests. POST /graphql serves
// GraphQL; GET /bench/stats returns {"requests": <GraphQL requests served>, "roundTrips": <Cypher
// queries sent to Neo4j>}. The round trips are counted by wrapping the driver the library is given:
// every query it runs goes through a session's or transaction's run() (or driver.executeQuery),
// and the wrapper counts it before handing it to the real driver.
import http from 'node:http';
import { type AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { Neo4jGraphQL } from '@neo4j/graphql';
import express from 'express';
import neo4j, { type Driver } from 'neo4j-driver';
import { typeDefs } from './typeDefs';

const stats = { requests: 0, roundTrips: 0 };

type Method = (...args: any[]) => any;

/** A proxy of `target` whose methods named in `wrappers` are replaced by `wrapper(original)`. */
function intercept<T extends object>(target: T, wrappers: Record<string, (original: Method) => Method>): T {
  return new Proxy(target, {
    get(obj, prop) {
      const value: unknown = Reflect.get(obj, prop, obj);
      if (typeof value !== 'function') {
        return value;
      }
      const bound = (value as Method).bind(obj);
      const wrap = typeof prop === 'string' ? wrappers[prop] : undefined;
      return wrap === undefined ? bound : wrap(bound);
    },
  });
}

/** `run` (or executeQuery), counting each call: each sends one query to the database. */
const counted =
  (run: Method): Method =>
  (...args) => {
    stats.roundTrips += 1;
    return run(...args);
  };

/** A transaction (managed or explicit) whose run() is counted. */
const countingTransaction = <T extends object>(tx: T): T => intercept(tx, { run: counted });

/** A session whose auto-commit run() is counted and whose transactions count theirs. */
function countingSession<T extends object>(session: T): T {
  const managed =
    (execute: Method): Method =>
    (work: (tx: object) => unknown, ...rest) =>
      execute((tx: object) => work(countingTransaction(tx)), ...rest);
  return intercept(session, {
    run: counted,
    executeRead: managed,
    executeWrite: managed,
    beginTransaction:
      (begin: Method): Method =>
      (...args) =>
        countingTransaction(begin(...args)),
  });
}

/** The real driver, with every query of its sessions and of executeQuery counted. */
const countingDriver = (driver: Driver): Driver =>
  intercept(driver, {
    session:
      (session: Method): Method =>
      (...args) =>
        countingSession(session(...args)),
    executeQuery: counted,
  });

async function main(): Promise<void> {
  const uri = process.env.NEO4J_URI;
  if (!uri) {
    throw new Error('NEO4J_URI is required');
  }
  const user = process.env.NEO4J_USER;
  const password = process.env.NEO4J_PASSWORD;
  if ((user === undefined) !== (password === undefined)) {
    throw new Error('set both NEO4J_USER and NEO4J_PASSWORD, or neither');
  }
  const port = Number(process.env.PORT ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, not ${process.env.PORT}`);
  }
  const database = process.env.NEO4J_DATABASE;

  const driver = neo4j.driver(
    uri,
    user !== undefined && password !== undefined ? neo4j.auth.basic(user, password) : undefined,
  );
  await driver.verifyConnectivity();

  const neoSchema = new Neo4jGraphQL({
    typeDefs,
    driver: countingDriver(driver),
    // A new API: leave out the v6-style filter and aggregation inputs v7 still generates as deprecated.
    features: {
      excludeDeprecatedFields: {
        mutationOperations: true,
        aggregationFilters: true,
        aggregationFiltersOutsideConnection: true,
        relationshipFilters: true,
        attributeFilters: true,
      },
    },
  });
  const schema = await neoSchema.getSchema();

  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer({
    schema,
    introspection: true,
    // This process handles SIGTERM itself (below); Apollo's own handler, racing it, left the process
    // hanging after the server had closed.
    stopOnTerminationSignals: false,
    // No caching of any kind: no cache hints or Cache-Control headers, no response cache.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();

  app.get('/bench/stats', (_req, res) => {
    res.json(stats);
  });
  app.post(
    '/graphql',
    express.json({ limit: '1mb' }),
    (_req, _res, next) => {
      stats.requests += 1;
      next();
    },
    expressMiddleware(apollo, {
      context: async () => (database === undefined ? {} : { sessionConfig: { database } }),
    }),
  );

  await new Promise<void>((resolve) => httpServer.listen(port, '127.0.0.1', resolve));
  const { port: bound } = httpServer.address() as AddressInfo;
  process.stdout.write(`ready http://127.0.0.1:${bound}\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) {
      return;
    }
    stopping = true;
    await apollo.stop(); // drains the HTTP server, then stops
    await driver.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
