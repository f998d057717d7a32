// The three servers under test, each its own process on this machine, over the same Neo4j.
import { randomBytes } from 'node:crypto';
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/paths';
import { freePort } from '../src/common/ports';
import { evidenceSummaryParams } from '../src/graph/dashboard/dashboard.repository';
import { planSearch } from '../src/graph/explore/explore.repository';
import { ourRequests } from './ours/operations';
import { peerRequests } from './peer/operations';
import type { BenchParams, BenchRequest, OperationName } from './types';

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

export interface RunningServer {
  name: ServerName;
  baseUrl: string;
  pid: number;
  requests: Record<OperationName, BenchRequest>;
  /** Database queries and requests served so far, as the server counts them. */
  counters(): Promise<{ requests: number; roundTrips: number }>;
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

/** The deep page's position for the floor: the sort key of the last trial of page 49. */
export interface FloorExtras {
  afterName: string;
  afterId: string;
}

function floorRequests(params: BenchParams, extras: FloorExtras): Record<OperationName, BenchRequest> {
  const op = (name: OperationName, body: Record<string, unknown>) => ({
    path: `/op/${name}`,
    body: JSON.stringify(body),
  });
  return {
    trialsNested: op('trialsNested', {
      conditionId: params.conditionId,
      phases: params.phases,
      first: params.pageSize,
    }),
    evidenceSummary: op('evidenceSummary', evidenceSummaryParams(params.conditionId, null)),
    trialAggregates: op('trialAggregates', {}),
    search: op('search', { lucene: planSearch(params.searchText).lucene }),
    neighborhood: op('neighborhood', { id: params.centreId, limit: 50 }),
    // The properties operation 6 selects: node ids, and each claim's level and sources.
    paths: op('paths', {
      from: params.cellSourceId,
      to: params.conditionId,
      first: 5,
      nodeKeys: ['id'],
      claimKeys: ['id', 'level', 'sourceIds'],
    }),
    deepPage: op('deepPage', { ...extras, first: params.pageSize }),
    totalCount: op('totalCount', {}),
  };
}

export async function startServer(
  name: ServerName,
  neo4jUri: string,
  params: BenchParams,
  floorExtras: FloorExtras,
  redisUrl?: string,
): Promise<RunningServer> {
  if (name === 'ours' || name === 'cached') {
    if (name === 'cached' && redisUrl === undefined) {
      throw new Error('the cached server needs a Redis');
    }
    // In production /metrics needs its bearer token; the runner reads round trips from it.
    const metricsToken = randomBytes(24).toString('hex');
    const { child, baseUrl } = await startProcess(name, [path.join(projectRoot, 'dist', 'main.js')], {
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
        };
      },
      rssBytes: () => rssOf(child.pid!),
      stop: () => stopChild(child),
    };
  }
  const script = path.join(BENCH_BUILD, 'bench', name, 'server.js');
  const { child, baseUrl } = await startProcess(name, [script], { NEO4J_URI: neo4jUri });
  const requests = name === 'peer' ? await peerRequests(baseUrl, params) : floorRequests(params, floorExtras);
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
