// The floor: a bare Node HTTP endpoint that sends, with the raw driver, exactly the Cypher this
// server sends for each operation, and returns the records as JSON. No GraphQL, no validation, no
// resolvers: what Neo4j itself does through Bolt for the same queries, so the ratio to it measures
// this server's GraphQL layer alone. The statements are recorded from the server's own code at
// start-up (capture.ts); POST /op/<name> replays them.
import 'reflect-metadata';
import http from 'node:http';
import neo4j, { routing } from 'neo4j-driver';
import type { BenchParams, OperationName } from '../types';
import { captureStatements } from './capture';

async function main() {
  const uri = process.env.NEO4J_URI;
  if (uri === undefined) {
    throw new Error('NEO4J_URI is required');
  }
  const driver = neo4j.driver(
    uri,
    neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? ''),
    {
      disableLosslessIntegers: true,
      maxConnectionPoolSize: 100,
    },
  );
  const params = JSON.parse(process.env.BENCH_PARAMS ?? 'null') as BenchParams | null;
  if (params === null) {
    throw new Error('BENCH_PARAMS is required');
  }
  const statements = await captureStatements(uri, params);
  const stats = { requests: 0, roundTrips: 0 };

  const server = http.createServer((req, res) => {
    const reply = (status: number, body: unknown) => {
      // A byte array (a stored evidence card) goes out as base64, the least a raw client must send.
      const text = JSON.stringify(body, (_key, value: unknown) =>
        value instanceof Int8Array
          ? Buffer.from(value.buffer, value.byteOffset, value.length).toString('base64')
          : value,
      );
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    };
    if (req.method === 'GET' && req.url === '/bench/stats') {
      reply(200, stats);
      return;
    }
    const name = req.url?.startsWith('/op/') ? (req.url.slice(4) as OperationName) : undefined;
    const sent = name === undefined ? undefined : statements[name];
    if (req.method !== 'POST' || sent === undefined) {
      reply(404, { error: 'POST /op/<operation>' });
      return;
    }
    req.resume();
    req.on('end', () => {
      stats.requests += 1;
      stats.roundTrips += sent.length;
      const runAll = async () => {
        const data: unknown[][] = [];
        for (const statement of sent) {
          const result = await driver.executeQuery(statement.cypher, statement.params, {
            database: 'neo4j',
            routing: routing.READ,
          });
          data.push(result.records.map((r) => r.toObject()));
        }
        return data.length === 1 ? data[0] : data;
      };
      runAll()
        .then((data) => reply(200, { data }))
        .catch((error: unknown) => reply(500, { error: String(error) }));
    });
  });
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    console.log(`ready http://127.0.0.1:${port}`);
  });
  process.on('SIGTERM', () => {
    server.close();
    void driver.close().then(() => process.exit(0));
  });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
