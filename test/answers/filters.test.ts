// Issue 16, item 7: filters that cannot fail silently. "What is the regulatory status of MSC
// products for back pain in the US?" once answered 0 for `jurisdiction: "US"`, `"united states"`
// and `authority: "FDA"`. Closed sets are enums now (a wrong value is refused before anything
// runs), text filters ignore case, and an id that names nothing is a NOT_FOUND error naming it,
// wherever a filter or an argument takes it, in the one query that reads the page.
import { ENTITY_DEFINITIONS, LABELS } from '../../src/graph/registry';
import type { Label } from '../../src/graph/model';
import { ensureSeedGraph, gql, type GraphQLResponse, startTestServer, type TestServer } from '../support/harness';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
  await ensureSeedGraph(t.database);
});
afterAll(async () => {
  await t.close();
});

const US_STATUSES = [
  'regulatory-status:rexlemestrocel-l-rmat-designation',
  'regulatory-status:us-clinic-offered-not-approved',
  'regulatory-status:us-fda-approved-blood-forming-disorders',
  'regulatory-status:us-investigational-orthopedic',
];
const TRIAL = 'trial:nct01290367';
const CONDITION = 'condition:degenerative-disc-disease';
const PRODUCT = 'product:rexlemestrocel-l';

const roundTrips = (res: GraphQLResponse) => (res.extensions?.discgraph as { roundTrips: number }).roundTrips;
const idsOf = (connection: { edges: Array<{ node: { id: string } }> }) => connection.edges.map((e) => e.node.id);
/** An id of the kind `label` that no entity has. */
const unknownId = (label: Label) => `${ENTITY_DEFINITIONS[label].idPrefix}:no-such-${label.toLowerCase()}`;

function expectError(res: GraphQLResponse, code: string, ...named: string[]) {
  expect(res.errors?.[0]?.extensions?.code).toBe(code);
  for (const id of named) {
    expect(res.errors![0].message).toContain(`"${id}"`);
  }
}

describe('closed sets are enums: a wrong value is a validation error, before anything runs', () => {
  it.each([
    ['jurisdiction', 'regulatoryStatuses(filter: { jurisdiction: [USA] })', 'Jurisdiction'],
    ['jurisdiction as text', 'regulatoryStatuses(filter: { jurisdiction: ["united states"] })', 'Jurisdiction'],
    ['authority', 'regulatoryStatuses(filter: { authority: [US_FDA] })', 'Authority'],
    ['regulatory status', 'regulatoryStatuses(filter: { status: [APPROVE] })', 'RegulatoryStatusKind'],
    ['trial status', 'trials(filter: { status: [DONE] })', 'TrialStatus'],
    ['trial phase', 'trials(filter: { phase: [PHASE_9] })', 'TrialPhase'],
    ['product origin', 'products(filter: { origin: [SELF] })', 'CellOrigin'],
  ])('%s', async (_, field, enumName) => {
    const res = await gql(t.url, `{ ${field} { totalCount } }`);
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expectError(res, 'GRAPHQL_VALIDATION_FAILED');
    expect(res.errors![0].message).toContain(enumName);
  });

  it('refuses a wrong value sent as a variable too', async () => {
    const res = await gql(
      t.url,
      'query($j: [Jurisdiction!]) { regulatoryStatuses(filter: { jurisdiction: $j }) { totalCount } }',
      { j: ['United States'] },
    );
    expect(res.status).toBe(400);
    expectError(res, 'BAD_USER_INPUT');
  });
});

describe('the regulatory status of MSC products for back pain in the US', () => {
  it.each([
    ['jurisdiction US', '{ jurisdiction: [US] }'],
    ['authority FDA', '{ authority: [FDA] }'],
    ['both', '{ jurisdiction: [US], authority: [FDA] }'],
  ])('%s finds the four US statuses', async (_, filter) => {
    const res = await gql(
      t.url,
      `{ regulatoryStatuses(filter: ${filter}) { totalCount edges { node { id jurisdiction authority } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const connection = res.data!.regulatoryStatuses;
    expect([...idsOf(connection)].sort()).toEqual(US_STATUSES);
    expect(connection.totalCount).toBe(4);
    for (const edge of connection.edges) {
      expect(edge.node).toMatchObject({ jurisdiction: 'US', authority: 'FDA' });
    }
  });

  it('keeps none in another jurisdiction, an empty answer that is true', async () => {
    const res = await gql(t.url, '{ regulatoryStatuses(filter: { jurisdiction: [EU] }) { totalCount } }');
    expect(res.errors).toBeUndefined();
    expect(res.data!.regulatoryStatuses.totalCount).toBe(0);
  });
});

describe('text filters ignore case', () => {
  it.each(['NCT01290367', 'nct01290367', 'Nct01290367', ' nct01290367 '])(
    'registryId %j finds NCT01290367',
    async (registryId) => {
      const res = await gql(
        t.url,
        'query($r: String) { trials(filter: { registryId: $r }) { totalCount edges { node { id registryId } } } }',
        { r: registryId },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.trials.edges).toEqual([{ node: { id: TRIAL, registryId: 'NCT01290367' } }]);
      expect(res.data!.trials.totalCount).toBe(1);
    },
  );
});

/** Every related filter of every kind: [kind, root field, filter field, label its ids must have]. */
const RELATED_FILTERS = LABELS.flatMap((label) =>
  Object.entries(ENTITY_DEFINITIONS[label].filters).flatMap(([field, def]) =>
    def.spec.kind === 'related' ? [[label, ENTITY_DEFINITIONS[label].plural, field, def.spec.target as Label]] : [],
  ),
) as Array<[Label, string, string, Label]>;

/** An id of an entity that is not a `label`. */
const otherKindId = (label: Label) => (label === 'Trial' ? CONDITION : TRIAL);

describe('an unknown id in a filter of a root connection is NOT_FOUND, naming it', () => {
  it('covers the related filters the issue names', () => {
    const named = RELATED_FILTERS.map(([label, , field]) => `${label}.${field}`);
    expect(named).toEqual(
      expect.arrayContaining([
        'Trial.conditionIds',
        'Trial.productIds',
        'Trial.cellTypeIds',
        'Trial.cellSourceIds',
        'Product.cellTypeIds',
        'Outcome.trialIds',
      ]),
    );
  });

  it.each(LABELS)('%s: ids, on the page and on totalCount alone', async (label) => {
    const { plural } = ENTITY_DEFINITIONS[label];
    const missing = unknownId(label);
    const page = await gql(t.url, `query($ids: [ID!]) { ${plural}(filter: { ids: $ids }) { edges { node { id } } } }`, {
      ids: [missing],
    });
    expectError(page, 'NOT_FOUND', missing);
    expect(page.errors![0].message).toContain(`${plural}(filter.ids)`);
    expect(page.errors![0].extensions!.ids).toEqual([missing]);
    const count = await gql(t.url, `query($ids: [ID!]) { ${plural}(filter: { ids: $ids }) { totalCount } }`, {
      ids: [missing],
    });
    expectError(count, 'NOT_FOUND', missing);
  });

  it.each(RELATED_FILTERS)('%s.%s: %s', async (_, plural, field, target) => {
    const missing = unknownId(target);
    const res = await gql(
      t.url,
      `query($ids: [String!]) { ${plural}(filter: { ${field}: $ids }) { totalCount edges { node { id } } } }`,
      {
        ids: [missing],
      },
    );
    expectError(res, 'NOT_FOUND', missing);
    expect(res.errors![0].message).toContain(`${plural}(filter.${field})`);
  });

  it.each(RELATED_FILTERS)('%s.%s: an id of another kind says which kind it is', async (_, plural, field, target) => {
    const other = otherKindId(target);
    const res = await gql(
      t.url,
      `query($ids: [String!]) { ${plural}(filter: { ${field}: $ids }) { edges { node { id } } } }`,
      {
        ids: [other],
      },
    );
    expectError(res, 'BAD_USER_INPUT', other);
    expect(res.errors![0].message).toMatch(new RegExp(`is an? (Trial|Condition), not an? ${target}\\.`));
  });

  it('a mixed list [known, unknown] is NOT_FOUND, naming only the unknown id', async () => {
    for (const filter of [
      { ids: [TRIAL, 'trial:no-such-trial'] },
      { conditionIds: [CONDITION, 'condition:no-such-condition'] },
    ]) {
      const res = await gql(t.url, 'query($f: TrialFilter) { trials(filter: $f) { edges { node { id } } } }', {
        f: filter,
      });
      const [known, unknown] = Object.values(filter)[0];
      expectError(res, 'NOT_FOUND', unknown);
      expect(res.errors![0].message).not.toContain(known);
      expect(res.errors![0].extensions!.ids).toEqual([unknown]);
    }
  });

  it('names every unknown id, at any depth of AND, OR and NOT', async () => {
    const res = await gql(t.url, 'query($f: TrialFilter) { trials(filter: $f) { totalCount } }', {
      f: {
        OR: [{ productIds: ['product:no-such-a'] }, { productIds: [PRODUCT] }],
        NOT: { AND: [{ conditionIds: ['condition:no-such-b'] }] },
      },
    });
    expectError(res, 'NOT_FOUND', 'product:no-such-a', 'condition:no-such-b');
  });

  it('reports an unknown id when the page is empty too', async () => {
    const res = await gql(
      t.url,
      '{ trials(filter: { text: "no trial has this text", productIds: ["product:no-such-product"] }) { edges { node { id } } } }',
    );
    expectError(res, 'NOT_FOUND', 'product:no-such-product');
  });

  it('checks in the query that reads the page: one round trip, good ids or bad', async () => {
    const good = await gql(
      t.url,
      `{ trials(filter: { conditionIds: ["${CONDITION}"], ids: ["${TRIAL}"] }) { edges { node { id } } } }`,
    );
    expect(good.errors).toBeUndefined();
    expect(idsOf(good.data!.trials)).toEqual([TRIAL]);
    expect(roundTrips(good)).toBe(1);
    const bad = await gql(
      t.url,
      '{ trials(filter: { conditionIds: ["condition:no-such-condition"] }) { edges { node { id } } } }',
    );
    expectError(bad, 'NOT_FOUND', 'condition:no-such-condition');
    expect(roundTrips(bad)).toBe(1);
  });
});

describe('an unknown id in a filter of a relationship field is NOT_FOUND, naming it', () => {
  const OUTCOME_FILTER = '{ trialIds: ["trial:no-such-trial"] }';

  it('read with the root page', async () => {
    const res = await gql(
      t.url,
      `{ trials(first: 3) { edges { node { id outcomes(filter: ${OUTCOME_FILTER}) { edges { node { id } } } } } } }`,
    );
    expectError(res, 'NOT_FOUND', 'trial:no-such-trial');
    expect(res.errors![0].message).toContain('Trial.outcomes(filter.trialIds)');
    expect(roundTrips(res)).toBe(1);
  });

  it('read with a root page that has no rows', async () => {
    const res = await gql(
      t.url,
      `{ trials(filter: { text: "no trial has this text" }) { edges { node { outcomes(filter: ${OUTCOME_FILTER}) { edges { node { id } } } } } } }`,
    );
    expectError(res, 'NOT_FOUND', 'trial:no-such-trial');
  });

  it('read by its own loader, one level further down', async () => {
    const res = await gql(
      t.url,
      `{ conditions(first: 5, filter: { ids: ["${CONDITION}"] }) { edges { node { trials { edges { node {
         outcomes(filter: ${OUTCOME_FILTER}) { edges { node { id } } } } } } } } } }`,
    );
    expectError(res, 'NOT_FOUND', 'trial:no-such-trial');
  });

  it('its totalCount alone', async () => {
    const res = await gql(t.url, `{ trial(id: "${TRIAL}") { outcomes(filter: ${OUTCOME_FILTER}) { totalCount } } }`);
    expectError(res, 'NOT_FOUND', 'trial:no-such-trial');
  });

  it('ids, and an id of another kind', async () => {
    const missing = await gql(
      t.url,
      `{ trial(id: "${TRIAL}") { conditions(filter: { ids: ["condition:no-such-condition"] }) { edges { node { id } } } } }`,
    );
    expectError(missing, 'NOT_FOUND', 'condition:no-such-condition');
    expect(missing.errors![0].message).toContain('Trial.conditions(filter.ids)');
    const other = await gql(
      t.url,
      `{ trial(id: "${TRIAL}") { conditions(filter: { ids: ["${PRODUCT}"] }) { edges { node { id } } } } }`,
    );
    expectError(other, 'BAD_USER_INPUT', PRODUCT);
    expect(other.errors![0].message).toContain('is a Product, not a Condition.');
  });

  it("the evidence filter's sourceIds", async () => {
    const res = await gql(
      t.url,
      `{ trial(id: "${TRIAL}") { conditions(evidence: { sourceIds: ["source:no-such-source"] }) { edges { node { id } } } } }`,
    );
    expectError(res, 'NOT_FOUND', 'source:no-such-source');
    expect(res.errors![0].message).toContain('Trial.conditions(evidence.sourceIds)');
  });

  it('answers as before when every id is known', async () => {
    const res = await gql(
      t.url,
      `{ trial(id: "${TRIAL}") { outcomes(first: 50, filter: { trialIds: ["${TRIAL}"] }) { totalCount edges { node { id } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.trial.outcomes.edges.length).toBeGreaterThan(0);
    expect(res.data!.trial.outcomes.totalCount).toBe(res.data!.trial.outcomes.edges.length);
  });
});

describe('an unknown id in an argument is NOT_FOUND, naming it', () => {
  it.each(LABELS)('%s lookup', async (label) => {
    const { singular } = ENTITY_DEFINITIONS[label];
    const missing = unknownId(label);
    const res = await gql(t.url, `query($id: ID!) { ${singular}(id: $id) { id } }`, { id: missing });
    expectError(res, 'NOT_FOUND', missing);
    expect(res.errors![0].message).toContain(`${singular}(id:)`);
    expect(res.data).toEqual({ [singular]: null });
  });

  it('a lookup of another kind of entity is BAD_USER_INPUT, saying which kind it is', async () => {
    const res = await gql(t.url, `{ condition(id: "${TRIAL}") { id } }`);
    expectError(res, 'BAD_USER_INPUT', TRIAL);
    expect(res.errors![0].message).toContain('is a Trial, not a Condition.');
  });

  it('neighborhood and paths', async () => {
    const around = await gql(t.url, '{ neighborhood(id: "condition:no-such-condition") { truncated } }');
    expectError(around, 'NOT_FOUND', 'condition:no-such-condition');
    const paths = await gql(t.url, `{ paths(from: "${CONDITION}", to: "mechanism:no-such-mechanism") { length } }`);
    expectError(paths, 'NOT_FOUND', 'mechanism:no-such-mechanism');
  });

  it("Relay's node and nodes answer null in the place of an unknown id, as Relay clients expect", async () => {
    const res = await gql(
      t.url,
      `{ node(id: "condition:no-such-condition") { id } nodes(ids: ["${TRIAL}", "trial:no-such-trial"]) { id } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ node: null, nodes: [{ id: TRIAL }, null] });
  });
});
