// The three servers under test, each its own process on this machine, over the same Neo4j.
import { randomBytes } from 'node:crypto';
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/paths';
import { freePort } from '../src/common/ports';
import { ourRequests } from './ours/operations';
import { peerRequests } from './peer/operations';
import { type BenchParams, type BenchRequest, OPERATIONS, type OperationName } from './types';

export const SERVER_NAMES = ['ours', 'cached', 'peer', 'floor'] as const;
export type ServerName = (typeof SERVER_NAMES)[number];

export const SERVER_TITLES: Record<ServerName, string> = {
  ours: 'discgraph',
  cached: 'discgraph with its response cache in Redis',
  peer: '@neo4j/graphql',
  floor: 'raw Cypher floor',
};

/** Where the compiled benchmark lives (npm run bench compiles bench/ with bench/tsconfig.json). */
export const BENCH_BUILD = path.join(projectRoot, '.data', 'bench-build');

/**
 * What a server counts. This server also tells where its time went (from its /metrics): seconds
 * inside operations, the part of them in Neo4j calls, garbage collection, and the event loop's
 * delay (p99 since the last scrape, which resets it).
 */
export interface Counters {
  requests: number;
  roundTrips: number;
  operationSeconds?: number;
  dbSeconds?: number;
  gcSeconds?: number;
  eventLoopP99Seconds?: number;
  /** Cumulative histogram counts by upper bound in seconds (every operation summed): time in operations, in Neo4j. */
  operationBuckets?: Buckets;
  dbBuckets?: Buckets;
}

/** A Prometheus histogram's cumulative counts, by upper bound (`le`, Infinity for +Inf). */
export type Buckets = Map<number, number>;

export interface RunningServer {
  name: ServerName;
  baseUrl: string;
  pid: number;
  requests: Record<OperationName, BenchRequest>;
  /** Database queries and requests served so far, as the server counts them. */
  counters(): Promise<Counters>;
  rssBytes(): number;
  stop(): Promise<void>;
}

function waitForLine(
  child: ChildProcess,
  pattern: RegExp,
  what: string,
  timeoutMs = 120_000,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`${what} did not start within ${timeoutMs} ms:\n${seen}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      const match = seen.match(pattern);
      if (match !== null) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve(match);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with code ${code}:\n${seen}`));
    });
  });
}

export function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb * 1024;
  } catch {
    return 0;
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) {
      resolve();
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function getJson(url: string): Promise<any> {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`GET ${url}: HTTP ${response.status}`);
  }
  return response.json();
}

/** A histogram's `_bucket` samples, summed over every other label, by `le`. */
function metricBuckets(text: string, name: string): Buckets {
  const buckets: Buckets = new Map();
  for (const line of text.split('\n')) {
    const le = line.startsWith(`${name}_bucket{`) ? /le="([^"]+)"/.exec(line)?.[1] : undefined;
    if (le !== undefined) {
      const bound = le === '+Inf' ? Infinity : Number(le);
      buckets.set(bound, (buckets.get(bound) ?? 0) + Number(line.slice(line.lastIndexOf(' ') + 1)));
    }
  }
  return buckets;
}

/** Sums a Prometheus metric's samples (every label set). */
function metricSum(text: string, name: string): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name}{`) || line.startsWith(`${name} `)) {
      total += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return total;
}

async function startProcess(name: ServerName, args: string[], env: Record<string, string>) {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd: projectRoot,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await waitForLine(child, /(ready|discgraph is ready)/, name);
  // Keep draining output so a chatty server never blocks on a full pipe.
  child.stdout?.resume();
  child.stderr?.resume();
  return { child, baseUrl: `http://127.0.0.1:${port}` };
}

async function waitReady(url: string, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not become ready`);
}

/** The floor replays the statements it recorded from this server; a request names the operation. */
function floorRequests(): Record<OperationName, BenchRequest> {
  return Object.fromEntries(OPERATIONS.map((name) => [name, { path: `/op/${name}`, body: '{}' }])) as Record<
    OperationName,
    BenchRequest
  >;
}

export async function startServer(
  name: ServerName,
  neo4jUri: string,
  params: BenchParams,
  redisUrl?: string,
  /** Where this server writes a V8 CPU profile when it stops (node --cpu-prof); none when undefined. */
  cpuProfileDir?: string,
): Promise<RunningServer> {
  if (name === 'ours' || name === 'cached') {
    if (name === 'cached' && redisUrl === undefined) {
      throw new Error('the cached server needs a Redis');
    }
    // In production /metrics needs its bearer token; the runner reads round trips from it.
    const metricsToken = randomBytes(24).toString('hex');
    const profile = cpuProfileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`];
    const { child, baseUrl } = await startProcess(name, [...profile, path.join(projectRoot, 'dist', 'main.js')], {
      NEO4J_URI: neo4jUri,
      NODE_ENV: 'production',
      METRICS_TOKEN: metricsToken,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      CACHE_MAX_AGE_SECONDS: '0',
      REQUEST_TIMEOUT_MS: '60000',
      NEO4J_TX_TIMEOUT_MS: '60000',
      NEO4J_MAX_RETRY_MS: '30000',
      // `ours` runs with the response cache off, as it is by default; `cached` as replicas would.
      ...(name === 'cached' ? { REDIS_URL: redisUrl!, RESPONSE_CACHE: 'redis' } : { RESPONSE_CACHE: 'off' }),
    });
    await waitReady(`${baseUrl}/readyz`);
    return {
      name,
      baseUrl,
      pid: child.pid!,
      requests: await ourRequests(baseUrl, params),
      counters: async () => {
        const metrics = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
        if (!metrics.ok) {
          throw new Error(`/metrics answered ${metrics.status}`);
        }
        const text = await metrics.text();
        return {
          requests: metricSum(text, 'discgraph_graphql_db_round_trips_count'),
          roundTrips: metricSum(text, 'discgraph_graphql_db_round_trips_sum'),
          operationSeconds: metricSum(text, 'discgraph_graphql_request_duration_seconds_sum'),
          dbSeconds: metricSum(text, 'discgraph_graphql_db_seconds_sum'),
          gcSeconds: metricSum(text, 'nodejs_gc_duration_seconds_sum'),
          eventLoopP99Seconds: metricSum(text, 'nodejs_eventloop_lag_p99_seconds'),
          operationBuckets: metricBuckets(text, 'discgraph_graphql_request_duration_seconds'),
          dbBuckets: metricBuckets(text, 'discgraph_graphql_db_seconds'),
        };
      },
      rssBytes: () => rssOf(child.pid!),
      stop: () => stopChild(child),
    };
  }
  const script = path.join(BENCH_BUILD, 'bench', name, 'server.js');
  const { child, baseUrl } = await startProcess(name, [script], {
    NEO4J_URI: neo4jUri,
    BENCH_PARAMS: JSON.stringify(params),
  });
  const requests = name === 'peer' ? await peerRequests(baseUrl, params) : floorRequests();
  return {
    name,
    baseUrl,
    pid: child.pid!,
    requests,
    counters: () => getJson(`${baseUrl}/bench/stats`),
    rssBytes: () => rssOf(child.pid!),
    stop: () => stopChild(child),
  };
}
