// Regressions of defects found by outside testing, over real HTTP on the real Neo4j. Defect 6: an
// import ran under the request's deadline and the default transaction timeout, so a whole export
// timed out; it now has IMPORT_TIMEOUT_MS and a bound, IMPORT_MAX_RECORDS, checked before any
// Cypher. Defect 7: one refused mutation turned a document's whole `data` to null, hiding the
// mutations before it that had committed; mutation payloads are nullable now.
import { randomBytes } from 'node:crypto';
import { isNullableType } from 'graphql';
import type { AppConfig } from '../../src/config';
import { Database, type Executor } from '../../src/db/database';
import { AUDIT_LABEL } from '../../src/graph/model';
import { buildAppSchema } from '../../src/schema';
import { ensureSeedGraph, gql, openDatabase, startTestServer, testConfig, type TestServer } from '../support/harness';
import { codeOf, curationEnv, headersOf, IMPORT, removeWrittenInBatches } from '../curation/support';

beforeAll(async () => {
  // Migrations (the id constraints the loader's MERGE seeks on) and the seed, with the harness's
  // generous timeout: the servers below have production's.
  const database = openDatabase();
  try {
    await ensureSeedGraph(database);
  } finally {
    await database.close();
  }
});

/** A Database as src/main.ts opens it: NEO4J_TX_TIMEOUT_MS is the transaction timeout. */
function databaseOf(config: AppConfig): Database {
  return new Database({
    ...config.neo4j!,
    txTimeoutMs: config.neo4jTxTimeoutMs,
    connectionTimeoutMs: config.neo4jConnectionTimeoutMs,
    maxRetryMs: config.neo4jMaxRetryMs,
    poolSize: 10,
  });
}

/** A server with the curation keys, on a Database configured as in production. */
/**
 * A server with `overrides`, and an executor for the test's own reads and clean-up, with the
 * default timeouts: a server's 100 ms NEO4J_TX_TIMEOUT_MS is what a test exercises, not something
 * its clean-up of 10,000 records should run under.
 */
async function startServer(overrides: Record<string, string>): Promise<{ t: TestServer; db: Executor }> {
  const env = { ...curationEnv(), ...overrides };
  const database = databaseOf(testConfig(env));
  const own = databaseOf(testConfig(curationEnv()));
  const t = await startTestServer(env, database);
  const close = t.close;
  t.close = async () => {
    await close();
    await database.close();
    await own.close();
  };
  return { t, db: own.executor() };
}

/** `sources` Sources and enough Conditions citing them to make `total` records in all. */
function importDocuments(prefix: string, total: number, sources: number) {
  const sourceIds = Array.from({ length: sources }, (_, i) => `source:${prefix}-s${i}`);
  const conditions = Array.from({ length: total - sources }, (_, i) => ({
    id: `condition:${prefix}-c${i}`,
    name: `${prefix} condition ${i}`,
    category: 'DISEASE',
    sources: [sourceIds[i % sources]],
  }));
  return [
    {
      kind: 'Source',
      records: sourceIds.map((id) => ({
        id,
        name: `${prefix} source`,
        kind: 'ONTOLOGY',
        publisher: 'Test',
        url: 'https://example.org/test',
        recordVersion: '1',
      })),
    },
    { kind: 'Condition', records: conditions },
  ];
}

async function countWritten(db: Executor, prefix: string): Promise<{ entities: number; audits: number }> {
  const [row] = await db.read<{ entities: number; audits: number }>(
    'test.countWritten',
    `CALL { MATCH (n:Entity) WHERE n.id CONTAINS $prefix RETURN count(n) AS entities }
     CALL { MATCH (a:${AUDIT_LABEL}) WHERE a.targetId CONTAINS $prefix RETURN count(a) AS audits }
     RETURN entities, audits`,
    { prefix },
  );
  return row;
}

describe('defect 6: importing the whole export timed out under the default timeouts', () => {
  let t: TestServer;
  let db: Executor;
  const prefix = `imp6-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    // The default NEO4J_TX_TIMEOUT_MS (5 s) and REQUEST_TIMEOUT_MS (10 s); a body large enough for the import.
    ({ t, db } = await startServer({ LIMIT_BODY_BYTES: '20000000' }));
    expect(t.config.neo4jTxTimeoutMs).toBe(5_000);
    expect(t.config.requestTimeoutMs).toBe(10_000);
  });
  afterAll(async () => {
    await removeWrittenInBatches(db, prefix);
    await t.close();
  });

  it('imports 10,000 records in one request on a server with the default NEO4J_TX_TIMEOUT_MS and REQUEST_TIMEOUT_MS', async () => {
    const documents = importDocuments(prefix, 10_000, 100);
    const res = await gql(t.url, IMPORT, { documents }, await headersOf('admin'));
    expect(res.errors).toBeUndefined();
    expect(res.data!.importGraph).toEqual({ entities: 10_000, claims: 0, created: 10_000, changed: 0, unchanged: 0 });
    expect(await countWritten(db, prefix)).toEqual({ entities: 10_000, audits: 10_000 });
  }, 180_000);
});

describe('defect 6: an import ran under the request deadline and NEO4J_TX_TIMEOUT_MS, not a timeout of its own', () => {
  let t: TestServer;
  let db: Executor;
  const prefix = `imp6tx-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    // Both at their least, far below what an import of 2,000 records takes (retries end before the
    // deadline, so NEO4J_MAX_RETRY_MS goes to 0); IMPORT_TIMEOUT_MS keeps its default.
    ({ t, db } = await startServer({
      NEO4J_TX_TIMEOUT_MS: '100',
      REQUEST_TIMEOUT_MS: '100',
      NEO4J_MAX_RETRY_MS: '0',
      LIMIT_BODY_BYTES: '20000000',
    }));
  });
  afterAll(async () => {
    await removeWrittenInBatches(db, prefix);
    await t.close();
  });

  it('runs the import under IMPORT_TIMEOUT_MS, past both', async () => {
    const documents = importDocuments(prefix, 2_000, 10);
    const res = await gql(t.url, IMPORT, { documents }, await headersOf('admin'));
    expect(res.errors).toBeUndefined();
    expect(res.data!.importGraph).toEqual({ entities: 2_000, claims: 0, created: 2_000, changed: 0, unchanged: 0 });
    expect(await countWritten(db, prefix)).toEqual({ entities: 2_000, audits: 2_000 });
  });

  it('extends the deadline for that one transaction only, not for the rest of the request', async () => {
    const database = openDatabase();
    try {
      const executor = database.executor({ deadline: Date.now() + 50 });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const rows = await executor.writeTx('test.extended', (tx) => tx.run<{ one: number }>('RETURN 1 AS one'), {
        timeoutMs: 5_000,
        extendDeadline: true,
      });
      expect(rows).toEqual([{ one: 1 }]);
      const late = await executor.read('test.late', 'RETURN 1').catch((e: unknown) => e);
      expect((late as { extensions?: { code?: string } }).extensions?.code).toBe('TIMEOUT');
    } finally {
      await database.close();
    }
  });
});

describe('defect 6: an import above IMPORT_MAX_RECORDS is refused before any Cypher runs', () => {
  let t: TestServer;
  let db: Executor;
  const prefix = `imp6max-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    ({ t, db } = await startServer({ IMPORT_MAX_RECORDS: '5' }));
  });
  afterAll(async () => {
    await removeWrittenInBatches(db, prefix);
    await t.close();
  });

  it('refuses 6 records over two documents with BAD_USER_INPUT naming the limit, and writes nothing', async () => {
    const res = await gql(t.url, IMPORT, { documents: importDocuments(prefix, 6, 2) }, await headersOf('admin'));
    expect(res.data ?? null).toBeNull();
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/\b5\b/);
    expect(res.errors![0].message).toContain('IMPORT_MAX_RECORDS');
    expect(res.errors![0].message).toMatch(/\b6\b/);
    // Refused before any Cypher ran: the request made no database round trip (GRAPHQL_DEBUG reports them).
    expect(res.extensions?.discgraph).toMatchObject({ roundTrips: 0 });
    expect(await countWritten(db, prefix)).toEqual({ entities: 0, audits: 0 });
  });

  it('still takes an import at the limit', async () => {
    const res = await gql(t.url, IMPORT, { documents: importDocuments(prefix, 5, 1) }, await headersOf('admin'));
    expect(res.errors).toBeUndefined();
    expect(res.data!.importGraph).toMatchObject({ entities: 5, created: 5 });
  });
});

describe('defect 7: a committed mutation came back as data: null when a later one in the document failed', () => {
  let t: TestServer;
  let db: Executor;
  const prefix = `mut7-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    ({ t, db } = await startServer({}));
  });
  afterAll(async () => {
    await removeWrittenInBatches(db, prefix);
    await t.close();
  });

  it('declares every mutation payload nullable', async () => {
    const fields = Object.values((await buildAppSchema()).getMutationType()!.getFields());
    expect(fields.length).toBeGreaterThan(0);
    expect(fields.filter((f) => !isNullableType(f.type)).map((f) => f.name)).toEqual([]);
  });

  it('keeps the result of `a` beside the CONFLICT of `b`', async () => {
    const source = `source:${prefix}-src`;
    const taken = `condition:${prefix}-taken`;
    const fresh = `condition:${prefix}-fresh`;
    const admin = await headersOf('admin');
    const setUp = await gql(
      t.url,
      `mutation {
        s: createSource(input: { id: "${source}", name: "${prefix} source", kind: ONTOLOGY, publisher: "Test", url: "https://example.org/test", recordVersion: "1" }) { id }
        c: createCondition(input: { id: "${taken}", name: "${prefix} taken", category: DISEASE, sourceIds: ["${source}"] }) { id }
      }`,
      {},
      admin,
    );
    expect(setUp.errors).toBeUndefined();

    const res = await gql(
      t.url,
      `mutation {
        a: createCondition(input: { id: "${fresh}", name: "${prefix} fresh", category: DISEASE, sourceIds: ["${source}"] }) { id }
        b: createCondition(input: { id: "${taken}", name: "${prefix} again", category: DISEASE, sourceIds: ["${source}"] }) { id }
      }`,
      {},
      admin,
    );
    expect(res.data).toEqual({ a: { id: fresh }, b: null });
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].path).toEqual(['b']);
    expect(codeOf(res)).toBe('CONFLICT');

    const [stored] = await db.read<{ ids: string[] }>(
      'test.committed',
      'MATCH (n:Entity) WHERE n.id IN $ids RETURN collect(n.id) AS ids',
      { ids: [fresh, taken] },
    );
    expect(stored.ids.sort()).toEqual([fresh, taken].sort());
  });
});
