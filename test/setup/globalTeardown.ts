// Stops the Neo4j that globalSetup started, if it started one. integration and e2e name this same
// file, which jest runs once per run; clearing the variables keeps a second call a no-op anyway.
import { rmSync } from 'node:fs';
import { stopLocalNeo4j } from '../../src/db/localNeo4j';

export default async function globalTeardown(): Promise<void> {
  const dir = process.env.DISCGRAPH_TEST_NEO4J_DIR;
  if (dir === undefined) {
    return;
  }
  await stopLocalNeo4j({ dir });
  rmSync(dir, { recursive: true, force: true });
  delete process.env.DISCGRAPH_TEST_NEO4J_DIR;
  delete process.env.NEO4J_URI;
}
