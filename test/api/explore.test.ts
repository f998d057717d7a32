// search, neighborhood and paths over real HTTP, against the real Neo4j with the seed graph.
// Expected answers come from independent Cypher on the same database, not from the code under test.
import type { Database } from '../../src/db/database';
import { ensureSeedGraph, gql, openDatabase, startTestServer, type TestServer } from '../support/harness';

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
query Paths($from: ID!, $to: ID!, $maxLength: Int, $first: Int) {
  paths(from: $from, to: $to, maxLength: $maxLength, first: $first) {
    length
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
    t = await startTestServer({}, db);
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
    });

    it('counts all matches, and only when totalCount is selected', async () => {
      const whole = await search({ query: 'disc', first: 100 });
      const counted = await gql<{ search: { totalCount: number } }>(t.url, SEARCH_COUNT, { query: 'disc', first: 2 });
      expect(counted.errors).toBeUndefined();
      expect(counted.data!.search.totalCount).toBe(whole.edges.length);
      expect(counted.extensions).toMatchObject({ discgraph: { roundTrips: 2 } });
      const uncounted = await gql(t.url, SEARCH, { query: 'disc', first: 2 });
      expect(uncounted.extensions).toMatchObject({ discgraph: { roundTrips: 1 } });
      const typed = await gql<{ search: { totalCount: number } }>(t.url, SEARCH_COUNT, {
        query: 'disc',
        types: ['Trial'],
      });
      expect(typed.data!.search.totalCount).toBe(whole.edges.filter((e) => e.node.__typename === 'Trial').length);
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
      const [shortest] = await cypher<{ length: number }>(
        'MATCH (a:Entity {id: $from}), (b:Entity {id: $to}) MATCH p = shortestPath((a)-[*..6]-(b)) RETURN length(p) AS length',
        { from: ADIPOSE, to: DISC_HYDRATION },
      );
      expect(result[0].length).toBe(shortest.length);
      const lengths = result.map((p) => p.length);
      expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
      expect(Math.max(...lengths)).toBeLessThanOrEqual(4);
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

    it('returns every shortest path when first allows, and none longer than maxLength', async () => {
      const [count] = await cypher<{ count: number; length: number }>(
        `MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
         MATCH p = allShortestPaths((a)-[*..6]-(b))
         RETURN count(p) AS count, min(length(p)) AS length`,
        { from: ADIPOSE, to: DISC_HYDRATION },
      );
      const result = await paths({ from: ADIPOSE, to: DISC_HYDRATION, maxLength: 6, first: 20 });
      expect(result.filter((p) => p.length === count.length)).toHaveLength(count.count);
      expect(await paths({ from: ADIPOSE, to: DISC_HYDRATION, maxLength: count.length - 1 })).toEqual([]);
      const one = await paths({ from: ADIPOSE, to: DISC_HYDRATION, first: 1 });
      expect(one).toHaveLength(1);
      expect(one[0].length).toBe(count.length);
    });

    it('follows claims backwards as well as forwards', async () => {
      const result = await paths({ from: DISC_HYDRATION, to: ADIPOSE, first: 1 });
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
