// The provenance rules (docs/EVIDENCE.md): what attribution each kind of source needs, which
// evidence levels a source of each kind can support, and which parts of an outcome's result must be
// either recorded or declared not reported. The seed validator and curation both apply them, so a
// claim cannot be stronger than its sources whichever way it enters the graph.
import {
  ATTRIBUTION_PARTS,
  type AttributionPart,
  EVIDENCE_LEVELS,
  type EvidenceLevel,
  type KnowledgeLevel,
  type ResultPart,
  type SourceKind,
} from '../model';

/** A rule broken by a record: the field to fix and what is wrong. */
export interface RecordProblem {
  field: string;
  message: string;
}

/** The attribution each kind of source must give, or declare unknown. */
export const ATTRIBUTION_REQUIRED: Readonly<Record<SourceKind, readonly AttributionPart[]>> = {
  SYSTEMATIC_REVIEW: ['AUTHORS', 'YEAR', 'JOURNAL', 'IDENTIFIER'],
  PEER_REVIEWED_ARTICLE: ['AUTHORS', 'YEAR', 'JOURNAL', 'IDENTIFIER'],
  TRIAL_REGISTRY_RECORD: ['PUBLISHER', 'IDENTIFIER', 'URL', 'RECORD_VERSION'],
  REGULATORY_DOCUMENT: ['PUBLISHER', 'YEAR', 'URL'],
  ONTOLOGY: ['PUBLISHER', 'URL', 'RECORD_VERSION'],
  CONSUMER_HEALTH_ARTICLE: ['AUTHORS', 'YEAR', 'PUBLISHER', 'URL', 'ACCESSED'],
};

/** The properties that give each part of an attribution; any one of them is enough. */
export const ATTRIBUTION_PROPERTIES: Readonly<Record<AttributionPart, readonly string[]>> = {
  AUTHORS: ['authors'],
  YEAR: ['year'],
  PUBLISHER: ['publisher'],
  JOURNAL: ['journal'],
  IDENTIFIER: ['doi', 'pmid', 'pmcid', 'registryId'],
  URL: ['url'],
  ACCESSED: ['accessed'],
  RECORD_VERSION: ['recordVersion'],
};

const given = (record: Record<string, unknown>, property: string) =>
  record[property] !== undefined && record[property] !== null;

/** Every needed part of a source's attribution is given or declared unknown, and none is both. */
export function attributionProblems(record: Record<string, unknown>): RecordProblem[] {
  const kind = record.kind as SourceKind;
  const unknown = new Set((record.unknownAttribution as AttributionPart[] | undefined) ?? []);
  const problems: RecordProblem[] = [];
  for (const part of ATTRIBUTION_REQUIRED[kind] ?? []) {
    const has = ATTRIBUTION_PROPERTIES[part].some((p) => given(record, p));
    if (!has && !unknown.has(part)) {
      problems.push({
        field: ATTRIBUTION_PROPERTIES[part][0],
        message: `a ${kind} source needs its ${part.toLowerCase().replace('_', ' ')}: give ${ATTRIBUTION_PROPERTIES[part].join(' or ')}, or list ${part} in unknownAttribution`,
      });
    }
  }
  for (const part of unknown) {
    if (ATTRIBUTION_PROPERTIES[part].some((p) => given(record, p))) {
      problems.push({
        field: 'unknownAttribution',
        message: `${part} is declared unknown but ${ATTRIBUTION_PROPERTIES[part].find((p) => given(record, p))} is given`,
      });
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Evidence levels a source supports.

/** The study-design levels, strongest first; CURATED_DATABASE stands apart (a fact from a curated record). */
const STUDY_LEVELS: readonly EvidenceLevel[] = EVIDENCE_LEVELS.filter((level) => level !== 'CURATED_DATABASE');
const strength = (level: EvidenceLevel) => STUDY_LEVELS.indexOf(level);

/**
 * The strongest study-design level a source of each kind can support: a consumer article that
 * relays a review is narrative evidence, not a systematic review. null: none (an ontology states
 * curated facts only).
 */
export const LEVEL_CEILING: Readonly<Record<SourceKind, EvidenceLevel | null>> = {
  SYSTEMATIC_REVIEW: 'SYSTEMATIC_REVIEW',
  PEER_REVIEWED_ARTICLE: 'RANDOMISED_CONTROLLED_TRIAL',
  TRIAL_REGISTRY_RECORD: 'RANDOMISED_CONTROLLED_TRIAL',
  REGULATORY_DOCUMENT: 'EXPERT_OR_NARRATIVE',
  ONTOLOGY: null,
  CONSUMER_HEALTH_ARTICLE: 'EXPERT_OR_NARRATIVE',
};

/** Kinds whose records can back a CURATED_DATABASE claim (a fact read from a curated record). */
const CURATED_KINDS: ReadonlySet<SourceKind> = new Set<SourceKind>([
  'ONTOLOGY',
  'TRIAL_REGISTRY_RECORD',
  'REGULATORY_DOCUMENT',
  'PEER_REVIEWED_ARTICLE',
  'SYSTEMATIC_REVIEW',
]);

/** The strongest level sources of these kinds support, or null when none supports a study level. */
export function strongestSupported(kinds: readonly SourceKind[]): EvidenceLevel | null {
  let best: EvidenceLevel | null = null;
  for (const kind of kinds) {
    const ceiling = LEVEL_CEILING[kind];
    if (ceiling !== null && (best === null || strength(ceiling) < strength(best))) {
      best = ceiling;
    }
  }
  return best;
}

/** Why `level` is stronger than sources of `kinds` support, or null when they support it. */
export function unsupportedLevel(level: EvidenceLevel, kinds: readonly SourceKind[]): string | null {
  if (level === 'CURATED_DATABASE') {
    return kinds.some((kind) => CURATED_KINDS.has(kind))
      ? null
      : `CURATED_DATABASE needs a curated record among the sources (${[...CURATED_KINDS].join(', ')}); these are ${kinds.join(', ')}`;
  }
  const best = strongestSupported(kinds);
  if (best === null || strength(level) < strength(best)) {
    return `${level} is stronger than the sources support (${kinds.join(', ')}: at most ${best ?? 'CURATED_DATABASE'}); see docs/EVIDENCE.md`;
  }
  return null;
}

/** `level` is no stronger than `ceiling` (CURATED_DATABASE is compared as the weakest). */
export function atMost(level: EvidenceLevel, ceiling: EvidenceLevel): boolean {
  if (level === 'CURATED_DATABASE') {
    return true;
  }
  if (ceiling === 'CURATED_DATABASE') {
    return false;
  }
  return strength(level) >= strength(ceiling);
}

/** Knowledge levels that are not what a source states, so the claim's note must say how they were reached. */
export const NEEDS_NOTE: ReadonlySet<KnowledgeLevel> = new Set<KnowledgeLevel>(['LOGICAL_ENTAILMENT', 'PREDICTION']);

// ---------------------------------------------------------------------------------------------
// Outcome results.

/** The properties that record each part of an outcome's result. */
export const RESULT_PROPERTIES: Readonly<Record<ResultPart, readonly string[]>> = {
  ESTIMATE: ['value'],
  INTERVAL: ['intervalLow', 'intervalHigh'],
  P_VALUE: ['pValue'],
  SAMPLE_SIZE: ['sampleSize'],
  COMPARATOR: ['comparison'],
  TIMEPOINT: ['timepointMonths'],
  BASELINE: ['baselineValue'],
  SCALE: ['scale'],
};

/** Measures scored on a scale, whose result must name it. */
const SCORED_MEASURES = new Set(['PAIN', 'FUNCTION', 'QUALITY_OF_LIFE']);
/** Estimates that are read against a baseline. */
const BASELINE_ESTIMATES = new Set(['MEAN_SCORE', 'MEAN_CHANGE']);

/** The parts an outcome's result must either record or declare not reported. */
export function requiredResultParts(record: Record<string, unknown>): ResultPart[] {
  const parts: ResultPart[] = ['ESTIMATE', 'INTERVAL', 'P_VALUE', 'SAMPLE_SIZE', 'COMPARATOR', 'TIMEPOINT'];
  if (SCORED_MEASURES.has(String(record.measure))) {
    parts.push('SCALE');
  }
  if (BASELINE_ESTIMATES.has(String(record.estimateKind))) {
    parts.push('BASELINE');
  }
  return parts;
}

/** Each part of an outcome's result is recorded or declared not reported, never both, never neither. */
export function resultProblems(record: Record<string, unknown>): RecordProblem[] {
  const notReported = new Set((record.notReported as ResultPart[] | undefined) ?? []);
  const problems: RecordProblem[] = [];
  const recorded = (part: ResultPart) => RESULT_PROPERTIES[part].every((p) => given(record, p));
  const partly = (part: ResultPart) => RESULT_PROPERTIES[part].some((p) => given(record, p));
  for (const part of requiredResultParts(record)) {
    if (!recorded(part) && !notReported.has(part)) {
      problems.push({
        field: RESULT_PROPERTIES[part][0],
        message: `give ${RESULT_PROPERTIES[part].join(' and ')}, or list ${part} in notReported when the source does not report it`,
      });
    }
  }
  for (const part of notReported) {
    if (partly(part)) {
      problems.push({ field: 'notReported', message: `${part} is listed as not reported but is recorded` });
    }
  }
  const hasValue = given(record, 'value');
  if (hasValue && !given(record, 'estimateKind')) {
    problems.push({ field: 'estimateKind', message: 'say what kind of estimate the value is' });
  }
  if (!hasValue && given(record, 'estimateKind') && record.estimateKind !== 'NONE') {
    problems.push({ field: 'estimateKind', message: 'must be NONE when there is no value' });
  }
  if (recorded('INTERVAL') !== given(record, 'intervalLevel')) {
    problems.push({ field: 'intervalLevel', message: 'give the level (e.g. 0.95) exactly when an interval is given' });
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Read views.

/** How a citation says that a part of the attribution is unknown. */
const UNKNOWN_IN_CITATION: Readonly<Record<AttributionPart, string>> = {
  AUTHORS: 'Author unknown',
  YEAR: 'date unknown',
  PUBLISHER: 'publisher unknown',
  JOURNAL: 'journal unknown',
  IDENTIFIER: 'no identifier known',
  URL: 'no web address known',
  ACCESSED: 'access date unknown',
  RECORD_VERSION: 'record version unknown',
};

/**
 * A source as one line: authors, year, title, journal or publisher, identifiers, access date and
 * record version, leaving out what the title already says; each part declared unknown says so.
 */
export function citationOf(props: Record<string, unknown>): string {
  const title = String(props.name ?? '');
  const unknown = new Set((props.unknownAttribution as AttributionPart[] | undefined) ?? []);
  const fresh = (value: unknown) =>
    (typeof value === 'string' || typeof value === 'number') && !title.includes(String(value)) ? String(value) : null;
  const ids = [
    props.doi ? `doi:${String(props.doi)}` : null,
    props.pmid ? `PMID:${String(props.pmid)}` : null,
    fresh(props.pmcid),
    fresh(props.registryId),
  ].filter((v): v is string => v !== null);
  const year = fresh(props.year);
  const pieces = [
    fresh(props.authors),
    year === null ? null : `(${year})`,
    /[.?!]$/.test(title) ? title : `${title}.`,
    fresh(props.journal) ?? fresh(props.publisher),
    ...ids,
    props.accessed ? `Accessed ${String(props.accessed)}.` : null,
    props.recordVersion ? `Version ${String(props.recordVersion)}.` : null,
    ...ATTRIBUTION_PARTS.filter((part) => unknown.has(part)).map((part) => `${UNKNOWN_IN_CITATION[part]}.`),
  ].filter((v): v is string => v !== null);
  return pieces.join(' ');
}

/** The stored properties an outcome's result is read from. */
export const RESULT_READ_PROPERTIES = [
  'measure',
  'instrument',
  'scale',
  'estimateKind',
  'value',
  'valueQualifier',
  'unit',
  'baselineValue',
  'intervalLow',
  'intervalHigh',
  'intervalLevel',
  'pValue',
  'sampleSize',
  'comparison',
  'timepointMonths',
  'notReported',
] as const;

/** The stored properties a source's citation is read from. */
export const CITATION_READ_PROPERTIES = [
  'name',
  'authors',
  'year',
  'journal',
  'publisher',
  'doi',
  'pmid',
  'pmcid',
  'registryId',
  'accessed',
  'recordVersion',
  'unknownAttribution',
] as const;

/** An outcome's structured result, from its stored properties. */
export function resultOf(props: Record<string, unknown>) {
  const value = <T>(key: string) => (props[key] ?? null) as T | null;
  const low = value<number>('intervalLow');
  const high = value<number>('intervalHigh');
  return {
    measure: value<string>('measure'),
    instrument: value<string>('instrument'),
    scale: value<string>('scale'),
    estimateKind: value<string>('estimateKind'),
    estimate: value<number>('value'),
    qualifier: value<string>('valueQualifier'),
    unit: value<string>('unit'),
    baseline: value<number>('baselineValue'),
    interval: low === null || high === null ? null : { low, high, level: value<number>('intervalLevel') },
    pValue: value<number>('pValue'),
    n: value<number>('sampleSize'),
    comparator: value<string>('comparison'),
    timepointMonths: value<number>('timepointMonths'),
    notReported: (props.notReported as string[] | undefined) ?? [],
    numeric: props.value !== undefined && props.value !== null,
  };
}
