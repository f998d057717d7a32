// Shared plumbing of the curation suites: a server with one API key per role and a JWT secret,
// callers for every kind of credential, GraphQL documents, fixtures made through the API under a
// run-unique id prefix, the "nothing changed" fingerprint of the graph, and the clean-up.
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { generateApiKey } from '../../src/auth/apiKeys';
import { Role } from '../../src/auth/roles';
import type { Executor } from '../../src/db/database';
import { AUDIT_LABEL } from '../../src/graph/model';
import { readSnapshot, snapshotChecksum } from '../../src/graph/snapshot.repository';
import { graphCounts, type GraphCounts } from '../../src/graph/stats/stats.repository';
import {
  ensureSeedGraph,
  gql,
  type GraphQLResponse,
  resyncCards,
  startTestServer,
  type TestServer,
} from '../support/harness';

export const JWT_SECRET = 'curation-suite-secret-of-at-least-32-chars';

export const KEYS = {
  reader: generateApiKey('rita', Role.READER),
  curator: generateApiKey('cora', Role.CURATOR),
  admin: generateApiKey('adam', Role.ADMIN),
};

export type Caller =
  | 'anonymous'
  | 'reader'
  | 'curator'
  | 'admin'
  | 'curatorJwt'
  | 'badJwt'
  | 'expiredJwt'
  | 'wrongSignatureJwt'
  | 'unknownKey';

function jwt(claims: Record<string, unknown>, secret: string, expiresIn: string): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('jwt-user@example.org')
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}

/** The Authorization header of each caller; the refused ones all claim the admin role. */
export async function headersOf(caller: Caller): Promise<Record<string, string>> {
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  switch (caller) {
    case 'anonymous':
      return {};
    case 'reader':
    case 'curator':
    case 'admin':
      return bearer(KEYS[caller].key);
    case 'curatorJwt':
      return bearer(await jwt({ role: 'curator' }, JWT_SECRET, '1h'));
    case 'badJwt':
      return bearer('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIn0.bad-signature-bytes');
    case 'expiredJwt':
      return bearer(await jwt({ role: 'admin' }, JWT_SECRET, '-1h'));
    case 'wrongSignatureJwt':
      return bearer(await jwt({ role: 'admin' }, `${JWT_SECRET}-but-not-this-one`, '1h'));
    case 'unknownKey':
      return bearer(generateApiKey('adam', Role.ADMIN).key);
  }
}

export interface Suite {
  t: TestServer;
  db: Executor;
  /** Unique to this run: every id the suite writes contains it. */
  prefix: string;
  /** A Source the suite creates first; fixtures cite it. */
  sourceId: string;
  as(caller: Caller): (query: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse<any>>;
  close(): Promise<void>;
}

/** The environment of a server that knows every caller's credentials (KEYS, JWT_SECRET). */
export function curationEnv(): Record<string, string> {
  return {
    API_KEYS: Object.values(KEYS)
      .map((k) => k.entry)
      .join(','),
    JWT_SECRET,
    RATE_LIMIT_PER_MINUTE: '0',
  };
}

export async function startSuite(name: string): Promise<Suite> {
  const t = await startTestServer(curationEnv());
  const db = t.database.executor();
  await ensureSeedGraph(t.database);
  const prefix = `${name}-${randomBytes(4).toString('hex')}`;
  const suite: Suite = {
    t,
    db,
    prefix,
    sourceId: `source:${prefix}-src`,
    as:
      (caller) =>
      async (query, variables = {}) =>
        gql(t.url, query, variables, await headersOf(caller)),
    close: async () => {
      await removeWrittenBy(db, prefix);
      await t.close();
    },
  };
  const made = await suite.as('curator')(CREATE.Source, { input: suiteSource(suite, 2024) });
  expect(made.errors).toBeUndefined();
  return suite;
}

/** The record of the suite's Source, as created (2024) or imported again with another year. */
export function suiteSource(suite: Pick<Suite, 'prefix' | 'sourceId'>, year: number) {
  return {
    id: suite.sourceId,
    name: `${suite.prefix} source`,
    kind: 'PEER_REVIEWED_ARTICLE',
    year,
    authors: 'Test et al.',
    journal: 'Test J',
    doi: '10.5555/discgraph-test',
  };
}

/** Removes every entity, claim and audit entry whose id contains the prefix. */
export async function removeWrittenBy(db: Executor, prefix: string): Promise<void> {
  await db.write('test.removeCurated', 'MATCH (n:Entity) WHERE n.id CONTAINS $prefix DETACH DELETE n', { prefix });
  await db.write(
    'test.removeAudit',
    `MATCH (a:${AUDIT_LABEL}) WHERE a.targetId CONTAINS $prefix OR a.subjectId CONTAINS $prefix OR a.objectId CONTAINS $prefix DELETE a`,
    { prefix },
  );
  await resyncCards(db);
}

// name: test.removeEntitiesBatch
const REMOVE_ENTITIES_BATCH = `
MATCH (n:Entity) WHERE n.id CONTAINS $prefix
WITH n LIMIT toInteger($batchSize)
DETACH DELETE n
RETURN count(*) AS removed`;

// name: test.removeAuditBatch
const REMOVE_AUDIT_BATCH = `
MATCH (a:${AUDIT_LABEL}) WHERE a.targetId CONTAINS $prefix OR a.subjectId CONTAINS $prefix OR a.objectId CONTAINS $prefix
WITH a LIMIT toInteger($batchSize)
DELETE a
RETURN count(*) AS removed`;

/** removeWrittenBy for bulk data: one transaction per batch, so none outgrows its timeout. */
export async function removeWrittenInBatches(db: Executor, prefix: string, batchSize = 2_000): Promise<void> {
  for (const [name, cypher] of [
    ['test.removeEntitiesBatch', REMOVE_ENTITIES_BATCH],
    ['test.removeAuditBatch', REMOVE_AUDIT_BATCH],
  ] as const) {
    let removed = batchSize;
    while (removed === batchSize) {
      [{ removed }] = await db.write<{ removed: number }>(name, cypher, { prefix, batchSize });
    }
  }
  await resyncCards(db);
}

export interface GraphState {
  counts: GraphCounts;
  checksum: string;
  audits: number;
  /** Curation metadata, which the checksum leaves out: a refused write must not touch it either. */
  metadata: Array<{ id: string; version: number; updatedAt: string; updatedBy: string }>;
}

/** Everything a refused write must leave as it was. */
export async function graphState(db: Executor, prefix: string): Promise<GraphState> {
  const [audit] = await db.read<{ n: number }>('test.audits', `MATCH (a:${AUDIT_LABEL}) RETURN count(a) AS n`);
  const metadata = await db.read<GraphState['metadata'][number]>(
    'test.metadata',
    `MATCH (n:Entity) WHERE n.id CONTAINS $prefix
     RETURN n.id AS id, n.version AS version, toString(n.updatedAt) AS updatedAt, n.updatedBy AS updatedBy ORDER BY id`,
    { prefix },
  );
  return {
    counts: await graphCounts(db),
    checksum: snapshotChecksum(await readSnapshot(db)),
    audits: audit.n,
    metadata,
  };
}

export function codeOf(response: GraphQLResponse): unknown {
  return response.errors?.[0]?.extensions?.code;
}

const ENTITY_FIELDS = 'id name version createdAt updatedAt updatedBy synonyms description curie sources { id }';

export const CREATE = {
  Condition: `mutation($input: CreateConditionInput!) { createCondition(input: $input) { ${ENTITY_FIELDS} ... on Condition { category } } }`,
  Trial: `mutation($input: CreateTrialInput!) { createTrial(input: $input) { ${ENTITY_FIELDS} registryId startYear } }`,
  Source: `mutation($input: CreateSourceInput!) { createSource(input: $input) { id name version url } }`,
};
export const UPDATE_CONDITION = `mutation($input: UpdateConditionInput!) { updateCondition(input: $input) { ${ENTITY_FIELDS} } }`;
export const DELETE = {
  Condition: `mutation($id: ID!, $cascade: Boolean! = false, $v: Int) { deleteCondition(id: $id, cascade: $cascade, expectedVersion: $v) { id type deletedClaimIds uncitedIds } }`,
  Source: `mutation($id: ID!, $cascade: Boolean! = false) { deleteSource(id: $id, cascade: $cascade) { id type deletedClaimIds uncitedIds } }`,
};
export const LINK = `mutation($input: LinkInput!) { linkConditionContributesToCondition(input: $input) {
  id type subject { id } object { id } evidence { claimId level knowledgeLevel agentType note sourceIds sources { id } } } }`;
export const UNLINK = `mutation($input: UnlinkInput!) { unlinkConditionContributesToCondition(input: $input) { id type subject { id } object { id } } }`;
export const IMPORT = `mutation($documents: [SeedDocumentInput!]!) { importGraph(documents: $documents) { entities claims created changed unchanged } }`;
// Pages of 10: under the default LIMIT_COMPLEXITY a page of 20 entries with all their changes costs too much.
export const AUDIT_LOG = `query($id: ID!, $first: Int = 10, $after: String) { auditLog(entityId: $id, first: $first, after: $after) {
  edges { cursor node { id at actor role operation targetId targetType subjectId objectId version requestId changes { field before after } } }
  pageInfo { hasNextPage endCursor } } }`;

/** Creates a Condition (as an admin) citing the suite's source and returns its id. */
export async function makeCondition(s: Suite, local: string, extra: Record<string, unknown> = {}): Promise<string> {
  const id = `condition:${s.prefix}-${local}`;
  const res = await s.as('admin')(CREATE.Condition, {
    input: { id, name: `${s.prefix} ${local}`, category: 'DISEASE', sourceIds: [s.sourceId], ...extra },
  });
  expect(res.errors).toBeUndefined();
  return id;
}

/** Links two Conditions (CONTRIBUTES_TO) as an admin and returns the claim id. */
export async function makeClaim(s: Suite, subjectId: string, objectId: string, id?: string): Promise<string> {
  const res = await s.as('admin')(LINK, {
    input: {
      id,
      subjectId,
      objectId,
      sourceIds: [s.sourceId],
      level: 'OBSERVATIONAL_STUDY',
      knowledgeLevel: 'OBSERVATION',
    },
  });
  expect(res.errors).toBeUndefined();
  return res.data!.linkConditionContributesToCondition.id;
}
