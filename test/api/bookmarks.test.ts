// Issue 19, read-your-writes across replicas: a write on one API server returns its Neo4j bookmark
// (X-Neo4j-Bookmark and extensions.bookmark), a read on another server that sends it back sees the
// write, and a bookmark header that is malformed, or that Neo4j refuses, is a coded client error.
import { randomBytes } from 'node:crypto';
import { freePort } from '../../src/common/ports';
import { BOOKMARK_BOUNDS } from '../../src/http/bookmarks';
import { CREATE, curationEnv, headersOf, removeWrittenBy } from '../curation/support';
import { ensureSeedGraph, startTestServer, type TestServer } from '../support/harness';

const HEADER = 'x-neo4j-bookmark';
const prefix = `bookmarks-${randomBytes(4).toString('hex')}`;
const READ_SOURCE = 'query($id: ID!) { source(id: $id) { id name } }';

let a: TestServer;
let b: TestServer;

interface Answer {
  status: number;
  headers: Headers;
  body: { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }>; extensions?: any };
}

async function post(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: await response.json() } as Answer;
}

const createSource = async (id: string, headers: Record<string, string> = {}) =>
  post(
    a.url,
    CREATE.Source,
    {
      input: {
        id,
        name: `${prefix} source`,
        kind: 'PEER_REVIEWED_ARTICLE',
        year: 2024,
        authors: 'Test et al.',
        journal: 'Test J',
        doi: '10.5555/discgraph-bookmarks',
      },
    },
    { ...(await headersOf('curator')), ...headers },
  );

beforeAll(async () => {
  // Two servers, each with its own driver and connection pool: two replicas of the API.
  a = await startTestServer(curationEnv());
  b = await startTestServer({ ...curationEnv(), GRAPHQL_DEBUG: 'true' });
  await ensureSeedGraph(a.database);
});

afterAll(async () => {
  await removeWrittenBy(a.database.executor(), prefix);
  await Promise.all([a.close(), b.close()]);
});

describe('read-your-writes with X-Neo4j-Bookmark', () => {
  it('a write on one server returns its bookmark, and a read on another server that sends it sees the write', async () => {
    const id = `source:${prefix}-one`;
    const written = await createSource(id);
    expect(written.body.errors).toBeUndefined();
    const bookmark = written.headers.get(HEADER);
    expect(bookmark).toMatch(/^[A-Za-z0-9+/=:._-]+(,[A-Za-z0-9+/=:._-]+)*$/);
    expect(written.body.extensions.bookmark).toBe(bookmark);
    expect(written.headers.get('cache-control')).toBe('no-store');

    const read = await post(b.url, READ_SOURCE, { id }, { [HEADER]: bookmark! });
    expect(read.status).toBe(200);
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data.source).toEqual({ id, name: `${prefix} source` });
    // A read returns no bookmark of its own, and its answer is not for a shared cache.
    expect(read.headers.get(HEADER)).toBeNull();
    expect(read.body.extensions.bookmark).toBeUndefined();
    expect(read.headers.get('cache-control')).toBe('no-store');

    // A second write that starts from the first's bookmark answers a newer one.
    const again = await createSource(`source:${prefix}-two`, { [HEADER]: bookmark! });
    expect(again.body.errors).toBeUndefined();
    expect(again.headers.get(HEADER)).not.toBe(bookmark);
  });

  it('reads without a bookmark stay cacheable, and say that they vary with it', async () => {
    const read = await post(b.url, '{ stats { totalNodes } }', {}, {});
    expect(read.headers.get(HEADER)).toBeNull();
    expect(read.headers.get('cache-control')).toMatch(/^max-age=\d+, public$/);
    expect(read.headers.get('vary')?.toLowerCase()).toContain(HEADER);
  });

  it('a failed mutation returns no bookmark', async () => {
    const taken = await createSource(`source:${prefix}-one`);
    expect(taken.body.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(taken.headers.get(HEADER)).toBeNull();
    expect(taken.body.extensions?.bookmark).toBeUndefined();
  });

  const malformed: Record<string, string> = {
    'a character outside base64 and ":"': 'FB:abc def',
    'an empty bookmark between commas': 'FB:abc,,FB:def',
    'a bookmark over the length bound': `FB:${'A'.repeat(BOOKMARK_BOUNDS.length)}`,
    'more bookmarks than the bound': Array.from({ length: BOOKMARK_BOUNDS.count + 1 }, (_, i) => `FB:b${i}`).join(','),
    'a header over the size bound': Array.from({ length: 16 }, () => `FB:${'A'.repeat(255)}`).join(','),
  };
  it.each(Object.entries(malformed))('refuses %s with 400 BAD_BOOKMARK, and writes nothing', async (_, value) => {
    const id = `source:${prefix}-refused-${randomBytes(3).toString('hex')}`;
    const refused = await createSource(id, { [HEADER]: value });
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_BOOKMARK']);
    expect(refused.body.errors?.[0].message).toMatch(/X-Neo4j-Bookmark/);
    const read = await post(b.url, READ_SOURCE, { id }, {});
    expect(read.body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses a malformed header before any query: the same request reaches no database', async () => {
    // A server whose database does not exist: any query would answer DATABASE_UNAVAILABLE.
    const down = await startTestServer({ NEO4J_URI: `bolt://127.0.0.1:${await freePort()}`, NEO4J_MAX_RETRY_MS: '0' });
    try {
      const refused = await post(down.url, '{ stats { totalNodes } }', {}, { [HEADER]: 'FB:not a bookmark' });
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_BOOKMARK']);
      const reached = await post(down.url, '{ stats { totalNodes } }', {}, { [HEADER]: 'FB:abc' });
      expect(reached.body.errors?.[0].extensions?.code).toBe('DATABASE_UNAVAILABLE');
    } finally {
      await down.close();
    }
  });

  it('refuses on /export too', async () => {
    const response = await fetch(`${a.origin}/export/nodes.csv`, { headers: { [HEADER]: 'FB:not a bookmark' } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Answer['body']).errors?.[0].extensions?.code).toBe('BAD_BOOKMARK');
  });

  it('a well-formed bookmark that Neo4j refuses is BAD_BOOKMARK beside the data, not a 5xx, in one round trip', async () => {
    const read = await post(
      b.url,
      READ_SOURCE,
      { id: `source:${prefix}-one` },
      { [HEADER]: 'FB:kcwQAAAAAAAAAAAAAAAAAAAAAA==' },
    );
    expect(read.status).toBe(200);
    expect(read.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_BOOKMARK']);
    expect(read.body.errors?.[0].message).toMatch(/X-Neo4j-Bookmark/);
    expect(read.body.extensions.discgraph.roundTrips).toBe(1);
  });
});
