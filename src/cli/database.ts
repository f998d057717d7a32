import type { AppConfig } from '../config';
import { Database } from '../db/database';
import { startLocalNeo4j } from '../db/localNeo4j';

/** Opens the configured database (starting the local Neo4j when NEO4J_URI is unset) for a CLI. */
export async function withDatabase<T>(config: AppConfig, work: (database: Database) => Promise<T>): Promise<T> {
  const target = config.neo4j ?? {
    uri: (await startLocalNeo4j({ ...config.local, say: (line) => console.error(line) })).uri,
    database: config.database,
  };
  const database = new Database({
    ...target,
    txTimeoutMs: 600_000,
    connectionTimeoutMs: config.neo4jConnectionTimeoutMs,
    maxRetryMs: config.neo4jMaxRetryMs,
    poolSize: 4,
  });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}
