// Defect 13 of issue 14: the README's error table is kept true. Every (code, HTTP status) row of
// README.md#errors has a scenario here that makes the real server answer with that code and that
// status, and every scenario here has its row.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import path from 'node:path';
import { generateApiKey } from '../../src/auth/apiKeys';
import { Role } from '../../src/auth/roles';
import { freePort } from '../../src/common/ports';
import { ensureSeedGraph, startTestServer, type TestServer } from '../support/harness';

/** The (code, status) rows of the README's error table, as "CODE status". */
function tableRows(): string[] {
  const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
  const section = readme.split(/^## Errors$/m)[1].split(/^## /m)[0];
  return [...section.matchAll(/^\| `([A-Z_]+)`\s*\| (\d{3})\s*\|/gm)].map(([, code, status]) => `${code} ${status}`);
}

/** The table row a scenario makes: its name without the note that tells rows of one code and status apart. */
const rowOf = (scenario: string) => scenario.replace(/ \(.*\)$/, '');

interface Answer {
  status: number;
  codes: string[];
}

const CURATOR = generateApiKey('cora', Role.CURATOR);
const READER = generateApiKey('rita', Role.READER);
const METRICS_TOKEN = randomBytes(16).toString('hex');

let t: TestServer;
const extra: TestServer[] = [];
let blackHole: Server;
const heldSockets: Socket[] = [];
const corruptId = `condition:error-table-${randomBytes(4).toString('hex')}`;

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  const body = JSON.parse(text) as { errors?: Array<{ extensions?: { code?: string } }> };
  return { status: response.status, codes: (body.errors ?? []).map((e) => e.extensions?.code ?? '(none)') };
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  }).then(answer);
const ask = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  post(t.url, { query, variables }, headers);

async function server(overrides: Record<string, string>): Promise<TestServer> {
  const started = await startTestServer(overrides);
  extra.push(started);
  return started;
}

const SCENARIOS: Record<string, () => Promise<Answer>> = {
  'GRAPHQL_PARSE_FAILED 400': () => ask('{ trials { '),
  'GRAPHQL_VALIDATION_FAILED 400': () => ask('{ noSuchField }'),
  'BAD_REQUEST 400': () =>
    // A GET without a content type or the apollo-require-preflight header: CSRF prevention.
    fetch(`${t.url}?query=${encodeURIComponent('{ __typename }')}`).then(answer),
  'OPERATION_RESOLUTION_FAILURE 400': () => ask('query A { __typename } query B { __typename }'),
  'PERSISTED_QUERY_NOT_FOUND 200': () =>
    post(t.url, { extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }),
  'BAD_USER_INPUT 400': () => ask('query($n: Int) { trials(first: $n) { totalCount } }', { n: 'ten' }),
  'BAD_BOOKMARK 400': () => ask('{ __typename }', {}, { 'x-neo4j-bookmark': 'not a bookmark' }),
  'QUERY_TOO_COMPLEX 400': () =>
    ask(
      '{ trials(first: 100) { edges { node { conditions(first: 100) { edges { node { trials(first: 100) { totalCount } } } } } } } }',
    ),
  'UNAUTHENTICATED 401': async () => {
    const guarded = await server({ METRICS_TOKEN });
    return fetch(`${guarded.origin}/metrics`).then(answer);
  },
  'NOT_FOUND 404': () => fetch(`${t.origin}/no-such-page`).then(answer),
  'PAYLOAD_TOO_LARGE 413': () => ask(`{ __typename } # ${'x'.repeat(200_000)}`),
  'RATE_LIMITED 429': async () => {
    const limited = await server({ RATE_LIMIT_PER_MINUTE: '1' });
    await post(limited.url, { query: '{ __typename }' });
    return post(limited.url, { query: '{ __typename }' });
  },
  'SERVER_BUSY 503': async () => {
    // One turn, no line: a request whose body never finishes holds the turn, so the next is refused.
    const busy = await server({ MAX_RUNNING_OPERATIONS: '1', MAX_QUEUED_OPERATIONS: '0' });
    const holder = connect(Number(new URL(busy.origin).port), '127.0.0.1');
    holder.write(
      'POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"query":',
    );
    try {
      while (
        !/^discgraph_graphql_operations_running 1$/m.test(await fetch(`${busy.origin}/metrics`).then((r) => r.text()))
      ) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return await post(busy.url, { query: '{ __typename }' });
    } finally {
      holder.destroy();
    }
  },
  'SERVER_BUSY 200': async () => {
    // One turn for path searches, no line: two searches of one operation ask for it together.
    const busy = await server({
      MAX_RUNNING_OPERATIONS: '0',
      MAX_RUNNING_PATH_SEARCHES: '1',
      MAX_QUEUED_OPERATIONS: '0',
    });
    const search = (alias: string) =>
      `${alias}: paths(from: "cell-source:adipose-tissue", to: "condition:low-back-pain") { length }`;
    return post(busy.url, { query: `{ ${search('a')} ${search('b')} }` });
  },
  'HEADERS_TOO_LARGE 431': () => ask('{ __typename }', {}, { authorization: `Bearer ${'x'.repeat(20_000)}` }),
  'BAD_USER_INPUT 200': () => ask('{ trials(first: -1) { totalCount } }'),
  'NOT_FOUND 200': () => ask('{ paths(from: "condition:none", to: "condition:low-back-pain") { length } }'),
  'NOT_FOUND 200 (filter)': () => ask('{ trials(filter: { conditionIds: ["condition:none"] }) { totalCount } }'),
  'UNAUTHENTICATED 200': () => ask('{ auditLog(entityId: "condition:low-back-pain") { edges { cursor } } }'),
  'FORBIDDEN 200': () =>
    ask(
      '{ auditLog(entityId: "condition:low-back-pain") { edges { cursor } } }',
      {},
      { authorization: `Bearer ${READER.key}` },
    ),
  'CONFLICT 200': () =>
    ask(
      'mutation($input: CreateConditionInput!) { createCondition(input: $input) { id } }',
      {
        input: {
          id: 'condition:low-back-pain',
          name: 'Taken',
          category: 'DISEASE',
          sourceIds: ['source:centeno-2017'],
        },
      },
      { authorization: `Bearer ${CURATOR.key}` },
    ),
  'BAD_BOOKMARK 200': () =>
    // Well-formed to the API, refused by Neo4j: a bookmark of no transaction this database made.
    ask('{ trials(first: 1) { totalCount } }', {}, { 'x-neo4j-bookmark': 'FB:kcwQAAAAAAAAAAAAAAAAAAAAAA==' }),
  'DATABASE_UNAVAILABLE 503': async () => {
    // Start-up work (migrations, the seed) not finished yet: src/main.ts passes Bootstrap's `done`.
    const starting = await startTestServer({}, undefined, () => false);
    extra.push(starting);
    return post(starting.url, { query: '{ __typename }' });
  },
  'DATABASE_UNAVAILABLE 200': async () => {
    const down = await server({ NEO4J_URI: `bolt://127.0.0.1:${await freePort()}`, NEO4J_MAX_RETRY_MS: '0' });
    return post(down.url, { query: '{ trials { totalCount } }' });
  },
  'TIMEOUT 200': async () => {
    // A "database" that accepts connections and never answers: the request's deadline ends it.
    const { port } = blackHole.address() as { port: number };
    const stuck = await server({
      NEO4J_URI: `bolt://127.0.0.1:${port}`,
      REQUEST_TIMEOUT_MS: '500',
      NEO4J_MAX_RETRY_MS: '0',
    });
    return post(stuck.url, { query: '{ trials { totalCount } }' });
  },
  'INTERNAL_SERVER_ERROR 200': () =>
    // A node written behind the API's back, without the name every entity must have: a bug to mask.
    ask('query($id: ID!) { condition(id: $id) { name } }', { id: corruptId }),
};

beforeAll(async () => {
  t = await startTestServer({ API_KEYS: `${CURATOR.entry},${READER.entry}` });
  await ensureSeedGraph(t.database);
  await t.database
    .executor()
    .write('test.corruptNode', 'CREATE (:Entity:Condition {id: $id, sourceIds: [], synonyms: []})', { id: corruptId });
  blackHole = createServer((socket) => {
    heldSockets.push(socket);
  });
  await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await t.database.executor().write('test.removeCorruptNode', 'MATCH (n:Entity {id: $id}) DELETE n', { id: corruptId });
  await Promise.all(extra.map((s) => s.close()));
  await t.close();
  heldSockets.forEach((socket) => socket.destroy());
  await new Promise<void>((resolve) => blackHole.close(() => resolve()));
});

describe("the README's error table", () => {
  it('has a scenario for every row, and a row for every scenario', () => {
    expect(tableRows().sort()).toEqual(Object.keys(SCENARIOS).map(rowOf).sort());
  });

  it.each(Object.keys(SCENARIOS))('%s: the server answers so', async (row) => {
    const [code, status] = row.split(' ');
    const got = await SCENARIOS[row]();
    expect({ status: got.status, code: got.codes[0] }).toEqual({ status: Number(status), code });
  });

  it('shows a GET that a CDN can cache, which the server answers with a public max-age', async () => {
    const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
    const [, url, header, value] = /curl -s '([^']+)' \\\n\s+-H '([^:]+): ([^']+)'/.exec(readme)!;
    const res = await fetch(url.replace('http://127.0.0.1:4000', t.origin), { headers: { [header]: value } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/^max-age=\d+, public$/);
    expect(((await res.json()) as any).data.stats.totalNodes).toBeGreaterThan(0);
  });
});
