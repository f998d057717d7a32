// The README's "Questions the graph answers": each query, taken from the README as written, runs
// against the seed graph, and its answer is checked against the graph read with Cypher written
// here (and against the relationship definitions for the direction of path steps).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Executor } from '../../src/db/database';
import { RELATIONSHIPS } from '../../src/graph/relationships';
import { gql, type SeededServer, startSeededServer, type TestServer } from '../support/harness';

const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
const start = readme.indexOf('## Questions the graph answers');
const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
const operations = new Map(
  [...section.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => [/query (\w+)/.exec(m[1])?.[1] ?? '?', m[1]]),
);

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

async function answer(name: string): Promise<any> {
  const query = operations.get(name);
  expect(query).toBeDefined();
  const res = await gql(t.url, query!);
  expect(res.errors).toBeUndefined();
  return res.data;
}

const column = async (cypher: string, params: Record<string, unknown> = {}) =>
  (await db.read<{ v: any }>('test.questions', cypher, params)).map((r) => r.v);

const descending = (values: number[]) => values.every((v, i) => i === 0 || values[i - 1] >= v);

describe('Questions the graph answers (README)', () => {
  it('has the five questions, in order', () => {
    expect([...operations.keys()]).toEqual([
      'MechanismsOfBoneMarrowMscs',
      'PainAt12MonthsOrLater',
      'WhyAdiposeHelpsDdd',
      'WhereSourcesDisagree',
      'UsRegulatoryStatus',
    ]);
  });

  it('1. gives the mechanisms of bone-marrow MSCs, those stated for MSCs marked inherited', async () => {
    const data = await answer('MechanismsOfBoneMarrowMscs');
    const edges: any[] = data.cellType.mechanisms.edges;
    const ofMsc = await column(
      `MATCH (:CellType {id: 'cell-type:mesenchymal-stem-cell'})-[:CAPABLE_OF]->(m) RETURN m.name AS v ORDER BY v`,
    );
    const own = await column(
      `MATCH (:CellType {id: 'cell-type:bone-marrow-mesenchymal-stem-cell'})-[:CAPABLE_OF]->(m) RETURN m.name AS v ORDER BY v`,
    );
    expect(ofMsc.length).toBeGreaterThan(0);
    const inherited = edges.filter((e) => e.inherited && e.inheritedFrom.name === 'Mesenchymal stem cell');
    expect(inherited.map((e) => e.node.name).sort()).toEqual(ofMsc.filter((name) => !own.includes(name)).sort());
    expect(
      edges
        .filter((e) => !e.inherited)
        .map((e) => e.node.name)
        .sort(),
    ).toEqual(own);
    expect(data.cellType.mechanisms.totalCount).toBe(edges.length);
    for (const edge of edges) {
      expect(edge.evidence.level).toEqual(expect.any(String));
      expect(edge.evidence.sources.length).toBeGreaterThan(0);
      expect(edge.evidence.sources[0].citation).toEqual(expect.any(String));
    }
    expect(descending(edges.map((e) => e.evidence.score.value))).toBe(true);
  });

  it('2. gives the numeric pain outcomes at 12 months or later, strongest evidence first', async () => {
    const data = await answer('PainAt12MonthsOrLater');
    const edges: any[] = data.outcomes.edges;
    const expected = await column(
      `MATCH (c:Condition)-[:SUBCLASS_OF*0..3]->(q:Condition)
       WHERE q.id IN ['condition:discogenic-pain', 'condition:degenerative-disc-disease']
       MATCH (t:Trial)-[:STUDIES]->(c), (t)-[:HAS_OUTCOME]->(o:Outcome {measure: 'PAIN'})
       WHERE o.value IS NOT NULL AND o.timepointMonths >= 12
       RETURN DISTINCT o.name AS v ORDER BY v`,
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(edges.map((e) => e.node.name).sort()).toEqual(expected);
    expect(data.outcomes.totalCount).toBe(expected.length);
    expect(descending(edges.map((e) => e.node.trials.edges[0].evidence.score.value))).toBe(true);
    const byName = new Map(edges.map((e) => [e.node.name, e.node.result]));
    expect(byName.get('VAS pain down 62.8% at 52 weeks with high-dose IDCT')).toMatchObject({
      estimateKind: 'PERCENT_CHANGE',
      estimate: 62.8,
      pValue: 0.0005,
      n: null,
      interval: null,
      timepointMonths: 12,
      notReported: expect.arrayContaining(['INTERVAL', 'SAMPLE_SIZE']),
    });
    expect(byName.get('VAS pain fell from 79.3 to 33.2 at 12 months (Pettine BMAC)')).toMatchObject({
      estimateKind: 'MEAN_SCORE',
      estimate: 33.2,
      baseline: 79.3,
      n: 26,
      notReported: expect.arrayContaining(['INTERVAL', 'P_VALUE']),
    });
    for (const { node } of edges) {
      const missing = ['interval', 'pValue', 'n'].filter((part) => node.result[part] === null);
      const parts: Record<string, string> = { interval: 'INTERVAL', pValue: 'P_VALUE', n: 'SAMPLE_SIZE' };
      expect(node.result.notReported).toEqual(expect.arrayContaining(missing.map((part) => parts[part])));
    }
  });

  it('3. explains why adipose-derived cells might help DDD, every step with its flow and sources', async () => {
    const data = await answer('WhyAdiposeHelpsDdd');
    const paths: any[] = data.paths;
    expect(paths.length).toBeGreaterThan(0);
    const flows = new Map(RELATIONSHIPS.map((def) => [def.type, def.flow]));
    for (const p of paths) {
      expect(p.explanation).toMatch(/^Adipose tissue .+ degenerative disc disease\.$/i);
      for (const step of p.steps) {
        // A claim followed forwards flows out of its subject; one followed backwards flows in.
        expect(step.forward).toBe(flows.get(step.type) === 'out');
        expect(step.evidence.sources.length).toBeGreaterThan(0);
      }
    }
    expect(descending(paths.map((p) => p.strength))).toBe(true);
    expect(paths.some((p) => /may act through/.test(p.explanation))).toBe(true);
  });

  it('4. sets the 40.7% and 53.5% success rates at six months side by side, each with its source', async () => {
    const data = await answer('WhereSourcesDisagree');
    const group = data.evidenceSummary.disagreements.find(
      (d: any) => d.measure === 'SUCCESS_RATE' && d.timepointMonths === 6,
    );
    expect(group).toBeDefined();
    const figures = group.figures.map((f: any) => ({
      estimate: f.outcome.result.estimate,
      kinds: f.evidence.sources.map((s: any) => s.kind),
      level: f.evidence.level,
    }));
    expect(figures).toEqual(
      expect.arrayContaining([
        { estimate: 40.7, kinds: ['CONSUMER_HEALTH_ARTICLE'], level: 'EXPERT_OR_NARRATIVE' },
        { estimate: 53.5, kinds: ['SYSTEMATIC_REVIEW'], level: 'SYSTEMATIC_REVIEW' },
      ]),
    );
  });

  it('5. lists the US statuses: investigational for orthopaedic use, approved only for blood disorders', async () => {
    const data = await answer('UsRegulatoryStatus');
    const nodes: any[] = data.regulatoryStatuses.edges.map((e: any) => e.node);
    const expected = await column(`MATCH (s:RegulatoryStatus {jurisdiction: 'US'}) RETURN s.name AS v ORDER BY v`);
    expect(nodes.map((n) => n.name)).toEqual(expected);
    const byStatus = (status: string) => nodes.filter((n) => n.status === status);
    const investigational = byStatus('INVESTIGATIONAL');
    expect(investigational.length).toBeGreaterThan(0);
    expect(investigational.flatMap((n) => n.conditions.edges.map((e: any) => e.node.name))).toContain('Low back pain');
    const approved = byStatus('APPROVED');
    expect(approved.flatMap((n) => n.conditions.edges.map((e: any) => e.node.name))).toEqual([
      'Blood-forming disorders',
    ]);
    for (const node of nodes) {
      expect(node.authority).toBe('FDA');
      expect(node.sources.length).toBeGreaterThan(0);
    }
  });
});
