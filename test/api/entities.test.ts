// The read API over the seed graph on the real Neo4j, through real HTTP: every root connection
// and lookup, both directions of every relationship field, every filter, sorting with forward and
// backward paging, Relay node lookups and the errors a client can cause. Expected results come
// from independent Cypher, written without the API's query builders.
import type { Executor } from '../../src/db/database';
import { compileFilter, CypherParams } from '../../src/common/filter';
import { ENTITY_DEFINITIONS, LABELS } from '../../src/graph/registry';
import { RELATION_GROUPS } from '../../src/graph/entity/relations';
import { type Label } from '../../src/graph/model';
import { ensureSeedGraph, gql, startTestServer, type TestServer } from '../support/harness';
import { loadSyntheticRegistryFacts, removeSynthetic } from '../support/synthetic';

let t: TestServer;
let db: Executor;

// Relationships the seed has no facts for (sponsors, collaborators, publications) come from here.
const SYNTHETIC = 'zz-entities';

beforeAll(async () => {
  t = await startTestServer();
  db = t.database.executor();
  await ensureSeedGraph(t.database);
  await loadSyntheticRegistryFacts(db, SYNTHETIC);
});
afterAll(async () => {
  await removeSynthetic(db, SYNTHETIC);
  await t.close();
});

async function ids(cypher: string, params: Record<string, unknown> = {}): Promise<string[]> {
  return (await db.read<{ id: string }>('test.ids', cypher, params)).map((r) => r.id);
}

/** Walks a connection to its end with small pages, returning every node id in order. */
async function walk(field: string, args: string, size: number, backwards = false): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const paging: string = backwards
      ? `last: ${size}${cursor ? `, before: "${cursor}"` : ''}`
      : `first: ${size}${cursor ? `, after: "${cursor}"` : ''}`;
    const res = await gql(
      t.url,
      `{ ${field}(${paging}${args ? `, ${args}` : ''}) { edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
    );
    expect(res.errors).toBeUndefined();
    const conn = res.data![field];
    const pageIds = conn.edges.map((e: any) => e.node.id);
    expect(pageIds.length).toBeLessThanOrEqual(size);
    if (backwards) {
      seen.unshift(...pageIds);
      if (!conn.pageInfo.hasPreviousPage) {
        return seen;
      }
      cursor = conn.pageInfo.startCursor;
    } else {
      seen.push(...pageIds);
      if (!conn.pageInfo.hasNextPage) {
        return seen;
      }
      cursor = conn.pageInfo.endCursor;
    }
  }
  throw new Error('paging did not end');
}

describe('root connections and lookups', () => {
  it.each(LABELS)('%s: the root connection lists every node by name, with totalCount', async (label: Label) => {
    const def = ENTITY_DEFINITIONS[label];
    const expected = await ids(`MATCH (n:${label}) RETURN n.id AS id ORDER BY n.name, n.id`);
    expect(expected.length).toBeGreaterThan(0);
    const res = await gql(t.url, `{ ${def.plural}(first: 100) { totalCount edges { node { id __typename } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data![def.plural].totalCount).toBe(expected.length);
    expect(res.data![def.plural].edges.map((e: any) => e.node.id)).toEqual(expected);
    expect(new Set(res.data![def.plural].edges.map((e: any) => e.node.__typename))).toEqual(new Set([label]));

    const one = await gql(t.url, `query($id: ID!) { ${def.singular}(id: $id) { id name } }`, { id: expected[0] });
    expect(one.data![def.singular].id).toBe(expected[0]);
    const wrongType = LABELS.find((l) => l !== label)!;
    const other = (await ids(`MATCH (n:${wrongType}) RETURN n.id AS id LIMIT 1`))[0];
    const miss = await gql(t.url, `query($id: ID!) { ${def.singular}(id: $id) { id } }`, { id: other });
    expect(miss.data![def.singular]).toBeNull();
    expect(miss.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('node and nodes resolve any id, in the order asked, with null for unknown ids', async () => {
    const res = await gql(
      t.url,
      `{ node(id: "condition:degenerative-disc-disease") { id ... on Condition { curie category } }
         nodes(ids: ["trial:nct01290367", "condition:no-such-thing", "source:schneider-2022"]) { __typename id } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.node).toEqual({
      id: 'condition:degenerative-disc-disease',
      curie: 'MONDO:0011385',
      category: 'DISEASE',
    });
    expect(res.data!.nodes).toEqual([
      { __typename: 'Trial', id: 'trial:nct01290367' },
      null,
      { __typename: 'Source', id: 'source:schneider-2022' },
    ]);
  });

  it('gives plain, honest values: lists never null, optional values null, cross-references linked', async () => {
    const res = await gql(
      t.url,
      `{ condition(id: "condition:degenerative-disc-disease") { synonyms crossReferences { curie prefix localId url primary } version createdAt }
         trial(id: "trial:article-2022-review") { enrollment registryId countries } }`,
    );
    expect(res.errors).toBeUndefined();
    const c = res.data!.condition;
    expect(c.crossReferences[0]).toEqual({
      curie: 'MONDO:0011385',
      prefix: 'MONDO',
      localId: '0011385',
      url: 'http://purl.obolibrary.org/obo/MONDO_0011385',
      primary: true,
    });
    expect(c.crossReferences.map((x: any) => x.curie)).toEqual(expect.arrayContaining(['DOID:90', 'MESH:D055959']));
    expect(typeof c.version).toBe('number');
    expect(c.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(res.data!.trial).toEqual({ enrollment: null, registryId: null, countries: [] });
  });
});

describe('relationship fields, both directions', () => {
  // Direct claims only: what fields inherit along the ontology is test/answers/inheritance.test.ts's.
  it.each(RELATION_GROUPS.filter((g) => g.types.length > 0).map((g) => [g.key, g] as const))(
    '%s matches the graph, with cited evidence on every edge',
    async (_key, group) => {
      const arrow = group.direction === 'OUT' ? ['-', '->'] : ['<-', '-'];
      const pattern = `(p:${group.owner})${arrow[0]}[r:${group.types.join('|')}]${arrow[1]}(n)`;
      const parents = await ids(`MATCH ${pattern} RETURN DISTINCT p.id AS id ORDER BY id LIMIT 3`);
      expect(parents.length).toBeGreaterThan(0);
      const singular = ENTITY_DEFINITIONS[group.owner].singular;
      for (const parent of parents) {
        const expected = await ids(`MATCH ${pattern} WHERE p.id = $parent RETURN n.id AS id ORDER BY n.name, n.id`, {
          parent,
        });
        const res = await gql(
          t.url,
          `query($id: ID!) { ${singular}(id: $id) { ${group.field}(first: 100, includeInherited: false) { totalCount edges { node { id } evidence { claimId type level knowledgeLevel sources { id title } } } } } }`,
          { id: parent },
        );
        expect(res.errors).toBeUndefined();
        const conn = res.data![singular][group.field];
        expect(conn.edges.map((e: any) => e.node.id)).toEqual(expected);
        expect(conn.totalCount).toBe(expected.length);
        for (const edge of conn.edges) {
          expect(group.types).toContain(edge.evidence.type);
          expect(edge.evidence.level).toEqual(expect.any(String));
          expect(edge.evidence.sources.length).toBeGreaterThan(0);
          expect(edge.evidence.sources[0].title).toEqual(expect.any(String));
        }
      }
    },
  );

  it('filters a relationship field by evidence level and by the related node', async () => {
    const res = await gql(
      t.url,
      `{ condition(id: "condition:degenerative-disc-disease") {
           rct: trials(evidence: { levels: [RANDOMISED_CONTROLLED_TRIAL] }) { edges { node { id } evidence { level } } }
           phase3: trials(filter: { phase: [PHASE_3] }) { edges { node { id phase } } }
       } }`,
    );
    expect(res.errors).toBeUndefined();
    const expectedRct = await ids(
      `MATCH (:Condition {id: 'condition:degenerative-disc-disease'})<-[r:STUDIES]-(n:Trial) WHERE r.level = 'RANDOMISED_CONTROLLED_TRIAL' RETURN n.id AS id ORDER BY n.name, n.id`,
    );
    expect(res.data!.condition.rct.edges.map((e: any) => e.node.id)).toEqual(expectedRct);
    const expectedPhase3 = await ids(
      `MATCH (:Condition {id: 'condition:degenerative-disc-disease'})<-[:STUDIES]-(n:Trial {phase: 'PHASE_3'}) RETURN n.id AS id ORDER BY n.name, n.id`,
    );
    expect(res.data!.condition.phase3.edges.map((e: any) => e.node.id)).toEqual(expectedPhase3);
  });
});

// [root field, GraphQL filter, independent Cypher predicate on n (with the label in MATCH)]
const FILTERS: Array<[string, string, string]> = [
  ['organizations', '{ organizationClass: [INDUSTRY] }', "n.organizationClass = 'INDUSTRY'"],
  [
    'organizations',
    `{ sponsoredTrialIds: ["trial:${SYNTHETIC}-trial"] }`,
    `EXISTS { MATCH (:Trial {id: 'trial:${SYNTHETIC}-trial'})-[:SPONSORED_BY]->(n) }`,
  ],
  [
    'organizations',
    `{ collaborationTrialIds: ["trial:${SYNTHETIC}-trial"] }`,
    `EXISTS { MATCH (:Trial {id: 'trial:${SYNTHETIC}-trial'})-[:HAS_COLLABORATOR]->(n) }`,
  ],
  ['sources', '{ articleType: [TRIAL_REPORT] }', "n.articleType = 'TRIAL_REPORT'"],
  ['trials', '{ phase: [PHASE_2, PHASE_3] }', "n.phase IN ['PHASE_2', 'PHASE_3']"],
  ['trials', '{ status: [COMPLETED] }', "n.status = 'COMPLETED'"],
  ['trials', '{ design: [RANDOMISED_CONTROLLED_TRIAL] }', "n.design = 'RANDOMISED_CONTROLLED_TRIAL'"],
  [
    'trials',
    '{ evidenceLevel: [OBSERVATIONAL_STUDY, NON_RANDOMISED_TRIAL] }',
    "n.evidenceLevel IN ['OBSERVATIONAL_STUDY', 'NON_RANDOMISED_TRIAL']",
  ],
  ['trials', '{ enrollment: { min: 30, max: 200 } }', 'n.enrollment >= 30 AND n.enrollment <= 200'],
  ['trials', '{ startYear: { min: 2015 } }', 'n.startYear >= 2015'],
  ['trials', '{ registryId: "NCT03347708" }', "n.registryId = 'NCT03347708'"],
  [
    'trials',
    '{ conditionIds: ["condition:degenerative-disc-disease"] }',
    "EXISTS { (n)-[:STUDIES]->(c:Condition) WHERE c.id = 'condition:degenerative-disc-disease' OR EXISTS { (c)-[:SUBCLASS_OF*1..3]->(:Condition {id: 'condition:degenerative-disc-disease'}) } }",
  ],
  [
    'trials',
    '{ productIds: ["product:rexlemestrocel-l"] }',
    "EXISTS { (n)-[:TESTS]->(:Product {id: 'product:rexlemestrocel-l'}) }",
  ],
  [
    'trials',
    '{ cellTypeIds: ["cell-type:mesenchymal-stem-cell"] }',
    "EXISTS { (n)-[:TESTS]->(:Product)-[:CONTAINS_CELL_TYPE]->(ct:CellType) WHERE ct.id = 'cell-type:mesenchymal-stem-cell' OR EXISTS { (ct)-[:SUBCLASS_OF*1..3]->(:CellType {id: 'cell-type:mesenchymal-stem-cell'}) } }" +
      " OR EXISTS { (n)-[:TESTS_CELL_TYPE]->(ct:CellType) WHERE ct.id = 'cell-type:mesenchymal-stem-cell' OR EXISTS { (ct)-[:SUBCLASS_OF*1..3]->(:CellType {id: 'cell-type:mesenchymal-stem-cell'}) } }",
  ],
  [
    'trials',
    '{ cellSourceIds: ["cell-source:adipose-tissue"] }',
    "EXISTS { (n)-[:TESTS]->(:Product)-[:PREPARED_FROM]->(:CellSource {id: 'cell-source:adipose-tissue'}) }" +
      " OR EXISTS { (n)-[:TESTS_CELL_TYPE]->(:CellType)-[:DERIVES_FROM]->(:CellSource {id: 'cell-source:adipose-tissue'}) }",
  ],
  [
    'trials',
    '{ text: "MESOBLAST" }',
    "toLower(n.name + ' ' + coalesce(n.description, '') + ' ' + coalesce(n.synonymsText, '') + ' ' + coalesce(n.identifiersText, '')) CONTAINS 'mesoblast'",
  ],
  [
    'trials',
    '{ ids: ["trial:kumar-2017", "trial:centeno-2017"] }',
    "n.id IN ['trial:kumar-2017', 'trial:centeno-2017']",
  ],
  [
    'trials',
    '{ OR: [{ phase: [PHASE_3] }, { enrollment: { max: 30 } }] }',
    "n.phase = 'PHASE_3' OR n.enrollment <= 30",
  ],
  ['trials', '{ AND: [{ phase: [PHASE_3] }, { status: [UNKNOWN] }] }', "n.phase = 'PHASE_3' AND n.status = 'UNKNOWN'"],
  ['trials', '{ NOT: { phase: [PHASE_3] } }', "NOT n.phase = 'PHASE_3'"],
  ['outcomes', '{ measure: [PAIN] }', "n.measure = 'PAIN'"],
  ['outcomes', '{ direction: [NOT_OBSERVED] }', "n.direction = 'NOT_OBSERVED'"],
  ['outcomes', '{ timepointMonths: { min: 12, max: 24 } }', 'n.timepointMonths >= 12 AND n.timepointMonths <= 24'],
  ['outcomes', '{ value: { min: 50 } }', 'n.value >= 50'],
  ['outcomes', '{ estimateKind: [PERCENT_CHANGE, MEAN_SCORE] }', "n.estimateKind IN ['PERCENT_CHANGE', 'MEAN_SCORE']"],
  ['outcomes', '{ numeric: true }', 'n.value IS NOT NULL'],
  [
    'outcomes',
    '{ conditionIds: ["condition:degenerative-disc-disease"] }',
    "EXISTS { (t:Trial)-[:HAS_OUTCOME]->(n) WHERE EXISTS { (t)-[:STUDIES]->(c:Condition) WHERE c.id = 'condition:degenerative-disc-disease' OR EXISTS { (c)-[:SUBCLASS_OF*1..3]->(:Condition {id: 'condition:degenerative-disc-disease'}) } } }",
  ],
  [
    'outcomes',
    '{ cellTypeIds: ["cell-type:bone-marrow-mesenchymal-stem-cell"] }',
    "EXISTS { (t:Trial)-[:HAS_OUTCOME]->(n) WHERE EXISTS { (t)-[:TESTS]->(:Product)-[:CONTAINS_CELL_TYPE]->(ct:CellType) WHERE ct.id = 'cell-type:bone-marrow-mesenchymal-stem-cell' OR EXISTS { (ct)-[:SUBCLASS_OF*1..3]->(:CellType {id: 'cell-type:bone-marrow-mesenchymal-stem-cell'}) } }" +
      " OR EXISTS { (t)-[:TESTS_CELL_TYPE]->(ct:CellType) WHERE ct.id = 'cell-type:bone-marrow-mesenchymal-stem-cell' OR EXISTS { (ct)-[:SUBCLASS_OF*1..3]->(:CellType {id: 'cell-type:bone-marrow-mesenchymal-stem-cell'}) } } }",
  ],
  [
    'outcomes',
    '{ productIds: ["product:rexlemestrocel-l"] }',
    "EXISTS { (t:Trial)-[:HAS_OUTCOME]->(n) WHERE EXISTS { (t)-[:TESTS]->(:Product {id: 'product:rexlemestrocel-l'}) } }",
  ],
  [
    'outcomes',
    '{ trialIds: ["trial:nct01290367"] }',
    "EXISTS { (:Trial {id: 'trial:nct01290367'})-[:HAS_OUTCOME]->(n) }",
  ],
  ['risks', '{ severity: [SERIOUS] }', "n.severity = 'SERIOUS'"],
  ['risks', '{ frequency: [RARE, CASE_REPORTS] }', "n.frequency IN ['RARE', 'CASE_REPORTS']"],
  ['conditions', '{ category: [PHENOTYPE] }', "n.category = 'PHENOTYPE'"],
  ['cellSources', '{ origins: [ALLOGENEIC] }', "'ALLOGENEIC' IN n.origins"],
  [
    'cellTypes',
    '{ cellSourceIds: ["cell-source:bone-marrow"] }',
    "EXISTS { (n)-[:DERIVES_FROM]->(:CellSource {id: 'cell-source:bone-marrow'}) }",
  ],
  ['products', '{ kind: [PREPARATION] }', "n.kind = 'PREPARATION'"],
  ['products', '{ origin: [ALLOGENEIC] }', "n.origin = 'ALLOGENEIC'"],
  ['products', '{ manipulation: [CULTURE_EXPANDED] }', "n.manipulation = 'CULTURE_EXPANDED'"],
  [
    'products',
    '{ cellTypeIds: ["cell-type:mesenchymal-stem-cell"] }',
    "EXISTS { (n)-[:CONTAINS_CELL_TYPE]->(ct:CellType) WHERE ct.id = 'cell-type:mesenchymal-stem-cell' OR EXISTS { (ct)-[:SUBCLASS_OF*1..3]->(:CellType {id: 'cell-type:mesenchymal-stem-cell'}) } }",
  ],
  [
    'products',
    '{ cellSourceIds: ["cell-source:bone-marrow"] }',
    "EXISTS { (n)-[:PREPARED_FROM]->(:CellSource {id: 'cell-source:bone-marrow'}) }",
  ],
  [
    'mechanisms',
    '{ cellTypeIds: ["cell-type:bone-marrow-mesenchymal-stem-cell"] }',
    "EXISTS { (ct:CellType)-[:CAPABLE_OF]->(n) WHERE ct.id = 'cell-type:bone-marrow-mesenchymal-stem-cell' OR EXISTS { (:CellType {id: 'cell-type:bone-marrow-mesenchymal-stem-cell'})-[:SUBCLASS_OF*1..3]->(ct) } }",
  ],
  [
    'mechanisms',
    '{ conditionIds: ["condition:low-back-pain"] }',
    "EXISTS { (n)-[:AFFECTS]->(c:Condition) WHERE c.id = 'condition:low-back-pain' OR EXISTS { (c)-[:SUBCLASS_OF*1..3]->(:Condition {id: 'condition:low-back-pain'}) } }",
  ],
  [
    'regulatoryStatuses',
    '{ status: [INVESTIGATIONAL, DESIGNATION_GRANTED] }',
    "n.status IN ['INVESTIGATIONAL', 'DESIGNATION_GRANTED']",
  ],
  // Several related fields at the top level: each is walked from its ids and the walks joined.
  [
    'trials',
    '{ conditionIds: ["condition:low-back-pain"], cellTypeIds: ["cell-type:mesenchymal-stem-cell"] }',
    "EXISTS { (n)-[:STUDIES]->(c:Condition) WHERE c.id = 'condition:low-back-pain' OR EXISTS { (c)-[:SUBCLASS_OF*1..3]->(:Condition {id: 'condition:low-back-pain'}) } } AND (EXISTS { (n)-[:TESTS]->(:Product)-[:CONTAINS_CELL_TYPE]->(ct:CellType) WHERE ct.id = 'cell-type:mesenchymal-stem-cell' OR EXISTS { (ct)-[:SUBCLASS_OF*1..3]->(:CellType {id: 'cell-type:mesenchymal-stem-cell'}) } }" +
      " OR EXISTS { (n)-[:TESTS_CELL_TYPE]->(ct:CellType) WHERE ct.id = 'cell-type:mesenchymal-stem-cell' OR EXISTS { (ct)-[:SUBCLASS_OF*1..3]->(:CellType {id: 'cell-type:mesenchymal-stem-cell'}) } })",
  ],
  [
    'trials',
    '{ cellTypeIds: ["cell-type:mesenchymal-stem-cell"], cellSourceIds: ["cell-source:bone-marrow"], phase: [PHASE_2, PHASE_3] }',
    "(EXISTS { (n)-[:TESTS]->(:Product)-[:CONTAINS_CELL_TYPE]->(ct:CellType) WHERE ct.id = 'cell-type:mesenchymal-stem-cell' OR EXISTS { (ct)-[:SUBCLASS_OF*1..3]->(:CellType {id: 'cell-type:mesenchymal-stem-cell'}) } }" +
      " OR EXISTS { (n)-[:TESTS_CELL_TYPE]->(ct:CellType) WHERE ct.id = 'cell-type:mesenchymal-stem-cell' OR EXISTS { (ct)-[:SUBCLASS_OF*1..3]->(:CellType {id: 'cell-type:mesenchymal-stem-cell'}) } }) AND (EXISTS { (n)-[:TESTS]->(:Product)-[:PREPARED_FROM]->(:CellSource {id: 'cell-source:bone-marrow'}) }" +
      " OR EXISTS { (n)-[:TESTS_CELL_TYPE]->(:CellType)-[:DERIVES_FROM]->(:CellSource {id: 'cell-source:bone-marrow'}) }) AND n.phase IN ['PHASE_2', 'PHASE_3']",
  ],
  // An OR whose sub-filters name related entities: one read from each one's ids, the rest scanned.
  [
    'trials',
    '{ OR: [{ cellTypeIds: ["cell-type:mesenchymal-stem-cell"], phase: [PHASE_2] }, { conditionIds: ["condition:radicular-pain"] }, { phase: [PHASE_3] }, { NOT: { cellSourceIds: ["cell-source:bone-marrow"] } }], status: [COMPLETED, UNKNOWN] }',
    "((EXISTS { (n)-[:TESTS]->(:Product)-[:CONTAINS_CELL_TYPE]->(ct:CellType) WHERE ct.id = 'cell-type:mesenchymal-stem-cell' OR EXISTS { (ct)-[:SUBCLASS_OF*1..3]->(:CellType {id: 'cell-type:mesenchymal-stem-cell'}) } }" +
      " OR EXISTS { (n)-[:TESTS_CELL_TYPE]->(ct:CellType) WHERE ct.id = 'cell-type:mesenchymal-stem-cell' OR EXISTS { (ct)-[:SUBCLASS_OF*1..3]->(:CellType {id: 'cell-type:mesenchymal-stem-cell'}) } }) AND n.phase = 'PHASE_2'" +
      " OR EXISTS { (n)-[:STUDIES]->(c:Condition) WHERE c.id = 'condition:radicular-pain' OR EXISTS { (c)-[:SUBCLASS_OF*1..3]->(:Condition {id: 'condition:radicular-pain'}) } }" +
      " OR n.phase = 'PHASE_3'" +
      " OR NOT (EXISTS { (n)-[:TESTS]->(:Product)-[:PREPARED_FROM]->(:CellSource {id: 'cell-source:bone-marrow'}) } OR EXISTS { (n)-[:TESTS_CELL_TYPE]->(:CellType)-[:DERIVES_FROM]->(:CellSource {id: 'cell-source:bone-marrow'}) }))" +
      " AND n.status IN ['COMPLETED', 'UNKNOWN']",
  ],
  // Given ids start the read; a text is tested on every node, so an OR beside it is not a union.
  [
    'trials',
    '{ ids: ["trial:kumar-2017", "trial:centeno-2017", "trial:nct01290367", "trial:pettine-2015"], conditionIds: ["condition:degenerative-disc-disease"] }',
    "n.id IN ['trial:kumar-2017', 'trial:centeno-2017', 'trial:nct01290367', 'trial:pettine-2015'] AND EXISTS { (n)-[:STUDIES]->(c:Condition) WHERE c.id = 'condition:degenerative-disc-disease' OR EXISTS { (c)-[:SUBCLASS_OF*1..3]->(:Condition {id: 'condition:degenerative-disc-disease'}) } }",
  ],
  [
    'trials',
    '{ text: "disc", OR: [{ conditionIds: ["condition:radicular-pain"] }, { phase: [PHASE_3] }] }',
    "toLower(n.name + ' ' + coalesce(n.description, '') + ' ' + coalesce(n.synonymsText, '') + ' ' + coalesce(n.identifiersText, '')) CONTAINS 'disc'" +
      " AND (EXISTS { (n)-[:STUDIES]->(c:Condition) WHERE c.id = 'condition:radicular-pain' OR EXISTS { (c)-[:SUBCLASS_OF*1..3]->(:Condition {id: 'condition:radicular-pain'}) } } OR n.phase = 'PHASE_3')",
  ],
  ['regulatoryStatuses', '{ authority: [FDA] }', "n.authority = 'FDA'"],
  ['regulatoryStatuses', '{ jurisdiction: [US] }', "n.jurisdiction = 'US'"],
  ['sources', '{ kind: [TRIAL_REGISTRY_RECORD] }', "n.kind = 'TRIAL_REGISTRY_RECORD'"],
  ['sources', '{ year: { min: 2017, max: 2021 } }', 'n.year >= 2017 AND n.year <= 2021'],
  ['sources', '{ unknownAttribution: [IDENTIFIER] }', "'IDENTIFIER' IN n.unknownAttribution"],
];

describe('filters', () => {
  it('cover every filter field of every entity type', () => {
    for (const def of Object.values(ENTITY_DEFINITIONS)) {
      for (const field of Object.keys(def.filters)) {
        expect({
          field: `${def.plural}.${field}`,
          tested: FILTERS.some(([root, f]) => root === def.plural && f.includes(`${field}:`)),
        }).toEqual({
          field: `${def.plural}.${field}`,
          tested: true,
        });
      }
    }
  });

  it.each(FILTERS)('%s(filter: %s) equals independent Cypher', async (root, filter, predicate) => {
    const label = Object.values(ENTITY_DEFINITIONS).find((d) => d.plural === root)!.label;
    const expected = await ids(`MATCH (n:${label}) WHERE ${predicate} RETURN n.id AS id ORDER BY n.name, n.id`);
    const res = await gql(t.url, `{ ${root}(first: 100, filter: ${filter}) { totalCount edges { node { id } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data![root].edges.map((e: any) => e.node.id)).toEqual(expected);
    expect(res.data![root].totalCount).toBe(expected.length);
  });

  // A related field a list does not start from (under NOT or OR, or on a relationship field)
  // tests each node, with the same meaning.
  const RELATED = FILTERS.filter(([, filter]) => /[a-z]Ids:/.test(filter));

  it.each(RELATED)(
    '%s(filter: { NOT: %s }), testing each node, equals independent Cypher',
    async (root, filter, predicate) => {
      const label = Object.values(ENTITY_DEFINITIONS).find((d) => d.plural === root)!.label;
      const expected = await ids(`MATCH (n:${label}) WHERE NOT (${predicate}) RETURN n.id AS id ORDER BY n.name, n.id`);
      const res = await gql(
        t.url,
        `{ ${root}(first: 100, filter: { NOT: ${filter} }) { totalCount edges { node { id } } } }`,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data![root].edges.map((e: any) => e.node.id)).toEqual(expected.slice(0, 100));
      expect(res.data![root].totalCount).toBe(expected.length);
    },
  );

  // The same related field as one sub-filter of an OR, beside an id it does not keep, and with a
  // sibling that drops one node it keeps: a read from the ids, a scan, and a clause after both.
  it.each(RELATED)(
    '%s(filter: { OR: [%s, { ids }], NOT: { ids } }), reading from the ids, equals independent Cypher',
    async (root, filter, predicate) => {
      const label = Object.values(ENTITY_DEFINITIONS).find((d) => d.plural === root)!.label;
      // At most one each: a filter may keep every node (no outsider) or none (no insider).
      const outsiders = await ids(`MATCH (n:${label}) WHERE NOT (${predicate}) RETURN n.id AS id ORDER BY id LIMIT 1`);
      const insiders = await ids(`MATCH (n:${label}) WHERE ${predicate} RETURN n.id AS id ORDER BY id LIMIT 1`);
      const expected = await ids(
        `MATCH (n:${label}) WHERE (${predicate} OR n.id IN $outsiders) AND NOT n.id IN $insiders RETURN n.id AS id ORDER BY n.name, n.id`,
        { outsiders, insiders },
      );
      const res = await gql(
        t.url,
        `query($outsiders: [ID!]!, $insiders: [ID!]!) { ${root}(first: 100, filter: { OR: [${filter}, { ids: $outsiders }], NOT: { ids: $insiders } }) { totalCount edges { node { id } } } }`,
        { outsiders, insiders },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data![root].edges.map((e: any) => e.node.id)).toEqual(expected.slice(0, 100));
      expect(res.data![root].totalCount).toBe(expected.length);
      expect(expected).toEqual(expect.arrayContaining(outsiders));
      expect(expected).not.toEqual(expect.arrayContaining(insiders.length > 0 ? insiders : ['(none)']));
    },
  );

  it('tests each node against the classes below the ids, found once, never by walking down from the ids per node', async () => {
    const params = new CypherParams();
    const spec = Object.fromEntries(Object.entries(ENTITY_DEFINITIONS.Trial.filters).map(([f, def]) => [f, def.spec]));
    const filter = { conditionIds: ['condition:low-back-pain'], cellTypeIds: ['cell-type:mesenchymal-stem-cell'] };
    const where = compileFilter(filter, spec, 'n', params).join(' AND ');
    const cypher = `${params.takeSets().prelude}MATCH (n:Trial) WHERE ${where} RETURN n.id AS id ORDER BY id`;
    expect((await db.read<{ id: string }>('test.classSets', cypher, params.values)).map((r) => r.id)).toEqual(
      await ids(
        `MATCH (n:Trial) WHERE ${FILTERS.find(([root, f]) => root === 'trials' && f === '{ conditionIds: ["condition:low-back-pain"], cellTypeIds: ["cell-type:mesenchymal-stem-cell"] }')![2]} RETURN n.id AS id ORDER BY id`,
      ),
    );
    const session = t.database.driver.session({ database: t.config.database });
    try {
      const explained = await session.run(`EXPLAIN ${cypher}`, params.values);
      type Plan = { operatorType: string; arguments: Record<string, unknown>; children: Plan[] };
      // The index seeks on the classes' ids, and whether each runs inside a per-node test (the
      // right-hand side of a semi-apply), where it would run once for every node.
      const seeks: Array<{ details: string; perNode: boolean }> = [];
      const walk = (plan: Plan, perNode: boolean) => {
        const details = String(plan.arguments.Details ?? '');
        if (/:(CellType|Condition)\(id\)/.test(details)) {
          seeks.push({ details, perNode });
        }
        const semi = plan.operatorType.includes('SemiApply');
        plan.children.forEach((child, i) => walk(child, perNode || (semi && i === 1)));
      };
      walk(explained.summary.plan as unknown as Plan, false);
      // One seek a set. Seeking a class by its id and walking down its subtree once for every
      // node tested took 26 s for 1,852 trials and a root cell type in the benchmark's L graph.
      expect(seeks).toHaveLength(2);
      expect(seeks.filter((seek) => seek.perNode)).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it('filters a relationship field by a class, its page and its totalCount: condition.trials(filter: { cellTypeIds })', async () => {
    const predicate = FILTERS.find(([root, f]) => root === 'trials' && f.startsWith('{ cellTypeIds:'))![2];
    let kept = 0;
    for (const condition of await ids('MATCH (c:Condition) RETURN c.id AS id ORDER BY id')) {
      const expected = await ids(
        `MATCH (:Condition {id: $condition})<-[:STUDIES]-(n:Trial) WHERE ${predicate} RETURN n.id AS id ORDER BY n.name, n.id`,
        { condition },
      );
      const res = await gql(
        t.url,
        `query($id: ID!) { condition(id: $id) { trials(first: 100, filter: { cellTypeIds: ["cell-type:mesenchymal-stem-cell"] }) { totalCount edges { node { id } } } } }`,
        { id: condition },
      );
      expect(res.errors).toBeUndefined();
      const trials = res.data!.condition.trials;
      expect({ condition, trials: trials.edges.map((e: any) => e.node.id), totalCount: trials.totalCount }).toEqual({
        condition,
        trials: expected,
        totalCount: expected.length,
      });
      kept += expected.length;
    }
    expect(kept).toBeGreaterThan(0);
  });

  it('filters a relationship field by a class on every node of a root page, read with the page', async () => {
    const predicate = FILTERS.find(([root, f]) => root === 'trials' && f.startsWith('{ cellTypeIds:'))![2];
    const res = await gql(
      t.url,
      `{ conditions(first: 60) { edges { node { id
         trials(first: 100, filter: { cellTypeIds: ["cell-type:mesenchymal-stem-cell"] }) { edges { node { id } } } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    let kept = 0;
    for (const { node } of res.data!.conditions.edges) {
      const expected = await ids(
        `MATCH (:Condition {id: $condition})<-[:STUDIES]-(n:Trial) WHERE ${predicate} RETURN n.id AS id ORDER BY n.name, n.id`,
        { condition: node.id },
      );
      expect({ condition: node.id, trials: node.trials.edges.map((e: any) => e.node.id) }).toEqual({
        condition: node.id,
        trials: expected,
      });
      kept += expected.length;
    }
    expect(kept).toBeGreaterThan(0);
    // The root page and its nested pages in one query.
    expect((res.extensions?.discgraph as { roundTrips: number }).roundTrips).toBe(1);
  });

  it('filters a relationship field that inherits claims by a class: cellType.mechanisms(filter: { conditionIds })', async () => {
    const predicate = FILTERS.find(([root, f]) => root === 'mechanisms' && f.includes('conditionIds'))![2];
    const affecting = new Set(await ids(`MATCH (n:Mechanism) WHERE ${predicate} RETURN n.id AS id`));
    const res = await gql(
      t.url,
      `{ cellTypes(first: 50) { edges { node { id
         all: mechanisms(first: 50) { edges { node { id } } }
         some: mechanisms(first: 50, filter: { conditionIds: ["condition:low-back-pain"] }) { totalCount edges { node { id } } } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    let kept = 0;
    for (const { node } of res.data!.cellTypes.edges) {
      const expected = node.all.edges.map((e: any) => e.node.id).filter((id: string) => affecting.has(id));
      expect({ id: node.id, some: node.some.edges.map((e: any) => e.node.id) }).toEqual({
        id: node.id,
        some: expected,
      });
      expect(node.some.totalCount).toBe(expected.length);
      kept += expected.length;
    }
    expect(kept).toBeGreaterThan(0);
  });

  it('is not vacuous: most filters keep some but not all items', async () => {
    let proper = 0;
    for (const [root, filter] of FILTERS) {
      const res = await gql(t.url, `{ all: ${root} { totalCount } some: ${root}(filter: ${filter}) { totalCount } }`);
      if (res.data!.some.totalCount > 0 && res.data!.some.totalCount < res.data!.all.totalCount) {
        proper += 1;
      }
    }
    expect(proper).toBeGreaterThanOrEqual(FILTERS.length - 3);
  });

  it('refuses a range whose min is above its max', async () => {
    const res = await gql(t.url, '{ trials(filter: { enrollment: { min: 10, max: 5 } }) { totalCount } }');
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('sorting and paging', () => {
  const orders: Array<[string, string, string]> = [
    ['trials', '{ field: NAME, direction: ASC }', 'n.name ASC, n.id ASC'],
    ['trials', '{ field: NAME, direction: DESC }', 'n.name DESC, n.id DESC'],
    ['trials', '{ field: ENROLLMENT, direction: DESC }', 'coalesce(n.enrollment, -9007199254740991) DESC, n.id DESC'],
    ['trials', '{ field: START_YEAR, direction: ASC }', 'coalesce(n.startYear, -9007199254740991) ASC, n.id ASC'],
    [
      'outcomes',
      '{ field: TIMEPOINT, direction: ASC }',
      'coalesce(n.timepointMonths, -9007199254740991) ASC, n.id ASC',
    ],
    ['sources', '{ field: YEAR, direction: DESC }', 'coalesce(n.year, -9007199254740991) DESC, n.id DESC'],
  ];

  it.each(orders)(
    '%s ordered by %s pages forwards and backwards with no duplicates or gaps',
    async (root, order, cypherOrder) => {
      const label = Object.values(ENTITY_DEFINITIONS).find((d) => d.plural === root)!.label;
      const expected = await ids(`MATCH (n:${label}) RETURN n.id AS id ORDER BY ${cypherOrder}`);
      const forwards = await walk(root, `orderBy: ${order}`, 4);
      expect(forwards).toEqual(expected);
      const backwards = await walk(root, `orderBy: ${order}`, 3, true);
      expect(backwards).toEqual(expected);
    },
  );

  it('pages a relationship field and a filtered list the same way', async () => {
    const expected = await ids(
      `MATCH (:Trial {id: 'trial:nct01290367'})-[:HAS_OUTCOME]->(n:Outcome) RETURN n.id AS id ORDER BY n.name, n.id`,
    );
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const res: any = await gql(
        t.url,
        `query($after: String) { trial(id: "trial:nct01290367") { outcomes(first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } } }`,
        { after },
      );
      const conn = res.data.trial.outcomes;
      seen.push(...conn.edges.map((e: any) => e.node.id));
      after = conn.pageInfo.hasNextPage ? conn.pageInfo.endCursor : null;
    } while (after !== null);
    expect(seen).toEqual(expected);
  });

  it('keeps cursors stable when data changes: a node added before the cursor shifts nothing', async () => {
    const first = await gql(t.url, '{ sources(first: 3) { edges { node { id } } pageInfo { endCursor } } }');
    const cursor = first.data!.sources.pageInfo.endCursor;
    const before = await gql(t.url, `{ sources(first: 3, after: "${cursor}") { edges { node { id } } } }`);
    const id = `source:aaa-cursor-stability-${Date.now()}`;
    await db.write(
      'test.addSource',
      `CREATE (s:Entity:Source {id: $id, name: 'AAA inserted before the cursor', kind: 'ONTOLOGY', sourceIds: []})`,
      { id },
    );
    try {
      const after = await gql(t.url, `{ sources(first: 3, after: "${cursor}") { edges { node { id } } } }`);
      expect(after.data!.sources.edges).toEqual(before.data!.sources.edges);
    } finally {
      await db.write('test.removeSource', 'MATCH (s:Source {id: $id}) DETACH DELETE s', { id });
    }
  });

  it.each([
    ['first: 101', /first.*0 to 100/],
    ['last: 1000000', /last.*0 to 100/],
    ['first: -1', /first/],
    ['first: 2, last: 2', /either first\/after or last\/before/],
    ['after: "not-a-cursor"', /not a cursor from this API/],
  ])('refuses %s with BAD_USER_INPUT', async (args, message) => {
    const res = await gql(t.url, `{ trials(${args}) { edges { node { id } } } }`);
    expect(res.status).toBe(200);
    expect(res.data).toBeNull();
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(message);
  });

  it('refuses a cursor from a different ordering', async () => {
    const res = await gql(t.url, '{ trials(first: 1, orderBy: { field: ENROLLMENT }) { pageInfo { endCursor } } }');
    const cursor = res.data!.trials.pageInfo.endCursor;
    const mixed = await gql(t.url, `{ trials(first: 1, after: "${cursor}") { edges { node { id } } } }`);
    expect(mixed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(mixed.errors?.[0].message).toMatch(/sorted by ENROLLMENT/);
  });

  it('refuses more than MAX_PAGE_SIZE ids in nodes()', async () => {
    const many = Array.from({ length: 101 }, (_, i) => `trial:x-${i}`);
    const res = await gql(t.url, 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: many });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('Source.claims and Source.describes', () => {
  it('list every claim citing a source, and every entity it describes', async () => {
    const id = 'source:kumar-2017';
    const claims = await ids(`MATCH ()-[r]->() WHERE $id IN r.sourceIds RETURN r.id AS id ORDER BY id`, { id });
    const described = await ids(`MATCH (n:Entity) WHERE $id IN n.sourceIds RETURN n.id AS id ORDER BY n.name, n.id`, {
      id,
    });
    const res = await gql(
      t.url,
      `query($id: ID!) { source(id: $id) {
         claims(first: 100) { totalCount edges { node { id type subject { id } object { id } evidence { sources { id } } } } }
         describes(first: 100) { totalCount edges { node { id } } } } }`,
      { id },
    );
    expect(res.errors).toBeUndefined();
    const s = res.data!.source;
    expect(s.claims.edges.map((e: any) => e.node.id)).toEqual(claims);
    expect(s.claims.totalCount).toBe(claims.length);
    for (const edge of s.claims.edges) {
      expect(edge.node.evidence.sources.map((x: any) => x.id)).toContain(id);
    }
    expect(s.describes.edges.map((e: any) => e.node.id)).toEqual(described);
    expect(s.describes.totalCount).toBe(described.length);
  });
});

describe('HTTP caching', () => {
  it('marks successful reads cacheable', async () => {
    const response = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ conditions(first: 1) { edges { node { id } } } }' }),
    });
    expect(response.headers.get('cache-control')).toBe(`max-age=${t.config.cacheMaxAgeSeconds}, public`);
  });

  it('never marks a response with errors cacheable', async () => {
    for (const query of ['{ conditions(first: -1) { totalCount } }', '{ conditions { nope } }', '{ conditions(']) {
      const response = await fetch(t.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      expect(((await response.json()) as { errors?: unknown[] }).errors).toBeDefined();
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
  });
});
