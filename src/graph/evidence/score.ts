// The evidence score of a claim (docs/EVIDENCE.md): a weighted mean, over the parts that are
// known, of five documented parts in [0, 1]. It is computed when a claim or anything it depends on
// is written (its sources, the trial or outcome that gives its sample size), in the same
// transaction, and stored on the claim, so lists can sort by it and reads never recompute it.
import { type EvidenceLevel, type SourceKind } from '../model';

/** The weight of each part; parts that are unknown for a claim drop out and the rest are renormalised. */
export const SCORE_WEIGHTS = {
  level: 0.4,
  sourceKind: 0.2,
  sampleSize: 0.15,
  agreement: 0.15,
  recency: 0.1,
} as const;
export type ScorePartName = keyof typeof SCORE_WEIGHTS;

/** How strong each evidence level is. */
export const LEVEL_SCORES: Readonly<Record<EvidenceLevel, number>> = {
  SYSTEMATIC_REVIEW: 1,
  RANDOMISED_CONTROLLED_TRIAL: 0.85,
  NON_RANDOMISED_TRIAL: 0.6,
  OBSERVATIONAL_STUDY: 0.45,
  CASE_REPORT: 0.3,
  EXPERT_OR_NARRATIVE: 0.15,
  PRECLINICAL: 0.1,
  CURATED_DATABASE: 0.8,
};

/** How much each kind of source is trusted; a claim takes its best source's. */
export const SOURCE_KIND_SCORES: Readonly<Record<SourceKind, number>> = {
  SYSTEMATIC_REVIEW: 1,
  PEER_REVIEWED_ARTICLE: 0.85,
  ONTOLOGY: 0.85,
  REGULATORY_DOCUMENT: 0.8,
  TRIAL_REGISTRY_RECORD: 0.7,
  CONSUMER_HEALTH_ARTICLE: 0.2,
};

/** Sample sizes reach the full part at this many patients (log scale). */
export const FULL_SAMPLE = 1000;
/** Recency is read against this year (the data release's), and falls to 0 over this many years. */
export const SCORE_REFERENCE_YEAR = 2026;
export const RECENCY_SPAN_YEARS = 20;

/** What a claim's score is computed from. */
export interface ScoreInputs {
  level: EvidenceLevel;
  /** The cited sources: kind and year (null when unknown). */
  sources: ReadonlyArray<{ kind: SourceKind; year: number | null }>;
  /** Patients behind the claim (an outcome's n, or a trial's actual enrolment), when known. */
  sampleSize: number | null;
}

export interface ScorePart {
  /** In [0, 1]; null when the input is unknown (the part then does not count). */
  value: number | null;
  weight: number;
  /** The input the part was computed from, in words. */
  input: string;
}

export interface Score {
  value: number;
  parts: Record<ScorePartName, ScorePart>;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const clamp = (x: number) => Math.min(1, Math.max(0, x));

export function computeScore(inputs: ScoreInputs): Score {
  const kinds = inputs.sources.map((s) => s.kind);
  const bestKind = kinds.reduce<SourceKind | null>(
    (best, kind) => (best === null || SOURCE_KIND_SCORES[kind] > SOURCE_KIND_SCORES[best] ? kind : best),
    null,
  );
  const years = inputs.sources.map((s) => s.year).filter((y): y is number => y !== null);
  const newest = years.length === 0 ? null : Math.max(...years);
  const n = inputs.sampleSize;
  const parts: Record<ScorePartName, ScorePart> = {
    level: { value: LEVEL_SCORES[inputs.level], weight: SCORE_WEIGHTS.level, input: inputs.level },
    sourceKind: {
      value: bestKind === null ? null : SOURCE_KIND_SCORES[bestKind],
      weight: SCORE_WEIGHTS.sourceKind,
      input: bestKind ?? 'no source',
    },
    sampleSize: {
      value: n === null || n <= 0 ? null : round(clamp(Math.log10(n) / Math.log10(FULL_SAMPLE))),
      weight: SCORE_WEIGHTS.sampleSize,
      input: n === null ? 'not known' : `n = ${n}`,
    },
    agreement: {
      value: round(1 - 0.5 ** inputs.sources.length),
      weight: SCORE_WEIGHTS.agreement,
      input: `${inputs.sources.length} source${inputs.sources.length === 1 ? '' : 's'}`,
    },
    recency: {
      value: newest === null ? null : round(clamp(1 - (SCORE_REFERENCE_YEAR - newest) / RECENCY_SPAN_YEARS)),
      weight: SCORE_WEIGHTS.recency,
      input: newest === null ? 'year not known' : `newest source ${newest}`,
    },
  };
  let sum = 0;
  let weights = 0;
  for (const part of Object.values(parts)) {
    if (part.value !== null) {
      sum += part.value * part.weight;
      weights += part.weight;
    }
  }
  return { value: round(weights === 0 ? 0 : sum / weights), parts };
}

/** The properties a claim's score is stored in, one per part plus the value. */
export const SCORE_PROPERTIES = {
  value: 'score',
  level: 'scoreLevel',
  sourceKind: 'scoreSourceKind',
  sampleSize: 'scoreSampleSize',
  agreement: 'scoreAgreement',
  recency: 'scoreRecency',
} as const;
/** The inputs, stored beside the parts so a reader sees what each part came from. */
export const SCORE_INPUT_PROPERTY = 'scoreInputs';

export const STORED_SCORE_KEYS: readonly string[] = [...Object.values(SCORE_PROPERTIES), SCORE_INPUT_PROPERTY];

/** A score as the properties it is stored in (the inputs as one list, in part order). */
export function scoreProperties(score: Score): Record<string, unknown> {
  const props: Record<string, unknown> = { [SCORE_PROPERTIES.value]: score.value };
  for (const name of Object.keys(SCORE_WEIGHTS) as ScorePartName[]) {
    props[SCORE_PROPERTIES[name]] = score.parts[name].value;
  }
  props[SCORE_INPUT_PROPERTY] = (Object.keys(SCORE_WEIGHTS) as ScorePartName[]).map((name) => score.parts[name].input);
  return props;
}

/** A stored score read back (null when the claim has none yet). */
export function storedScore(props: Record<string, unknown>): Score | null {
  const value = props[SCORE_PROPERTIES.value];
  if (typeof value !== 'number') {
    return null;
  }
  const inputs = (props[SCORE_INPUT_PROPERTY] as string[] | undefined) ?? [];
  const names = Object.keys(SCORE_WEIGHTS) as ScorePartName[];
  const parts = Object.fromEntries(
    names.map((name, i) => {
      const part = props[SCORE_PROPERTIES[name]];
      return [
        name,
        { value: typeof part === 'number' ? part : null, weight: SCORE_WEIGHTS[name], input: inputs[i] ?? '' },
      ];
    }),
  ) as Record<ScorePartName, ScorePart>;
  return { value, parts };
}

/**
 * Several claims' scores as one, for an entity pair: the harmonic sum Open Targets uses for
 * association scores (the i-th strongest counts 1/i²), divided by its largest possible value, so
 * one strong claim outweighs many weak ones and the result stays in [0, 1].
 */
export function pairScore(scores: readonly number[]): number {
  const sorted = [...scores].sort((a, b) => b - a);
  const sum = sorted.reduce((acc, s, i) => acc + s / (i + 1) ** 2, 0);
  const max = Math.PI ** 2 / 6;
  return round(Math.min(1, sum / max));
}
