// The provenance rules and the evidence score as pure functions (docs/EVIDENCE.md).
import {
  attributionProblems,
  citationOf,
  resultProblems,
  strongestSupported,
  unsupportedLevel,
} from '../../src/graph/evidence/provenance';
import { computeScore, pairScore, SCORE_WEIGHTS } from '../../src/graph/evidence/score';

describe('evidence levels a source supports', () => {
  it('a consumer article relaying a review is narrative evidence, not a systematic review', () => {
    expect(unsupportedLevel('SYSTEMATIC_REVIEW', ['CONSUMER_HEALTH_ARTICLE'])).toMatch(/at most EXPERT_OR_NARRATIVE/);
    expect(unsupportedLevel('EXPERT_OR_NARRATIVE', ['CONSUMER_HEALTH_ARTICLE'])).toBeNull();
  });

  it('the strongest source sets the ceiling', () => {
    expect(strongestSupported(['CONSUMER_HEALTH_ARTICLE', 'PEER_REVIEWED_ARTICLE'])).toBe(
      'RANDOMISED_CONTROLLED_TRIAL',
    );
    expect(unsupportedLevel('SYSTEMATIC_REVIEW', ['PEER_REVIEWED_ARTICLE'])).not.toBeNull();
    expect(unsupportedLevel('SYSTEMATIC_REVIEW', ['SYSTEMATIC_REVIEW'])).toBeNull();
    expect(unsupportedLevel('OBSERVATIONAL_STUDY', ['TRIAL_REGISTRY_RECORD'])).toBeNull();
  });

  it('a curated fact needs a curated record, and an ontology supports nothing else', () => {
    expect(unsupportedLevel('CURATED_DATABASE', ['ONTOLOGY'])).toBeNull();
    expect(unsupportedLevel('CURATED_DATABASE', ['CONSUMER_HEALTH_ARTICLE'])).toMatch(/curated record/);
    expect(unsupportedLevel('EXPERT_OR_NARRATIVE', ['ONTOLOGY'])).not.toBeNull();
  });
});

describe('attribution', () => {
  it('names each missing part, and accepts parts declared unknown', () => {
    const problems = attributionProblems({ kind: 'CONSUMER_HEALTH_ARTICLE', name: 'x', url: 'https://e.org' });
    expect(problems.map((p) => p.field).sort()).toEqual(['accessed', 'authors', 'publisher', 'year']);
    expect(
      attributionProblems({
        kind: 'CONSUMER_HEALTH_ARTICLE',
        url: 'https://e.org',
        unknownAttribution: ['AUTHORS', 'YEAR', 'PUBLISHER', 'ACCESSED'],
      }),
    ).toEqual([]);
  });

  it('refuses a part both given and declared unknown', () => {
    const problems = attributionProblems({
      kind: 'ONTOLOGY',
      publisher: 'OBO',
      url: 'https://e.org',
      recordVersion: '1',
      unknownAttribution: ['PUBLISHER'],
    });
    expect(problems).toEqual([{ field: 'unknownAttribution', message: expect.stringMatching(/PUBLISHER/) }]);
  });

  it('cites an unknown author and date as such, and does not repeat what the title says', () => {
    expect(citationOf({ name: 'Does it work?', unknownAttribution: ['AUTHORS', 'YEAR', 'PUBLISHER'], kind: 'X' })).toBe(
      'Does it work? Author unknown. date unknown. publisher unknown.',
    );
    expect(
      citationOf({ name: 'Trial report', authors: 'Smith et al.', year: 2021, journal: 'Spine J', doi: '10.1/x' }),
    ).toBe('Smith et al. (2021) Trial report. Spine J doi:10.1/x');
    expect(
      citationOf({
        name: 'Smith et al. 2021, Spine J',
        authors: 'Smith et al.',
        year: 2021,
        journal: 'Spine J',
        doi: '10.1/x',
      }),
    ).toBe('Smith et al. 2021, Spine J. doi:10.1/x');
  });
});

describe('outcome results', () => {
  const base = { measure: 'PAIN', direction: 'IMPROVED' };
  it('every part is recorded or declared not reported', () => {
    const problems = resultProblems({ ...base, value: 30, estimateKind: 'PERCENT_CHANGE' });
    expect(problems.map((p) => p.field).sort()).toEqual([
      'comparison',
      'intervalLow',
      'pValue',
      'sampleSize',
      'scale',
      'timepointMonths',
    ]);
    expect(
      resultProblems({
        ...base,
        value: 30,
        estimateKind: 'PERCENT_CHANGE',
        notReported: ['INTERVAL', 'P_VALUE', 'SAMPLE_SIZE', 'COMPARATOR', 'TIMEPOINT', 'SCALE'],
      }),
    ).toEqual([]);
  });

  it('a mean score needs its baseline, an interval its level, a value its kind', () => {
    const fields = resultProblems({
      ...base,
      value: 33.2,
      intervalLow: 20,
      intervalHigh: 40,
      notReported: ['P_VALUE', 'SAMPLE_SIZE', 'COMPARATOR', 'TIMEPOINT', 'SCALE'],
    }).map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['estimateKind', 'intervalLevel']));
    expect(
      resultProblems({
        ...base,
        value: 33.2,
        estimateKind: 'MEAN_SCORE',
        notReported: ['INTERVAL', 'P_VALUE', 'SAMPLE_SIZE', 'COMPARATOR', 'TIMEPOINT', 'SCALE'],
      }).map((p) => p.field),
    ).toEqual(['baselineValue']);
  });

  it('refuses a part listed as not reported that is recorded', () => {
    const problems = resultProblems({
      ...base,
      notReported: ['ESTIMATE', 'INTERVAL', 'P_VALUE', 'SAMPLE_SIZE', 'COMPARATOR', 'TIMEPOINT', 'SCALE'],
      pValue: 0.01,
    });
    expect(problems).toEqual([{ field: 'notReported', message: 'P_VALUE is listed as not reported but is recorded' }]);
  });
});

describe('the evidence score', () => {
  it('is the weighted mean of the known parts', () => {
    const score = computeScore({
      level: 'RANDOMISED_CONTROLLED_TRIAL',
      sources: [
        { kind: 'PEER_REVIEWED_ARTICLE', year: 2024 },
        { kind: 'TRIAL_REGISTRY_RECORD', year: null },
      ],
      sampleSize: 100,
    });
    expect(score.parts.level.value).toBe(0.85);
    expect(score.parts.sourceKind).toEqual({
      value: 0.85,
      weight: SCORE_WEIGHTS.sourceKind,
      input: 'PEER_REVIEWED_ARTICLE',
    });
    expect(score.parts.sampleSize.value).toBe(0.667);
    expect(score.parts.agreement.value).toBe(0.75);
    expect(score.parts.recency.value).toBe(0.9);
    const expected = 0.4 * 0.85 + 0.2 * 0.85 + 0.15 * 0.667 + 0.15 * 0.75 + 0.1 * 0.9;
    expect(score.value).toBeCloseTo(expected, 3);
  });

  it('leaves unknown parts out instead of counting them as zero', () => {
    const score = computeScore({
      level: 'CURATED_DATABASE',
      sources: [{ kind: 'ONTOLOGY', year: null }],
      sampleSize: null,
    });
    expect(score.parts.sampleSize.value).toBeNull();
    expect(score.parts.recency.value).toBeNull();
    const expected = (0.4 * 0.8 + 0.2 * 0.85 + 0.15 * 0.5) / (0.4 + 0.2 + 0.15);
    expect(score.value).toBeCloseTo(expected, 3);
  });

  it('ranks a relayed figure below the same figure from the review itself', () => {
    const relayed = computeScore({
      level: 'EXPERT_OR_NARRATIVE',
      sources: [{ kind: 'CONSUMER_HEALTH_ARTICLE', year: null }],
      sampleSize: null,
    });
    const review = computeScore({
      level: 'SYSTEMATIC_REVIEW',
      sources: [{ kind: 'SYSTEMATIC_REVIEW', year: 2022 }],
      sampleSize: 43,
    });
    expect(review.value).toBeGreaterThan(relayed.value);
  });

  it('aggregates a pair as a normalised harmonic sum', () => {
    expect(pairScore([])).toBe(0);
    expect(pairScore([1])).toBeCloseTo(6 / Math.PI ** 2, 3);
    expect(pairScore([0.5, 1])).toBeCloseTo((1 + 0.5 / 4) / (Math.PI ** 2 / 6), 3);
    expect(pairScore(Array.from({ length: 1000 }, () => 1))).toBeLessThanOrEqual(1);
  });
});
