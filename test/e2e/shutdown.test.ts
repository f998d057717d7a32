// SIGTERM drains the real process: `node dist/main.js` (built by `npm run build`, which `npm test`
// runs first) on the run's Neo4j. A request whose body is still arriving when the signal comes is
// answered; a new connection is refused once the drain has begun; the process then closes the
// driver and exits with code 0. Run in both modes a deployment uses: production (the Dockerfile)
// and development (`npm start`). Every wait is on an event (a log line, an HTTP answer, a refused
// connection, the exit), each bounded generously, so a busy machine makes it slower, not flaky.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import readline from 'node:readline';
import { projectRoot } from '../../src/paths';

const MAIN = path.join(projectRoot, 'dist', 'main.js');
const BODY = JSON.stringify({ query: '{ __typename }' });
/** ApolloServerPluginDrainHttpServer's default: in-flight requests get this long before their sockets are destroyed. */
const DRAIN_GRACE_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Child {
  process: ChildProcess;
  /** Every stdout and stderr line so far, for failure messages. */
  output: string[];
  /** Resolves with the first line (already seen or still to come) that matches. */
  line(pattern: RegExp, what: string, timeoutMs: number): Promise<string>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startMain(env: Record<string, string>): Child {
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

async function within<T>(promise: Promise<T>, ms: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message())), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

type Probe = { status: number; body: string } | { error: string };

/** One request on a new connection (no keep-alive agent), never rejecting. */
function probe(port: number, requestPath: string): Promise<Probe> {
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

async function untilProbe(
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

/**
 * A GraphQL POST whose headers are sent and whose body is half written. `Expect: 100-continue`
 * makes the wait event-driven: Node's server answers 100 Continue as it emits 'request', so once
 * the client sees it, the server (and Apollo's drain) count the request as in flight.
 */
function halfSentRequest(port: number) {
  const body = Buffer.from(BODY);
  const half = Math.floor(body.length / 2);
  const req = http.request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/graphql',
    agent: false,
    headers: { 'content-type': 'application/json', 'content-length': body.length, expect: '100-continue' },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
  // Attached now, so a failure before `finish` is awaited is never an unhandled rejection.
  response.catch(() => undefined);
  const accepted = new Promise<void>((resolve, reject) => {
    req.once('continue', () => {
      req.write(body.subarray(0, half));
      resolve();
    });
    void response.catch(reject);
  });
  req.flushHeaders();
  return {
    accepted,
    response,
    finish: () => {
      req.end(body.subarray(half));
      return response;
    },
  };
}

describe.each(['production', 'development'])('SIGTERM drains the server process (NODE_ENV=%s)', (mode) => {
  let child: Child | undefined;

  afterEach(async () => {
    const running = child?.process;
    if (running !== undefined && running.exitCode === null && running.signalCode === null) {
      running.kill('SIGKILL');
      await child!.exit;
    }
  });

  it('answers the request in flight, refuses new connections, then exits with code 0', async () => {
    expect(existsSync(MAIN)).toBe(true); // dist/ is built by `npm run build`, which `npm test` runs first
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      NODE_ENV: mode,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '0',
      // The run's Neo4j (test/setup/globalSetup.ts); start-up migrates it and leaves its data alone.
      NEO4J_URI: process.env.NEO4J_URI!,
      SEED_ON_START: 'false',
    };
    for (const name of ['NEO4J_USER', 'NEO4J_PASSWORD', 'NEO4J_DATABASE']) {
      if (process.env[name] !== undefined) {
        env[name] = process.env[name]!;
      }
    }
    child = startMain(env);

    const ready = await child.line(/discgraph is ready: open http:\/\/\S+\/graphql/, 'ready line', 90_000);
    const port = Number(new URL(/open (http:\/\/\S+\/graphql)/.exec(ready)![1]).port);
    // Start-up work (migrations) runs in the background; /readyz says when it is done.
    await untilProbe(port, '/readyz', (p) => 'status' in p && p.status === 200, '/readyz 200', 90_000);

    const inFlight = halfSentRequest(port);
    await inFlight.accepted;

    child.process.kill('SIGTERM');
    await child.line(/shutting down/, 'shutdown log line', 30_000);
    // The drain closes the listening socket: a new connection is refused, not queued or answered.
    const refused = await untilProbe(
      port,
      '/healthz',
      (p) => 'error' in p && p.error === 'ECONNREFUSED',
      'refused connection',
      DRAIN_GRACE_MS / 2,
    );
    expect(refused).toEqual({ error: 'ECONNREFUSED' });
    // The process is still there, waiting for the request it has begun.
    expect(child.process.exitCode).toBeNull();

    const answer = await inFlight.finish();
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ data: { __typename: 'Query' } });

    const exit = await within(
      child.exit,
      60_000,
      () => `still running 60 s after SIGTERM; output:\n${child!.output.join('\n')}`,
    );
    expect(exit).toEqual({ code: 0, signal: null });
  }, 240_000);
});
