// Shared test plumbing: configuration for tests, a Database on the run's Neo4j, the seed graph
// loaded once per process, a real HTTP server on port 0 and a GraphQL client over fetch.
import { type AppConfig, loadConfig } from '../../src/config';
import { Database, type Executor } from '../../src/db/database';
import { migrate } from '../../src/db/migrations';
import { buildEvidenceCards } from '../../src/graph/dashboard/card.store';
import { seedFrom } from '../../src/seed';
import { createServer, type RunningServer } from '../../src/server';
import { pino } from 'pino';

export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NEO4J_URI: process.env.NEO4J_URI,
    NEO4J_USER: process.env.NEO4J_USER,
    NEO4J_PASSWORD: process.env.NEO4J_PASSWORD,
    NEO4J_DATABASE: process.env.NEO4J_DATABASE,
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'silent',
    GRAPHQL_DEBUG: 'true',
    // Suites send hundreds of requests from one address; the rate-limit test turns it back on.
    RATE_LIMIT_PER_MINUTE: '0',
    ...overrides,
  });
}

export function openDatabase(config: AppConfig = testConfig()): Database {
  if (config.neo4j === undefined) {
    throw new Error('NEO4J_URI is not set: the jest globalSetup should have started a Neo4j');
  }
  return new Database({
    ...config.neo4j,
    txTimeoutMs: 60_000,
    connectionTimeoutMs: config.neo4jConnectionTimeoutMs,
    maxRetryMs: config.neo4jMaxRetryMs,
    poolSize: 10,
  });
}

/**
 * Computes every stored evidence card again, and drops those of conditions that are gone: after a
 * test wrote or removed its fixtures with Cypher of its own, round the write primitives that keep
 * the cards (src/graph/dashboard/card.store.ts).
 */
export async function resyncCards(db: Executor): Promise<void> {
  // A timeout of its own: a suite may run its server at NEO4J_TX_TIMEOUT_MS=100, and after its
  // imports Neo4j may plan the card query again, which alone takes longer than that.
  await buildEvidenceCards(db, undefined, { all: true, timeoutMs: 120_000 });
}

let seeded: Promise<void> | undefined;
/** Migrates and loads seed/ once per test process; the load is idempotent, so order does not matter. */
export function ensureSeedGraph(database: Database): Promise<void> {
  seeded ??= (async () => {
    const executor = database.executor();
    await migrate(executor);
    await seedFrom(executor, 'seed');
  })();
  return seeded;
}

export interface TestServer {
  url: string;
  origin: string;
  server: RunningServer;
  database: Database;
  config: AppConfig;
  close(): Promise<void>;
}

export async function startTestServer(
  overrides: Record<string, string> = {},
  database?: Database,
  bootstrapped?: () => boolean,
): Promise<TestServer> {
  const config = testConfig(overrides);
  const db = database ?? openDatabase(config);
  const server = await createServer({ config, database: db, logger: pino({ level: 'silent' }), bootstrapped });
  const origin = `http://127.0.0.1:${server.port}`;
  return {
    url: `${origin}/graphql`,
    origin,
    server,
    database: db,
    config,
    close: async () => {
      await server.stop();
      if (database === undefined) {
        await db.close();
      }
    },
  };
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }>;
  extensions?: Record<string, unknown>;
}

export async function gql<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, ...body };
}

export interface SeededServer {
  t: TestServer;
  /** The server's own executor, for the test's independent Cypher. */
  db: Executor;
  close(): Promise<void>;
}

/** A server on the seed graph, rate limit off, sharing its Database with the test's own reads. */
export async function startSeededServer(): Promise<SeededServer> {
  const database = openDatabase();
  await ensureSeedGraph(database);
  const t = await startTestServer({ RATE_LIMIT_PER_MINUTE: '0' }, database);
  return {
    t,
    db: database.executor(),
    close: async () => {
      await t.close();
      await database.close();
    },
  };
}
