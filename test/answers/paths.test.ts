// Why two entities are linked: `paths` follows each relationship the way reasoning flows unless
// asked otherwise, restricts the kinds in between with `via`, ranks by the evidence of the steps and
// says each path as a sentence. Expected answers come from plain Cypher written here and from the
// relationship definitions themselves, never from the server's query.
import type { Executor } from '../../src/db/database';
import { PATHS_LIMITS } from '../../src/graph/explore/explore.type';
import { EVIDENCE_LEVELS } from '../../src/graph/model';
import { RELATIONSHIPS } from '../../src/graph/relationships';
import { gql, type SeededServer, startSeededServer, type TestServer } from '../support/harness';

const ADIPOSE = 'cell-source:adipose-tissue';
const DDD = 'condition:degenerative-disc-disease';
const DISC_HYDRATION = 'mechanism:disc-hydration';

const PATHS = `
query Paths($from: ID!, $to: ID!, $maxLength: Int, $first: Int, $direction: PathDirection, $via: [EntityType!]) {
  paths(from: $from, to: $to, maxLength: $maxLength, first: $first, direction: $direction, via: $via) {
    length
    strength
    strengthProduct
    explanation
    nodes { __typename id name }
    steps {
      from { __typename id name }
      to { __typename id name }
      type
      forward
      followsFlow
      verb
      phrase
      strength
      evidence { claimId level sources { id title } }
    }
  }
}`;

interface Step {
  from: { __typename: string; id: string; name: string };
  to: { __typename: string; id: string; name: string };
  type: string;
  forward: boolean;
  followsFlow: boolean;
  verb: string;
  phrase: string;
  strength: number;
  evidence: { claimId: string; level: string; sources: Array<{ id: string; title: string }> };
}
interface Path {
  length: number;
  strength: number;
  strengthProduct: number;
  explanation: string;
  nodes: Array<{ __typename: string; id: string; name: string }>;
  steps: Step[];
}

/** The definition a step follows, from its type and the labels of the claim's subject and object. */
function definitionOf(step: Step) {
  const [subject, object] = step.forward ? [step.from, step.to] : [step.to, step.from];
  const matching = RELATIONSHIPS.filter(
    (r) => r.type === step.type && r.from === subject.__typename && r.to === object.__typename,
  );
  expect(matching).toHaveLength(1);
  return matching[0];
}

const followsItsFlow = (step: Step) => step.forward === (definitionOf(step).flow === 'out');
const claimIds = (path: Path) => path.steps.map((s) => s.evidence.claimId).join(' ');

let t: TestServer;
let db: Executor;
let server: SeededServer;
beforeAll(async () => {
  server = await startSeededServer();
  ({ t, db } = server);
});
afterAll(async () => {
  await server.close();
});

async function paths(variables: Record<string, unknown>): Promise<Path[]> {
  const res = await gql<{ paths: Path[] }>(t.url, PATHS, variables);
  expect(res.errors).toBeUndefined();
  return res.data!.paths;
}

interface StoredPath {
  ids: string[];
  labels: string[];
  claims: Array<{ id: string; type: string; subject: string; score: number | null; level: string }>;
}

/** Every simple path of at most `maxLength` claims, any direction, read with plain Cypher. */
const everyPath = (from: string, to: string, maxLength: number) =>
  db.read<StoredPath & Record<string, unknown>>(
    'test.everyPath',
    `MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
     MATCH p = (a)-[*1..${maxLength}]-(b)
     WHERE all(n IN nodes(p)[1..-1] WHERE NOT n:Source)
       AND all(i IN range(0, length(p) - 1) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
     RETURN [n IN nodes(p) | n.id] AS ids, [n IN nodes(p) | [l IN labels(n) WHERE l <> 'Entity'][0]] AS labels,
       [r IN relationships(p) | {id: r.id, type: type(r), subject: startNode(r).id, score: r.score, level: r.level}] AS claims`,
    { from, to },
  );

/** Whether every claim of a stored path is followed the way its definition says reasoning flows. */
const storedFollowsFlow = (path: StoredPath) =>
  path.claims.every((claim, i) => {
    const forward = claim.subject === path.ids[i];
    const [subject, object] = forward ? [path.labels[i], path.labels[i + 1]] : [path.labels[i + 1], path.labels[i]];
    const def = RELATIONSHIPS.find((r) => r.type === claim.type && r.from === subject && r.to === object);
    return def !== undefined && forward === (def.flow === 'out');
  });

/** The documented strength of a claim: its score, else its level's place on the scale. */
const strengthOf = (claim: StoredPath['claims'][number]) =>
  claim.score ??
  (EVIDENCE_LEVELS.length - EVIDENCE_LEVELS.indexOf(claim.level as (typeof EVIDENCE_LEVELS)[number])) /
    EVIDENCE_LEVELS.length;

/** The documented ranking: weakest step, then product, then fewer claims, then entity ids, then claim ids. */
function ranked(stored: StoredPath[]): string[] {
  const compareLists = (x: string[], y: string[]) => {
    for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
      if (x[i] !== y[i]) {
        return x[i] < y[i] ? -1 : 1;
      }
    }
    return x.length - y.length;
  };
  return stored
    .map((path) => {
      const strengths = path.claims.map(strengthOf);
      return {
        path,
        weakest: Math.min(...strengths),
        product: strengths.reduce((x, y) => x * y, 1),
        claimIds: path.claims.map((c) => c.id),
      };
    })
    .sort(
      (x, y) =>
        y.weakest - x.weakest ||
        y.product - x.product ||
        x.claimIds.length - y.claimIds.length ||
        compareLists(x.path.ids, y.path.ids) ||
        compareLists(x.claimIds, y.claimIds),
    )
    .map((x) => x.claimIds.join(' '));
}

describe('paths', () => {
  it('follows every relationship the way reasoning flows by default', async () => {
    const result = await paths({ from: ADIPOSE, to: DDD });
    expect(result.length).toBeGreaterThan(0);
    for (const path of result) {
      expect(path.nodes[0].id).toBe(ADIPOSE);
      expect(path.nodes.at(-1)!.id).toBe(DDD);
      for (const step of path.steps) {
        expect(followsItsFlow(step)).toBe(true);
        expect(step.followsFlow).toBe(true);
        const [claim] = await db.read<{ subject: string; object: string; type: string }>(
          'test.claim',
          'MATCH (s)-[r {id: $id}]->(o) RETURN s.id AS subject, o.id AS object, type(r) AS type',
          { id: step.evidence.claimId },
        );
        expect(step.type).toBe(claim.type);
        expect(step.forward).toBe(claim.subject === step.from.id);
        expect([claim.subject, claim.object].sort()).toEqual([step.from.id, step.to.id].sort());
      }
    }
  });

  it('returns exactly the flowing paths, best evidence first, as the documented ranking orders them', async () => {
    const maxLength = 5;
    const stored = (await everyPath(ADIPOSE, DISC_HYDRATION, maxLength)).filter(storedFollowsFlow);
    expect(stored.length).toBeGreaterThan(1);
    const result = await paths({ from: ADIPOSE, to: DISC_HYDRATION, maxLength, first: PATHS_LIMITS.first.max });
    expect(result.map(claimIds)).toEqual(ranked(stored).slice(0, PATHS_LIMITS.first.max));
    for (const path of result) {
      const strengths = path.steps.map((s) => s.strength);
      expect(path.strength).toBeCloseTo(Math.min(...strengths), 12);
      expect(path.strengthProduct).toBeCloseTo(
        strengths.reduce((x, y) => x * y, 1),
        12,
      );
    }
    for (const step of result.flatMap((p) => p.steps)) {
      const claim = stored.flatMap((p) => p.claims).find((c) => c.id === step.evidence.claimId)!;
      expect(step.strength).toBeCloseTo(strengthOf(claim), 12);
    }
  });

  it('with direction ANY also finds paths against the flow, which the default leaves out', async () => {
    expect(await paths({ from: DDD, to: ADIPOSE })).toEqual([]);
    const backwards = await paths({ from: DDD, to: ADIPOSE, direction: 'ANY' });
    expect(backwards.length).toBeGreaterThan(0);
    expect(backwards.every((path) => path.steps.some((step) => !followsItsFlow(step)))).toBe(true);
    for (const step of backwards.flatMap((p) => p.steps)) {
      expect(step.followsFlow).toBe(followsItsFlow(step));
    }

    const first = PATHS_LIMITS.first.max;
    const directed = new Set((await paths({ from: ADIPOSE, to: DDD, first })).map(claimIds));
    const any = await paths({ from: ADIPOSE, to: DDD, first, direction: 'ANY' });
    const excluded = any.filter((path) => !directed.has(claimIds(path)));
    expect(excluded.length).toBeGreaterThan(0);
    for (const path of excluded) {
      expect(path.steps.some((step) => !step.followsFlow)).toBe(true);
    }
  });

  it('keeps only the paths through the kinds named in via, in that order', async () => {
    const via = ['CellType', 'Mechanism'];
    const result = await paths({ from: ADIPOSE, to: DDD, via, first: PATHS_LIMITS.first.max });
    const stored = (await everyPath(ADIPOSE, DDD, via.length + 1)).filter(
      (path) => storedFollowsFlow(path) && JSON.stringify(path.labels.slice(1, -1)) === JSON.stringify(via),
    );
    expect(stored.length).toBeGreaterThan(0);
    expect(result.map(claimIds).sort()).toEqual(stored.map((p) => p.claims.map((c) => c.id).join(' ')).sort());
    for (const path of result) {
      expect(path.length).toBe(via.length + 1);
      expect(path.nodes.slice(1, -1).map((n) => n.__typename)).toEqual(via);
    }
    // Without via the same pair also has paths through other kinds.
    const unrestricted = await paths({ from: ADIPOSE, to: DDD, first: PATHS_LIMITS.first.max });
    expect(
      unrestricted.some((p) => JSON.stringify(p.nodes.slice(1, -1).map((n) => n.__typename)) !== JSON.stringify(via)),
    ).toBe(true);
  });

  it('says the top path as one sentence made of the verbs of its steps', async () => {
    const [top] = await paths({ from: ADIPOSE, to: DDD, via: ['CellType', 'CellType', 'Mechanism'], first: 1 });
    expect(top.explanation).toBe(
      'Adipose tissue gives rise to adipose-derived mesenchymal stem cell, which is a kind of mesenchymal stem cell, ' +
        'which may act through reduction of inflammation, which may affect degenerative disc disease.',
    );
    expect(top.steps.map((s) => s.phrase)).toEqual([
      'Adipose tissue gives rise to adipose-derived mesenchymal stem cell',
      'Adipose-derived mesenchymal stem cell is a kind of mesenchymal stem cell',
      'Mesenchymal stem cell may act through reduction of inflammation',
      'Reduction of inflammation may affect degenerative disc disease',
    ]);
    // Each verb is its definition's, read in the direction walked.
    for (const step of top.steps) {
      const def = definitionOf(step);
      expect(step.verb).toBe(step.forward ? def.verbs.out : def.verbs.in);
    }
  });

  it('gives every step the claim it follows with its sources, in one database query', async () => {
    const res = await gql<{ paths: Path[] }>(t.url, PATHS, {
      from: ADIPOSE,
      to: DISC_HYDRATION,
      first: PATHS_LIMITS.first.max,
      maxLength: 6,
    });
    expect(res.errors).toBeUndefined();
    const steps = res.data!.paths.flatMap((p) => p.steps);
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) {
      const [claim] = await db.read<{ sourceIds: string[] }>(
        'test.claimSources',
        'MATCH ()-[r {id: $id}]->() RETURN r.sourceIds AS sourceIds',
        { id: step.evidence.claimId },
      );
      expect(step.evidence.sources.length).toBeGreaterThan(0);
      expect(step.evidence.sources.map((s) => s.id)).toEqual(claim.sourceIds);
      for (const source of step.evidence.sources) {
        expect(source.title.length).toBeGreaterThan(0);
      }
    }
    expect((res.extensions?.discgraph as { roundTrips: number }).roundTrips).toBe(1);
  });

  it('refuses a via longer than its bound, or than maxLength allows, before querying', async () => {
    const tooLong = Array.from({ length: PATHS_LIMITS.via.max + 1 }, () => 'CellType');
    const res = await gql(t.url, PATHS, { from: ADIPOSE, to: DDD, via: tooLong, maxLength: 6 });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toContain(`at most ${PATHS_LIMITS.via.max}`);
    expect(res.errors?.[0].extensions?.argumentName).toBe('via');
    expect((res.extensions?.discgraph as { roundTrips: number }).roundTrips).toBe(0);

    const overMaxLength = await gql(t.url, PATHS, {
      from: ADIPOSE,
      to: DDD,
      via: ['CellType', 'CellType'],
      maxLength: 2,
    });
    expect(overMaxLength.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(overMaxLength.errors?.[0].message).toContain('`maxLength`');
  });
});
