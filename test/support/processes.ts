// Real server processes for the e2e suites: `node dist/main.js` (built by `npm run build`, which
// `npm test` runs first) with an environment of the test's choosing, its output kept line by line,
// and waits on events (a log line, an HTTP answer, the exit), each bounded, never on the clock.
import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import readline from 'node:readline';
import { projectRoot } from '../../src/paths';

export const MAIN = path.join(projectRoot, 'dist', 'main.js');

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Child {
  process: ChildProcess;
  /** Every stdout and stderr line so far, for failure messages. */
  output: string[];
  /** Resolves with the first line (already seen or still to come) that matches. */
  line(pattern: RegExp, what: string, timeoutMs: number): Promise<string>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startMain(env: Record<string, string>): Child {
  const child = spawn(process.execPath, [MAIN], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const listeners = new Set<(line: string) => void>();
  for (const stream of [child.stdout!, child.stderr!]) {
    readline.createInterface({ input: stream }).on('line', (line) => {
      output.push(line);
      for (const listener of listeners) {
        listener(line);
      }
    });
  }
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const line = (pattern: RegExp, what: string, timeoutMs: number) =>
    new Promise<string>((resolve, reject) => {
      const seen = output.find((l) => pattern.test(l));
      if (seen !== undefined) {
        resolve(seen);
        return;
      }
      const done = () => {
        listeners.delete(listener);
        clearTimeout(timer);
      };
      const listener = (l: string) => {
        if (pattern.test(l)) {
          done();
          resolve(l);
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no ${what} within ${timeoutMs / 1000} s; output:\n${output.join('\n')}`));
      }, timeoutMs);
      listeners.add(listener);
      void exit.then(({ code, signal }) => {
        if (listeners.has(listener)) {
          done();
          reject(new Error(`exited (${code ?? signal}) before ${what}; output:\n${output.join('\n')}`));
        }
      });
    });
  return { process: child, output, line, exit };
}

/** The environment of a server process on the run's Neo4j (test/setup/globalSetup.ts), plus `extra`. */
export function serverEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    RATE_LIMIT_PER_MINUTE: '0',
    // Start-up migrates the run's Neo4j and leaves its data alone.
    NEO4J_URI: process.env.NEO4J_URI!,
    SEED_ON_START: 'false',
  };
  for (const name of ['NEO4J_USER', 'NEO4J_PASSWORD', 'NEO4J_DATABASE']) {
    if (process.env[name] !== undefined) {
      env[name] = process.env[name]!;
    }
  }
  return { ...env, ...extra };
}

export type Probe = { status: number; body: string } | { error: string };

/** One GET on a new connection (no keep-alive agent), never rejecting. */
export function probe(port: number, requestPath: string): Promise<Probe> {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, path: requestPath, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', (error) => resolve({ error: (error as NodeJS.ErrnoException).code ?? String(error) }));
    });
    req.on('error', (error) => resolve({ error: (error as NodeJS.ErrnoException).code ?? String(error) }));
    req.end();
  });
}

export async function untilProbe(
  port: number,
  requestPath: string,
  accept: (p: Probe) => boolean,
  what: string,
  timeoutMs: number,
): Promise<Probe> {
  const deadline = Date.now() + timeoutMs;
  let last: Probe = { error: 'not tried' };
  while (Date.now() < deadline) {
    last = await probe(port, requestPath);
    if (accept(last)) {
      return last;
    }
    await sleep(100);
  }
  throw new Error(`no ${what} within ${timeoutMs / 1000} s; last answer ${JSON.stringify(last)}`);
}

export interface ServerProcess {
  child: Child;
  port: number;
  url: string;
  /** SIGKILLs the process if it still runs, and waits for it to exit. */
  kill(): Promise<void>;
}

/**
 * Waits for a started server's ready line and returns its port. The server prints that line once
 * start-up work (migrations) has finished, after its "listening" line, so /readyz must answer 200 then.
 */
export async function untilReady(child: Child): Promise<number> {
  const ready = await child.line(/discgraph is ready: open http:\/\/\S+\/graphql/, 'ready line', 90_000);
  const port = Number(new URL(/open (http:\/\/\S+\/graphql)/.exec(ready)![1]).port);
  const listening = child.output.findIndex((line) => line.startsWith('discgraph is listening on http://'));
  if (listening < 0 || listening > child.output.indexOf(ready)) {
    throw new Error(`no "listening" line before the ready line; output:\n${child.output.join('\n')}`);
  }
  const readiness = await probe(port, '/readyz');
  if (!('status' in readiness) || readiness.status !== 200) {
    throw new Error(`/readyz right after the ready line answered ${JSON.stringify(readiness)}`);
  }
  return port;
}

/** Starts `node dist/main.js` and waits until it is ready (untilReady). */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = startMain(env);
  const port = await untilReady(child);
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    kill: async () => {
      if (child.process.exitCode === null && child.process.signalCode === null) {
        child.process.kill('SIGKILL');
        await child.exit;
      }
    },
  };
}
