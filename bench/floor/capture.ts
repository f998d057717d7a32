// What this server sends to Neo4j for each benchmark operation, recorded from the server itself:
// its HTTP stack is started in this process over the bench graph, each operation is sent once as a
// client sends it, and every query its executor runs for that request is kept, text and
// parameters. The floor then replays exactly these, so it always sends the same Cypher as this
// server, whatever the server's compilers produce today.
import { pino } from 'pino';
import { loadConfig } from '../../src/config';
import { Database, Executor, Tx } from '../../src/db/database';
import { createServer } from '../../src/server';
import { ourRequests } from '../ours/operations';
import { type BenchParams, OPERATIONS, type OperationName } from '../types';

export interface Statement {
  name: string;
  cypher: string;
  params: Record<string, unknown>;
}

/** Executors the server runs on its own timers, not for a request: never part of an operation. */
const BACKGROUND = new Set(['dataVersion', 'graphVersion']);

export async function captureStatements(uri: string, params: BenchParams): Promise<Record<OperationName, Statement[]>> {
  let recording: Statement[] | undefined;
  const read = Executor.prototype.read;
  const run = Tx.prototype.run;
  Executor.prototype.read = function (this: Executor, name, cypher, values = {}) {
    if (!BACKGROUND.has(this.operationName ?? '')) {
      recording?.push({ name, cypher, params: values });
    }
    return read.call(this, name, cypher, values);
  } as typeof read;
  Tx.prototype.run = function (this: Tx, cypher, values = {}) {
    recording?.push({ name: 'tx', cypher, params: values });
    return run.call(this, cypher, values);
  } as typeof run;
  const config = loadConfig({
    NEO4J_URI: uri,
    NODE_ENV: 'production',
    PORT: '0',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '0',
    RESPONSE_CACHE: 'off',
    REQUEST_TIMEOUT_MS: '60000',
    NEO4J_TX_TIMEOUT_MS: '60000',
  });
  const database = new Database({
    uri,
    database: config.database,
    txTimeoutMs: 600_000,
    connectionTimeoutMs: 30_000,
    maxRetryMs: 30_000,
    poolSize: 4,
  });
  const server = await createServer({
    config,
    database,
    logger: pino({ level: 'warn' }),
    bootstrapped: () => true,
  });
  try {
    const baseUrl = server.url.replace(/\/graphql$/, '');
    const requests = await ourRequests(baseUrl, params);
    const captured = {} as Record<OperationName, Statement[]>;
    for (const name of OPERATIONS) {
      recording = [];
      const response = await fetch(`${baseUrl}${requests[name].path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: requests[name].body,
      });
      const body = (await response.json()) as { errors?: unknown[] };
      if (!response.ok || body.errors !== undefined) {
        throw new Error(
          `capturing ${name}: the server answered ${response.status} ${JSON.stringify(body).slice(0, 300)}`,
        );
      }
      if (recording.length === 0) {
        throw new Error(`capturing ${name}: the server ran no query`);
      }
      captured[name] = recording;
    }
    return captured;
  } finally {
    recording = undefined;
    Executor.prototype.read = read;
    Tx.prototype.run = run;
    await server.stop();
    await database.close();
  }
}
