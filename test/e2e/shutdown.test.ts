// SIGTERM drains the real process: `node dist/main.js` (built by `npm run build`, which `npm test`
// runs first) on the run's Neo4j. A request whose body is still arriving when the signal comes is
// answered; a new connection is refused once the drain has begun; the process then closes the
// driver and exits with code 0. Run in both modes a deployment uses: production (the Dockerfile)
// and development (`npm start`). Every wait is on an event (a log line, an HTTP answer, a refused
// connection, the exit), each bounded generously, so a busy machine makes it slower, not flaky.
import { existsSync } from 'node:fs';
import http from 'node:http';
import { type Child, MAIN, serverEnv, startMain, untilProbe, untilReady } from '../support/processes';

const BODY = JSON.stringify({ query: '{ __typename }' });
/** ApolloServerPluginDrainHttpServer's default: in-flight requests get this long before their sockets are destroyed. */
const DRAIN_GRACE_MS = 10_000;

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
    const env = serverEnv({ NODE_ENV: mode });
    child = startMain(env);

    // Ready only once start-up work (migrations) is done, after it began listening.
    const port = await untilReady(child);

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
