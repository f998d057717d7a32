// Structured logs: every line of a GraphQL request carries its request id and operation name.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { createServer, type RunningServer } from '../../src/server';
import { ensureSeedGraph, gql, openDatabase, testConfig } from '../support/harness';
import type { Database } from '../../src/db/database';

type Line = Record<string, unknown>;

describe('structured logs', () => {
  const lines: Line[] = [];
  let database: Database;
  let server: RunningServer;
  let url: string;

  beforeAll(async () => {
    const config = testConfig({ LOG_LEVEL: 'info' });
    database = openDatabase(config);
    await ensureSeedGraph(database);
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const text of chunk.toString('utf8').split('\n')) {
          if (text !== '') {
            lines.push(JSON.parse(text) as Line);
          }
        }
        done();
      },
    });
    server = await createServer({ config, database, logger: pino({ level: 'info' }, sink) });
    url = `http://127.0.0.1:${server.port}/graphql`;
  });

  afterAll(async () => {
    await server.stop();
    await database.close();
  });

  /** The http line is written when the response finishes, which can be just after the client has it. */
  async function linesOf(requestId: string, count: number): Promise<Line[]> {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const found = lines.filter((line) => line.requestId === requestId);
      if (found.length >= count) {
        return found;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    return lines.filter((line) => line.requestId === requestId);
  }

  it('logs a resolved operation with the request id and the operation name', async () => {
    const response = await gql(url, 'query LogProbe { stats { totalNodes } }', {}, { 'x-request-id': 'obs-log-probe' });
    expect(response.errors).toBeUndefined();
    const mine = await linesOf('obs-log-probe', 2);
    const operation = mine.find((line) => line.msg === 'graphql operation');
    expect(operation).toMatchObject({ requestId: 'obs-log-probe', operationName: 'LogProbe' });
    expect(typeof operation?.roundTrips).toBe('number');
    expect(mine.find((line) => line.msg === 'http request')).toMatchObject({ requestId: 'obs-log-probe', status: 200 });
  });

  it('names an operation that failed before resolution by what the client sent', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'obs-log-unparsable' },
      body: JSON.stringify({ query: 'query LogBroken {', operationName: 'LogBroken' }),
    });
    expect(response.status).toBe(400);
    const operation = (await linesOf('obs-log-unparsable', 1)).find((line) => line.msg === 'graphql operation');
    expect(operation).toMatchObject({
      requestId: 'obs-log-unparsable',
      operationName: 'LogBroken',
      errors: ['GRAPHQL_PARSE_FAILED'],
    });
  });
});
