// Proof that an entity kind and a relationship are each defined in one place. The Device kind
// (./extension/device.entity.ts with its type) and the USES_DEVICE relationship
// (./extension/device.relationship.ts) live in this test folder alone; the two jest.mock calls
// below are the "one line" each that src/graph/entities.ts and src/graph/relationships.ts would
// get. Everything else (the GraphQL type, its connection with filters and sorts, relationship
// fields both ways, mutations, seed validation, migrations and export) must follow, against the
// real Neo4j. jest gives each test file its own modules, so no other suite sees Device.
import { randomBytes } from 'node:crypto';
import { generateApiKey } from '../../src/auth/apiKeys';
import { Role } from '../../src/auth/roles';
import { ENTITIES } from '../../src/graph/entities';
import { ID_PREFIX, LABELS } from '../../src/graph/registry';
import { explorerVocabulary } from '../../src/graph/vocabulary';
import { buildAppSchema } from '../../src/schema';
import { SeedValidationError, validateSeed } from '../../src/seed/validate';
import { ensureSeedGraph, gql, startTestServer, type TestServer } from '../support/harness';

jest.mock('../../src/graph/entities', () => {
  const actual = jest.requireActual('../../src/graph/entities');
  const { DEVICE } = jest.requireActual('./extension/device.entity');
  return { ENTITIES: [...actual.ENTITIES, DEVICE] };
});
jest.mock('../../src/graph/relationships', () => {
  const actual = jest.requireActual('../../src/graph/relationships');
  const { PRODUCT_USES_DEVICE } = jest.requireActual('./extension/device.relationship');
  return { ...actual, RELATIONSHIPS: [...actual.RELATIONSHIPS, PRODUCT_USES_DEVICE] };
});

const CURATOR = generateApiKey('cora', Role.CURATOR);
const ADMIN = generateApiKey('adam', Role.ADMIN);
const tag = randomBytes(4).toString('hex');
const ids = {
  a: `device:ext-${tag}-a`,
  b: `device:ext-${tag}-b`,
  product: `product:ext-${tag}`,
  claim: `claim:ext-${tag}-uses`,
};
const SOURCE = 'source:centeno-2017';

let t: TestServer;
const as = (key: { key: string }) => ({ authorization: `Bearer ${key.key}` });
const curate = (query: string, variables: Record<string, unknown>) => gql(t.url, query, variables, as(CURATOR));

beforeAll(async () => {
  t = await startTestServer({ API_KEYS: `${CURATOR.entry},${ADMIN.entry}` });
  // Migrates with the Device kind too: its constraint and indexes.
  await ensureSeedGraph(t.database);
});
afterAll(async () => {
  const db = t.database.executor();
  await db.write('test.removeExtension', 'MATCH (n:Entity) WHERE n.id CONTAINS $tag DETACH DELETE n', { tag });
  await db.write('test.removeExtensionAudit', 'MATCH (a:AuditEntry) WHERE a.targetId CONTAINS $tag DELETE a', { tag });
  for (const statement of [
    'DROP CONSTRAINT device_id_unique IF EXISTS',
    'DROP INDEX device_name IF EXISTS',
    'DROP INDEX device_manufacturer IF EXISTS',
    'DROP INDEX rel_uses_device_id IF EXISTS',
  ]) {
    await t.database.driver.executeQuery(statement, {}, { database: t.config.database });
  }
  await t.close();
});

describe('an entity kind and a relationship defined in the test folder alone', () => {
  it('are in the registry, the migrations and the explorer vocabulary', async () => {
    expect(ENTITIES.map((e) => e.label)).toContain('Device');
    expect(LABELS).toContain('Device');
    expect(ID_PREFIX.Device).toBe('device');
    const constraints = await t.database.driver.executeQuery(
      "SHOW CONSTRAINTS YIELD name WHERE name = 'device_id_unique' RETURN name",
      {},
      { database: t.config.database },
    );
    expect(constraints.records).toHaveLength(1);
    const vocabulary = explorerVocabulary(await buildAppSchema());
    expect(vocabulary.typeName.Device).toBe('Device');
    expect(vocabulary.properties.Device).toEqual(['manufacturer', 'clearedYear']);
    expect(vocabulary.selections.Device).toEqual({});
    expect(vocabulary.selections.Trial).toEqual({ registeredOutcomes: '{ kind measure timeFrame description }' });
    expect(vocabulary.relations.Product).toContainEqual({ field: 'devices', label: 'Delivered with' });
    expect(vocabulary.relations.Device).toEqual([{ field: 'products', label: 'Delivers product' }]);
  });

  it('get their type, mutations, connection with filters and sorts, and fields both ways', async () => {
    const create = `mutation($input: CreateDeviceInput!) { createDevice(input: $input) { id name manufacturer clearedYear version } }`;
    const a = await curate(create, {
      input: { id: ids.a, name: `Ext ${tag} A`, manufacturer: 'Acme', clearedYear: 2019, sourceIds: [SOURCE] },
    });
    expect(a.errors).toBeUndefined();
    expect(a.data!.createDevice).toEqual({
      id: ids.a,
      name: `Ext ${tag} A`,
      manufacturer: 'Acme',
      clearedYear: 2019,
      version: 1,
    });
    const b = await curate(create, {
      input: { id: ids.b, name: `Ext ${tag} B`, manufacturer: 'Acme', clearedYear: 2015, sourceIds: [SOURCE] },
    });
    expect(b.errors).toBeUndefined();
    // Validation comes from the record schema: a year out of range is refused, naming the field.
    const bad = await curate(create, {
      input: { id: `device:ext-${tag}-c`, name: 'C', manufacturer: 'Acme', clearedYear: 1200, sourceIds: [SOURCE] },
    });
    expect(bad.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(bad.errors![0])).toContain('clearedYear');

    const updated = await curate(
      `mutation($input: UpdateDeviceInput!) { updateDevice(input: $input) { id manufacturer version } }`,
      { input: { id: ids.b, expectedVersion: 1, manufacturer: 'Acme Medical' } },
    );
    expect(updated.data!.updateDevice).toEqual({ id: ids.b, manufacturer: 'Acme Medical', version: 2 });

    const list = await gql(
      t.url,
      `query($f: DeviceFilter) {
        devices(filter: $f, orderBy: { field: CLEARED_YEAR, direction: DESC }) { totalCount edges { node { id } } }
      }`,
      { f: { text: `ext ${tag}`, clearedYear: { min: 2010 } } },
    );
    expect(list.errors).toBeUndefined();
    expect(list.data!.devices.totalCount).toBe(2);
    expect(list.data!.devices.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids.a, ids.b]);
    const acme = await gql(t.url, `{ devices(filter: { manufacturer: "Acme", text: "${tag}" }) { totalCount } }`);
    expect(acme.data!.devices.totalCount).toBe(1);

    const product = await curate(`mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }`, {
      input: { id: ids.product, name: `Ext ${tag} product`, kind: 'PREPARATION', sourceIds: [SOURCE] },
    });
    expect(product.errors).toBeUndefined();
    const linked = await curate(
      `mutation($input: LinkInput!) { linkProductDevice(input: $input) { id type subject { id } object { id } } }`,
      {
        input: {
          id: ids.claim,
          subjectId: ids.product,
          objectId: ids.a,
          level: 'CASE_REPORT',
          knowledgeLevel: 'OBSERVATION',
          sourceIds: [SOURCE],
        },
      },
    );
    expect(linked.errors).toBeUndefined();
    expect(linked.data!.linkProductDevice).toEqual({
      id: ids.claim,
      type: 'USES_DEVICE',
      subject: { id: ids.product },
      object: { id: ids.a },
    });

    const both = await gql(
      t.url,
      `query($p: ID!, $d: ID!) {
        product(id: $p) { devices { totalCount edges { node { id name } evidence { type level sources { id } } } } }
        device(id: $d) { products { edges { node { id } } } }
      }`,
      { p: ids.product, d: ids.a },
    );
    expect(both.errors).toBeUndefined();
    expect(both.data!.product.devices).toEqual({
      totalCount: 1,
      edges: [
        {
          node: { id: ids.a, name: `Ext ${tag} A` },
          evidence: { type: 'USES_DEVICE', level: 'CASE_REPORT', sources: [{ id: SOURCE }] },
        },
      ],
    });
    expect(both.data!.device.products.edges).toEqual([{ node: { id: ids.product } }]);

    // Export: the node-link JSON holds the new kind and its claim.
    const exported = (await (await fetch(`${t.origin}/export/graph.json`)).json()) as {
      nodes: Array<{ id: string; label: string; manufacturer?: string }>;
      edges: Array<{ key: string; source: string; target: string; type: string }>;
    };
    expect(exported.nodes.find((n) => n.id === ids.a)).toMatchObject({ label: 'Device', manufacturer: 'Acme' });
    expect(exported.edges.find((l) => l.key === ids.claim)).toMatchObject({
      source: ids.product,
      target: ids.a,
      type: 'USES_DEVICE',
    });

    // Delete: refused while the claim joins it, done with cascade by an admin.
    const del = `mutation($id: ID!, $cascade: Boolean) { deleteDevice(id: $id, cascade: $cascade) { id deletedClaimIds } }`;
    const refused = await gql(t.url, del, { id: ids.a, cascade: false }, as(ADMIN));
    expect(refused.errors![0].extensions!.code).toBe('CONFLICT');
    const deleted = await gql(t.url, del, { id: ids.a, cascade: true }, as(ADMIN));
    expect(deleted.data!.deleteDevice).toEqual({ id: ids.a, deletedClaimIds: [ids.claim] });
    const gone = await gql(t.url, `query($id: ID!) { device(id: $id) { id } }`, { id: ids.a });
    expect(gone.data!.device).toBeNull();
    expect(gone.errors![0].extensions!.code).toBe('NOT_FOUND');
  });

  it('are validated as seed data, every problem with its file, record and field', () => {
    const documents = (device: Record<string, unknown>, claim: Record<string, unknown>) => [
      { file: 'devices.yaml', data: { kind: 'Device', records: [device] } },
      { file: 'claims.yaml', data: { kind: 'Claim', records: [claim] } },
    ];
    const existing = new Map([
      [SOURCE, 'Source'],
      ['product:some-product', 'Product'],
    ]);
    const device = { id: 'device:seeded', name: 'Seeded', manufacturer: 'Acme', sources: [SOURCE] };
    const claim = {
      id: 'claim:seeded-uses',
      type: 'USES_DEVICE',
      subject: 'product:some-product',
      object: 'device:seeded',
      level: 'CASE_REPORT',
      knowledgeLevel: 'OBSERVATION',
      sources: [SOURCE],
    };
    const graph = validateSeed(documents(device, claim), existing);
    expect(graph.entities.map((e) => e.label)).toEqual(['Device']);
    expect(graph.claims.map((c) => c.record.type)).toEqual(['USES_DEVICE']);

    let error: unknown;
    try {
      validateSeed(documents({ ...device, clearedYear: 'soon' }, { ...claim, subject: SOURCE }), existing);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SeedValidationError);
    const problems = (error as SeedValidationError).problems;
    expect(problems).toContainEqual(
      expect.objectContaining({ file: 'devices.yaml', record: 'device:seeded', field: 'clearedYear' }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: 'claims.yaml',
        record: 'claim:seeded-uses',
        message: expect.stringContaining('USES_DEVICE'),
      }),
    );
  });
});
