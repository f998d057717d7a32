// Regression tests of the defects that outside testing found (issue 14), one describe per defect.
// Defects 6 and 7 (import size and timeout, committed writes beside a failed one) are in
// import-and-mutations.test.ts; defect 13 (the README's error table) in error-table.test.ts.
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { generateApiKey } from '../../src/auth/apiKeys';
import { Authenticator } from '../../src/auth/authenticate';
import { Role } from '../../src/auth/roles';
import { type CommonFilter, compileFilter, CypherParams } from '../../src/common/filter';
import { loadConfig } from '../../src/config';
import { ENTITY_DEFINITIONS } from '../../src/graph/registry';
import { removeWrittenBy } from '../curation/support';
import { parseMetrics } from '../observability/prometheus';
import { ensureSeedGraph, gql, startTestServer, type TestServer } from '../support/harness';

const SECRET = 'defects-suite-secret-of-at-least-32-characters';
const CURATOR = generateApiKey('cora', Role.CURATOR);
const READER = generateApiKey('rita', Role.READER);
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function jwt(claims: Record<string, unknown>, build: (token: SignJWT) => SignJWT = (token) => token): Promise<string> {
  return build(new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt()).sign(
    new TextEncoder().encode(SECRET),
  );
}

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ API_KEYS: `${CURATOR.entry},${READER.entry}`, JWT_SECRET: SECRET });
  await ensureSeedGraph(t.database);
});
afterAll(async () => {
  await t.close();
});

const TRIAL_COUNT = 'query Count($f: TrialFilter!) { trials(first: 1, filter: $f) { totalCount } }';
const repeat = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

describe('defect 1: filters are bounded in breadth, cost and the Cypher they make', () => {
  it('refuses an OR of 1,000 text filters before any query, naming LIMIT_FILTER_NODES', async () => {
    const res = await gql(t.url, TRIAL_COUNT, { f: { OR: repeat(1000, () => ({ text: 'zz' })) } });
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/1001 fields and sub-filters; at most 50 .*LIMIT_FILTER_NODES/);
  });

  it('counts a variable reused ten times at every place it is used', async () => {
    const f = { OR: repeat(10, () => ({ text: 'zz' })) };
    const query = `query Reuse($f: TrialFilter!) { trials(first: 1, filter: { OR: [${repeat(10, () => '$f').join(', ')}] }) { totalCount } }`;
    const res = await gql(t.url, query, { f });
    expect(res.status).toBe(400);
    expect(res.errors![0].message).toMatch(/111 fields and sub-filters.*LIMIT_FILTER_NODES/);
  });

  it('refuses a list of more than LIMIT_LIST_ITEMS values, naming the argument', async () => {
    const ids = repeat(501, (i) => `trial:none-${i}`);
    const res = await gql(t.url, TRIAL_COUNT, { f: { ids } });
    expect(res.status).toBe(400);
    expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/TrialFilter\.ids has 501 items; at most 500 .*LIMIT_LIST_ITEMS/);
    const neighbours = await gql(
      t.url,
      '{ neighborhood(id: "x", relationshipTypes: $types) { nodes { id } } }'.replace(
        '$types',
        `[${repeat(501, () => 'TREATS').join(',')}]`,
      ),
    );
    expect(neighbours.errors![0].extensions!.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
  });

  it("adds a filter's size to the operation's cost", async () => {
    const small = await startTestServer({ LIMIT_COMPLEXITY: '30' });
    try {
      const plain = await gql(small.url, TRIAL_COUNT, { f: {} });
      expect(plain.errors).toBeUndefined();
      const filtered = await gql(small.url, TRIAL_COUNT, { f: { OR: repeat(30, (i) => ({ text: `t${i}` })) } });
      expect(filtered.status).toBe(400);
      expect(filtered.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
    } finally {
      await small.close();
    }
  });

  it('compiles many values of one kind into one list parameter, so the Cypher stays small', () => {
    const spec = ENTITY_DEFINITIONS.Trial.filters;
    const specs = Object.fromEntries(Object.entries(spec).map(([field, def]) => [field, def.spec]));
    const compile = (filter: unknown) => {
      const params = new CypherParams();
      return { cypher: compileFilter(filter as CommonFilter, specs, 'n', params).join(' AND '), params: params.values };
    };
    const texts = compile({ OR: repeat(49, (i) => ({ text: `Word${i}` })) });
    expect(texts.cypher).toMatch(/^\(any\(x0 IN \$p0 WHERE /);
    expect(texts.cypher.length).toBeLessThan(300);
    expect(texts.params).toEqual({ p0: repeat(49, (i) => `word${i}`) });
    const mixed = compile({
      OR: [
        { ids: ['a'] },
        { ids: ['b', 'a'] },
        { status: ['COMPLETED'] },
        { status: ['RECRUITING'] },
        { conditionIds: ['c'] },
      ],
    });
    expect(Object.values(mixed.params)).toEqual([['a', 'b'], ['COMPLETED', 'RECRUITING'], ['c']]);
    expect(mixed.cypher.match(/ OR /g)).toHaveLength(2);
  });

  it('answers an OR of many texts like the union of its parts', async () => {
    const names = async (filter: unknown) => {
      const res = await gql(
        t.url,
        'query($f: CellTypeFilter) { cellTypes(first: 100, filter: $f) { edges { node { id } } } }',
        {
          f: filter,
        },
      );
      expect(res.errors).toBeUndefined();
      return (res.data!.cellTypes.edges as Array<{ node: { id: string } }>).map((e) => e.node.id).sort();
    };
    const adipose = await names({ text: 'adipose' });
    const marrow = await names({ text: 'marrow' });
    expect(adipose.length).toBeGreaterThan(0);
    expect(marrow.length).toBeGreaterThan(0);
    const either = await names({
      OR: [{ text: 'adipose' }, { text: 'marrow' }, { text: '  ' }, { ids: ['cell-type:mesenchymal-stem-cell'] }],
    });
    // An empty text keeps everything, as it does alone.
    expect(either).toEqual(await names({}));
    const both = await names({ OR: [{ text: 'adipose' }, { text: 'marrow' }] });
    expect(both).toEqual([...new Set([...adipose, ...marrow])].sort());
    const all = await names({ AND: [{ text: 'mesenchymal' }, { text: 'adipose' }] });
    expect(all).toEqual(adipose.filter((id) => all.includes(id)));
    expect(all.length).toBeGreaterThan(0);
  });

  it('leaves nothing of ours running in Neo4j one second after the worst filters the limits allow', async () => {
    const operationName = `Worst${randomBytes(4).toString('hex')}`;
    // Ids that exist (an unknown one is NOT_FOUND), 100 of each kind, repeated as the seed has fewer.
    const known = async (label: string) => {
      const rows = await t.database.executor().read<{ id: string }>('test.ids', `MATCH (n:${label}) RETURN n.id AS id`);
      return repeat(100, (i) => rows[i % rows.length].id);
    };
    const [conditionIds, cellTypeIds] = [await known('Condition'), await known('CellType')];
    // 49 nodes, none of which merge into another: every kind of clause, nested to the depth limit.
    const worst = {
      OR: [
        ...repeat(10, (i) => ({ text: `zz${i}`, conditionIds })),
        ...repeat(7, (i) => ({ NOT: { AND: [{ text: `yy${i}` }, { cellTypeIds }] } })),
      ],
    };
    const query = `query ${operationName}($f: TrialFilter!) {
      trials(first: 100, filter: $f) { totalCount edges { node { id } } }
    }`;
    const answers = await Promise.all(repeat(4, () => gql(t.url, query, { f: worst }, {})));
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.errors).toBeUndefined();
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const session = t.database.driver.session({ database: t.config.database });
    try {
      const result = await session.run(
        `SHOW TRANSACTIONS YIELD transactionId, metaData, currentQuery, status
         WHERE metaData.app = 'discgraph' AND metaData.operationName = $operationName
         RETURN transactionId, status, currentQuery`,
        { operationName },
      );
      expect(result.records.map((r) => r.toObject())).toEqual([]);
    } finally {
      await session.close();
    }
  });
});

describe('defect 2: the rate limit counts verified principals, else the address', () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer({ RATE_LIMIT_PER_MINUTE: '3', API_KEYS: CURATOR.entry });
  });
  afterAll(async () => {
    await limited.close();
  });
  const send = (headers: Record<string, string>) =>
    fetch(limited.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ __typename }' }),
    }).then((r) => r.status);

  it('gives one bucket to every spelling of a valid key, and one to all invented tokens', async () => {
    const spellings = [
      `Bearer ${CURATOR.key}`,
      `bearer ${CURATOR.key}`,
      `Bearer  ${CURATOR.key}  `,
      `BEARER\t${CURATOR.key}`,
    ];
    const statuses = [];
    for (const authorization of spellings) {
      statuses.push(await send({ authorization }));
    }
    expect(statuses).toEqual([200, 200, 200, 429]);

    const invented = [];
    for (let i = 0; i < 4; i++) {
      invented.push(await send(bearer(`dgk_${randomBytes(16).toString('base64url')}`)));
    }
    expect(invented).toEqual([200, 200, 200, 429]);
    // Invented tokens spent the address's budget: anonymous requests from it wait too.
    expect(await send({})).toBe(429);
  });

  it('reads the scheme case-insensitively and the white space around it loosely', async () => {
    const authenticator = new Authenticator(t.config.auth);
    for (const header of [`bearer ${CURATOR.key}`, `BEARER\t${CURATOR.key} `, ` Bearer   ${CURATOR.key}`]) {
      expect(await authenticator.authenticate(header)).toEqual({ id: 'key:cora', role: Role.CURATOR, via: 'api-key' });
    }
  });
});

describe('defect 3: a JWT needs exp, and a lifetime within JWT_MAX_TTL_SECONDS', () => {
  const authenticator = () => new Authenticator(t.config.auth);

  it('refuses a token without exp', async () => {
    const token = await jwt({ sub: 'alice', role: 'curator' });
    expect((await authenticator().authenticate(`Bearer ${token}`)).refused).toMatch(/no exp claim/);
  });

  it('refuses a token that lives longer than a day by default, and accepts one that does not', async () => {
    const long = await jwt({ sub: 'alice', role: 'curator' }, (b) => b.setExpirationTime('2d'));
    expect((await authenticator().authenticate(`Bearer ${long}`)).refused).toMatch(/JWT_MAX_TTL_SECONDS/);
    const issuedLongAgo = await jwt({ sub: 'alice', role: 'curator' }, (b) =>
      b.setIssuedAt(Math.floor(Date.now() / 1000) - 3 * 86_400).setExpirationTime('1h'),
    );
    expect((await authenticator().authenticate(`Bearer ${issuedLongAgo}`)).refused).toMatch(/JWT_MAX_TTL_SECONDS/);
    const hour = await jwt({ sub: 'alice', role: 'curator' }, (b) => b.setExpirationTime('1h'));
    expect(await authenticator().authenticate(`Bearer ${hour}`)).toEqual({
      id: 'jwt:alice',
      role: Role.CURATOR,
      via: 'jwt',
    });
  });

  it('takes JWT_MAX_TTL_SECONDS from the environment', async () => {
    const config = loadConfig({ JWT_SECRET: SECRET, JWT_MAX_TTL_SECONDS: '600' });
    const hour = await jwt({ sub: 'alice' }, (b) => b.setExpirationTime('1h'));
    expect((await new Authenticator(config.auth).authenticate(`Bearer ${hour}`)).refused).toMatch(/600 s/);
  });
});

describe('defect 4: actors are namespaced, and who changed what is for curators', () => {
  const prefix = `defect4-${randomBytes(4).toString('hex')}`;
  afterAll(async () => {
    await removeWrittenBy(t.database.executor(), prefix);
  });

  it('records a JWT whose subject is "key:admin" as jwt:key:admin, never as the API key', async () => {
    const token = await jwt({ sub: 'key:admin', role: 'curator' }, (b) => b.setExpirationTime('1h'));
    const sourceId = `source:${prefix}`;
    const made = await gql(
      t.url,
      'mutation($input: CreateSourceInput!) { createSource(input: $input) { id updatedBy } }',
      {
        input: {
          id: sourceId,
          name: `${prefix} source`,
          kind: 'PEER_REVIEWED_ARTICLE',
          year: 2024,
          authors: 'Test et al.',
          journal: 'Test J',
          doi: '10.5555/discgraph-test',
        },
      },
      bearer(token),
    );
    expect(made.errors).toBeUndefined();
    expect(made.data!.createSource.updatedBy).toBe('jwt:key:admin');
    const log = await gql(
      t.url,
      'query($id: ID!) { auditLog(entityId: $id, first: 1) { edges { node { actor } } } }',
      { id: sourceId },
      bearer(CURATOR.key),
    );
    expect(log.data!.auditLog.edges[0].node.actor).toBe('jwt:key:admin');
  });

  it('shows updatedBy to curators only: anonymous callers are UNAUTHENTICATED, readers FORBIDDEN', async () => {
    const query = '{ condition(id: "condition:low-back-pain") { name updatedBy } }';
    const anonymous = await gql(t.url, query);
    expect(anonymous.data!.condition).toEqual({ name: expect.any(String), updatedBy: null });
    expect(anonymous.errors!.map((e) => e.extensions!.code)).toEqual(['UNAUTHENTICATED']);
    const reader = await gql(t.url, query, {}, bearer(READER.key));
    expect(reader.errors!.map((e) => e.extensions!.code)).toEqual(['FORBIDDEN']);
    const curator = await gql(t.url, query, {}, bearer(CURATOR.key));
    expect(curator.errors).toBeUndefined();
    expect(curator.data!.condition.updatedBy).toBe('seed');
  });
});

describe('defect 5: a cursor belongs to one connection and one order', () => {
  const cursor = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');

  it("refuses a sources cursor in trials(after:), and a nested list's cursor at the root", async () => {
    const sources = await gql(t.url, '{ sources(first: 1) { pageInfo { endCursor } } }');
    const trials = await gql(
      t.url,
      'query($after: String) { trials(first: 1, after: $after) { edges { node { id } } } }',
      {
        after: sources.data!.sources.pageInfo.endCursor,
      },
    );
    expect(trials.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
    expect(trials.errors![0].message).toMatch(/cursor of "Query.sources", not of "Query.trials"/);

    const nested = await gql(
      t.url,
      '{ conditions(first: 50) { edges { node { trials(first: 1) { pageInfo { endCursor } } } } } }',
    );
    const nestedCursor = (nested.data!.conditions.edges as any[])
      .map((e) => e.node.trials.pageInfo.endCursor)
      .find((c) => c !== null);
    const root = await gql(
      t.url,
      'query($after: String) { trials(first: 1, after: $after) { edges { node { id } } } }',
      {
        after: nestedCursor,
      },
    );
    expect(root.errors![0].message).toMatch(/cursor of "Condition.trials"/);
  });

  it('refuses cursors whose position does not decode to valid values, as BAD_USER_INPUT', async () => {
    const auditLog =
      'query($after: String) { auditLog(entityId: "condition:low-back-pain", first: 1, after: $after) { edges { node { at } } } }';
    for (const after of [
      cursor(['AT:DESC', 'not-a-date', 'x']),
      cursor(['Query.auditLog', 'AT:DESC', 'not-a-date', 'x']),
      cursor(['Query.auditLog', 'AT:DESC', '2026-01-01T00:00:00Z', '']),
    ]) {
      const res = await gql(t.url, auditLog, { after }, bearer(CURATOR.key));
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
    }
    const numeric = await gql(
      t.url,
      'query($after: String) { trials(first: 1, after: $after, orderBy: { field: START_YEAR }) { edges { node { id } } } }',
      {
        after: cursor(['Query.trials', 'START_YEAR:ASC', 'twenty', 'trial:x']),
      },
    );
    expect(numeric.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('still pages a list with its own cursors', async () => {
    const page =
      'query($after: String) { trials(first: 2, after: $after) { edges { node { id } } pageInfo { endCursor } } }';
    const first = await gql(t.url, page);
    const second = await gql(t.url, page, { after: first.data!.trials.pageInfo.endCursor });
    expect(second.errors).toBeUndefined();
    expect(second.data!.trials.edges[0].node.id > first.data!.trials.edges[1].node.id).toBe(true);
  });
});

describe('defect 8: a subscription is a client error', () => {
  it('answers 400 with GRAPHQL_VALIDATION_FAILED, and counts no internal error', async () => {
    const res = await gql(t.url, 'subscription { __typename }');
    expect(res.status).toBe(400);
    expect(res.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors![0].message).toMatch(/serves no subscriptions/);
    const metrics = parseMetrics(await (await fetch(`${t.origin}/metrics`)).text());
    const internal = metrics.find(
      (s) => s.name === 'discgraph_graphql_errors_total' && s.labels.code === 'INTERNAL_SERVER_ERROR',
    );
    expect(internal?.value).toBe(0);
  });
});

describe('defect 9: __typename aliases count against the alias limit', () => {
  it('refuses 31 aliases of __typename, as it refuses 31 of a real field', async () => {
    const aliases = (n: number, field: string) => `{ ${repeat(n, (i) => `a${i}: ${field}`).join(' ')} }`;
    expect((await gql(t.url, aliases(30, '__typename'))).status).toBe(200);
    for (const field of ['__typename', 'stats { totalNodes }']) {
      const res = await gql(t.url, aliases(31, field));
      expect(res.status).toBe(400);
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0].message).toMatch(/31 aliases, above the limit of 30 \(LIMIT_ALIASES\)/);
    }
  });
});

describe('defect 10: every error response is JSON with a code', () => {
  it('answers a 20 KB Authorization header with 431 and HEADERS_TOO_LARGE', async () => {
    const res = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${'x'.repeat(20_000)}` },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(res.status).toBe(431);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('HEADERS_TOO_LARGE');
  });

  it('answers unknown paths with a JSON 404', async () => {
    for (const [method, path] of [
      ['GET', '/nope'],
      ['POST', '/api'],
      ['DELETE', '/healthz'],
    ]) {
      const res = await fetch(`${t.origin}${path}`, { method });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      const body = (await res.json()) as any;
      expect(body.errors[0].extensions.code).toBe('NOT_FOUND');
      expect(body.errors[0].message).toContain(path);
    }
  });
});

describe('defect 11: production defaults are closed', () => {
  it('turns introspection and the landing page off in production unless asked for', () => {
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({ introspection: false, landing: 'off' });
    expect(
      loadConfig({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true', GRAPHQL_LANDING: 'graphiql' }),
    ).toMatchObject({ introspection: true, landing: 'graphiql' });
    expect(loadConfig({ NODE_ENV: 'development' })).toMatchObject({ introspection: true, landing: 'graphiql' });
    expect(() => loadConfig({ GRAPHQL_LANDING: 'maybe' })).toThrow(/^GRAPHQL_LANDING must be graphiql, sandbox or off/);
  });

  it('serves no introspection, no Sandbox and no open /metrics in production', async () => {
    const production = await startTestServer({ NODE_ENV: 'production' });
    try {
      const introspection = await gql(production.url, '{ __schema { queryType { name } } }');
      expect(introspection.status).toBe(400);
      expect(introspection.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
      const landing = await fetch(production.url, { headers: { accept: 'text/html' } });
      expect(await landing.text()).not.toMatch(/sandbox/i);
      const metrics = await fetch(`${production.origin}/metrics`);
      expect(metrics.status).toBe(401);
      expect(((await metrics.json()) as any).errors[0].message).toMatch(/METRICS_TOKEN/);
    } finally {
      await production.close();
    }
  });

  it('serves /metrics only with the bearer METRICS_TOKEN when one is set', async () => {
    const token = randomBytes(24).toString('hex');
    const guarded = await startTestServer({ NODE_ENV: 'production', METRICS_TOKEN: token });
    try {
      const scrape = (headers: Record<string, string>) => fetch(`${guarded.origin}/metrics`, { headers });
      expect((await scrape({})).status).toBe(401);
      expect((await scrape(bearer(`${token}x`))).status).toBe(401);
      const ok = await scrape(bearer(token));
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('discgraph_graphql_requests_total');
    } finally {
      await guarded.close();
    }
  });
});

describe('defect 12: error messages say what to fix', () => {
  it('uses the right article and quotes ids', async () => {
    const outcome = await gql(t.url, '{ outcomes(first: 1) { edges { node { id } } } }');
    const outcomeId = outcome.data!.outcomes.edges[0].node.id as string;
    const card = await gql(t.url, 'query($id: ID!) { evidenceSummary(conditionId: $id) { trialCount } }', {
      id: outcomeId,
    });
    expect(card.errors![0].message).toBe(`"${outcomeId}" is an Outcome, not a Condition; pass a condition id.`);
    const paths = await gql(t.url, '{ paths(from: "", to: "x y") { length } }');
    expect(paths.errors![0].message).toBe('No entity has the id "" or "x y".');
  });

  it('says what a negative page size should be, without suggesting cursors', async () => {
    const res = await gql(t.url, '{ trials(first: -1) { totalCount } }');
    expect(res.errors![0].message).toBe('`first` must be from 0 to 100, not -1; ask for 0 or more edges.');
  });

  it('names the limit, not a syntax error, for depth, aliases and directives, once each', async () => {
    let deep = 'id';
    for (let i = 0; i < 4; i++) {
      deep = `trials { edges { node { conditions { edges { node { ${deep} } } } } } }`;
    }
    const depth = await gql(t.url, `{ conditions { edges { node { ${deep} } } } }`);
    expect(depth.errors).toHaveLength(1);
    // Nine lists of two levels each (an edge's node shares its edge's level), then `id`.
    expect(depth.errors![0].message).toMatch(
      /^The operation has 19 levels of nested fields, above the limit of 12 \(LIMIT_DEPTH\)/,
    );
    const directives = await gql(t.url, `{ ${repeat(21, (i) => `a${i}: __typename @include(if: true)`).join(' ')} }`);
    expect(directives.errors).toHaveLength(1);
    expect(directives.errors![0].message).toMatch(/21 directives, above the limit of 20 \(LIMIT_DIRECTIVES\)/);
  });

  it('names the argument of a literal of the wrong type', async () => {
    const res = await gql(t.url, '{ trials(first: "ten") { totalCount } }');
    expect(res.status).toBe(400);
    expect(res.errors![0].message).toBe(
      'Argument "first" of field "trials": Int cannot represent non-integer value: "ten"',
    );
  });
});
