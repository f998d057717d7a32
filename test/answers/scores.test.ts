// Stored evidence scores never differ from a from-scratch computation, after every kind of write:
// the seed load, curation (a new claim, a changed source, a changed outcome), and importGraph. The
// from-scratch side reads each claim's inputs with its own Cypher, written here.
import type { Executor } from '../../src/db/database';
import { computeScore, type ScoreInputs } from '../../src/graph/evidence/score';
import { IMPORT, startSuite, type Suite, suiteSource } from '../curation/support';

// name: test.scoresFromScratch — every claim, its level, its sources' kinds and years, and the n
// of an outcome end or the actual enrolment of a trial end.
const FROM_SCRATCH = `
MATCH (a:Entity)-[r]->(b:Entity)
OPTIONAL MATCH (s:Source) WHERE s.id IN r.sourceIds
WITH a, r, b, collect(CASE WHEN s IS NULL THEN null ELSE {kind: s.kind, year: s.year} END) AS sources
RETURN r.id AS id, r.level AS level, sources, r.score AS stored,
  [r.scoreLevel, r.scoreSourceKind, r.scoreSampleSize, r.scoreAgreement, r.scoreRecency] AS parts,
  CASE
    WHEN 'Outcome' IN labels(b) THEN b.sampleSize
    WHEN 'Outcome' IN labels(a) THEN a.sampleSize
    WHEN 'Trial' IN labels(a) AND a.enrollmentKind = 'ACTUAL' THEN a.enrollment
    WHEN 'Trial' IN labels(b) AND b.enrollmentKind = 'ACTUAL' THEN b.enrollment
  END AS n`;

type Row = {
  id: string;
  level: ScoreInputs['level'];
  sources: ScoreInputs['sources'];
  stored: number | null;
  parts: Array<number | null>;
  n: number | null;
};

async function mismatches(db: Executor): Promise<Array<{ id: string; stored: unknown; expected: unknown }>> {
  const rows = await db.read<Row>('test.scoresFromScratch', FROM_SCRATCH);
  expect(rows.length).toBeGreaterThan(100);
  return rows.flatMap((row) => {
    const score = computeScore({ level: row.level, sources: row.sources, sampleSize: row.n ?? null });
    const expected = [
      score.value,
      score.parts.level.value,
      score.parts.sourceKind.value,
      score.parts.sampleSize.value,
      score.parts.agreement.value,
      score.parts.recency.value,
    ];
    const stored = [row.stored, ...row.parts];
    return JSON.stringify(stored) === JSON.stringify(expected) ? [] : [{ id: row.id, stored, expected }];
  });
}

let s: Suite;
beforeAll(async () => {
  s = await startSuite('scores');
});
afterAll(async () => {
  await s.close();
});

const CREATE_TRIAL = `mutation($input: CreateTrialInput!) { createTrial(input: $input) { id } }`;
const CREATE_OUTCOME = `mutation($input: CreateOutcomeInput!) { createOutcome(input: $input) { id } }`;
const UPDATE_OUTCOME = `mutation($input: UpdateOutcomeInput!) { updateOutcome(input: $input) { id version } }`;
const UPDATE_SOURCE = `mutation($input: UpdateSourceInput!) { updateSource(input: $input) { id version } }`;
const LINK_OUTCOME = `mutation($input: LinkInput!) { linkTrialOutcome(input: $input) {
  id evidence { level score { value parts { sampleSize { value input } agreement { value input } recency { value input } } } } } }`;
const VERSION = `query($id: ID!) { node(id: $id) { ... on Entity { version } } }`;

describe('stored evidence scores', () => {
  it('match a from-scratch computation after the seed load', async () => {
    expect(await mismatches(s.db)).toEqual([]);
  });

  it('match after curation: a new claim, then a changed source and a changed outcome', async () => {
    const trial = `trial:${s.prefix}-trial`;
    const outcome = `outcome:${s.prefix}-outcome`;
    const created = await s.as('curator')(CREATE_TRIAL, {
      input: {
        id: trial,
        name: `${s.prefix} trial`,
        sourceIds: [s.sourceId],
        evidenceLevel: 'NON_RANDOMISED_TRIAL',
        status: 'COMPLETED',
        enrollment: 40,
        enrollmentKind: 'ACTUAL',
      },
    });
    expect(created.errors).toBeUndefined();
    const made = await s.as('curator')(CREATE_OUTCOME, {
      input: {
        id: outcome,
        name: `${s.prefix} outcome`,
        sourceIds: [s.sourceId],
        measure: 'MOBILITY',
        direction: 'IMPROVED',
        sampleSize: 40,
        notReported: ['ESTIMATE', 'INTERVAL', 'P_VALUE', 'COMPARATOR', 'TIMEPOINT'],
      },
    });
    expect(made.errors).toBeUndefined();
    const linked = await s.as('curator')(LINK_OUTCOME, {
      input: {
        subjectId: trial,
        objectId: outcome,
        sourceIds: [s.sourceId],
        level: 'NON_RANDOMISED_TRIAL',
        knowledgeLevel: 'OBSERVATION',
      },
    });
    expect(linked.errors).toBeUndefined();
    const parts = linked.data!.linkTrialOutcome.evidence.score.parts;
    expect(parts.sampleSize).toEqual({ value: expect.any(Number), input: 'n = 40' });
    expect(parts.recency.input).toBe('newest source 2024');
    expect(await mismatches(s.db)).toEqual([]);

    const sourceVersion = (await s.as('curator')(VERSION, { id: s.sourceId })).data!.node.version;
    const source = await s.as('curator')(UPDATE_SOURCE, {
      input: { id: s.sourceId, expectedVersion: sourceVersion, year: 2010 },
    });
    expect(source.errors).toBeUndefined();
    const outcomeVersion = (await s.as('curator')(VERSION, { id: outcome })).data!.node.version;
    const changed = await s.as('curator')(UPDATE_OUTCOME, {
      input: { id: outcome, expectedVersion: outcomeVersion, sampleSize: 400 },
    });
    expect(changed.errors).toBeUndefined();
    expect(await mismatches(s.db)).toEqual([]);
    const [claim] = await s.db.read<{ inputs: string[] }>(
      'test.claimScoreInputs',
      'MATCH (:Trial {id: $trial})-[r:HAS_OUTCOME]->() RETURN r.scoreInputs AS inputs',
      { trial },
    );
    expect(claim.inputs).toEqual(expect.arrayContaining(['n = 400', 'newest source 2010']));
  });

  it('match after importGraph', async () => {
    const a = `condition:${s.prefix}-imported-a`;
    const b = `condition:${s.prefix}-imported-b`;
    const res = await s.as('admin')(IMPORT, {
      documents: [
        {
          // The suite's source again, with another year: the claims citing it change score.
          kind: 'Source',
          records: [suiteSource(s, 2015)],
        },
        {
          kind: 'Condition',
          records: [
            { id: a, name: `${s.prefix} a`, category: 'DISEASE', sources: [s.sourceId] },
            { id: b, name: `${s.prefix} b`, category: 'DISEASE', sources: [s.sourceId] },
          ],
        },
        {
          kind: 'Claim',
          records: [
            {
              id: `claim:${s.prefix}-imported`,
              type: 'CONTRIBUTES_TO',
              subject: a,
              object: b,
              level: 'OBSERVATIONAL_STUDY',
              knowledgeLevel: 'OBSERVATION',
              sources: [s.sourceId],
            },
          ],
        },
      ],
    });
    expect(res.errors).toBeUndefined();
    expect(await mismatches(s.db)).toEqual([]);
    const [claim] = await s.db.read<{ inputs: string[] }>(
      'test.claimScoreInputs',
      'MATCH (:Trial {id: $trial})-[r:HAS_OUTCOME]->() RETURN r.scoreInputs AS inputs',
      { trial: `trial:${s.prefix}-trial` },
    );
    expect(claim.inputs).toContain('newest source 2015');
  });

  it('refuses a claim stronger than its sources, naming the field', async () => {
    const res = await s.as('curator')(LINK_OUTCOME, {
      input: {
        subjectId: 'trial:article-2022-review',
        objectId: 'outcome:article-2022-review-function',
        id: `claim:${s.prefix}-overstated`,
        sourceIds: ['source:article-stem-cell-therapy-lbp'],
        level: 'SYSTEMATIC_REVIEW',
        knowledgeLevel: 'OBSERVATION',
      },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/input\.level: SYSTEMATIC_REVIEW is stronger than the sources support/);
  });
});
