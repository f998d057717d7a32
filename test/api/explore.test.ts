// search, neighborhood and paths over real HTTP, against the real Neo4j with the seed graph.
// Expected answers come from independent Cypher on the same database, not from the code under test.
import { LABELS } from '../../src/graph/registry';
import { FULLTEXT_INDEX } from '../../src/db/migrations';
import { planSearch } from '../../src/graph/explore/explore.repository';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, getNamedType, GraphQLObjectType, isCompositeType } from 'graphql';
import type { Database } from '../../src/db/database';
import { entityPropertiesToRead, evidencePropertiesToRead } from '../../src/graph/entity/entity.repository';
import { generateApiKey } from '../../src/auth/apiKeys';
import { Role } from '../../src/auth/roles';
import {
  ensureSeedGraph,
  gql,
  type GraphQLResponse,
  openDatabase,
  startTestServer,
  type TestServer,
} from '../support/harness';

/** Sees every field, updatedBy included. */
const CURATOR = generateApiKey('cora', Role.CURATOR);
const asCurator = { authorization: `Bearer ${CURATOR.key}` };

const DDD = 'condition:degenerative-disc-disease';
const ADIPOSE = 'cell-source:adipose-tissue';
const DISC_HYDRATION = 'mechanism:disc-hydration';

const SEARCH = `
query Search($query: String!, $types: [EntityType!], $first: Int, $after: String) {
  search(query: $query, types: $types, first: $first, after: $after) {
    edges { cursor score node { __typename id name } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;
const SEARCH_COUNT = `
query SearchCount($query: String!, $types: [EntityType!], $first: Int) {
  search(query: $query, types: $types, first: $first) { totalCount edges { node { id } } }
}`;
const NEIGHBORHOOD = `
query Neighborhood($id: ID!, $depth: Int, $relationshipTypes: [RelationshipType!], $limit: Int) {
  neighborhood(id: $id, depth: $depth, relationshipTypes: $relationshipTypes, limit: $limit) {
    nodes { __typename id }
    edges { id source target type evidence { claimId type level } }
    truncated
  }
}`;
const PATHS = `
query Paths($from: ID!, $to: ID!, $maxLength: Int, $first: Int, $direction: PathDirection) {
  paths(from: $from, to: $to, maxLength: $maxLength, first: $first, direction: $direction) {
    length
    strength
    strengthProduct
    nodes { id }
    steps {
      from { id }
      to { id }
      type
      forward
      evidence { claimId type level sources { id title } }
    }
  }
}`;

interface SearchEdge {
  cursor: string;
  score: number;
  node: { __typename: string; id: string; name: string };
}
interface SearchResult {
  search: {
    edges: SearchEdge[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
}
interface CountedPage {
  search: {
    totalCount?: number;
    edges: Array<{ score: number; node: { id: string } }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}
interface NeighborhoodResult {
  neighborhood: {
    nodes: Array<{ __typename: string; id: string }>;
    edges: Array<{ id: string; source: string; target: string; type: string; evidence: { claimId: string } }>;
    truncated: boolean;
  };
}
interface PathsResult {
  paths: Array<{
    length: number;
    strength: number;
    strengthProduct: number;
    nodes: Array<{ id: string }>;
    steps: Array<{
      from: { id: string };
      to: { id: string };
      type: string;
      forward: boolean;
      evidence: { claimId: string; type: string; sources: Array<{ id: string; title: string }> };
    }>;
  }>;
}

describe('exploration: search, neighborhood, paths', () => {
  let t: TestServer;
  let db: Database;
  const cypher = async <T extends Record<string, unknown>>(query: string, params: Record<string, unknown> = {}) =>
    db.executor().read<T>('test', query, params);

  beforeAll(async () => {
    db = openDatabase();
    await ensureSeedGraph(db);
    t = await startTestServer({ API_KEYS: CURATOR.entry }, db);
  });
  afterAll(async () => {
    await t.close();
    await db.close();
  });

  const search = async (variables: Record<string, unknown>) => {
    const response = await gql<SearchResult>(t.url, SEARCH, variables);
    expect(response.errors).toBeUndefined();
    return response.data!.search;
  };
  const ids = (edges: SearchEdge[]) => edges.map((e) => e.node.id);
  const errorCode = (response: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
    response.errors?.[0]?.extensions?.code;

  describe('search', () => {
    it('finds by text, best first, with scores in descending order', async () => {
      const result = await search({ query: 'degenerative', first: 5 });
      expect(ids(result.edges)).toContain(DDD);
      const scores = result.edges.map((e) => e.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    });

    it('autocompletes: the last word also matches as a prefix', async () => {
      const result = await search({ query: 'degen', first: 10 });
      expect(ids(result.edges)).toContain(DDD);
      const lbp = await search({ query: 'chronic low ba', first: 3 });
      expect(ids(lbp.edges)[0]).toBe('condition:chronic-low-back-pain');
    });

    it('lists the entity with an exact CURIE first', async () => {
      const result = await search({ query: 'MONDO:0011385' });
      expect(result.edges[0].node.id).toBe(DDD);
      const lowerCase = await search({ query: 'mondo:0011385' });
      expect(lowerCase.edges[0].node.id).toBe(DDD);
    });

    it('finds by cross-reference', async () => {
      const result = await search({ query: 'DOID:90' });
      expect(result.edges[0].node.id).toBe(DDD);
    });

    it('lists the trial of an NCT number first, before the registry record that shares the number', async () => {
      const result = await search({ query: 'NCT01290367' });
      const found = ids(result.edges);
      expect(found[0]).toBe('trial:nct01290367');
      expect(found).toContain('source:nct01290367');
      expect(found.indexOf('source:nct01290367')).toBeGreaterThan(0);
    });

    it('lists the entity whose id is the query first', async () => {
      const result = await search({ query: 'trial:nct01290367' });
      expect(result.edges[0].node.id).toBe('trial:nct01290367');
    });

    it('restricts entity types', async () => {
      const all = await search({ query: 'disc', first: 100 });
      expect(all.pageInfo.hasNextPage).toBe(false);
      const trials = await search({ query: 'disc', types: ['Trial'], first: 100 });
      expect(trials.edges.length).toBeGreaterThan(0);
      expect(trials.edges.every((e) => e.node.__typename === 'Trial')).toBe(true);
      expect(ids(trials.edges)).toEqual(ids(all.edges.filter((e) => e.node.__typename === 'Trial')));
      const none = await gql(t.url, SEARCH, { query: 'disc', types: [] });
      expect(errorCode(none)).toBe('BAD_USER_INPUT');
    });

    it('pages through every result with small pages: no duplicates, no gaps, the same order as one page', async () => {
      const whole = await search({ query: 'disc', first: 100 });
      expect(whole.pageInfo.hasNextPage).toBe(false);
      expect(whole.edges.length).toBeGreaterThan(10);
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const page: SearchResult['search'] = await search({ query: 'disc', first: 3, after });
        expect(page.edges.length).toBeLessThanOrEqual(3);
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        seen.push(...ids(page.edges));
        pages += 1;
        if (!page.pageInfo.hasNextPage) {
          break;
        }
        expect(page.edges.length).toBe(3);
        after = page.pageInfo.endCursor;
      }
      expect(pages).toBe(Math.ceil(whole.edges.length / 3));
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(ids(whole.edges));
      // The order is score descending, then id ascending (no text here is an identifier), and
      // equal scores occur, so small pages cut through ties.
      const order = [...whole.edges].sort((a, b) => b.score - a.score || (a.node.id < b.node.id ? -1 : 1));
      expect(ids(whole.edges)).toEqual(ids(order));
      expect(whole.edges.some((e, i) => i > 0 && e.score === whole.edges[i - 1].score)).toBe(true);
    });

    it('counts all matches, and only when totalCount is selected, in the same query as the page', async () => {
      const whole = await search({ query: 'disc', first: 100 });
      const counted = await gql<{ search: { totalCount: number; edges: Array<{ node: { id: string } }> } }>(
        t.url,
        SEARCH_COUNT,
        { query: 'disc', first: 2 },
      );
      expect(counted.errors).toBeUndefined();
      expect(counted.data!.search.totalCount).toBe(whole.edges.length);
      expect(counted.data!.search.edges.map((e) => e.node.id)).toEqual(ids(whole.edges).slice(0, 2));
      expect(counted.extensions).toMatchObject({ discgraph: { roundTrips: 1 } });
      const uncounted = await gql(t.url, SEARCH, { query: 'disc', first: 2 });
      expect(uncounted.extensions).toMatchObject({ discgraph: { roundTrips: 1 } });
      // A later page counts every match too, and an identifier's ranked search counts the same way.
      const later = await gql<{ search: { totalCount: number; edges: Array<{ node: { id: string } }> } }>(
        t.url,
        `query ($query: String!, $after: String) {
          search(query: $query, first: 3, after: $after) { totalCount edges { node { id } } }
        }`,
        { query: 'disc', after: whole.edges[1].cursor },
      );
      expect(later.data!.search.totalCount).toBe(whole.edges.length);
      expect(later.data!.search.edges.map((e) => e.node.id)).toEqual(ids(whole.edges).slice(2, 5));
      const byId = await search({ query: DDD, first: 100 });
      const countedById = await gql<{ search: { totalCount: number } }>(t.url, SEARCH_COUNT, { query: DDD, first: 1 });
      expect(countedById.data!.search.totalCount).toBe(byId.edges.length);
      expect(byId.edges[0].node.id).toBe(DDD);
      const typed = await gql<{ search: { totalCount: number } }>(t.url, SEARCH_COUNT, {
        query: 'disc',
        types: ['Trial'],
      });
      expect(typed.data!.search.totalCount).toBe(whole.edges.filter((e) => e.node.__typename === 'Trial').length);
    });

    it('pages, counted or not, as an independent sort of the index hits, through ties, for any types', async () => {
      const PAGE = `query ($query: String!, $types: [EntityType!], $first: Int, $after: String) {
        search(query: $query, types: $types, first: $first, after: $after) {
          edges { score node { id } }
          pageInfo { hasNextPage endCursor }
        }
      }`;
      const COUNTED = PAGE.replace('edges {', 'totalCount edges {');
      // Small pages cut through equal scores, and identifiers rank their exact matches first.
      const tied = new Set<string>();
      const ranked = new Set<string>();
      const foundById = new Set<string>();
      for (const [text, types] of [
        ['disc', null],
        ['disc pain', null],
        ['disc pain', ['Trial']],
        ['stem cell', ['Condition', 'CellType', 'Product']],
        ['zzqxv qqz', null],
        ['NCT01290367', null],
        ['NCT01290367', ['Source']],
        ['clinicaltrials:nct01290367', null],
        ['MONDO:0011385', null],
        ['DOID:90', null],
        ['msb-dr003', null],
        [DDD, null],
        [DDD, ['Trial']],
        ['trial:nct01290367', null],
      ] as const) {
        // Every hit of the index, and the entity whose id the text is (ids are not in the index),
        // ranked by the search's contract: the entity's own id, its CURIE, a cross-reference,
        // another identifier; a Source after the others within a tier; then score, then id.
        const { lucene, entityId, exact } = planSearch(text);
        const expected = await cypher<{ id: string; score: number; rank: number }>(
          `CALL () {
             CALL db.index.fulltext.queryNodes($index, $lucene) YIELD node, score
             RETURN node, score
             UNION ALL
             MATCH (node {id: $entityId})
             RETURN node, 0.0 AS score
           }
           WITH node, max(score) AS score
           WHERE $types IS NULL OR any(label IN labels(node) WHERE label IN $types)
           WITH node, score, CASE
             WHEN node.id = $entityId THEN 4
             WHEN toUpper(node.curie) IN $exact THEN 3
             WHEN any(x IN coalesce(node.xrefs, []) WHERE toUpper(x) IN $exact) THEN 2
             WHEN any(v IN [node.registryId, node.doi, node.pmid, node.pmcid, node.acronym] WHERE toUpper(v) IN $exact) THEN 1
             ELSE 0
           END AS tier
           WITH node.id AS id, score, CASE WHEN tier = 0 THEN 0 WHEN node:Source THEN 2 * tier ELSE 2 * tier + 1 END AS rank
           RETURN id, score, rank ORDER BY rank DESC, score DESC, id`,
          { index: FULLTEXT_INDEX, lucene, entityId, exact, types },
        );
        if (text === 'zzqxv qqz') {
          expect(expected).toEqual([]);
        } else if (expected.some((e, i) => i > 0 && e.score === expected[i - 1].score)) {
          tied.add(text);
        }
        if (expected.some((e) => e.rank > 0)) {
          ranked.add(text);
        }
        if (expected.some((e) => e.rank >= 8 && e.score === 0)) {
          foundById.add(text);
        }
        for (const first of [1, 3, 4]) {
          for (const document of [PAGE, COUNTED]) {
            const seen: Array<{ id: string; score: number }> = [];
            let after: string | null = null;
            for (let pages = 0; pages <= expected.length; pages += 1) {
              const response: GraphQLResponse<CountedPage> = await gql<CountedPage>(t.url, document, {
                query: text,
                types,
                first,
                after,
              });
              expect(response.errors).toBeUndefined();
              expect(response.extensions).toMatchObject({ discgraph: { roundTrips: 1 } });
              const { search: result } = response.data!;
              if (document === COUNTED) {
                expect(result.totalCount).toBe(expected.length);
              }
              seen.push(...result.edges.map((e) => ({ id: e.node.id, score: e.score })));
              if (!result.pageInfo.hasNextPage) {
                break;
              }
              after = result.pageInfo.endCursor;
            }
            expect(seen).toEqual(expected.map(({ id, score }) => ({ id, score })));
          }
        }
      }
      expect({ tied: [...tied].sort(), ranked: [...ranked].sort(), foundById: [...foundById] }).toEqual({
        tied: ['disc', 'disc pain', 'msb-dr003', 'stem cell'],
        ranked: [
          'DOID:90',
          'MONDO:0011385',
          'NCT01290367',
          'clinicaltrials:nct01290367',
          'condition:degenerative-disc-disease',
          'msb-dr003',
          'trial:nct01290367',
        ],
        foundById: [DDD, 'trial:nct01290367'],
      });
    });

    it('ranks the entity whose id the text is first and once, with its own score, and a Source after its tier', async () => {
      const id = 'condition:qprobeq-own-id';
      const doc = 'source:qprobeq-doc';
      // Both have the identifier QPROBEQ-X; the Source scores higher, and ranks after the condition.
      await db.executor().write(
        'test',
        `CREATE (:Entity:Condition {id: $id, name: 'qprobeq ' + $id, acronym: 'QPROBEQ-X', identifiersText: 'QPROBEQ-X', sourceIds: []})
         CREATE (:Entity:Source {id: $doc, name: 'QPROBEQ-X qprobeq-x', registryId: 'QPROBEQ-X', identifiersText: 'QPROBEQ-X', sourceIds: []})`,
        { id, doc },
      );
      try {
        const byIdentifier = await search({ query: 'qprobeq-x', first: 10 });
        expect(ids(byIdentifier.edges)).toEqual([id, doc]);
        expect(byIdentifier.edges[1].score).toBeGreaterThan(byIdentifier.edges[0].score);
        const hits = await cypher<{ id: string; score: number }>(
          `CALL db.index.fulltext.queryNodes($index, $lucene) YIELD node, score RETURN node.id AS id, score`,
          { index: FULLTEXT_INDEX, lucene: planSearch(id).lucene },
        );
        const own = hits.find((h) => h.id === id);
        expect(own?.score).toBeGreaterThan(0);
        for (const document of [SEARCH, SEARCH.replace('edges {', 'totalCount edges {')]) {
          const first = await gql<SearchResult & { search: { totalCount?: number } }>(t.url, document, {
            query: id,
            first: 1,
          });
          expect(first.errors).toBeUndefined();
          expect(first.data!.search.edges.map((e) => [e.node.id, e.score])).toEqual([[id, own!.score]]);
          if (document !== SEARCH) {
            expect(first.data!.search.totalCount).toBe(hits.length);
          }
          const rest = await gql<SearchResult>(t.url, document, {
            query: id,
            first: 100,
            after: first.data!.search.pageInfo.endCursor,
          });
          expect(rest.errors).toBeUndefined();
          expect(ids(rest.data!.search.edges).sort()).toEqual(
            hits
              .map((h) => h.id)
              .filter((h) => h !== id)
              .sort(),
          );
        }
      } finally {
        await db.executor().write('test', 'MATCH (n:Entity) WHERE n.id IN [$id, $doc] DETACH DELETE n', { id, doc });
      }
    });

    it('answers invalid Lucene syntax with BAD_USER_INPUT', async () => {
      for (const query of ['pain AND (', '"unclosed', 'name:', 'pain OR', '\\']) {
        const response = await gql(t.url, SEARCH, { query });
        expect(response.status).toBe(200);
        expect(errorCode(response)).toBe('BAD_USER_INPUT');
        expect(response.errors![0].message).toMatch(/Lucene/);
      }
    });

    it('passes valid Lucene syntax through', async () => {
      const result = await search({ query: 'name:"degenerative disc disease" AND NOT lumbar', first: 100 });
      expect(ids(result.edges)).toContain(DDD);
      expect(ids(result.edges)).not.toContain('condition:lumbar-degenerative-disc-disease');
    });

    it('searches a / literally: Lucene regular expressions are off', async () => {
      // As a regular expression, /degen.*/ would match "degenerative".
      const result = await search({ query: '/degen.*/', first: 100 });
      expect(ids(result.edges)).not.toContain(DDD);
    });

    it('refuses an empty query, page sizes beyond the limit and foreign cursors', async () => {
      for (const query of ['', '   ']) {
        expect(errorCode(await gql(t.url, SEARCH, { query }))).toBe('BAD_USER_INPUT');
      }
      expect(errorCode(await gql(t.url, SEARCH, { query: 'x'.repeat(257) }))).toBe('BAD_USER_INPUT');
      const tooMany = await gql(t.url, SEARCH, { query: 'disc', first: t.config.maxPageSize + 1 });
      expect(errorCode(tooMany)).toBe('BAD_USER_INPUT');
      expect(tooMany.errors![0].message).toContain(String(t.config.maxPageSize));
      expect(errorCode(await gql(t.url, SEARCH, { query: 'disc', first: -1 }))).toBe('BAD_USER_INPUT');
      expect(errorCode(await gql(t.url, SEARCH, { query: 'disc', after: 'not-a-cursor' }))).toBe('BAD_USER_INPUT');
      const page = await search({ query: 'disc', first: 1 });
      const foreign = await gql(t.url, SEARCH, { query: 'pain', after: page.pageInfo.endCursor });
      expect(errorCode(foreign)).toBe('BAD_USER_INPUT');
    });
  });

  describe('neighborhood', () => {
    const neighborhood = async (variables: Record<string, unknown>) => {
      const response = await gql<NeighborhoodResult>(t.url, NEIGHBORHOOD, variables);
      expect(response.errors).toBeUndefined();
      return { ...response.data!.neighborhood, roundTrips: (response.extensions as any).discgraph.roundTrips };
    };
    const within = async (id: string, depth: number, types?: string[]) =>
      (
        await cypher<{ id: string }>(
          `MATCH (c:Entity {id: $id})-[rels*1..${depth}]-(m:Entity)
           WHERE m <> c AND ($types IS NULL OR all(r IN rels WHERE type(r) IN $types))
           RETURN DISTINCT m.id AS id`,
          { id, types: types ?? null },
        )
      ).map((r) => r.id);
    const inducedClaims = async (nodeIds: string[]) =>
      (
        await cypher<{ id: string }>(
          'MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $ids AND b.id IN $ids RETURN r.id AS id',
          { ids: nodeIds },
        )
      ).map((r) => r.id);

    it('depth 1 returns the centre and exactly its neighbours, and every claim between them', async () => {
      const result = await neighborhood({ id: DDD });
      const expected = await within(DDD, 1);
      expect(expected.length).toBeGreaterThan(0);
      expect(result.nodes[0].id).toBe(DDD);
      expect(
        result.nodes
          .slice(1)
          .map((n) => n.id)
          .sort(),
      ).toEqual([...expected].sort());
      expect(result.truncated).toBe(false);
      const nodeIds = result.nodes.map((n) => n.id);
      expect(result.edges.map((e) => e.id).sort()).toEqual((await inducedClaims(nodeIds)).sort());
      for (const edge of result.edges) {
        expect(nodeIds).toContain(edge.source);
        expect(nodeIds).toContain(edge.target);
        expect(edge.evidence.claimId).toBe(edge.id);
      }
      const [direct] = await cypher<{ count: number }>(
        'MATCH (c:Entity {id: $id})-[r]-() RETURN count(DISTINCT r) AS count',
        { id: DDD },
      );
      expect(result.edges.filter((e) => e.source === DDD || e.target === DDD)).toHaveLength(direct.count);
    });

    it('depth 2 and 3 match independent Cypher and stay within depth + 1 round trips', async () => {
      for (const depth of [1, 2, 3]) {
        const result = await neighborhood({ id: DDD, depth, limit: 500 });
        const expected = await within(DDD, depth);
        expect(
          result.nodes
            .slice(1)
            .map((n) => n.id)
            .sort(),
        ).toEqual([...expected].sort());
        expect(result.truncated).toBe(false);
        expect(result.roundTrips).toBe(1);
      }
    });

    it('enforces the node limit, nearest nodes first, and says when it truncated', async () => {
      const neighbours = await within(DDD, 1);
      const limited = await neighborhood({ id: DDD, depth: 2, limit: 4 });
      expect(limited.nodes).toHaveLength(4);
      expect(limited.truncated).toBe(true);
      expect(limited.nodes[0].id).toBe(DDD);
      expect(neighbours).toEqual(expect.arrayContaining(limited.nodes.slice(1).map((n) => n.id)));
      const nodeIds = limited.nodes.map((n) => n.id);
      for (const edge of limited.edges) {
        expect(nodeIds).toContain(edge.source);
        expect(nodeIds).toContain(edge.target);
      }
      expect(limited.edges.map((e) => e.id).sort()).toEqual((await inducedClaims(nodeIds)).sort());

      const centreOnly = await neighborhood({ id: DDD, limit: 1 });
      expect(centreOnly.nodes.map((n) => n.id)).toEqual([DDD]);
      expect(centreOnly.truncated).toBe(true);

      // Exactly as many nodes as exist: nothing was left out.
      const exact = await neighborhood({ id: DDD, limit: neighbours.length + 1 });
      expect(exact.nodes).toHaveLength(neighbours.length + 1);
      expect(exact.truncated).toBe(false);
      // Depth 1 fills the limit exactly, but depth 2 has more: truncated.
      const filled = await neighborhood({ id: DDD, depth: 2, limit: neighbours.length + 1 });
      expect(filled.nodes).toHaveLength(neighbours.length + 1);
      expect(filled.truncated).toBe(true);
      expect(filled.roundTrips).toBe(1);
    });

    it('follows only the relationship types asked for', async () => {
      const result = await neighborhood({ id: DDD, depth: 2, relationshipTypes: ['STUDIES', 'SUBCLASS_OF'] });
      const expected = await within(DDD, 2, ['STUDIES', 'SUBCLASS_OF']);
      expect(
        result.nodes
          .slice(1)
          .map((n) => n.id)
          .sort(),
      ).toEqual([...expected].sort());
      expect(result.edges.length).toBeGreaterThan(0);
      expect(result.edges.every((e) => ['STUDIES', 'SUBCLASS_OF'].includes(e.type))).toBe(true);
      const studies = await neighborhood({ id: DDD, relationshipTypes: ['STUDIES'] });
      expect(studies.nodes.slice(1).every((n) => n.__typename === 'Trial')).toBe(true);
    });

    it('refuses depth and limit out of range, with the range in the message', async () => {
      for (const [variables, range] of [
        [{ depth: 0 }, '1 to 3'],
        [{ depth: 4 }, '1 to 3'],
        [{ limit: 0 }, '1 to 500'],
        [{ limit: 501 }, '1 to 500'],
      ] as const) {
        const response = await gql(t.url, NEIGHBORHOOD, { id: DDD, ...variables });
        expect(errorCode(response)).toBe('BAD_USER_INPUT');
        expect(response.errors![0].message).toContain(range);
      }
      expect(errorCode(await gql(t.url, NEIGHBORHOOD, { id: DDD, relationshipTypes: [] }))).toBe('BAD_USER_INPUT');
    });

    it('reads only the properties the selection needs', () => {
      expect(entityPropertiesToRead(['__typename', 'id', 'name'])).toEqual(['id', 'name']);
      expect(entityPropertiesToRead(['title', 'url', 'sources', 'crossReferences']).sort()).toEqual(
        ['curie', 'doi', 'id', 'name', 'pmcid', 'pmid', 'registryId', 'sourceIds', 'url', 'xrefs'].sort(),
      );
      expect(evidencePropertiesToRead(['level'])).toEqual(['id', 'level']);
      expect(evidencePropertiesToRead(['claimId', 'type', 'sources'])).toEqual(['id', 'sourceIds']);
    });

    it('answers every field of every node and claim exactly as the entity and the claim themselves do, in lists too', async () => {
      // Every field of every entity type, taken from the committed schema so a new field is covered
      // too: what the neighbourhood projects must equal what nodes(ids:) reads in full.
      const schema = buildSchema(readFileSync(path.join(__dirname, '../../schema/schema.graphql'), 'utf8'));
      const entity = schema.getType('Entity')!;
      const leafSelection = (type: GraphQLObjectType): string =>
        Object.values(type.getFields())
          .filter((field) => field.args.length === 0)
          .map((field) => {
            const named = getNamedType(field.type);
            if (!isCompositeType(named)) {
              // A field whose type differs across types (Trial.status, RegulatoryStatus.status) needs an alias.
              return conflicting.has(field.name) ? `${type.name}_${field.name}: ${field.name}` : field.name;
            }
            return named instanceof GraphQLObjectType && named.name === 'CrossReference'
              ? `${field.name} { curie prefix localId url primary }`
              : named.name === 'Source'
                ? `${field.name} { id title }`
                : '';
          })
          .join(' ');
      const types = Object.values(schema.getTypeMap()).filter(
        (type): type is GraphQLObjectType =>
          type instanceof GraphQLObjectType && type.getInterfaces().some((i) => i === entity),
      );
      expect(types).toHaveLength(LABELS.length);
      const typesOf = new Map<string, Set<string>>();
      for (const type of types) {
        for (const field of Object.values(type.getFields())) {
          typesOf.set(field.name, (typesOf.get(field.name) ?? new Set()).add(String(field.type)));
        }
      }
      const conflicting = new Set([...typesOf].filter(([, seen]) => seen.size > 1).map(([name]) => name));
      const fragmentOf = new Map(types.map((type) => [type.name, `... on ${type.name} { ${leafSelection(type)} }`]));
      const fragments = [...fragmentOf.values()].join('\n');
      const evidence = leafSelection(schema.getType('Evidence') as GraphQLObjectType);
      const response = await gql<{
        neighborhood: { nodes: Array<{ id: string }>; edges: Array<{ id: string; evidence: Record<string, unknown> }> };
      }>(
        t.url,
        `query ($id: ID!) { neighborhood(id: $id, depth: 2, limit: 300) {
          nodes { __typename ${fragments} }
          edges { id evidence { ${evidence} } }
        } }`,
        { id: DDD },
        asCurator,
      );
      expect(response.errors).toBeUndefined();
      const { nodes, edges } = response.data!.neighborhood;
      expect(new Set(nodes.map((n) => (n as { __typename?: string }).__typename)).size).toBeGreaterThan(5);
      const full = await gql<{ nodes: Array<{ id: string }> }>(
        t.url,
        `query ($ids: [ID!]!) { nodes(ids: $ids) { __typename ${fragments} } }`,
        { ids: nodes.map((n) => n.id) },
        asCurator,
      );
      expect(full.errors).toBeUndefined();
      expect(nodes).toEqual(full.data!.nodes);
      // Claims, against the stored relationship properties.
      const stored = new Map(
        (
          await cypher<{ id: string; props: Record<string, unknown> }>(
            'MATCH ()-[r]->() WHERE r.id IN $ids RETURN r.id AS id, properties(r) AS props',
            { ids: edges.map((e) => e.id) },
          )
        ).map((r) => [r.id, r.props]),
      );
      expect(edges.length).toBeGreaterThan(20);
      for (const edge of edges) {
        const props = stored.get(edge.id)!;
        expect(edge.evidence).toMatchObject({
          claimId: edge.id,
          level: props.level,
          knowledgeLevel: props.knowledgeLevel,
          agentType: props.agentType ?? 'MANUAL_AGENT',
          note: props.note ?? null,
          sourceIds: props.sourceIds,
        });
        expect((edge.evidence.sources as Array<{ id: string }>).map((s) => s.id)).toEqual(props.sourceIds);
      }
      // Lists project the same way: a root page (with a relationship page read ahead in its query)
      // and a relationship page read on its own answer what nodes(ids:) reads in full.
      const [condition, trial] = [fragmentOf.get('Condition'), fragmentOf.get('Trial')];
      const listed = await gql<{
        conditions: { edges: Array<{ node: { id: string; trials: { edges: Array<{ node: { id: string } }> } } }> };
        condition: { trials: { edges: Array<{ node: { id: string }; evidence: Record<string, unknown> }> } };
      }>(
        t.url,
        `query ($id: ID!) {
          conditions(first: 20) { edges { node { __typename ${condition} trials(first: 5) { edges { node { __typename ${trial} } } } } } }
          condition(id: $id) { trials(first: 20) { edges { evidence { ${evidence} } node { __typename ${trial} } } } }
        }`,
        { id: DDD },
        asCurator,
      );
      expect(listed.errors).toBeUndefined();
      const listedNodes = [
        ...listed.data!.conditions.edges.map(({ node: { trials: _nested, ...condition } }) => condition),
        ...listed.data!.conditions.edges.flatMap((e) => e.node.trials.edges.map((edge) => edge.node)),
        ...listed.data!.condition.trials.edges.map((e) => e.node),
      ];
      expect(listedNodes.length).toBeGreaterThan(20);
      const fullListed = await gql<{ nodes: unknown[] }>(
        t.url,
        `query ($ids: [ID!]!) { nodes(ids: $ids) { __typename ${fragments} } }`,
        { ids: listedNodes.map((n) => n.id) },
        asCurator,
      );
      expect(listedNodes).toEqual(fullListed.data!.nodes);
      const studies = new Map(
        (
          await cypher<{ id: string; props: Record<string, unknown> }>(
            'MATCH (:Trial)-[r:STUDIES]->(:Condition {id: $id}) RETURN r.id AS id, properties(r) AS props',
            { id: DDD },
          )
        ).map((r) => [r.id, r.props]),
      );
      for (const { evidence: claim } of listed.data!.condition.trials.edges) {
        const props = studies.get(claim.claimId as string)!;
        expect(claim).toMatchObject({ level: props.level, sourceIds: props.sourceIds, note: props.note ?? null });
      }
    });

    it('answers an unknown id with NOT_FOUND', async () => {
      const response = await gql(t.url, NEIGHBORHOOD, { id: 'condition:no-such-condition' });
      expect(errorCode(response)).toBe('NOT_FOUND');
      expect(response.extensions).toMatchObject({ discgraph: { roundTrips: 1 } });
    });
  });

  describe('paths', () => {
    const paths = async (variables: Record<string, unknown>) => {
      const response = await gql<PathsResult>(t.url, PATHS, variables);
      expect(response.errors).toBeUndefined();
      return response.data!.paths;
    };

    it('explains why adipose tissue is linked to disc hydration, step by step, with cited evidence', async () => {
      const result = await paths({ from: ADIPOSE, to: DISC_HYDRATION, maxLength: 4, first: 5 });
      expect(result.length).toBeGreaterThan(0);
      expect(result.length).toBeLessThanOrEqual(5);
      // Best evidence first: the weakest step's strength, then the product of the steps' strengths.
      for (const [i, path] of result.entries()) {
        const next = result[i + 1];
        if (next !== undefined) {
          expect(path.strength).toBeGreaterThanOrEqual(next.strength);
          if (path.strength === next.strength) {
            expect(path.strengthProduct).toBeGreaterThanOrEqual(next.strengthProduct);
          }
        }
      }
      expect(Math.max(...result.map((p) => p.length))).toBeLessThanOrEqual(4);
      const signatures = new Set<string>();
      for (const path of result) {
        expect(path.steps).toHaveLength(path.length);
        expect(path.nodes).toHaveLength(path.length + 1);
        expect(path.nodes[0].id).toBe(ADIPOSE);
        expect(path.nodes.at(-1)!.id).toBe(DISC_HYDRATION);
        expect(new Set(path.nodes.map((n) => n.id)).size).toBe(path.nodes.length);
        signatures.add(path.steps.map((s) => s.evidence.claimId).join(' '));
        for (const [i, step] of path.steps.entries()) {
          expect(step.from.id).toBe(path.nodes[i].id);
          expect(step.to.id).toBe(path.nodes[i + 1].id);
          if (i > 0) {
            expect(step.from.id).toBe(path.steps[i - 1].to.id);
          }
          expect(step.evidence.sources.length).toBeGreaterThanOrEqual(1);
          for (const source of step.evidence.sources) {
            expect(source.title.length).toBeGreaterThan(0);
          }
          const [claim] = await cypher<{ subject: string; object: string; type: string }>(
            'MATCH (s)-[r {id: $id}]->(o) RETURN s.id AS subject, o.id AS object, type(r) AS type',
            { id: step.evidence.claimId },
          );
          expect(step.type).toBe(claim.type);
          expect(step.evidence.type).toBe(claim.type);
          expect([claim.subject, claim.object].sort()).toEqual([step.from.id, step.to.id].sort());
          expect(step.forward).toBe(claim.subject === step.from.id);
        }
      }
      expect(signatures.size).toBe(result.length);
    });

    it('answers the fields selected on steps and nodes as the entities themselves do', async () => {
      const response = await gql<{
        paths: Array<{
          nodes: Array<{ id: string; name: string }>;
          steps: Array<{ from: { id: string; name: string }; to: { id: string; curie: string | null } }>;
        }>;
      }>(
        t.url,
        `query ($from: ID!, $to: ID!) { paths(from: $from, to: $to, maxLength: 4, first: 5) {
          nodes { id name } steps { from { id name } to { id curie } } } }`,
        { from: ADIPOSE, to: DISC_HYDRATION },
      );
      expect(response.errors).toBeUndefined();
      const steps = response.data!.paths.flatMap((p) => p.steps);
      expect(steps.length).toBeGreaterThan(0);
      const ids = [...new Set(steps.flatMap((s) => [s.from.id, s.to.id]))];
      const full = await gql<{ nodes: Array<{ id: string; name: string; curie: string | null }> }>(
        t.url,
        `query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Entity { name curie } } }`,
        { ids },
      );
      const byId = new Map(full.data!.nodes.map((n) => [n.id, n]));
      for (const step of steps) {
        expect(step.from.name).toBe(byId.get(step.from.id)!.name);
        expect(step.to.curie).toBe(byId.get(step.to.id)!.curie);
      }
      for (const node of response.data!.paths.flatMap((p) => p.nodes)) {
        expect(node.name).toBe(byId.get(node.id)!.name);
      }
      expect([...byId.values()].some((n) => n.curie !== null)).toBe(true);
    });

    it('returns no path longer than maxLength, none when maxLength is below the shortest, and at most first', async () => {
      const [shortest] = await cypher<{ length: number }>(
        'MATCH (a:Entity {id: $from}), (b:Entity {id: $to}) MATCH p = shortestPath((a)-[*..6]-(b)) RETURN length(p) AS length',
        { from: ADIPOSE, to: DISC_HYDRATION },
      );
      const any = await paths({ from: ADIPOSE, to: DISC_HYDRATION, maxLength: 6, first: 20, direction: 'ANY' });
      expect(any.length).toBeGreaterThan(1);
      for (const path of any) {
        expect(path.length).toBeGreaterThanOrEqual(shortest.length);
        expect(path.length).toBeLessThanOrEqual(6);
      }
      expect(
        await paths({ from: ADIPOSE, to: DISC_HYDRATION, maxLength: shortest.length, direction: 'ANY' }),
      ).not.toEqual([]);
      expect(
        await paths({ from: ADIPOSE, to: DISC_HYDRATION, maxLength: shortest.length - 1, direction: 'ANY' }),
      ).toEqual([]);
      const one = await paths({ from: ADIPOSE, to: DISC_HYDRATION, first: 1 });
      expect(one).toHaveLength(1);
    });

    it('follows claims backwards only when asked to: by default every step goes the way reasoning flows', async () => {
      expect(await paths({ from: DISC_HYDRATION, to: ADIPOSE })).toEqual([]);
      const result = await paths({ from: DISC_HYDRATION, to: ADIPOSE, first: 1, direction: 'ANY' });
      expect(result[0].steps.some((s) => !s.forward)).toBe(true);
    });

    it('refuses maxLength and first out of range, and a path from an entity to itself', async () => {
      for (const [variables, range] of [
        [{ maxLength: 0 }, '1 to 6'],
        [{ maxLength: 7 }, '1 to 6'],
        [{ first: 0 }, '1 to 20'],
        [{ first: 21 }, '1 to 20'],
      ] as const) {
        const response = await gql(t.url, PATHS, { from: ADIPOSE, to: DISC_HYDRATION, ...variables });
        expect(errorCode(response)).toBe('BAD_USER_INPUT');
        expect(response.errors![0].message).toContain(range);
      }
      expect(errorCode(await gql(t.url, PATHS, { from: ADIPOSE, to: ADIPOSE }))).toBe('BAD_USER_INPUT');
    });

    it('answers unknown ids with NOT_FOUND', async () => {
      for (const [from, to] of [
        ['mechanism:no-such-mechanism', DISC_HYDRATION],
        [ADIPOSE, 'mechanism:no-such-mechanism'],
      ]) {
        const response = await gql(t.url, PATHS, { from, to });
        expect(errorCode(response)).toBe('NOT_FOUND');
        expect(response.errors![0].message).toContain('mechanism:no-such-mechanism');
      }
    });
  });

  it('describes every type, field and argument for Apollo Sandbox', async () => {
    const response = await gql<any>(
      t.url,
      `{
        __schema { queryType { fields { name description args { name description } } } }
        types: __schema { types { name description fields { name description } } }
      }`,
    );
    expect(response.errors).toBeUndefined();
    const roots = response.data.__schema.queryType.fields.filter((f: any) =>
      ['search', 'neighborhood', 'paths'].includes(f.name),
    );
    expect(roots).toHaveLength(3);
    for (const field of roots) {
      expect(field.description).toBeTruthy();
      for (const arg of field.args) {
        expect([field.name, arg.name, arg.description]).toEqual([field.name, arg.name, expect.any(String)]);
      }
    }
    const names = ['SearchConnection', 'SearchEdge', 'Neighborhood', 'GraphEdge', 'Path', 'PathStep'];
    const types = response.data.types.types.filter((type: any) => names.includes(type.name));
    expect(types).toHaveLength(names.length);
    for (const type of types) {
      expect(type.description).toBeTruthy();
      for (const field of type.fields) {
        expect([type.name, field.name, field.description]).toEqual([type.name, field.name, expect.any(String)]);
      }
    }
  });
});
