// The provenance rules of src/graph/evidence/provenance.ts hold for the curated seed: no claim or
// trial is stronger than the kinds of its sources, every inference says how it was reached, every
// outcome's result is recorded or declared not reported part by part, and every source's
// attribution is given or declared unknown, with identifiers that the reference file gives. Seeds
// that break a rule are refused, naming the file, the record and the field, and write nothing.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database, Executor } from '../../src/db/database';
import {
  ATTRIBUTION_PROPERTIES,
  ATTRIBUTION_REQUIRED,
  atMost,
  NEEDS_NOTE,
  RESULT_PROPERTIES,
  requiredResultParts,
  unsupportedLevel,
} from '../../src/graph/evidence/provenance';
import type { KnowledgeLevel, ResultPart, SourceKind } from '../../src/graph/model';
import { graphCounts } from '../../src/graph/stats/stats.repository';
import { readSeed, seedFrom } from '../../src/seed';
import { SeedValidationError } from '../../src/seed/validate';
import { ensureSeedGraph, openDatabase } from '../support/harness';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'broken-seeds');
const REFERENCE = readFileSync(
  path.join(__dirname, '..', '..', 'docs', 'reference', 'identifiers-and-trials.md'),
  'utf8',
);
const ARTICLE = 'source:article-stem-cell-therapy-lbp';

const graph = readSeed('seed');
type Row = Record<string, any>;
const recordsOf = (label: string): Row[] => graph.entities.filter((e) => e.label === label).map((e) => e.record as Row);
const sources = new Map(recordsOf('Source').map((s) => [s.id as string, s]));
const kindsOf = (ids: readonly string[]) => ids.map((id) => sources.get(id)!.kind as SourceKind);
const trials = new Map(recordsOf('Trial').map((t) => [t.id as string, t]));
const claims = graph.claims.map((c) => c.record as Row);
const has = (record: Row, property: string) => record[property] !== undefined && record[property] !== null;

describe('the seed obeys the provenance rules', () => {
  it('gives no claim a level stronger than the kinds of its sources, or than its trial', () => {
    const overstated = claims
      .map((c) => ({ id: c.id, why: unsupportedLevel(c.level, kindsOf(c.sources)) }))
      .filter((c) => c.why !== null);
    expect(overstated).toEqual([]);
    const aboveTrial = claims
      .filter((c) => trials.has(c.subject) && !atMost(c.level, trials.get(c.subject)!.evidenceLevel))
      .map((c) => c.id);
    expect(aboveTrial).toEqual([]);
    // Spelled out for the source the project started from: a consumer article is narrative evidence.
    const articleOnly = claims.filter((c) => c.sources.length === 1 && c.sources[0] === ARTICLE);
    expect(articleOnly.length).toBeGreaterThan(10);
    expect(articleOnly.filter((c) => c.level !== 'EXPERT_OR_NARRATIVE').map((c) => c.id)).toEqual([]);
  });

  it('gives no trial an evidence level stronger than its sources or its design as stated', () => {
    for (const trial of trials.values()) {
      expect({ id: trial.id, why: unsupportedLevel(trial.evidenceLevel, kindsOf(trial.sources)) }).toEqual({
        id: trial.id,
        why: null,
      });
      if (trial.evidenceLevel === 'RANDOMISED_CONTROLLED_TRIAL') {
        expect({ id: trial.id, design: trial.design }).toEqual({ id: trial.id, design: 'RANDOMISED_CONTROLLED_TRIAL' });
      }
    }
  });

  it('says how every inference and prediction was reached', () => {
    const needing = claims.filter((c) => NEEDS_NOTE.has(c.knowledgeLevel as KnowledgeLevel));
    expect(needing.length).toBeGreaterThan(0);
    expect(needing.filter((c) => typeof c.note !== 'string' || c.note.trim() === '').map((c) => c.id)).toEqual([]);
    const inferences = claims.filter((c) => c.knowledgeLevel === 'LOGICAL_ENTAILMENT');
    expect(inferences.filter((c) => !String(c.note).startsWith('Inferred: ')).map((c) => c.id)).toEqual([]);
  });

  it("records or declares not reported every required part of every outcome's result, never both", () => {
    const problems: string[] = [];
    for (const outcome of recordsOf('Outcome')) {
      const notReported = new Set<ResultPart>(outcome.notReported ?? []);
      for (const part of requiredResultParts(outcome)) {
        const recorded = RESULT_PROPERTIES[part].every((p) => has(outcome, p));
        if (recorded === notReported.has(part)) {
          problems.push(`${outcome.id}: ${part} is ${recorded ? 'both recorded and not reported' : 'neither'}`);
        }
      }
      if (has(outcome, 'value') && !has(outcome, 'estimateKind')) {
        problems.push(`${outcome.id}: a value without an estimateKind`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('gives or declares unknown every part of every source its kind needs, never both', () => {
    const problems: string[] = [];
    for (const source of sources.values()) {
      const unknown = new Set(source.unknownAttribution ?? []);
      for (const part of ATTRIBUTION_REQUIRED[source.kind as SourceKind]) {
        const given = ATTRIBUTION_PROPERTIES[part].some((p) => has(source, p));
        if (given === unknown.has(part)) {
          problems.push(`${source.id}: ${part} is ${given ? 'both given and unknown' : 'neither given nor unknown'}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('gives a DOI, PMCID or registry id only where the reference file gives it', () => {
    const identifiers = [...sources.values()].flatMap((s) =>
      ['doi', 'pmid', 'pmcid', 'registryId'].filter((p) => has(s, p)).map((p) => ({ id: s.id, value: String(s[p]) })),
    );
    expect(identifiers.length).toBeGreaterThan(10);
    expect(identifiers.filter(({ value }) => !REFERENCE.includes(value))).toEqual([]);
  });
});

describe('values the sources do not state stay out (issue 16)', () => {
  const trial = (id: string) => trials.get(id)!;
  const risk = (id: string) => recordsOf('Risk').find((r) => r.id === id)!;

  it.each<[string, string[]]>([
    ['trial:nct01290367', ['startYear', 'completionYear', 'sponsor']],
    ['trial:nct01860417', ['startYear', 'completionYear', 'countries']],
    ['trial:nct03347708', ['startYear', 'completionYear', 'sponsor', 'design']],
    ['trial:nct06325566', ['design', 'arms', 'sponsor', 'enrollmentKind']],
    ['trial:nct07254806', ['sponsor', 'enrollmentKind']],
    ['trial:nct02412735', ['sponsor', 'sites']],
    ['trial:article-long-term-bm-msc-trials', ['design', 'phase']],
    ['trial:article-phase-3-disc-cell-therapy', ['design']],
    ['trial:kumar-2017', ['design', 'followUpMonths']],
  ])('%s has no %j', (id, absent) => {
    expect(absent.filter((field) => has(trial(id), field))).toEqual([]);
  });

  it('says only what the sources say of the designs, statuses and blinding', () => {
    expect(trial('trial:article-phase-3-disc-cell-therapy')).toMatchObject({
      phase: 'PHASE_3',
      status: 'ONGOING',
      evidenceLevel: 'EXPERT_OR_NARRATIVE',
    });
    expect(trial('trial:article-2022-review')).toMatchObject({
      design: 'REVIEW',
      evidenceLevel: 'EXPERT_OR_NARRATIVE',
    });
    expect(trial('trial:nct03347708').evidenceLevel).toBe('NON_RANDOMISED_TRIAL');
    expect(trial('trial:nct06325566')).toMatchObject({ evidenceLevel: 'NON_RANDOMISED_TRIAL', status: 'UNKNOWN' });
    expect(trial('trial:nct07254806').status).toBe('UNKNOWN');
    const text = [...trials.values()].map((t) => `${t.name} ${t.description ?? ''} ${(t.arms ?? []).join(' ')}`);
    expect(text.filter((t) => /blind|Spain|Spanish|sodium hyaluronate|registry-based|pilot/i.test(t))).toEqual([]);
  });

  it('rates risks only as the article and the studies describe them', () => {
    expect(risk('risk:injection-site-pain')).toMatchObject({ severity: 'MILD', frequency: 'LOW' });
    for (const id of ['risk:injection-site-infection', 'risk:nausea', 'risk:vomiting', 'risk:soreness']) {
      expect({ id, severity: risk(id).severity, frequency: risk(id).frequency }).toEqual({
        id,
        severity: undefined,
        frequency: 'LOW',
      });
    }
    for (const id of ['risk:immune-reaction', 'risk:tumour-formation']) {
      expect(risk(id)).toMatchObject({ severity: 'SERIOUS', frequency: 'RARE' });
    }
    expect(risk('risk:procedure-pain')).toMatchObject({ frequency: 'UNKNOWN' });
    expect(risk('risk:procedure-pain').severity).toBeUndefined();
    expect(risk('risk:discitis')).toMatchObject({ frequency: 'CASE_REPORTS' });
    expect(risk('risk:discitis').severity).toBeUndefined();
  });
});

describe('seeds that break a provenance rule', () => {
  let database: Database;
  let db: Executor;
  beforeAll(async () => {
    database = openDatabase();
    db = database.executor();
    await ensureSeedGraph(database);
  });
  afterAll(async () => {
    await database.close();
  });

  const broken: Array<[defect: string, file: string, record: string, field: string, message: RegExp]> = [
    [
      'overstated-level',
      'claims.yaml',
      'claim:fixture-a-contributes-to-b',
      'level',
      /SYSTEMATIC_REVIEW is stronger than the sources support \(CONSUMER_HEALTH_ARTICLE: at most EXPERT_OR_NARRATIVE\)/,
    ],
    ['incomplete-result', 'outcomes.yaml', 'outcome:fixture-outcome', 'pValue', /list P_VALUE in notReported/],
  ];

  it.each(broken)(
    'refuses %s naming file %s, record %s, field %s, and writes nothing',
    async (defect, file, record, field, message) => {
      const before = await graphCounts(db);
      const error = await seedFrom(db, path.join(FIXTURES, defect)).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SeedValidationError);
      const problems = (error as SeedValidationError).problems;
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ record, field });
      expect(problems[0].file).toMatch(new RegExp(`broken-seeds/${defect}/${file.replace('.', '\\.')}$`));
      expect(problems[0].message).toMatch(message);
      expect((error as Error).message).toContain(`${file}: record ${record}: field ${field}:`);
      expect(await graphCounts(db)).toEqual(before);
    },
  );
});
