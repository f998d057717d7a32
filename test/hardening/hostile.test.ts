// Hostile requests: each gets a 4xx or a coded GraphQL error, never reaches the database when it
// is refused before execution, and the server's next normal request still succeeds.
import { generateApiKey } from '../../src/auth/apiKeys';
import { Role } from '../../src/auth/roles';
import { ensureSeedGraph, gql, startTestServer, type TestServer } from '../support/harness';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await ensureSeedGraph(t.database);
});
afterAll(async () => {
  await t.close();
});

interface RawResponse {
  status: number;
  body: any;
  headers: Headers;
}

async function post(
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<RawResponse> {
  const response = await fetch(t.url, { method: 'POST', headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Non-JSON bodies are asserted on as text.
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

const query = (q: string) => JSON.stringify({ query: q });

function deep(levels: number): string {
  let inner = 'id';
  for (let i = 0; i < levels; i++) {
    inner = i % 2 === 0 ? `trials { edges { node { ${inner} } } }` : `conditions { edges { node { ${inner} } } }`;
  }
  return `{ condition(id: "condition:low-back-pain") { ${inner} } }`;
}

const hostile: Array<[string, () => Promise<RawResponse>, number[], string | null]> = [
  ['depth 50', () => post(query(deep(50))), [400], 'GRAPHQL_VALIDATION_FAILED'],
  [
    '1,000 aliases',
    () => post(query(`{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: stats { totalNodes }`).join(' ')} }`)),
    [400],
    null,
  ],
  [
    '40 aliases (under the token limit, over the alias limit)',
    () => post(query(`{ ${Array.from({ length: 40 }, (_, i) => `a${i}: stats { totalNodes }`).join(' ')} }`)),
    [400],
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    '500 repeated fields',
    () => post(query(`{ stats { ${'totalNodes '.repeat(500)} } }`)),
    [400],
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    '200 directives',
    () => post(query(`{ stats ${'@include(if: true) '.repeat(200)} { totalNodes } }`)),
    [400],
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    'a 5 MB body',
    () => post(query(`{ stats { totalNodes } } # ${'x'.repeat(5 * 1024 * 1024)}`)),
    [413],
    'PAYLOAD_TOO_LARGE',
  ],
  ['first: 1000000', () => post(query('{ trials(first: 1000000) { edges { node { id } } } }')), [200, 400], null],
  [
    'a batched array of 100 operations',
    () => post(JSON.stringify(Array.from({ length: 100 }, () => ({ query: '{ stats { totalNodes } }' })))),
    [400],
    null,
  ],
  ['invalid JSON', () => post('{"query": "{ stats { totalNodes } }"'), [400], 'BAD_REQUEST'],
  ['text/plain content', () => post(query('{ stats { totalNodes } }'), { 'content-type': 'text/plain' }), [400], null],
  ['application/xml content', () => post('<query/>', { 'content-type': 'application/xml' }), [400, 415], null],
  ['no content type', () => post(query('{ stats { totalNodes } }'), {}), [400, 415], null],
  [
    'a mutation over GET',
    async () => {
      const response = await fetch(`${t.url}?query=${encodeURIComponent('mutation { __typename }')}`, {
        headers: { 'apollo-require-preflight': 'true' },
      });
      return { status: response.status, body: await response.text(), headers: response.headers };
    },
    [400, 405],
    null,
  ],
  [
    'a variable of the wrong type',
    () =>
      post(
        JSON.stringify({
          query: 'query($p: [TrialPhase!]) { trials(filter: { phase: $p }) { totalCount } }',
          variables: { p: ['PHASE_9'] },
        }),
      ),
    [200, 400],
    'BAD_USER_INPUT',
  ],
  [
    'a Lucene syntax error in search',
    () => post(query('{ search(query: "pain AND (") { totalCount } }')),
    [200],
    'BAD_USER_INPUT',
  ],
  [
    'a huge token count',
    () => post(query(`{ stats { totalNodes } } ${'{ a } '.repeat(3000)}`)),
    [400],
    'GRAPHQL_PARSE_FAILED',
  ],
];

describe('hostile requests', () => {
  it.each(hostile)(
    '%s gets a 4xx or a coded error, and the next request still works',
    async (_name, send, statuses, code) => {
      const response = await send();
      expect(statuses).toContain(response.status);
      expect(response.status).toBeLessThan(500);
      if (response.status === 200) {
        expect(response.body.errors?.[0]?.extensions?.code).toEqual(
          expect.stringMatching(/^(BAD_USER_INPUT|QUERY_TOO_COMPLEX)$/),
        );
        expect(response.body.data ?? null).toBeNull();
      }
      if (code !== null) {
        expect(response.body.errors?.[0]?.extensions?.code).toBe(code);
      }
      if (typeof response.body === 'object' && response.body?.errors) {
        expect(JSON.stringify(response.body)).not.toMatch(/\n\s+at /);
        expect(response.body.errors[0].message).toEqual(expect.any(String));
      }
      const next = await gql(t.url, '{ stats { totalNodes } }');
      expect(next.status).toBe(200);
      expect(next.data!.stats.totalNodes).toBeGreaterThan(0);
    },
  );

  it('refuses an expensive operation by its cost before touching the database', async () => {
    const res = await post(
      query(
        '{ trials(first: 100) { edges { node { outcomes(first: 100) { edges { node { trials(first: 100) { edges { node { id } } } } } } } } } }',
      ),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.body.errors[0].message).toMatch(/smaller pages/);
    expect(res.body.data).toBeUndefined();
    expect(res.body.extensions?.discgraph).toMatchObject({ roundTrips: 0 });
  });

  it.each(hostile.filter(([, , statuses]) => statuses.includes(400) && !statuses.includes(200)))(
    'refuses %s without any database round trip',
    async (_name, send) => {
      const res = await send();
      expect(typeof res.body === 'object' ? res.body?.data : undefined).toBeUndefined();
      expect(typeof res.body === 'object' ? (res.body?.extensions?.discgraph?.roundTrips ?? 0) : 0).toBe(0);
    },
  );
});

describe('rate limiting', () => {
  const otherClient = generateApiKey('other-client', Role.READER);
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer({ RATE_LIMIT_PER_MINUTE: '5', API_KEYS: otherClient.entry });
  });
  afterAll(async () => {
    await limited.close();
  });

  it('answers 429 with Retry-After beyond the limit, per client', async () => {
    const send = (headers: Record<string, string> = {}) =>
      fetch(limited.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: query('{ __typename }'),
      });
    for (let i = 0; i < 5; i++) {
      expect((await send()).status).toBe(200);
    }
    const refused = await send();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as any).errors[0].extensions.code).toBe('RATE_LIMITED');
    // Another client (a verified API key) has its own budget.
    expect((await send({ authorization: `Bearer ${otherClient.key}` })).status).toBe(200);
    // X-Forwarded-For is not believed without TRUST_PROXY: inventing one opens no fresh bucket.
    expect((await send({ 'x-forwarded-for': '203.0.113.7' })).status).toBe(429);
  });

  it('counts each client behind TRUST_PROXY hops by the address the proxy saw', async () => {
    const proxied = await startTestServer({ RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: '1' });
    try {
      const from = (address: string) =>
        fetch(proxied.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
          body: query('{ __typename }'),
        }).then((response) => response.status);
      expect([await from('203.0.113.7'), await from('203.0.113.7'), await from('203.0.113.7')]).toEqual([
        200, 200, 429,
      ]);
      // Another client of the same proxy has its own budget.
      expect(await from('203.0.113.8')).toBe(200);
    } finally {
      await proxied.close();
    }
  });
});
