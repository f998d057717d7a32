// The dashboard over real HTTP, the real Neo4j and the seed graph. Every aggregate is checked
// against an independently written Cypher query (plain MATCH per trial, counted per value here or
// in JS), never against the implementation's own query; the filters' trial sets are also written
// out by hand, and trialCount must equal the `trials` connection's totalCount.
import type { Database, Executor } from '../../src/db/database';
import { EVIDENCE_LEVELS } from '../../src/graph/model';
import { ensureSeedGraph, gql, openDatabase, resyncCards, startTestServer, type TestServer } from '../support/harness';

const DDD = 'condition:degenerative-disc-disease';
const LBP = 'condition:low-back-pain';
const REXLEMESTROCEL = 'product:rexlemestrocel-l';
const MSC = 'cell-type:mesenchymal-stem-cell';
const PHASE_2_TRIAL = 'trial:nct01290367';
const PAIN_12M = 'outcome:nct01290367-pain-12m';

const AGGREGATES = `
query Aggregates($filter: TrialFilter) {
  trialAggregates(filter: $filter) {
    trialCount
    byPhase { value count }
    byStatus { value count }
    byDesign { value count }
    byEvidenceLevel { value count }
    byCellSource { entity { __typename id name } count }
    byCellType { entity { __typename id name } count }
    byCondition { entity { __typename id name } count }
    enrollment {
      trialsWithEnrollment total median mean min max
      byKind {
        actual { trialCount total }
        planned { trialCount total }
        unstatedKind { trialCount total }
        trialsWithoutEnrollment
      }
    }
    outcomesByMeasure { measure outcomeCount trialCount improvedCount }
  }
}`;

const TOTAL = `query Total($filter: TrialFilter) { trials(filter: $filter, first: 0) { totalCount } }`;

interface ValueCount {
  value: string;
  count: number;
}
interface Subtotal {
  trialCount: number;
  total: number | null;
}
interface EnrollmentByKind {
  actual: Subtotal;
  planned: Subtotal;
  unstatedKind: Subtotal;
  trialsWithoutEnrollment: number;
}
interface EntityCount {
  entity: { __typename: string; id: string; name: string };
  count: number;
}
interface Aggregates {
  trialCount: number;
  byPhase: ValueCount[];
  byStatus: ValueCount[];
  byDesign: ValueCount[];
  byEvidenceLevel: ValueCount[];
  byCellSource: EntityCount[];
  byCellType: EntityCount[];
  byCondition: EntityCount[];
  enrollment: {
    trialsWithEnrollment: number;
    total: number | null;
    median: number | null;
    mean: number | null;
    min: number | null;
    max: number | null;
    byKind: EnrollmentByKind;
  };
  outcomesByMeasure: Array<{ measure: string; outcomeCount: number; trialCount: number; improvedCount: number }>;
}

/**
 * Filters, each with the set of trials it should keep written out by hand in Cypher (no shared
 * code with the filter compiler): which trial ids the dashboard must aggregate over.
 */
const FILTERS: Array<{ name: string; filter: Record<string, unknown> | null; trialIds: string }> = [
  { name: 'no filter', filter: null, trialIds: 'MATCH (t:Trial) RETURN t.id AS id' },
  {
    name: 'conditionIds [degenerative disc disease] (subtypes included)',
    filter: { conditionIds: [DDD] },
    trialIds: `
      MATCH (d:Condition {id: '${DDD}'})
      MATCH (t:Trial)-[:STUDIES]->(c:Condition)
      WHERE c = d OR EXISTS { MATCH (c)-[:SUBCLASS_OF]->(d) }
         OR EXISTS { MATCH (c)-[:SUBCLASS_OF]->(:Condition)-[:SUBCLASS_OF]->(d) }
         OR EXISTS { MATCH (c)-[:SUBCLASS_OF]->(:Condition)-[:SUBCLASS_OF]->(:Condition)-[:SUBCLASS_OF]->(d) }
      RETURN DISTINCT t.id AS id`,
  },
  {
    name: 'a cell type and a cell source (two fields, each reached through a product or alone)',
    filter: { cellTypeIds: ['cell-type:mesenchymal-stem-cell'], cellSourceIds: ['cell-source:bone-marrow'] },
    trialIds: `
      MATCH (msc:CellType {id: 'cell-type:mesenchymal-stem-cell'}), (bm:CellSource {id: 'cell-source:bone-marrow'})
      MATCH (t:Trial)
      WHERE (EXISTS { MATCH (t)-[:TESTS]->(:Product)-[:CONTAINS_CELL_TYPE]->(k:CellType) WHERE k = msc OR EXISTS { MATCH (k)-[:SUBCLASS_OF*1..3]->(msc) } }
          OR EXISTS { MATCH (t)-[:TESTS_CELL_TYPE]->(k:CellType) WHERE k = msc OR EXISTS { MATCH (k)-[:SUBCLASS_OF*1..3]->(msc) } })
        AND (EXISTS { MATCH (t)-[:TESTS]->(:Product)-[:PREPARED_FROM]->(bm) }
          OR EXISTS { MATCH (t)-[:TESTS_CELL_TYPE]->(:CellType)-[:DERIVES_FROM]->(bm) })
      RETURN t.id AS id`,
  },
  {
    name: 'phase [PHASE_2, PHASE_3]',
    filter: { phase: ['PHASE_2', 'PHASE_3'] },
    trialIds: `MATCH (t:Trial) WHERE t.phase = 'PHASE_2' OR t.phase = 'PHASE_3' RETURN t.id AS id`,
  },
  {
    name: 'OR of a cell source, and of completed trials with 50+ patients that are not observational',
    filter: {
      OR: [
        { cellSourceIds: ['cell-source:adipose-tissue'] },
        { AND: [{ status: ['COMPLETED'] }, { enrollment: { min: 50 } }], NOT: { design: ['OBSERVATIONAL_STUDY'] } },
      ],
    },
    trialIds: `
      MATCH (t:Trial)
      OPTIONAL MATCH (t)-[:TESTS]->(:Product)-[:PREPARED_FROM]->(s:CellSource {id: 'cell-source:adipose-tissue'})
      OPTIONAL MATCH (t)-[:TESTS_CELL_TYPE]->(:CellType)-[:DERIVES_FROM]->(d:CellSource {id: 'cell-source:adipose-tissue'})
      WITH t, count(s) + count(d) AS adipose
      WHERE adipose > 0
         OR (t.status = 'COMPLETED' AND t.enrollment >= 50 AND t.design <> 'OBSERVATIONAL_STUDY')
      RETURN t.id AS id`,
  },
];

/** Enrollment summed within each kind group only, from the trials' own records. */
function byKind(records: Array<{ enrollment: number | null; kind: string | null }>, trialCount: number) {
  const subtotal = (keep: (kind: string | null) => boolean): Subtotal => {
    const figures = records.filter((r) => r.enrollment !== null && keep(r.kind)).map((r) => r.enrollment!);
    return { trialCount: figures.length, total: figures.length === 0 ? null : figures.reduce((a, b) => a + b, 0) };
  };
  return {
    actual: subtotal((kind) => kind === 'ACTUAL'),
    planned: subtotal((kind) => kind === 'PLANNED' || kind === 'UP_TO'),
    unstatedKind: subtotal((kind) => !['ACTUAL', 'PLANNED', 'UP_TO'].includes(kind ?? '')),
    trialsWithoutEnrollment: trialCount - records.filter((r) => r.enrollment !== null).length,
  };
}

function median(values: number[]): number | null {
  if (values.length === 0) {
    return null;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Count desc, then the tie-breaker ascending. */
function expectSortedByCount<T extends { count: number }>(items: T[], tieBreak: (item: T) => string): void {
  for (let i = 1; i < items.length; i += 1) {
    const [a, b] = [items[i - 1], items[i]];
    expect(a.count > b.count || (a.count === b.count && tieBreak(a) <= tieBreak(b))).toBe(true);
  }
}

const asMap = (rows: Array<{ key: string; count: number }>) => new Map(rows.map((r) => [r.key, r.count]));
const valueMap = (items: ValueCount[]) => new Map(items.map((i) => [i.value, i.count]));
const entityMap = (items: EntityCount[]) => new Map(items.map((i) => [i.entity.id, i.count]));

describe('dashboard', () => {
  let t: TestServer;
  let database: Database;
  let db: Executor;
  beforeAll(async () => {
    database = openDatabase();
    db = database.executor();
    await ensureSeedGraph(database);
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.close();
    await database.close();
  });

  async function idsOf(cypher: string): Promise<string[]> {
    const rows = await db.read<{ id: string }>('test:trialIds', cypher);
    return rows.map((r) => r.id);
  }

  describe('trialAggregates', () => {
    it('computes only the selected sections, with the same figures as a full selection', async () => {
      const partial = await gql<{ trialAggregates: Pick<Aggregates, 'trialCount' | 'byPhase'> }>(
        t.url,
        `{ trialAggregates { trialCount byPhase { value count } } }`,
      );
      const full = await gql<{ trialAggregates: Aggregates }>(t.url, AGGREGATES, { filter: null });
      expect(partial.errors).toBeUndefined();
      expect(partial.data!.trialAggregates).toEqual({
        trialCount: full.data!.trialAggregates.trialCount,
        byPhase: full.data!.trialAggregates.byPhase,
      });
    });

    it.each(FILTERS)('matches independent Cypher counts: $name', async ({ filter, trialIds }) => {
      const ids = await idsOf(trialIds);
      const response = await gql<{ trialAggregates: Aggregates }>(t.url, AGGREGATES, { filter });
      expect(response.errors).toBeUndefined();
      const agg = response.data!.trialAggregates;
      // One query for the whole card: entities come back with the aggregate, not through loaders.
      expect(response.extensions).toMatchObject({ discgraph: { roundTrips: 1 } });

      const total = await gql<{ trials: { totalCount: number } }>(t.url, TOTAL, { filter });
      expect(total.errors).toBeUndefined();
      expect(ids.length).toBeGreaterThan(0);
      expect(agg.trialCount).toBe(ids.length);
      expect(agg.trialCount).toBe(total.data!.trials.totalCount);

      for (const [field, property] of [
        ['byPhase', 'phase'],
        ['byStatus', 'status'],
        ['byDesign', 'design'],
        ['byEvidenceLevel', 'evidenceLevel'],
      ] as const) {
        const expected = await db.read<{ key: string; count: number }>(
          'test:byValue',
          `MATCH (t:Trial) WHERE t.id IN $ids AND t[$property] IS NOT NULL RETURN t[$property] AS key, count(*) AS count`,
          { ids, property },
        );
        expect(valueMap(agg[field])).toEqual(asMap(expected));
        // A trial that does not state the property (phase and design are optional) is in no entry.
        expect(agg[field].reduce((sum, v) => sum + v.count, 0)).toBe(expected.reduce((sum, v) => sum + v.count, 0));
        expectSortedByCount(agg[field], (v) => v.value);
      }

      const entityQueries = {
        byCellSource: `MATCH (t:Trial)-[:TESTS]->(:Product)-[:PREPARED_FROM]->(e:CellSource)
                       WHERE t.id IN $ids RETURN t.id AS t, e.id AS e
                       UNION
                       MATCH (t:Trial)-[:TESTS_CELL_TYPE]->(:CellType)-[:DERIVES_FROM]->(e:CellSource)`,
        byCellType: `MATCH (t:Trial)-[:TESTS]->(:Product)-[:CONTAINS_CELL_TYPE]->(e:CellType)
                     WHERE t.id IN $ids RETURN t.id AS t, e.id AS e
                     UNION
                     MATCH (t:Trial)-[:TESTS_CELL_TYPE]->(e:CellType)`,
        byCondition: 'MATCH (t:Trial)-[:STUDIES]->(e:Condition)',
      } as const;
      const typenames = { byCellSource: 'CellSource', byCellType: 'CellType', byCondition: 'Condition' } as const;
      for (const [field, match] of Object.entries(entityQueries) as Array<[keyof typeof entityQueries, string]>) {
        const expected = await db.read<{ key: string; count: number }>(
          'test:byEntity',
          `CALL () { ${match} WHERE t.id IN $ids RETURN t.id AS t, e.id AS e }
           RETURN e AS key, count(DISTINCT t) AS count`,
          { ids },
        );
        expect(entityMap(agg[field])).toEqual(asMap(expected));
        expect(agg[field].every((item) => item.entity.__typename === typenames[field])).toBe(true);
        expectSortedByCount(agg[field], (v) => v.entity.name);
      }

      const records = await db.read<{ enrollment: number | null; kind: string | null }>(
        'test:enrollments',
        'MATCH (t:Trial) WHERE t.id IN $ids RETURN t.enrollment AS enrollment, t.enrollmentKind AS kind',
        { ids },
      );
      const enrollments = records.filter((r) => r.enrollment !== null).map((r) => r.enrollment!);
      expect(agg.enrollment.byKind).toEqual(byKind(records, ids.length));
      const sum = enrollments.reduce((a, b) => a + b, 0);
      expect(agg.enrollment.trialsWithEnrollment).toBe(enrollments.length);
      expect(agg.enrollment.total).toBe(enrollments.length === 0 ? null : sum);
      expect(agg.enrollment.median).toBe(median(enrollments));
      expect(agg.enrollment.min).toBe(enrollments.length === 0 ? null : Math.min(...enrollments));
      expect(agg.enrollment.max).toBe(enrollments.length === 0 ? null : Math.max(...enrollments));
      if (enrollments.length > 0) {
        expect(agg.enrollment.mean).toBeCloseTo(sum / enrollments.length, 9);
      }

      const outcomeRows = await db.read<{ trial: string; outcome: string; measure: string; direction: string }>(
        'test:outcomes',
        `MATCH (t:Trial)-[:HAS_OUTCOME]->(o:Outcome) WHERE t.id IN $ids
         RETURN t.id AS trial, o.id AS outcome, o.measure AS measure, o.direction AS direction`,
        { ids },
      );
      const byMeasure = new Map<string, { outcomes: Set<string>; trials: Set<string>; improved: Set<string> }>();
      for (const row of outcomeRows) {
        const entry = byMeasure.get(row.measure) ?? { outcomes: new Set(), trials: new Set(), improved: new Set() };
        entry.outcomes.add(row.outcome);
        entry.trials.add(row.trial);
        if (row.direction === 'IMPROVED') {
          entry.improved.add(row.outcome);
        }
        byMeasure.set(row.measure, entry);
      }
      expect(new Map(agg.outcomesByMeasure.map((m) => [m.measure, m]))).toEqual(
        new Map(
          [...byMeasure].map(([measure, e]) => [
            measure,
            { measure, outcomeCount: e.outcomes.size, trialCount: e.trials.size, improvedCount: e.improved.size },
          ]),
        ),
      );
      expectSortedByCount(
        agg.outcomesByMeasure.map((m) => ({ ...m, count: m.outcomeCount })),
        (m) => m.measure,
      );
    });

    it('the filters are not vacuous: each keeps a different, proper subset of the trials', async () => {
      const sets = await Promise.all(FILTERS.map((f) => idsOf(f.trialIds)));
      const all = sets[0].length;
      for (const ids of sets.slice(1)) {
        expect(ids.length).toBeGreaterThan(0);
        expect(ids.length).toBeLessThan(all);
      }
      expect(new Set(sets.map((ids) => [...ids].sort().join(','))).size).toBe(sets.length);
      expect(sets[1]).toContain(PHASE_2_TRIAL);
    });

    it('answers a filter that keeps nothing with zeros, empty lists and null statistics', async () => {
      const response = await gql<{ trialAggregates: Aggregates }>(t.url, AGGREGATES, {
        filter: { ids: ['trial:no-such-trial'] },
      });
      expect(response.errors).toBeUndefined();
      expect(response.data!.trialAggregates).toEqual({
        trialCount: 0,
        byPhase: [],
        byStatus: [],
        byDesign: [],
        byEvidenceLevel: [],
        byCellSource: [],
        byCellType: [],
        byCondition: [],
        enrollment: {
          trialsWithEnrollment: 0,
          total: null,
          median: null,
          mean: null,
          min: null,
          max: null,
          byKind: {
            actual: { trialCount: 0, total: null },
            planned: { trialCount: 0, total: null },
            unstatedKind: { trialCount: 0, total: null },
            trialsWithoutEnrollment: 0,
          },
        },
        outcomesByMeasure: [],
      });
    });

    it('refuses a bad filter with BAD_USER_INPUT, as the trials connection does', async () => {
      const response = await gql(t.url, AGGREGATES, { filter: { enrollment: { min: 100, max: 10 } } });
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('evidenceSummary', () => {
    const SUMMARY = `
    query Summary($conditionId: ID!, $interventionId: ID) {
      evidenceSummary(conditionId: $conditionId, interventionId: $interventionId) {
        condition { id name }
        intervention { __typename id }
        trialCount
        trials { id evidenceLevel enrollment }
        trialsByEvidenceLevel { level trialCount }
        claimCount
        claimsByEvidenceLevel { level claimCount }
        bestOutcomes {
          outcome { id direction timepointMonths }
          trial { id evidenceLevel }
          evidence { claimId type level sources { id } }
        }
        riskCount
        risks { risk { id severity } evidenceCount inherited statements { scope evidence { claimId type level } } }
        regulatoryStatusCount
        regulatoryStatuses { status { id } evidenceCount inherited statements { scope evidence { claimId type } } }
        evidenceLevels { level count }
      }
    }`;

    interface Summary {
      condition: { id: string; name: string };
      intervention: { __typename: string; id: string } | null;
      trialCount: number;
      trials: Array<{ id: string; evidenceLevel: string; enrollment: number | null }>;
      bestOutcomes: Array<{
        outcome: { id: string; direction: string; timepointMonths: number | null };
        trial: { id: string; evidenceLevel: string };
        evidence: { claimId: string; type: string; level: string; sources: Array<{ id: string }> };
      }>;
      trialsByEvidenceLevel: Array<{ level: string; trialCount: number }>;
      claimCount: number;
      claimsByEvidenceLevel: Array<{ level: string; claimCount: number }>;
      riskCount: number;
      risks: Array<{
        risk: { id: string; severity: string };
        evidenceCount: number;
        inherited: boolean;
        statements: Array<{ scope: string; evidence: { claimId: string; type: string } }>;
      }>;
      regulatoryStatusCount: number;
      regulatoryStatuses: Array<{
        status: { id: string };
        evidenceCount: number;
        inherited: boolean;
        statements: Array<{ scope: string; evidence: { claimId: string; type: string } }>;
      }>;
      /** Deprecated: the claims of claimsByEvidenceLevel, kept for old clients. */
      evidenceLevels: Array<{ level: string; count: number }>;
    }

    const rank = (level: string) => EVIDENCE_LEVELS.indexOf(level as (typeof EVIDENCE_LEVELS)[number]);

    /** Trials studying the condition or a subtype, written as a plain variable-length MATCH. */
    async function conditionTrialIds(conditionId: string, productWhere = 'true'): Promise<string[]> {
      const rows = await db.read<{ id: string }>(
        'test:summaryTrials',
        `MATCH (t:Trial)-[:STUDIES]->(sub:Condition)-[:SUBCLASS_OF*0..3]->(c:Condition {id: $conditionId})
         WHERE ${productWhere}
         RETURN DISTINCT t.id AS id`,
        { conditionId },
      );
      return rows.map((r) => r.id);
    }

    /** Per level, the STUDIES claims to the condition (or a subtype) and the HAS_OUTCOME claims of `ids`. */
    async function levelSpread(conditionId: string, ids: string[]): Promise<Map<string, number>> {
      const rows = await db.read<{ level: string; claim: string }>(
        'test:levelSpread',
        `MATCH (t:Trial)-[r:STUDIES]->(sub:Condition) WHERE t.id IN $ids
           AND EXISTS { MATCH (sub)-[:SUBCLASS_OF*0..3]->(:Condition {id: $conditionId}) }
         RETURN r.level AS level, r.id AS claim
         UNION
         MATCH (t:Trial)-[r:HAS_OUTCOME]->(:Outcome) WHERE t.id IN $ids
         RETURN r.level AS level, r.id AS claim`,
        { ids, conditionId },
      );
      const spread = new Map<string, number>(EVIDENCE_LEVELS.map((l) => [l, 0]));
      for (const row of rows) {
        spread.set(row.level, (spread.get(row.level) ?? 0) + 1);
      }
      return spread;
    }

    /** Trials one level each (adding up to trialCount), and the claims apart, as levelSpread counts them. */
    function expectLevelCounts(card: Summary, claims: Map<string, number>): void {
      expect(card.trialsByEvidenceLevel.map((e) => e.level)).toEqual([...EVIDENCE_LEVELS]);
      expect(card.trialsByEvidenceLevel.reduce((sum, e) => sum + e.trialCount, 0)).toBe(card.trialCount);
      expect(card.claimsByEvidenceLevel.map((e) => e.level)).toEqual([...EVIDENCE_LEVELS]);
      expect(new Map(card.claimsByEvidenceLevel.map((e) => [e.level, e.claimCount]))).toEqual(claims);
      expect(card.claimCount).toBe([...claims.values()].reduce((a, b) => a + b, 0));
      // The deprecated field still answers, with the claims' spread.
      expect(card.evidenceLevels).toEqual(
        card.claimsByEvidenceLevel.map((e) => ({ level: e.level, count: e.claimCount })),
      );
    }

    function expectTrialOrder(trials: Summary['trials']): void {
      for (let i = 1; i < trials.length; i += 1) {
        const [a, b] = [trials[i - 1], trials[i]];
        const byLevel = rank(a.evidenceLevel) - rank(b.evidenceLevel);
        const byEnrollment = (b.enrollment ?? -1) - (a.enrollment ?? -1);
        expect(byLevel < 0 || (byLevel === 0 && (byEnrollment < 0 || (byEnrollment === 0 && a.id < b.id)))).toBe(true);
      }
    }

    it('summarises degenerative disc disease with rexlemestrocel-L', async () => {
      const response = await gql<{ evidenceSummary: Summary }>(t.url, SUMMARY, {
        conditionId: DDD,
        interventionId: REXLEMESTROCEL,
      });
      expect(response.errors).toBeUndefined();
      // The card reads the sources its claims cite in its own query.
      expect(response.extensions).toMatchObject({ discgraph: { roundTrips: 1 } });
      const card = response.data!.evidenceSummary;
      expect(card.condition.id).toBe(DDD);
      expect(card.intervention).toEqual({ __typename: 'Product', id: REXLEMESTROCEL });

      const expected = await conditionTrialIds(
        DDD,
        `EXISTS { MATCH (t)-[:TESTS]->(:Product {id: '${REXLEMESTROCEL}'}) }`,
      );
      expect(card.trialCount).toBe(expected.length);
      expect(card.trials.map((trial) => trial.id).sort()).toEqual([...expected].sort());
      expect(card.trials.map((trial) => trial.id)).toContain(PHASE_2_TRIAL);
      expectTrialOrder(card.trials);
      // The same trials the list gives for the equivalent filter.
      const list = await gql<{ trials: { totalCount: number } }>(t.url, TOTAL, {
        filter: { conditionIds: [DDD], productIds: [REXLEMESTROCEL] },
      });
      expect(list.data!.trials.totalCount).toBe(card.trialCount);

      const pain = card.bestOutcomes.find((item) => item.outcome.id === PAIN_12M);
      expect(pain).toBeDefined();
      expect(pain!.trial.id).toBe(PHASE_2_TRIAL);
      const [claim] = await db.read<{ id: string; level: string; sourceIds: string[] }>(
        'test:painClaim',
        `MATCH (:Trial {id: $trial})-[r:HAS_OUTCOME]->(:Outcome {id: $outcome})
         RETURN r.id AS id, r.level AS level, r.sourceIds AS sourceIds`,
        { trial: PHASE_2_TRIAL, outcome: PAIN_12M },
      );
      expect(pain!.evidence).toMatchObject({ claimId: claim.id, type: 'HAS_OUTCOME', level: claim.level });
      expect(pain!.evidence.sources.map((s) => s.id).sort()).toEqual([...claim.sourceIds].sort());
      expect(card.bestOutcomes.length).toBeLessThanOrEqual(10);
      expect(card.bestOutcomes.every((item) => expected.includes(item.trial.id))).toBe(true);
      const improved = card.bestOutcomes.map((item) => item.outcome.direction === 'IMPROVED');
      expect(improved).toEqual([...improved].sort((a, b) => Number(b) - Number(a)));

      const immune = card.risks.find((item) => item.risk.id === 'risk:immune-reaction');
      expect(immune).toBeDefined();
      // Reached through the product's cell type's parent type (bone marrow MSC → MSC): inherited.
      expect(immune!.statements).toContainEqual({
        scope: 'INHERITED',
        evidence: expect.objectContaining({ claimId: 'claim:mesenchymal-stem-cell-has-adverse-event-immune-reaction' }),
      });
      expect(card.risks[0].risk.severity).toBe('SERIOUS');

      expect(card.regulatoryStatuses.map((s) => s.status.id)).toEqual(
        expect.arrayContaining([
          'regulatory-status:rexlemestrocel-l-rmat-designation',
          'regulatory-status:us-investigational-orthopedic',
        ]),
      );

      expectLevelCounts(card, await levelSpread(DDD, expected));
    });

    it('reads the risks and statuses of the card from the graph, as an independent query finds them', async () => {
      const response = await gql<{ evidenceSummary: Summary }>(t.url, SUMMARY, {
        conditionId: DDD,
        interventionId: REXLEMESTROCEL,
      });
      const card = response.data!.evidenceSummary;
      const trialIds = card.trials.map((trial) => trial.id);
      const risks = await db.read<{ id: string }>(
        'test:risks',
        `MATCH (p:Product {id: $product})-[:HAS_ADVERSE_EVENT]->(r:Risk) RETURN r.id AS id
         UNION
         MATCH (p:Product {id: $product})-[:CONTAINS_CELL_TYPE]->(:CellType)-[:SUBCLASS_OF*0..3]->(:CellType)
               -[:HAS_ADVERSE_EVENT]->(r:Risk) RETURN r.id AS id
         UNION
         MATCH (t:Trial)-[:REPORTED_ADVERSE_EVENT]->(r:Risk) WHERE t.id IN $trialIds RETURN r.id AS id`,
        { product: REXLEMESTROCEL, trialIds },
      );
      expect(card.risks.map((r) => r.risk.id).sort()).toEqual(risks.map((r) => r.id).sort());
      // The seed's card is small enough to list everything: the counts equal the lists.
      expect(card.riskCount).toBe(card.risks.length);
      for (const item of [...card.risks, ...card.regulatoryStatuses]) {
        expect(item.statements.length).toBeGreaterThan(0);
        expect(item.evidenceCount).toBe(item.statements.length);
        expect(item.inherited).toBe(item.statements.every((s) => s.scope === 'INHERITED'));
      }
      const statuses = await db.read<{ id: string }>(
        'test:statuses',
        `MATCH (p:Product {id: $product})-[:HAS_REGULATORY_STATUS]->(s:RegulatoryStatus) RETURN s.id AS id
         UNION
         MATCH (p:Product {id: $product})-[:CONTAINS_CELL_TYPE]->(:CellType)-[:SUBCLASS_OF*0..3]->(:CellType)
               -[:HAS_REGULATORY_STATUS]->(s) RETURN s.id AS id
         UNION
         MATCH (c:Condition {id: $condition})-[:SUBCLASS_OF*0..3]-(related:Condition)<-[:APPLIES_TO_CONDITION]-(s)
         WHERE EXISTS { MATCH (c)-[:SUBCLASS_OF*0..3]->(related) } OR EXISTS { MATCH (related)-[:SUBCLASS_OF*0..3]->(c) }
         RETURN s.id AS id`,
        { product: REXLEMESTROCEL, condition: DDD },
      );
      expect(card.regulatoryStatuses.map((s) => s.status.id).sort()).toEqual(statuses.map((s) => s.id).sort());
      expect(card.regulatoryStatusCount).toBe(card.regulatoryStatuses.length);
    });

    it('summarises low back pain alone, with trials of its subtypes and without an intervention', async () => {
      const response = await gql<{ evidenceSummary: Summary }>(t.url, SUMMARY, { conditionId: LBP });
      expect(response.errors).toBeUndefined();
      const card = response.data!.evidenceSummary;
      expect(card.condition.id).toBe(LBP);
      expect(card.intervention).toBeNull();
      const expected = await conditionTrialIds(LBP);
      const list = await gql<{ trials: { totalCount: number } }>(t.url, TOTAL, { filter: { conditionIds: [LBP] } });
      expect(card.trialCount).toBe(expected.length);
      expect(card.trialCount).toBe(list.data!.trials.totalCount);
      expect(card.trials).toHaveLength(Math.min(expected.length, 20));
      expect(card.trials.every((trial) => expected.includes(trial.id))).toBe(true);
      expectTrialOrder(card.trials);
      // Trials filed only under a subtype count too.
      const subtypeOnly = await db.read<{ id: string }>(
        'test:subtypeTrials',
        `MATCH (t:Trial)-[:STUDIES]->(:Condition)-[:SUBCLASS_OF*1..3]->(:Condition {id: $condition})
         WHERE NOT EXISTS { MATCH (t)-[:STUDIES]->(:Condition {id: $condition}) }
         RETURN DISTINCT t.id AS id`,
        { condition: LBP },
      );
      expect(subtypeOnly.length).toBeGreaterThan(0);
      expect(card.trials.map((trial) => trial.id)).toEqual(expect.arrayContaining(subtypeOnly.map((r) => r.id)));
      expect(card.regulatoryStatuses.map((s) => s.status.id)).toEqual(
        expect.arrayContaining([
          'regulatory-status:us-clinic-offered-not-approved',
          'regulatory-status:rexlemestrocel-l-rmat-designation',
        ]),
      );
      expectLevelCounts(card, await levelSpread(LBP, expected));
      // Only trial-reported risks without an intervention.
      expect(
        card.risks.every((r) =>
          r.statements.every((s) => s.scope === 'TRIAL' && s.evidence.type === 'REPORTED_ADVERSE_EVENT'),
        ),
      ).toBe(true);
    });

    it('takes a cell type as the intervention: products containing it or a subtype of it', async () => {
      const response = await gql<{ evidenceSummary: Summary }>(t.url, SUMMARY, {
        conditionId: DDD,
        interventionId: MSC,
      });
      expect(response.errors).toBeUndefined();
      const card = response.data!.evidenceSummary;
      expect(card.intervention).toEqual({ __typename: 'CellType', id: MSC });
      const list = await gql<{ trials: { totalCount: number } }>(t.url, TOTAL, {
        filter: { conditionIds: [DDD], cellTypeIds: [MSC] },
      });
      expect(card.trialCount).toBe(list.data!.trials.totalCount);
      expect(card.trials.map((trial) => trial.id)).toContain(PHASE_2_TRIAL);
      expect(card.risks.map((r) => r.risk.id)).toContain('risk:immune-reaction');
    });

    describe('with more matching trials than the card lists', () => {
      const PREFIX = 'test-dashboard-cap';
      const CONDITION = `condition:${PREFIX}`;
      // 23 trials over three levels, some without enrollment, so the cap, the level order, the
      // enrollment order (unknown last) and the id tie-break all decide who is listed.
      const LEVELS = ['CASE_REPORT', 'RANDOMISED_CONTROLLED_TRIAL', 'OBSERVATIONAL_STUDY'];
      const TRIALS = Array.from({ length: 23 }, (_, i) => ({
        id: `trial:${PREFIX}-${String(i).padStart(2, '0')}`,
        level: LEVELS[i % 3],
        enrollment: i % 4 === 0 ? null : (i * 7) % 50,
      }));
      const cleanUp = async () => {
        await db.write(
          'test:cleanUp',
          `MATCH (n:Entity) WHERE n.id STARTS WITH $trial OR n.id = $condition DETACH DELETE n`,
          { trial: `trial:${PREFIX}-`, condition: CONDITION },
        );
        await resyncCards(db);
      };
      beforeAll(async () => {
        await cleanUp();
        await db.write(
          'test:createCap',
          `CREATE (c:Entity:Condition {id: $condition, name: 'Dashboard cap test condition', category: 'DISEASE',
                                       sourceIds: [], version: 1})
           WITH c
           UNWIND $trials AS row
           CREATE (t:Entity:Trial {id: row.id, name: row.id, phase: 'NOT_APPLICABLE', design: 'CASE_SERIES',
                                   evidenceLevel: row.level, status: 'COMPLETED', enrollment: row.enrollment,
                                   sourceIds: [], version: 1})
           CREATE (t)-[:STUDIES {id: 'claim:' + substring(row.id, 6) + '-studies', level: row.level,
                                 knowledgeLevel: 'OBSERVATION', agentType: 'MANUAL_AGENT', sourceIds: []}]->(c)`,
          { condition: CONDITION, trials: TRIALS },
        );
        await resyncCards(db);
      });
      afterAll(async () => {
        await cleanUp();
      });

      it('lists the 20 strongest, largest first, and counts them all', async () => {
        const response = await gql<{ evidenceSummary: Summary }>(t.url, SUMMARY, { conditionId: CONDITION });
        expect(response.errors).toBeUndefined();
        const card = response.data!.evidenceSummary;
        expect(card.trialCount).toBe(TRIALS.length);
        const expected = [...TRIALS]
          .sort(
            (a, b) =>
              rank(a.level) - rank(b.level) ||
              (b.enrollment ?? -1) - (a.enrollment ?? -1) ||
              (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
          )
          .slice(0, 20)
          .map((trial) => trial.id);
        expect(card.trials.map((trial) => trial.id)).toEqual(expected);
        expectTrialOrder(card.trials);
        expect(card.bestOutcomes).toEqual([]);
        // One STUDIES claim per trial, at the trial's level: here the two counts agree.
        const perLevel = EVIDENCE_LEVELS.filter((l) => LEVELS.includes(l)).map((level) => ({
          level,
          count: TRIALS.filter((trial) => trial.level === level).length,
        }));
        expect(card.trialsByEvidenceLevel.filter((e) => e.trialCount > 0)).toEqual(
          perLevel.map(({ level, count }) => ({ level, trialCount: count })),
        );
        expect(card.claimsByEvidenceLevel.filter((e) => e.claimCount > 0)).toEqual(
          perLevel.map(({ level, count }) => ({ level, claimCount: count })),
        );
      });
    });

    it.each([
      ['an unknown condition', { conditionId: 'condition:no-such-condition' }, 'NOT_FOUND', /condition:no-such/],
      [
        'an unknown intervention',
        { conditionId: DDD, interventionId: 'product:no-such-product' },
        'NOT_FOUND',
        /product:no-such-product/,
      ],
      [
        'a Risk as the intervention',
        { conditionId: DDD, interventionId: 'risk:immune-reaction' },
        'BAD_USER_INPUT',
        /Product or a CellType/,
      ],
      ['a Product as the condition', { conditionId: REXLEMESTROCEL }, 'BAD_USER_INPUT', /not a Condition/],
    ])('refuses %s', async (_, variables, code, message) => {
      const response = await gql(t.url, SUMMARY, variables);
      expect(response.data).toBeNull();
      expect(response.errors).toHaveLength(1);
      expect(response.errors![0].extensions?.code).toBe(code);
      expect(response.errors![0].message).toMatch(message);
    });
  });
});
