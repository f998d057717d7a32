// Issue 19, several replicas: two API processes (`node dist/main.js`), one real Redis
// (test/support/redis.ts) and the run's Neo4j. The rate limit holds across replicas, a persisted
// query registered on one runs on the other, a write on one is read on the other (with its bookmark,
// and without one through the response cache), the response cache never answers from before the
// graph's version, and when Redis stops both replicas keep answering and say so in /metrics.
// Each block starts its own pair of processes; requests come from distinct loopback addresses
// (127.0.0.x), so each phase is a client of its own for the rate limit.
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { CREATE, curationEnv, headersOf, removeWrittenBy } from '../curation/support';
import { ensureSeedGraph, openDatabase } from '../support/harness';
import { serverEnv, type ServerProcess, sleep, startServerProcess } from '../support/processes';
import { type LocalRedis, startLocalRedis } from '../../src/scale/localRedis';
import type { Database } from '../../src/db/database';

const prefix = `replicas-${randomBytes(4).toString('hex')}`;
const BOOKMARK = 'x-neo4j-bookmark';
const CACHE = 'x-response-cache';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }>; extensions?: any };
}

/** A POST /graphql on a new connection from `from` (a loopback address: the client the limit counts). */
function post(
  replica: ServerProcess,
  payload: Record<string, unknown>,
  headers: Record<string, string> = {},
  from = '127.0.0.1',
): Promise<Answer> {
  const body = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: replica.port,
        path: '/graphql',
        method: 'POST',
        localAddress: from,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) });
          } catch {
            reject(new Error(`not JSON (status ${res.statusCode}): ${text.slice(0, 300)}`));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function metricsOf(replica: ServerProcess): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${replica.port}/metrics`);
  expect(response.status).toBe(200);
  return response.text();
}

/** The value of one sample in a Prometheus text exposition, or undefined when it is absent. */
function sample(metrics: string, name: string): number | undefined {
  const line = metrics.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

/** Polls until `check` holds, for at most `timeoutMs` (a bound on a wait, never an assertion on time). */
async function until(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    }
    await sleep(100);
  }
}

let redis: LocalRedis;
let database: Database;

beforeAll(async () => {
  redis = await startLocalRedis();
  database = openDatabase();
  await ensureSeedGraph(database);
}, 120_000);

afterAll(async () => {
  await removeWrittenBy(database.executor(), prefix);
  await database.close();
  await redis.close();
});

describe('rate limit shared through Redis (20 a minute)', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  const env = () => serverEnv({ REDIS_URL: redis.url, RATE_LIMIT_PER_MINUTE: '20', REDIS_KEY_PREFIX: `${prefix}:` });
  const hello = { query: '{ __typename }' };

  beforeAll(async () => {
    [a, b] = await Promise.all([startServerProcess(env()), startServerProcess(env())]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([a?.kill(), b?.kill()]);
  });

  /** Sends `count` requests from one client, alternating between the replicas; answers their statuses. */
  async function alternate(count: number, from: string): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < count; i += 1) {
      statuses.push((await post(i % 2 === 0 ? a : b, hello, {}, from)).status);
    }
    return statuses;
  }

  it('gives the 21st request of a client 429 whichever replica it reaches', async () => {
    expect(await alternate(20, '127.0.0.2')).toEqual(Array(20).fill(200));
    const onA = await post(a, hello, {}, '127.0.0.2');
    const onB = await post(b, hello, {}, '127.0.0.2');
    for (const refused of [onA, onB]) {
      expect(refused.status).toBe(429);
      expect(refused.body.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
    // Another client still has its whole budget.
    expect((await post(b, hello, {}, '127.0.0.3')).status).toBe(200);
  });

  it('keeps answering while Redis is down, limits each process alone, shows the fallback, and shares again when Redis is back', async () => {
    await redis.stop();
    // Neither replica fails a request: they count in their own memory.
    const during = await alternate(40, '127.0.0.4');
    expect(during.every((status) => status === 200)).toBe(true);
    // 20 on each: each process's own limit now refuses the next.
    expect((await post(a, hello, {}, '127.0.0.4')).status).toBe(429);
    expect((await post(b, hello, {}, '127.0.0.4')).status).toBe(429);
    for (const replica of [a, b]) {
      const metrics = await metricsOf(replica);
      expect(sample(metrics, 'discgraph_redis_up')).toBe(0);
      expect(sample(metrics, 'discgraph_redis_fallbacks_total{use="rate_limit"}')).toBeGreaterThanOrEqual(20);
    }
    expect(a.child.output.some((line) => line.includes('redis is unreachable'))).toBe(true);

    await redis.start();
    await until(
      async () => (await Promise.all([a, b].map(metricsOf))).every((m) => sample(m, 'discgraph_redis_up') === 1),
      'both replicas reconnected to Redis',
    );
    expect(await alternate(20, '127.0.0.5')).toEqual(Array(20).fill(200));
    expect((await post(a, hello, {}, '127.0.0.5')).status).toBe(429);
    expect((await post(b, hello, {}, '127.0.0.5')).status).toBe(429);
    expect(a.child.output.some((line) => line.includes('redis is reachable again'))).toBe(true);
  }, 120_000);
});

describe('persisted queries, read-your-writes and the response cache, through Redis', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let sourceId: string;
  let conditionId: string;
  let version: number;
  const env = () => serverEnv({ ...curationEnv(), REDIS_URL: redis.url, REDIS_KEY_PREFIX: `${prefix}-cache:` });
  const READ = `query Read($id: ID!) { condition(id: $id) { id name description version } stats { totalNodes } }`;
  const read = (replica: ServerProcess, headers: Record<string, string> = {}) =>
    post(replica, { query: READ, variables: { id: conditionId }, operationName: 'Read' }, headers);

  /** Changes the condition's description through `replica`; answers the write. */
  async function describe_(replica: ServerProcess, description: string): Promise<Answer> {
    const written = await post(
      replica,
      {
        query: `mutation($input: UpdateConditionInput!) { updateCondition(input: $input) { id version description } }`,
        variables: { input: { id: conditionId, expectedVersion: version, description } },
      },
      await headersOf('curator'),
    );
    expect(written.body.errors).toBeUndefined();
    version = written.body.data.updateCondition.version;
    return written;
  }

  beforeAll(async () => {
    [a, b] = await Promise.all([startServerProcess(env()), startServerProcess(env())]);
    const admin = await headersOf('admin');
    sourceId = `source:${prefix}-source`;
    const source = await post(
      a,
      {
        query: CREATE.Source,
        variables: {
          input: {
            id: sourceId,
            name: `${prefix} source`,
            kind: 'PEER_REVIEWED_ARTICLE',
            year: 2024,
            authors: 'Test et al.',
            journal: 'Test J',
            doi: '10.5555/discgraph-replicas',
          },
        },
      },
      admin,
    );
    expect(source.body.errors).toBeUndefined();
    conditionId = `condition:${prefix}-condition`;
    const condition = await post(
      a,
      {
        query: CREATE.Condition,
        variables: {
          input: {
            id: conditionId,
            name: `${prefix} condition`,
            category: 'DISEASE',
            sourceIds: [sourceId],
            description: 'first',
          },
        },
      },
      admin,
    );
    expect(condition.body.errors).toBeUndefined();
    version = condition.body.data.createCondition.version;
  }, 180_000);

  afterAll(async () => {
    await Promise.all([a?.kill(), b?.kill()]);
  });

  it('runs on replica B, by its hash, a persisted query registered on replica A', async () => {
    const query = `query PersistedRead { condition(id: "condition:low-back-pain") { id name } } # ${prefix}`;
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const byHash = { extensions: { persistedQuery: { version: 1, sha256Hash } } };
    const unknown = await post(b, byHash);
    expect(unknown.body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await post(a, { query, ...byHash });
    expect(registered.body.errors).toBeUndefined();
    const onB = await post(b, byHash);
    expect(onB.status).toBe(200);
    expect(onB.body.errors).toBeUndefined();
    expect(onB.body.data).toEqual(registered.body.data);
  });

  it('reads on B, with the bookmark of a write on A, what A wrote', async () => {
    const written = await describe_(a, 'second');
    const bookmark = written.headers[BOOKMARK] as string;
    expect(bookmark).toBeTruthy();
    const onB = await read(b, { [BOOKMARK]: bookmark });
    expect(onB.body.errors).toBeUndefined();
    expect(onB.body.data.condition).toMatchObject({ description: 'second', version });
  });

  it('answers a repeated read on B from the cache, and the first read after a write on A from the graph', async () => {
    const first = await read(b);
    const again = await read(b);
    expect(again.headers[CACHE]).toBe('hit');
    expect(again.body).toEqual({ data: first.body.data });
    await describe_(a, 'third');
    // No bookmark and no wait: A raised the version in Redis before it answered the write.
    const after = await read(b);
    expect(after.headers[CACHE]).toBe('miss');
    expect(after.body.data.condition).toMatchObject({ description: 'third', version });
    expect((await read(b)).headers[CACHE]).toBe('hit');
  });

  it('never answers from the cache after a request that carries a newer bookmark', async () => {
    const cached = await read(b);
    await read(b);
    expect((await read(b)).headers[CACHE]).toBe('hit');
    // A write that no replica hears of: made outside the API, as `npm run import` would.
    const outside = database.executor();
    await outside.writeTx('test.outsideWrite', (tx) =>
      tx.run(`MATCH (c:Condition {id: $id}) SET c.description = 'fourth', c.version = c.version + 1`, {
        id: conditionId,
      }),
    );
    version += 1;
    const bookmark = outside.bookmarks.written.join(',');
    const withBookmark = await read(b, { [BOOKMARK]: bookmark });
    expect(withBookmark.body.data.condition).toMatchObject({ description: 'fourth', version });
    expect(withBookmark.headers['cache-control']).toBe('no-store');
    // From then on B never gives the older answer, with or without the bookmark.
    const plain = await read(b);
    expect(plain.body.data.condition.description).toBe('fourth');
    expect(plain.body.data).not.toEqual(cached.body.data);
  });

  it('never answers older than the data version: writes on either replica, reads through both, many times', async () => {
    const uncached = async () => {
      const [row] = await database
        .executor()
        .read<{ description: string; version: number }>(
          'test.uncachedRead',
          'MATCH (c:Condition {id: $id}) RETURN c.description AS description, c.version AS version',
          { id: conditionId },
        );
      return row;
    };
    let hits = 0;
    for (let round = 0; round < 25; round += 1) {
      const writer = round % 2 === 0 ? a : b;
      // Fill both caches at the current version, then write.
      await Promise.all([read(a), read(b)]);
      await describe_(writer, `round ${round}`);
      const truth = await uncached();
      for (const replica of [a, b, a, b]) {
        const answer = await read(replica);
        hits += answer.headers[CACHE] === 'hit' ? 1 : 0;
        expect(answer.body.errors).toBeUndefined();
        expect({ round, ...answer.body.data.condition }).toEqual({
          round,
          id: conditionId,
          name: `${prefix} condition`,
          description: truth.description,
          version: truth.version,
        });
      }
    }
    // The cache was used (the second read of each replica in a round), not merely missed.
    expect(hits).toBeGreaterThanOrEqual(25);
  }, 120_000);

  it('bypasses the cache while Redis is down, with no 5xx, and uses it again when Redis is back', async () => {
    await redis.stop();
    for (const replica of [a, b, a, b]) {
      const answer = await read(replica);
      expect(answer.status).toBe(200);
      expect(answer.headers[CACHE]).toBe('bypass');
      expect(answer.body.data.condition.id).toBe(conditionId);
    }
    // A write during the outage is read back on the other replica: nothing cached is trusted.
    await describe_(b, 'during the outage');
    expect((await read(a)).body.data.condition.description).toBe('during the outage');
    for (const replica of [a, b]) {
      const metrics = await metricsOf(replica);
      expect(sample(metrics, 'discgraph_redis_up')).toBe(0);
      expect(sample(metrics, 'discgraph_redis_fallbacks_total{use="graph_version"}')).toBeGreaterThan(0);
      expect(sample(metrics, 'discgraph_response_cache_total{result="bypass"}')).toBeGreaterThan(0);
    }
    await redis.start();
    // Redis comes back empty: the version comes back from Neo4j (read every second) and the cache refills.
    await until(async () => (await read(a)).headers[CACHE] === 'hit', 'a cache hit on A after Redis is back');
    const back = await read(b);
    expect(back.body.data.condition.description).toBe('during the outage');
    expect(sample(await metricsOf(b), 'discgraph_response_cache_total{result="hit"}')).toBeGreaterThan(0);
  }, 120_000);
});
