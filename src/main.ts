// Process entry: config → (local Neo4j) → driver → HTTP server → start-up work → ready → graceful shutdown.
import 'reflect-metadata';
import { pino } from 'pino';
import { Bootstrap } from './bootstrap';
import { type AppConfig, ConfigError, loadConfig } from './config';
import { Database } from './db/database';
import { startLocalNeo4j } from './db/localNeo4j';
import { createServer } from './server';

async function neo4jTarget(config: AppConfig) {
  if (config.neo4j !== undefined) {
    return config.neo4j;
  }
  const local = await startLocalNeo4j({ ...config.local, say: (line) => console.log(line) });
  return { uri: local.uri, database: config.database };
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const logger = pino({ level: config.logLevel, base: { app: 'discgraph' } });
  const target = await neo4jTarget(config);
  const database = new Database({
    ...target,
    txTimeoutMs: config.neo4jTxTimeoutMs,
    connectionTimeoutMs: config.neo4jConnectionTimeoutMs,
    maxRetryMs: config.neo4jMaxRetryMs,
    poolSize: config.neo4jPoolSize,
  });
  const bootstrap = new Bootstrap(database, config, logger);
  const server = await createServer({ config, database, logger, bootstrapped: () => bootstrap.done });
  logger.info({ url: server.url, neo4j: target.uri }, 'discgraph is listening');
  const origin = server.url.replace(/\/graphql$/, '');
  console.log(
    `discgraph is listening on ${server.url}; it answers once the graph is migrated (and seeded, when the database is empty).`,
  );
  bootstrap.run().then(
    () => {
      if (bootstrap.done) {
        console.log(
          `discgraph is ready: open ${server.url} for GraphQL, ${origin}/graphiql to write queries and ${origin}/explore to browse (Neo4j at ${target.uri}).`,
        );
      }
    },
    (error: unknown) => {
      console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    logger.info({ signal }, 'shutting down: draining HTTP, then closing the driver');
    bootstrap.stop();
    await server.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  const userFacing = error instanceof Error && 'userFacing' in error;
  console.error(userFacing ? `error: ${(error as Error).message}` : error);
  process.exit(1);
});
