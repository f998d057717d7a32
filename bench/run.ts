// `npm run bench -- --scale M`: the side-by-side benchmark. One Neo4j with the synthetic graph,
// three servers over it (this one, @neo4j/graphql, a raw-Cypher floor), each its own process; load
// from autocannon at each concurrency, with a warm-up whose connections carry on into the measured
// window, alternating the order of the servers from round to round so drift cancels out. Prints
// one table of ratios and writes the figures as JSON to bench/results/. Never part of `npm test`.
import 'reflect-metadata';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
import { type Buckets, type Counters, type RunningServer, SERVER_NAMES, type ServerName, startServer } from './servers';
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
  /** Seconds of warm-up before the window opened: longer than asked while connections waited to be accepted. */
  warmupSeconds?: number;
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
  /** --report FILE: print the table of a result written earlier, without running anything. */
  reportFile?: string;
  /** --search-text TEXT: what operation 4 searches for, instead of the default two words. */
  searchText?: string;
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
      report: { type: 'string' },
      'search-text': { type: 'string' },
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
    reportFile: values.report,
    searchText: values['search-text'],
  };
}

/** What the load generator saw in the measured window. */
interface Window {
  /** Responses completed in the window, whatever their status. */
  responses: number;
  /** Latencies of the 2xx responses completed in the window, in ms. */
  latencies: number[];
  failures: number;
  /** How long the warm-up took: at least the asked-for seconds, longer while connections waited. */
  warmupSeconds: number;
}

/** The longest a warm-up waits for every connection to have been answered once. */
const MAX_WARMUP_SECONDS = 60;

/**
 * Load from one autocannon run, measured for `seconds` once the warm-up is over: at least `warmup`
 * seconds and every connection answered at least once, so the window holds no connection set-up.
 * The warm-up's connections carry on into the window. (Separate runs closed the warm-up's
 * connections and opened new ones at the window's start; a busy server accepts one connection per
 * event-loop turn, so the last of 64 waited seconds in the kernel's accept queue, and that wait
 * was the window's p99. The bench README reports it as its own figure.)
 */
function load(
  server: RunningServer,
  workload: Workload,
  connections: number,
  warmup: number,
  seconds: number,
  atMark: () => void = () => undefined,
): Promise<Window> {
  const window: Window = { responses: 0, latencies: [], failures: 0, warmupSeconds: 0 };
  let measuring = false;
  const toRequest = (r: BenchRequest) => ({
    method: 'POST' as const,
    path: r.path,
    body: r.body,
    headers: { 'content-type': 'application/json' },
    onResponse: (status: number, body: string) => {
      if (measuring && status === 200 && body.includes('"errors":[')) {
        window.failures += 1;
      }
    },
  });
  const requests =
    workload === MIX ? OPERATIONS.map((op) => toRequest(server.requests[op])) : [toRequest(server.requests[workload])];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: server.baseUrl,
        connections,
        duration: MAX_WARMUP_SECONDS + seconds + 10,
        timeout: 60,
        requests: requests as any,
      },
      (error) => (error ? reject(error) : resolve(window)),
    );
    const answered = new Set<unknown>();
    let started = 0;
    let warmedUp = false;
    let longest: NodeJS.Timeout | undefined;
    const open = () => {
      if (measuring) {
        return;
      }
      measuring = true;
      clearTimeout(longest);
      window.warmupSeconds = (performance.now() - started) / 1000;
      atMark();
      setTimeout(() => instance.stop(), seconds * 1000);
    };
    const openWhenWarm = () => {
      if (warmedUp && answered.size >= connections) {
        open();
      }
    };
    instance.once('start', () => {
      started = performance.now();
      setTimeout(() => {
        warmedUp = true;
        openWhenWarm();
      }, warmup * 1000);
      longest = setTimeout(open, MAX_WARMUP_SECONDS * 1000);
    });
    instance.on('response', (client: unknown, status: number, _bytes: number, ms: number) => {
      if (!measuring) {
        answered.add(client);
        openWhenWarm();
        return;
      }
      window.responses += 1;
      if (status >= 200 && status < 300) {
        window.latencies.push(ms);
      } else {
        window.failures += 1;
      }
    });
    instance.on('reqError', () => {
      if (measuring) {
        window.failures += 1;
      }
    });
  });
}

/** The q-quantile of latencies (nearest rank); 0 when none completed. */
function quantile(latencies: number[], q: number): number {
  if (latencies.length === 0) {
    return 0;
  }
  const sorted = [...latencies].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
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
  let before: Promise<Counters> | undefined;
  let maxRss = 0;
  let sampler: NodeJS.Timeout | undefined;
  const window = await load(server, workload, connections, o.warmup, o.duration, () => {
    before = server.counters();
    maxRss = server.rssBytes();
    sampler = setInterval(() => {
      maxRss = Math.max(maxRss, server.rssBytes());
    }, 200);
  });
  clearInterval(sampler);
  maxRss = Math.max(maxRss, server.rssBytes());
  const after = await server.counters();
  const start = await before!;
  const served = after.requests - start.requests;
  const spent = (key: 'operationSeconds' | 'dbSeconds' | 'gcSeconds') => (after[key] ?? 0) - (start[key] ?? 0);
  const time =
    after.operationSeconds === undefined || served === 0
      ? undefined
      : {
          operationMs: (spent('operationSeconds') * 1000) / served,
          dbMs: (spent('dbSeconds') * 1000) / served,
          gcMsPerSecond: (spent('gcSeconds') * 1000) / o.duration,
          eventLoopP99Ms: (after.eventLoopP99Seconds ?? 0) * 1000,
          operationP99BoundMs: p99BoundMs(start.operationBuckets, after.operationBuckets),
          dbP99BoundMs: p99BoundMs(start.dbBuckets, after.dbBuckets),
        };
  return {
    requestsPerSecond: window.responses / o.duration,
    p50Ms: quantile(window.latencies, 0.5),
    p99Ms: quantile(window.latencies, 0.99),
    requests: window.responses,
    failures: window.failures,
    roundTripsPerRequest: served > 0 ? (after.roundTrips - start.roundTrips) / served : 0,
    maxRssMb: maxRss / 2 ** 20,
    warmupSeconds: window.warmupSeconds,
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

/** Prints the table of a result file, with the run's own options, the way the run printed it. */
function reprint(file: string): void {
  const saved = JSON.parse(readFileSync(file, 'utf8')) as {
    scale: Scale;
    startedAt: string;
    machine: string;
    options: Options;
    results: Cell[];
  };
  console.log(`scale ${saved.scale}; ${saved.machine}; ${saved.startedAt}\n`);
  console.log(table(saved.results, saved.options));
}

async function main() {
  const o = options();
  if (o.reportFile !== undefined) {
    reprint(o.reportFile);
    return;
  }
  const say = (line: string) => console.log(line);
  const started = new Date();
  const db = await benchDatabase(o.scale, say);
  const servers: RunningServer[] = [];
  let redis: LocalRedis | undefined;
  const monitor = openBenchDatabase(db.uri, 2);
  try {
    const chosen = await chooseParams(db.uri);
    const params = o.searchText === undefined ? chosen : { ...chosen, searchText: o.searchText };
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
                `p50 ${m.p50Ms.toFixed(1)} ms, p99 ${m.p99Ms.toFixed(1)} ms, ${m.roundTripsPerRequest.toFixed(2)} trips, ` +
                `${m.maxRssMb.toFixed(0)} MB, ${m.failures} failures, window opened after ${m.warmupSeconds?.toFixed(1)} s`,
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
