// The database goes away under a running server and comes back: /readyz follows it, queries fail
// fast with DATABASE_UNAVAILABLE (within the request deadline), and the server recovers with no
// restart. Uses its own local Neo4j so the shared one is never disturbed.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalNeo4j, stopLocalNeo4j } from '../../src/db/localNeo4j';
import { gql, startTestServer, type TestServer } from '../support/harness';

const STATS = '{ stats { totalNodes } }';

describe('database outage and recovery', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'discgraph-outage-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const local = { dir, port, heap: '512m', pageCache: '128m' };
  let t: TestServer;

  beforeAll(async () => {
    // A fresh JVM plans its first queries slowly, the more so on a busy 2-core machine: the deadline
    // is generous, and the check below that the outage answer stays within it keeps its meaning.
    const neo4j = await startLocalNeo4j(local);
    t = await startTestServer({ NEO4J_URI: neo4j.uri, REQUEST_TIMEOUT_MS: '30000', NEO4J_MAX_RETRY_MS: '2000' });
  }, 300_000);

  afterAll(async () => {
    await t?.close();
    await stopLocalNeo4j({ dir });
    rmSync(dir, { recursive: true, force: true });
  });

  it('turns /readyz 503 and answers DATABASE_UNAVAILABLE promptly, then recovers without a restart', async () => {
    expect((await gql(t.url, STATS)).errors).toBeUndefined();

    await stopLocalNeo4j({ dir });
    expect((await fetch(`${t.origin}/readyz`)).status).toBe(503);
    const started = Date.now();
    const down = await gql(t.url, STATS);
    const elapsed = Date.now() - started;
    expect(down.status).toBe(200);
    expect(down.errors?.[0]?.extensions?.code).toBe('DATABASE_UNAVAILABLE');
    expect(down.data).toBeNull();
    // Not a wall-clock assertion on speed: it checks the configured deadline bounds the wait.
    expect(elapsed).toBeLessThan(t.config.requestTimeoutMs + t.config.neo4jConnectionTimeoutMs);

    await startLocalNeo4j(local);
    expect((await fetch(`${t.origin}/readyz`)).status).toBe(200);
    const up = await gql(t.url, STATS);
    expect(up.errors).toBeUndefined();
    expect(up.data).toEqual({ stats: { totalNodes: 0 } });
  }, 300_000);
});
