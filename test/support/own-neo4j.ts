// A throw-away Neo4j of a suite's own (a free port, a temporary folder), for suites that wipe the
// database or start from an empty one and so must not touch the run's shared Neo4j.
import path from 'node:path';
import { Database } from '../../src/db/database';
import { startLocalNeo4j, stopLocalNeo4j } from '../../src/db/localNeo4j';

export interface OwnNeo4j {
  uri: string;
  database: Database;
  stop(): Promise<void>;
}

export async function startOwnNeo4j(work: string): Promise<OwnNeo4j> {
  const local = {
    dir: path.join(work, 'neo4j'),
    port: 20000 + Math.floor(Math.random() * 20000),
    heap: '768m',
    pageCache: '256m',
  };
  const { uri } = await startLocalNeo4j(local);
  const database = new Database({
    uri,
    database: 'neo4j',
    txTimeoutMs: 120_000,
    connectionTimeoutMs: 5_000,
    maxRetryMs: 3_000,
    poolSize: 4,
  });
  return {
    uri,
    database,
    stop: async () => {
      await database.close();
      await stopLocalNeo4j({ dir: local.dir });
    },
  };
}
