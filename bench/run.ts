// `npm run bench -- --scale M`: the side-by-side benchmark. One Neo4j with the synthetic graph,
// three servers over it (this one, @neo4j/graphql, a raw-Cypher floor), each its own process; load
// from autocannon at each concurrency, with a warm-up, alternating the order of the servers from
// round to round so drift cancels out. Prints one table of ratios and writes the figures as JSON
// to bench/results/. Never part of `npm test`.
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { projectRoot } from '../src/paths';
import type { Database } from '../src/db/database';
import { benchDatabase, openBenchDatabase } from './db';
import { chooseParams } from './params';
import { SCALES, type Scale } from './generate';
import { type LocalRedis, startLocalRedis } from '../src/scale/localRedis';
import { type Buckets, type RunningServer, SERVER_NAMES, type ServerName, startServer } from './servers';
import { type BenchRequest, OPERATION_TITLES, OPERATIONS, type OperationName } from './types';

const MIX = 'mix' as const;
type Workload = OperationName | typeof MIX;

export interface Measurement {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Non-2xx answers, transport errors, timeouts and bodies carrying GraphQL errors. */
  failures: number;
  roundTripsPerRequest: number;
  maxRssMb: number;
  /** This server only: where a request's time went, from its own /metrics over the measurement. */
  time?: {
    /** Mean milliseconds inside an operation (Apollo's request pipeline), and in Neo4j calls. */
    operationMs: number;
    dbMs: number;
    /** Garbage collection, milliseconds per second of the measurement. */
    gcMsPerSecond: number;
    /** p99 of the event loop's delay over the measurement. */
    eventLoopP99Ms: number;
    /**
     * Upper bounds of the histogram buckets holding the p99 time in an operation and in Neo4j calls
     * (Infinity past the last bound): whether a tail the client sees is the database's or this process's.
     */
    operationP99BoundMs?: number;
    dbP99BoundMs?: number;
  };
}

export interface Cell {
  workload: Workload;
  connections: number;
  server: ServerName;
  rounds: Measurement[];
}

interface Options {
  scale: Scale;
  duration: number;
  warmup: number;
  rounds: number;
  connections: number[];
  workloads: Workload[];
  servers: ServerName[];
  /** --cpu-prof DIR: this server (ours, cached) writes a V8 CPU profile there when it stops. */
  cpuProfileDir?: string;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'M' },
      duration: { type: 'string', default: '6' },
      warmup: { type: 'string', default: '2' },
      rounds: { type: 'string', default: '2' },
      connections: { type: 'string', default: '1,16,64' },
      ops: { type: 'string', default: [...OPERATIONS, MIX].join(',') },
      servers: { type: 'string', default: SERVER_NAMES.join(',') },
      'cpu-prof': { type: 'string' },
    },
  });
  const scale = values.scale as Scale;
  if (!(scale in SCALES)) {
    throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
  }
  const workloads = values.ops.split(',') as Workload[];
  for (const w of workloads) {
    if (w !== MIX && !OPERATIONS.includes(w)) {
      throw new Error(`--ops: unknown operation ${w}; known: ${[...OPERATIONS, MIX].join(', ')}`);
    }
  }
  const servers = values.servers.split(',') as ServerName[];
  for (const s of servers) {
    if (!SERVER_NAMES.includes(s)) {
      throw new Error(`--servers: unknown server ${s}; known: ${SERVER_NAMES.join(', ')}`);
    }
  }
  return {
    scale,
    duration: Number(values.duration),
    warmup: Number(values.warmup),
    rounds: Number(values.rounds),
    connections: values.connections.split(',').map(Number),
    workloads,
    servers,
    cpuProfileDir: values['cpu-prof'] === undefined ? undefined : path.resolve(values['cpu-prof']),
  };
}

function load(
  server: RunningServer,
  workload: Workload,
  connections: number,
  seconds: number,
): Promise<{ result: autocannon.Result; failedBodies: number }> {
  let failedBodies = 0;
  const toRequest = (r: BenchRequest) => ({
    method: 'POST' as const,
    path: r.path,
    body: r.body,
    headers: { 'content-type': 'application/json' },
    onResponse: (status: number, body: string) => {
      if (status === 200 && body.includes('"errors":[')) {
        failedBodies += 1;
      }
    },
  });
  const requests =
    workload === MIX ? OPERATIONS.map((op) => toRequest(server.requests[op])) : [toRequest(server.requests[workload])];
  return new Promise((resolve, reject) => {
    autocannon(
      { url: server.baseUrl, connections, duration: seconds, timeout: 60, requests: requests as any },
      (error, result) => (error ? reject(error) : resolve({ result, failedBodies })),
    );
  });
}

/**
 * Waits until Neo4j runs no query but this check: a request still running after a load ended (the
 * load generator stops waiting, the server does not) must not slow down the next measurement.
 */
async function quiesce(db: Database, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const [row] = await db
      .executor()
      .read<{ running: number }>(
        'bench.quiesce',
        `SHOW TRANSACTIONS YIELD currentQuery WHERE NOT currentQuery STARTS WITH 'SHOW TRANSACTIONS' RETURN count(*) AS running`,
      );
    if (row.running === 0) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function measure(
  db: Database,
  server: RunningServer,
  workload: Workload,
  connections: number,
  o: Options,
): Promise<Measurement> {
  await quiesce(db);
  if (o.warmup > 0) {
    await load(server, workload, connections, o.warmup);
  }
  await quiesce(db);
  const before = await server.counters();
  let maxRss = server.rssBytes();
  const sampler = setInterval(() => {
    maxRss = Math.max(maxRss, server.rssBytes());
  }, 200);
  const { result, failedBodies } = await load(server, workload, connections, o.duration);
  clearInterval(sampler);
  maxRss = Math.max(maxRss, server.rssBytes());
  const after = await server.counters();
  const served = after.requests - before.requests;
  const spent = (key: 'operationSeconds' | 'dbSeconds' | 'gcSeconds') => (after[key] ?? 0) - (before[key] ?? 0);
  const time =
    after.operationSeconds === undefined || served === 0
      ? undefined
      : {
          operationMs: (spent('operationSeconds') * 1000) / served,
          dbMs: (spent('dbSeconds') * 1000) / served,
          gcMsPerSecond: (spent('gcSeconds') * 1000) / o.duration,
          eventLoopP99Ms: (after.eventLoopP99Seconds ?? 0) * 1000,
          operationP99BoundMs: p99BoundMs(before.operationBuckets, after.operationBuckets),
          dbP99BoundMs: p99BoundMs(before.dbBuckets, after.dbBuckets),
        };
  return {
    requestsPerSecond: result.requests.total / o.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts + failedBodies,
    roundTripsPerRequest: served > 0 ? (after.roundTrips - before.roundTrips) / served : 0,
    maxRssMb: maxRss / 2 ** 20,
    time,
  };
}

/** The upper bound, in ms, of the bucket holding the p99 of what a histogram counted between two scrapes. */
function p99BoundMs(before: Buckets | undefined, after: Buckets | undefined): number | undefined {
  if (before === undefined || after === undefined) {
    return undefined;
  }
  const counted = (le: number) => (after.get(le) ?? 0) - (before.get(le) ?? 0);
  const total = counted(Infinity);
  if (total === 0) {
    return undefined;
  }
  const bound = [...after.keys()].sort((a, b) => a - b).find((le) => counted(le) >= 0.99 * total);
  return bound === undefined ? undefined : bound * 1000;
}

/** One request of each operation, to check every server answers without errors before loading it. */
async function verify(server: RunningServer): Promise<Record<OperationName, number>> {
  const sizes = {} as Record<OperationName, number>;
  for (const op of OPERATIONS) {
    const r = server.requests[op];
    const response = await fetch(`${server.baseUrl}${r.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: r.body,
    });
    const text = await response.text();
    if (response.status !== 200 || text.startsWith('{"errors"') || text.includes('"errors":[')) {
      throw new Error(`${server.name} failed ${op}: HTTP ${response.status} ${text.slice(0, 600)}`);
    }
    sizes[op] = text.length;
  }
  return sizes;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export interface Summary {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  roundTripsPerRequest: number;
  maxRssMb: number;
  failures: number;
  time?: Measurement['time'];
}

function summarise(cell: Cell): Summary {
  const timed = cell.rounds.flatMap((m) => (m.time === undefined ? [] : [m.time]));
  const meanOf = (key: 'operationMs' | 'dbMs' | 'gcMsPerSecond') => mean(timed.map((t) => t[key]));
  return {
    time:
      timed.length === 0
        ? undefined
        : {
            operationMs: meanOf('operationMs'),
            dbMs: meanOf('dbMs'),
            gcMsPerSecond: meanOf('gcMsPerSecond'),
            eventLoopP99Ms: Math.max(...timed.map((t) => t.eventLoopP99Ms)),
            operationP99BoundMs: Math.max(...timed.map((t) => t.operationP99BoundMs ?? NaN)),
            dbP99BoundMs: Math.max(...timed.map((t) => t.dbP99BoundMs ?? NaN)),
          },
    requestsPerSecond: mean(cell.rounds.map((m) => m.requestsPerSecond)),
    p50Ms: median(cell.rounds.map((m) => m.p50Ms)),
    p99Ms: Math.max(...cell.rounds.map((m) => m.p99Ms)),
    roundTripsPerRequest: mean(cell.rounds.map((m) => m.roundTripsPerRequest)),
    maxRssMb: Math.max(...cell.rounds.map((m) => m.maxRssMb)),
    failures: cell.rounds.reduce((a, m) => a + m.failures, 0),
  };
}

/** A bucket bound: past the last bucket is past 10 s. */
const upTo = (ms: number | undefined) => (ms === Infinity ? '> 10000' : fmt(ms, 0));
const fmt = (x: number | undefined, digits = 1) => (x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits));

function table(cells: Cell[], o: Options): string {
  const find = (w: Workload, c: number, s: ServerName) => {
    const cell = cells.find((x) => x.workload === w && x.connections === c && x.server === s);
    return cell === undefined ? undefined : summarise(cell);
  };
  const withCache = o.servers.includes('cached');
  const header = [
    'operation',
    'c',
    'req/s this',
    'req/s peer',
    'req/s floor',
    'this/peer',
    'this/floor',
    'p50 this ms',
    'p50 peer ms',
    'p50 floor ms',
    'p50 this/floor',
    'p99 this ms',
    'p99 peer ms',
    'p99 floor ms',
    'this: ms in operation / in Neo4j',
    'this: GC ms/s',
    'this: event-loop p99 ms',
    'this: p99 in operation / in Neo4j ≤ ms',
    'trips this',
    'trips peer',
    'RSS this MB',
    'RSS peer MB',
    ...(withCache ? ['req/s cache on', 'cache on/off', 'p50 cache on ms', 'p99 cache on ms', 'trips cache on'] : []),
    'failures',
  ];
  const rows = [header, header.map(() => '---')];
  for (const w of o.workloads) {
    for (const c of o.connections) {
      const a = find(w, c, 'ours');
      const b = find(w, c, 'peer');
      const f = find(w, c, 'floor');
      const k = find(w, c, 'cached');
      rows.push([
        w === MIX ? 'mix of all 8' : OPERATION_TITLES[w],
        String(c),
        fmt(a?.requestsPerSecond),
        fmt(b?.requestsPerSecond),
        fmt(f?.requestsPerSecond),
        a && b ? `${fmt(a.requestsPerSecond / b.requestsPerSecond, 2)}×` : '–',
        a && f ? `${fmt(a.requestsPerSecond / f.requestsPerSecond, 2)}×` : '–',
        fmt(a?.p50Ms),
        fmt(b?.p50Ms),
        fmt(f?.p50Ms),
        a && f ? `${fmt(a.p50Ms / f.p50Ms, 2)}×` : '–',
        fmt(a?.p99Ms),
        fmt(b?.p99Ms),
        fmt(f?.p99Ms),
        a?.time ? `${fmt(a.time.operationMs)} / ${fmt(a.time.dbMs)}` : '–',
        fmt(a?.time?.gcMsPerSecond),
        fmt(a?.time?.eventLoopP99Ms),
        a?.time ? `${upTo(a.time.operationP99BoundMs)} / ${upTo(a.time.dbP99BoundMs)}` : '–',
        fmt(a?.roundTripsPerRequest, 2),
        fmt(b?.roundTripsPerRequest, 2),
        fmt(a?.maxRssMb, 0),
        fmt(b?.maxRssMb, 0),
        ...(withCache
          ? [
              fmt(k?.requestsPerSecond),
              a && k ? `${fmt(k.requestsPerSecond / a.requestsPerSecond, 2)}×` : '–',
              fmt(k?.p50Ms),
              fmt(k?.p99Ms),
              fmt(k?.roundTripsPerRequest, 2),
            ]
          : []),
        String((a?.failures ?? 0) + (b?.failures ?? 0) + (f?.failures ?? 0) + (k?.failures ?? 0)),
      ]);
    }
  }
  return rows.map((r) => `| ${r.join(' | ')} |`).join('\n');
}

async function main() {
  const o = options();
  const say = (line: string) => console.log(line);
  const started = new Date();
  const db = await benchDatabase(o.scale, say);
  const servers: RunningServer[] = [];
  let redis: LocalRedis | undefined;
  const monitor = openBenchDatabase(db.uri, 2);
  try {
    const params = await chooseParams(db.uri);
    say(`parameters: ${JSON.stringify(params)}`);
    if (o.servers.includes('cached')) {
      redis = await startLocalRedis();
    }
    for (const name of o.servers) {
      servers.push(await startServer(name, db.uri, params, redis?.url, o.cpuProfileDir));
    }
    const responseBytes: Record<string, Record<OperationName, number>> = {};
    for (const server of servers) {
      responseBytes[server.name] = await verify(server);
    }
    say(`response sizes (bytes): ${JSON.stringify(responseBytes)}`);

    const cells: Cell[] = [];
    for (const connections of o.connections) {
      for (const workload of o.workloads) {
        for (let round = 0; round < o.rounds; round++) {
          // A, B, C then C, B, A: each server runs first and last equally often.
          const order = round % 2 === 0 ? servers : [...servers].reverse();
          for (const server of order) {
            const m = await measure(monitor, server, workload, connections, o);
            let cell = cells.find(
              (x) => x.workload === workload && x.connections === connections && x.server === server.name,
            );
            if (cell === undefined) {
              cell = { workload, connections, server: server.name, rounds: [] };
              cells.push(cell);
            }
            cell.rounds.push(m);
            say(
              `  ${workload} c=${connections} ${server.name} round ${round + 1}: ${m.requestsPerSecond.toFixed(1)} req/s, ` +
                `p50 ${m.p50Ms} ms, p99 ${m.p99Ms} ms, ${m.roundTripsPerRequest.toFixed(2)} trips, ` +
                `${m.maxRssMb.toFixed(0)} MB, ${m.failures} failures`,
            );
          }
        }
      }
    }

    const report = table(cells, o);
    const cpus = os.cpus();
    const machine = `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
    console.log(
      `\nscale ${o.scale}: ${db.load.entities} nodes, ${db.load.claims} relationships; ${machine}; ${started.toISOString()}`,
    );
    console.log(
      `loader: ${Math.round(db.load.relationshipsPerSecond)} relationships/s (${db.load.loadSeconds.toFixed(1)} s)` +
        (db.loadedNow ? '' : ' [measured when the graph was loaded]'),
    );
    console.log(`${o.duration} s per measurement after ${o.warmup} s warm-up, ${o.rounds} rounds alternating order\n`);
    console.log(report);
    const dir = path.join(projectRoot, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `bench-${o.scale}-${started.toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(
      file,
      JSON.stringify(
        {
          scale: o.scale,
          startedAt: started.toISOString(),
          machine,
          options: o,
          load: db.load,
          params,
          responseBytes,
          results: cells.map((cell) => ({ ...cell, summary: summarise(cell) })),
        },
        null,
        2,
      ),
    );
    console.log(`\nfigures written to ${path.relative(projectRoot, file)}`);
  } finally {
    await monitor.close();
    for (const server of servers) {
      await server.stop();
    }
    await redis?.close();
    await db.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
