// `paths` searches take turns (MAX_RUNNING_PATH_SEARCHES), over real HTTP against the real Neo4j
// with the seed graph. Root query fields resolve side by side, so the aliases of one operation
// come to the line together, in their order.
import type { Database } from '../../src/db/database';
import { ensureSeedGraph, gql, openDatabase, startTestServer, type TestServer } from '../support/harness';

const PAIRS = {
  a: ['cell-source:adipose-tissue', 'mechanism:disc-hydration'],
  b: ['cell-source:bone-marrow', 'condition:low-back-pain'],
  c: ['cell-source:umbilical-cord', 'condition:degenerative-disc-disease'],
} as const;

const FIELDS = 'length strength nodes { id } steps { type evidence { claimId level } }';
const search = (alias: string, [from, to]: readonly [string, string]) =>
  `${alias}: paths(from: "${from}", to: "${to}", maxLength: 4, first: 5) { ${FIELDS} }`;
const together = `{ ${Object.entries(PAIRS)
  .map(([alias, pair]) => search(alias, pair))
  .join(' ')} }`;

/** One counter or gauge of the server's /metrics. */
async function metric(server: TestServer, name: string): Promise<number> {
  const text = await fetch(`${server.origin}/metrics`).then((r) => r.text());
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  if (line === undefined) {
    throw new Error(`/metrics has no ${name}`);
  }
  return Number(line.split(' ')[1]);
}

describe('paths searches held to MAX_RUNNING_PATH_SEARCHES', () => {
  let db: Database;
  let unheld: TestServer;
  const servers: TestServer[] = [];
  const server = async (overrides: Record<string, string>) => {
    const started = await startTestServer({ RATE_LIMIT_PER_MINUTE: '0', ...overrides }, db);
    servers.push(started);
    return started;
  };

  beforeAll(async () => {
    db = openDatabase();
    await ensureSeedGraph(db);
    unheld = await server({ MAX_RUNNING_PATH_SEARCHES: '0' });
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await db.close();
  });

  /** What each search answers alone, on a server that does not hold searches back. */
  async function alone(): Promise<Record<string, unknown>> {
    const answers: Record<string, unknown> = {};
    for (const [alias, pair] of Object.entries(PAIRS)) {
      const response = await gql(unheld.url, `{ ${search(alias, pair)} }`);
      expect(response.errors).toBeUndefined();
      answers[alias] = response.data![alias];
    }
    return answers;
  }

  it('runs searches that come together one at a time, each answering as it does alone', async () => {
    const held = await server({ MAX_RUNNING_PATH_SEARCHES: '1' });
    const expected = await alone();
    expect(Object.values(expected).some((paths) => (paths as unknown[]).length > 0)).toBe(true);

    const response = await gql(held.url, together);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual(expected);
    // The first took the only turn; the other two waited for it, then for each other.
    expect(await metric(held, 'discgraph_path_searches_waited_total')).toBe(2);
    expect(await metric(held, 'discgraph_path_searches_running')).toBe(0);
    expect(await metric(held, 'discgraph_path_searches_waiting')).toBe(0);
  });

  it('lets as many run at once as the limit allows', async () => {
    const held = await server({ MAX_RUNNING_PATH_SEARCHES: '3' });
    const response = await gql(held.url, together);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual(await alone());
    expect(await metric(held, 'discgraph_path_searches_waited_total')).toBe(0);
  });

  it('refuses a search with SERVER_BUSY when the line is full', async () => {
    const full = await server({
      MAX_RUNNING_PATH_SEARCHES: '1',
      MAX_QUEUED_OPERATIONS: '0',
      MAX_RUNNING_OPERATIONS: '0',
    });
    const response = await gql(full.url, `{ ${search('a', PAIRS.a)} ${search('b', PAIRS.b)} }`);
    expect(response.status).toBe(200);
    // `paths` is non-null, so the refused search's error takes the whole answer with it.
    expect(response.data).toBeNull();
    expect(response.errors).toEqual([
      expect.objectContaining({
        path: ['b'],
        message: 'The server is busy: 1 path searches are running and 0 more are waiting. Retry after 1 s.',
        extensions: { code: 'SERVER_BUSY', retryAfterSeconds: 1 },
      }),
    ]);
    expect(await metric(full, 'discgraph_path_searches_refused_total')).toBe(1);
  });
});
