// Issue 20, target 2: the evidence card of a condition is read as stored, and every kind of write
// keeps the stored cards equal to a from-scratch computation (test/support/cards.ts compares each
// condition's stored card with the live query's). Curation and importGraph are here; the seed load
// and the four ingestions are in test/ingest/pipeline.test.ts, on an empty database of its own.
import { CARD_FORMAT, EVIDENCE_CARD_LABEL } from '../../src/graph/dashboard/dashboard.repository';
import { cardMismatches } from '../support/cards';
import { gql, resyncCards } from '../support/harness';
import { IMPORT, startSuite, type Suite, suiteSource } from '../curation/support';

const LBP = 'condition:low-back-pain';

const create = (label: string) => `mutation($input: Create${label}Input!) { create${label}(input: $input) { id } }`;
const update = (label: string) =>
  `mutation($input: Update${label}Input!) { update${label}(input: $input) { id version } }`;
const link = (name: string) => `mutation($input: LinkInput!) { link${name}(input: $input) { id } }`;
const unlink = (name: string) => `mutation($input: UnlinkInput!) { unlink${name}(input: $input) { id } }`;
const remove = (label: string) =>
  `mutation($id: ID!) { delete${label}(id: $id, cascade: true) { id deletedClaimIds uncitedIds } }`;
const VERSION = `query($id: ID!) { node(id: $id) { ... on Entity { version } } }`;
const CARD = `query($id: ID!) { evidenceSummary(conditionId: $id) { trialCount trials { id } riskCount risks { risk { id severity } } } }`;

let s: Suite;
let ids: Record<'condition' | 'trial' | 'outcome' | 'risk' | 'status' | 'source', string>;

/** Sends a mutation as the admin and fails the test on any error. */
async function write(document: string, variables: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await s.as('admin')(document, variables);
  expect(res.errors).toBeUndefined();
  return res.data!;
}

async function versionOf(id: string): Promise<number> {
  return (await s.as('reader')(VERSION, { id })).data!.node.version as number;
}

const claim = (subjectId: string, objectId: string, sourceIds = [s.sourceId]) => ({
  input: { subjectId, objectId, sourceIds, level: 'OBSERVATIONAL_STUDY', knowledgeLevel: 'OBSERVATION' },
});

beforeAll(async () => {
  s = await startSuite('cards');
  const id = (label: string) => `${label}:${s.prefix}`;
  ids = {
    condition: id('condition'),
    trial: id('trial'),
    outcome: id('outcome'),
    risk: id('risk'),
    status: id('regulatory-status'),
    source: `source:${s.prefix}-second`,
  };
  // Earlier suites may have written fixtures with Cypher of their own: start from cards computed now.
  await resyncCards(s.db);
});
afterAll(async () => {
  await s.close();
});

describe('stored evidence cards', () => {
  it('are what the card query computes for every condition, and the card reads one', async () => {
    expect(await cardMismatches(s.db)).toEqual([]);
    const res = await gql(s.t.url, CARD, { id: LBP });
    expect(res.errors).toBeUndefined();
    expect((res.extensions?.discgraph as { roundTrips: number }).roundTrips).toBe(1);
  });

  it('are found out of date when the graph changes round the writes that keep them, until rebuilt', async () => {
    const [{ trial, enrollment }] = await s.db.read<{ trial: string; enrollment: number | null }>(
      'test.lbpTrial',
      'MATCH (t:Trial)-[:STUDIES]->(:Condition {id: $id}) RETURN t.id AS trial, t.enrollment AS enrollment ORDER BY trial LIMIT 1',
      { id: LBP },
    );
    const setEnrollment = (value: number | null) =>
      s.db.write('test.bypass', 'MATCH (t:Trial {id: $trial}) SET t.enrollment = $value', { trial, value });
    await setEnrollment((enrollment ?? 0) + 1);
    try {
      expect(await cardMismatches(s.db)).toContainEqual(expect.stringMatching(new RegExp(`^${LBP}: the stored card`)));
    } finally {
      await setEnrollment(enrollment);
      await resyncCards(s.db);
    }
    expect(await cardMismatches(s.db)).toEqual([]);
  });

  it('stay true through curation: each create, update, link, unlink and delete that reaches a card', async () => {
    const steps: Array<[string, () => Promise<unknown>]> = [
      [
        'a new condition, a subtype of low back pain',
        async () => {
          await write(create('Condition'), {
            input: { id: ids.condition, name: `${s.prefix} condition`, category: 'DISEASE', sourceIds: [s.sourceId] },
          });
          await write(link('ConditionSubclassOfCondition'), claim(ids.condition, LBP));
        },
      ],
      [
        'a trial studying it',
        async () => {
          await write(create('Trial'), {
            input: {
              id: ids.trial,
              name: `${s.prefix} trial`,
              sourceIds: [s.sourceId],
              evidenceLevel: 'OBSERVATIONAL_STUDY',
              status: 'COMPLETED',
              enrollment: 5_000,
              enrollmentKind: 'ACTUAL',
            },
          });
          await write(link('TrialCondition'), claim(ids.trial, ids.condition));
        },
      ],
      [
        'an outcome the trial reports',
        async () => {
          await write(create('Outcome'), {
            input: {
              id: ids.outcome,
              name: `${s.prefix} outcome`,
              sourceIds: [s.sourceId],
              measure: 'PAIN',
              direction: 'IMPROVED',
              value: 3.5,
              unit: 'points',
              timepointMonths: 6,
              estimateKind: 'MEAN_CHANGE',
              notReported: ['INTERVAL', 'P_VALUE', 'COMPARATOR', 'SAMPLE_SIZE', 'SCALE', 'BASELINE'],
            },
          });
          await write(link('TrialOutcome'), claim(ids.trial, ids.outcome));
        },
      ],
      [
        'a risk the trial reports, then made serious',
        async () => {
          await write(create('Risk'), {
            input: { id: ids.risk, name: `${s.prefix} risk`, frequency: 'RARE', sourceIds: [s.sourceId] },
          });
          await write(link('TrialRisk'), claim(ids.trial, ids.risk));
          await write(update('Risk'), {
            input: { id: ids.risk, expectedVersion: await versionOf(ids.risk), severity: 'SERIOUS' },
          });
        },
      ],
      [
        'a regulatory status for the condition',
        async () => {
          await write(create('RegulatoryStatus'), {
            input: {
              id: ids.status,
              name: `${s.prefix} status`,
              authority: 'FDA',
              jurisdiction: 'US',
              status: 'INVESTIGATIONAL',
              scope: 'test scope',
              sourceIds: [s.sourceId],
            },
          });
          await write(link('RegulatoryStatusCondition'), claim(ids.status, ids.condition));
        },
      ],
      [
        'a second source cited by the outcome claim, then renamed',
        async () => {
          await write(create('Source'), {
            input: {
              id: ids.source,
              name: `${s.prefix} second source`,
              kind: 'PEER_REVIEWED_ARTICLE',
              year: 2020,
              authors: 'Second et al.',
              journal: 'Test J',
              doi: '10.5555/discgraph-second',
            },
          });
          await write(unlink('TrialOutcome'), { input: { subjectId: ids.trial, objectId: ids.outcome } });
          await write(link('TrialOutcome'), claim(ids.trial, ids.outcome, [s.sourceId, ids.source]));
          await write(update('Source'), {
            input: { id: ids.source, expectedVersion: await versionOf(ids.source), name: `${s.prefix} renamed` },
          });
        },
      ],
      [
        'the suite source, cited by everything here, given another year (scores change)',
        async () => {
          await write(update('Source'), {
            input: { id: s.sourceId, expectedVersion: await versionOf(s.sourceId), year: 2011 },
          });
        },
      ],
      [
        'the trial’s level and enrollment changed',
        async () => {
          await write(update('Trial'), {
            input: {
              id: ids.trial,
              expectedVersion: await versionOf(ids.trial),
              evidenceLevel: 'NON_RANDOMISED_TRIAL',
              enrollment: 12,
            },
          });
        },
      ],
      [
        'the condition renamed',
        async () => {
          await write(update('Condition'), {
            input: { id: ids.condition, expectedVersion: await versionOf(ids.condition), name: `${s.prefix} renamed` },
          });
        },
      ],
      [
        'the second source deleted with cascade',
        async () => {
          await write(remove('Source'), { id: ids.source });
        },
      ],
      [
        'the trial unlinked from the condition, then linked again',
        async () => {
          await write(unlink('TrialCondition'), { input: { subjectId: ids.trial, objectId: ids.condition } });
          expect(await cardMismatches(s.db)).toEqual([]);
          await write(link('TrialCondition'), claim(ids.trial, ids.condition));
        },
      ],
      [
        'the condition no longer a subtype of low back pain',
        async () => {
          await write(unlink('ConditionSubclassOfCondition'), { input: { subjectId: ids.condition, objectId: LBP } });
        },
      ],
      [
        'the condition a subtype again, then the trial deleted with cascade',
        async () => {
          await write(link('ConditionSubclassOfCondition'), claim(ids.condition, LBP));
          expect(await cardMismatches(s.db)).toEqual([]);
          await write(remove('Trial'), { id: ids.trial });
        },
      ],
      [
        'the condition deleted with cascade',
        async () => {
          await write(remove('Condition'), { id: ids.condition });
        },
      ],
    ];
    const lbpTrials = async () => (await gql(s.t.url, CARD, { id: LBP })).data!.evidenceSummary.trialCount as number;
    const before = await lbpTrials();
    for (const [what, step] of steps) {
      await step();
      const problems = await cardMismatches(s.db);
      expect({ after: what, problems }).toEqual({ after: what, problems: [] });
      if (what === 'a trial studying it') {
        // The card of low back pain, read as stored, counts the new trial of its subtype.
        expect(await lbpTrials()).toBe(before + 1);
      }
    }
    expect(await lbpTrials()).toBe(before);
    const [{ cards }] = await s.db.read<{ cards: number }>(
      'test.conditionCard',
      `MATCH (card:${EVIDENCE_CARD_LABEL} {conditionId: $id}) RETURN count(card) AS cards`,
      { id: ids.condition },
    );
    expect(cards).toBe(0);
  });

  it('stay true through importGraph: a condition with a trial and its outcome, citing a source it changes', async () => {
    const condition = `condition:${s.prefix}-imported`;
    const trial = `trial:${s.prefix}-imported`;
    const outcome = `outcome:${s.prefix}-imported`;
    const records = (kind: string, ...list: Array<Record<string, unknown>>) => ({
      kind,
      records: list.map((r) => ({ ...r, sources: [s.sourceId] })),
    });
    const res = await s.as('admin')(IMPORT, {
      documents: [
        // The suite's source again, with another year: the scores of every claim citing it change.
        {
          kind: 'Source',
          records: [suiteSource(s, 2016)],
        },
        records('Condition', { id: condition, name: `${s.prefix} imported condition`, category: 'DISEASE' }),
        records('Trial', {
          id: trial,
          name: `${s.prefix} imported trial`,
          evidenceLevel: 'OBSERVATIONAL_STUDY',
          status: 'COMPLETED',
          enrollment: 77,
          enrollmentKind: 'ACTUAL',
        }),
        records('Outcome', {
          id: outcome,
          name: `${s.prefix} imported outcome`,
          measure: 'FUNCTION',
          direction: 'IMPROVED',
          value: 9,
          timepointMonths: 12,
          estimateKind: 'MEAN_SCORE',
          notReported: ['INTERVAL', 'P_VALUE', 'COMPARATOR', 'SAMPLE_SIZE', 'SCALE', 'BASELINE'],
        }),
        records(
          'Claim',
          ...[
            ['STUDIES', trial, condition],
            ['HAS_OUTCOME', trial, outcome],
          ].map(([type, subject, object]) => ({
            id: `claim:${s.prefix}-imported-${type.toLowerCase().replace('_', '-')}`,
            type,
            subject,
            object,
            level: 'OBSERVATIONAL_STUDY',
            knowledgeLevel: 'OBSERVATION',
          })),
        ),
      ],
    });
    expect(res.errors).toBeUndefined();
    expect(await cardMismatches(s.db)).toEqual([]);
    const card = (await gql(s.t.url, CARD, { id: condition })).data!.evidenceSummary;
    expect(card.trials.map((t: { id: string }) => t.id)).toEqual([trial]);
  });

  it('answer a request that selects some lists with the same lists as the whole card', async () => {
    const lists = 'trials { id } risks { risk { id } evidenceCount }';
    const whole = await gql(
      s.t.url,
      `query($id: ID!) { evidenceSummary(conditionId: $id) { trialCount ${lists} bestOutcomes { outcome { id } }
         disagreements { measure figures { outcome { id } evidence { sources { id } } } } regulatoryStatuses { status { id } } } }`,
      { id: LBP },
    );
    const part = await gql(s.t.url, `query($id: ID!) { evidenceSummary(conditionId: $id) { trialCount ${lists} } }`, {
      id: LBP,
    });
    expect(whole.errors).toBeUndefined();
    expect(part.errors).toBeUndefined();
    const { trialCount, trials, risks } = whole.data!.evidenceSummary as Record<string, unknown>;
    expect(part.data!.evidenceSummary).toEqual({ trialCount, trials, risks });
    expect((trials as unknown[]).length).toBeGreaterThan(0);
    expect((risks as unknown[]).length).toBeGreaterThan(0);
  });

  it('are stored in the format of the card query this code runs', async () => {
    const [{ formats }] = await s.db.read<{ formats: string[] }>(
      'test.cardFormats',
      `MATCH (card:${EVIDENCE_CARD_LABEL}) RETURN collect(DISTINCT card.format) AS formats`,
    );
    expect(formats).toEqual([CARD_FORMAT]);
  });
});
