// Starts a throw-away local Neo4j for the whole run (unless NEO4J_URI is given), migrates it and
// loads the seed graph, which the suites read and never change; tests that write use their own ids.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/common/ports';
import { startLocalNeo4j } from '../../src/db/localNeo4j';

export default async function globalSetup(): Promise<void> {
  if (process.env.NEO4J_URI) {
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'discgraph-test-'));
  const port = await freePort();
  const status = await startLocalNeo4j({
    dir,
    port,
    heap: '1g',
    pageCache: '512m',
    say: (line) => process.stderr.write(`[test neo4j] ${line}\n`),
  });
  process.env.NEO4J_URI = status.uri;
  process.env.DISCGRAPH_TEST_NEO4J_DIR = dir;
}
