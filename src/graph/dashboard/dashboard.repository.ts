// Cypher for the dashboard: one read query per card, each a chain of CALL subqueries that
// aggregate inside Neo4j, so only the finished numbers and the few entities a card shows cross the
// wire (never a whole list of trials). Both are pure reads with deterministic ordering (every sort
// ends on an id), so equal arguments give equal answers and the responses are safe to cache.
import { chain, orSubclass, strictSubclass } from '../patterns';
import {
  CELL_TYPE_HAS_ADVERSE_EVENT,
  CELL_TYPE_HAS_REGULATORY_STATUS,
  CELL_TYPE_SUBCLASS_OF,
  CONDITION_SUBCLASS_OF,
  PRODUCT_CONTAINS_CELL_TYPE,
  PRODUCT_PREPARED_FROM,
  REGULATORY_STATUS_APPLIES_TO_CONDITION,
  TRIAL_STUDIES,
  TRIAL_TESTS,
} from '../relationships';
import { compileRootMatch, CypherParams } from '../../common/filter';
import type { Executor } from '../../db/database';
import { ENTITY_LABEL, EVIDENCE_LEVELS, type Label, RISK_SEVERITIES } from '../model';
import {
  type EntityParent,
  type EvidenceRow,
  labelOf,
  listRules,
  toEntityParent,
  toEvidence,
} from '../entity/entity.repository';

export interface ValueCountRow {
  value: string;
  count: number;
}

export interface EntityCountRow {
  entity: EntityParent;
  count: number;
}

export interface EnrollmentRow {
  trialsWithEnrollment: number;
  total: number | null;
  median: number | null;
  mean: number | null;
  min: number | null;
  max: number | null;
}

export interface OutcomeMeasureRow {
  measure: string;
  outcomeCount: number;
  trialCount: number;
  improvedCount: number;
}

export interface TrialAggregatesRow {
  trialCount: number;
  byPhase: ValueCountRow[];
  byStatus: ValueCountRow[];
  byDesign: ValueCountRow[];
  byEvidenceLevel: ValueCountRow[];
  byCellSource: EntityCountRow[];
  byCellType: EntityCountRow[];
  byCondition: EntityCountRow[];
  enrollment: EnrollmentRow;
  outcomesByMeasure: OutcomeMeasureRow[];
}

/** Trial properties broken down by value; the names are code constants, never client input. */
const VALUE_BREAKDOWNS = [
  ['byPhase', 'phase'],
  ['byStatus', 'status'],
  ['byDesign', 'design'],
  ['byEvidenceLevel', 'evidenceLevel'],
] as const;

/** Entities trials are counted under, each reached from the trial `t` by a fixed pattern. */
const ENTITY_BREAKDOWNS = [
  ['byCellSource', 'CellSource', chain('t', [{ rel: TRIAL_TESTS }, { rel: PRODUCT_PREPARED_FROM }], 'e')],
  ['byCellType', 'CellType', chain('t', [{ rel: TRIAL_TESTS }, { rel: PRODUCT_CONTAINS_CELL_TYPE }], 'e')],
  ['byCondition', 'Condition', chain('t', [{ rel: TRIAL_STUDIES }], 'e')],
] as const satisfies ReadonlyArray<readonly [keyof TrialAggregatesRow, Label, string]>;

/**
 * name: trialAggregates, trialAggregates(all) — one round trip. The filter is compiled by the same
 * compiler and rules as the `trials` connection, so trialCount equals its totalCount. The filtered
 * trials are collected once, as node references inside the transaction, and every breakdown is a
 * CALL subquery over them; each subquery aggregates without grouping keys at the end, so it
 * returns exactly one row even when no trial matches. The median is percentileCont
 * (interpolating), used for nothing else.
 *
 * Without a filter (every trial), each breakdown matches the trials itself: `WHERE t.x IS NOT NULL`
 * lets the planner scan the range index on the property, which holds the values, instead of
 * reading every trial's properties (the benchmark's unfiltered phase and status counts: about 4×
 * faster), and trialCount comes from the count store.
 */
function trialAggregatesCypher(
  root: { match: string; clauses: string[]; everything: boolean },
  sections: ReadonlySet<string>,
): string {
  const where = root.clauses.length === 0 ? '' : `WHERE ${root.clauses.join(' AND ')}`;
  // The head of every section: the trials as one row each, `t`.
  const each = root.everything ? 'CALL () {\n  MATCH (t:Trial)' : 'CALL (trials) {\n  UNWIND trials AS t';
  const values = VALUE_BREAKDOWNS.filter(([field]) => sections.has(field)).map(
    ([field, property]) => `
${each}
  WITH t WHERE t.${property} IS NOT NULL
  WITH t.${property} AS value, count(t) AS count
  ORDER BY count DESC, value ASC
  RETURN collect({value: value, count: count}) AS ${field}
}`,
  );
  const entities = ENTITY_BREAKDOWNS.filter(([field]) => sections.has(field)).map(
    ([field, , pattern]) => `
${each}
  MATCH ${pattern}
  WITH e, count(DISTINCT t) AS count
  ORDER BY count DESC, e.name ASC, e.id ASC
  RETURN collect({props: properties(e), count: count}) AS ${field}
}`,
  );
  const enrollment = `
${each}
  WITH t WHERE t.enrollment IS NOT NULL
  WITH t.enrollment AS enrollment
  WITH count(enrollment) AS n, sum(enrollment) AS total, percentileCont(enrollment, 0.5) AS median,
       avg(enrollment) AS mean, min(enrollment) AS min, max(enrollment) AS max
  RETURN {trialsWithEnrollment: n, total: CASE WHEN n = 0 THEN null ELSE total END, median: median, mean: mean,
          min: min, max: max} AS enrollment
}`;
  const outcomes = `
${each}
  MATCH (t)-[:HAS_OUTCOME]->(o:Outcome)
  WITH o.measure AS measure, count(DISTINCT o) AS outcomeCount, count(DISTINCT t) AS trialCount,
       count(DISTINCT CASE WHEN o.direction = 'IMPROVED' THEN o END) AS improvedCount
  WHERE measure IS NOT NULL
  ORDER BY outcomeCount DESC, measure ASC
  RETURN collect({measure: measure, outcomeCount: outcomeCount, trialCount: trialCount,
                  improvedCount: improvedCount}) AS outcomesByMeasure
}`;
  const returned = [...VALUE_BREAKDOWNS, ...ENTITY_BREAKDOWNS, ['enrollment'], ['outcomesByMeasure']]
    .map(([field]) => field)
    .filter((field) => sections.has(field));
  const head = root.everything
    ? 'CALL () {\n  MATCH (t:Trial)\n  RETURN count(t) AS trialCount\n}'
    : `${root.match}\n${where}\nWITH collect(t) AS trials, count(t) AS trialCount`;
  return `
${head}
${values.join('')}
${entities.join('')}
${sections.has('enrollment') ? enrollment : ''}
${sections.has('outcomesByMeasure') ? outcomes : ''}
RETURN ${['trialCount', ...returned].join(', ')}`;
}

type EntityCountItem = { props: Record<string, unknown>; count: number };

/** Every section of the aggregates; a caller passes the ones the client selected. */
export const TRIAL_AGGREGATE_SECTIONS: ReadonlySet<string> = new Set([
  ...VALUE_BREAKDOWNS.map(([field]) => field),
  ...ENTITY_BREAKDOWNS.map(([field]) => field),
  'enrollment',
  'outcomesByMeasure',
]);

/** Sections not selected are not computed (their fields come back empty, and GraphQL drops them). */
export async function trialAggregates(
  executor: Executor,
  filter: Record<string, unknown> | null,
  sections: ReadonlySet<string> = TRIAL_AGGREGATE_SECTIONS,
): Promise<TrialAggregatesRow> {
  const params = new CypherParams();
  const root = compileRootMatch('Trial', filter, listRules(['Trial']).filters, 't', params);
  const [row] = await executor.read<Record<string, unknown>>(
    root.everything ? 'trialAggregates(all)' : 'trialAggregates',
    trialAggregatesCypher(root, sections),
    params.values,
  );
  const entityCounts = (label: Label, items: unknown): EntityCountRow[] =>
    ((items as EntityCountItem[] | undefined) ?? []).map((item) => ({
      entity: toEntityParent(label, item.props),
      count: item.count,
    }));
  const values = (items: unknown) => (items as ValueCountRow[] | undefined) ?? [];
  return {
    trialCount: row.trialCount as number,
    byPhase: values(row.byPhase),
    byStatus: values(row.byStatus),
    byDesign: values(row.byDesign),
    byEvidenceLevel: values(row.byEvidenceLevel),
    byCellSource: entityCounts('CellSource', row.byCellSource),
    byCellType: entityCounts('CellType', row.byCellType),
    byCondition: entityCounts('Condition', row.byCondition),
    enrollment: row.enrollment as EnrollmentRow,
    outcomesByMeasure: (row.outcomesByMeasure as OutcomeMeasureRow[] | undefined) ?? [],
  };
}

// ---------------------------------------------------------------------------------------------
// The evidence summary card.

/** Trials listed on the card; trialCount still counts them all. */
export const SUMMARY_TRIAL_LIMIT = 20;
/** Outcomes listed under bestOutcomes. */
export const SUMMARY_OUTCOME_LIMIT = 10;
/** Risks and regulatory statuses listed; riskCount and regulatoryStatusCount count them all. */
export const SUMMARY_LIST_LIMIT = 20;
/** Claims listed under each risk and status, strongest first; evidenceCount counts them all. */
export const SUMMARY_EVIDENCE_LIMIT = 5;

/** Rank of each evidence level, strongest first, as in EVIDENCE_LEVELS. */
const LEVEL_RANK = Object.fromEntries(EVIDENCE_LEVELS.map((level, i) => [level, i]));
/** Rank of each risk severity, most severe first. */
const SEVERITY_RANK = Object.fromEntries([...RISK_SEVERITIES].reverse().map((severity, i) => [severity, i]));
/** Sorts after every rank: a value missing from the rank maps. */
const UNRANKED = 1_000;

/**
 * name: evidenceSummary — one round trip for the whole card. The condition and intervention are
 * looked up by id whatever their label, so the caller can tell an unknown id (NOT_FOUND) from an id
 * of the wrong type (BAD_USER_INPUT); when either is wrong, `cc`/`ci` are null and every subquery
 * matches nothing. A trial matches when it STUDIES the condition or a subtype (as the TrialFilter's
 * conditionIds) and, given an intervention, TESTS that product or a product containing that cell
 * type or a subtype of it (as its cellTypeIds). The matching trials are collected once, as node
 * references, and each section of the card is a CALL subquery over them that returns one row.
 * Ranks come in as map parameters ($levelRank[level]), so the order of EVIDENCE_LEVELS in model.ts
 * is the one place that defines "stronger".
 */
export const EVIDENCE_SUMMARY = `
OPTIONAL MATCH (c:${ENTITY_LABEL} {id: $conditionId})
OPTIONAL MATCH (i:${ENTITY_LABEL} {id: $interventionId})
WITH c, i, ${labelOf('c')} AS conditionLabel, ${labelOf('i')} AS interventionLabel
WITH c, i, conditionLabel, interventionLabel,
     coalesce(conditionLabel = 'Condition', false)
       AND ($interventionId IS NULL OR coalesce(interventionLabel IN ['Product', 'CellType'], false)) AS valid
WITH c, i, conditionLabel, interventionLabel,
     CASE WHEN valid THEN c END AS cc, CASE WHEN valid THEN i END AS ci
CALL (cc, ci) {
  MATCH ${chain('t:Trial', [{ rel: TRIAL_STUDIES, variable: 's' }, orSubclass(CONDITION_SUBCLASS_OF)], 'cc')}
  WHERE ci IS NULL
     OR EXISTS { MATCH ${chain('t', [{ rel: TRIAL_TESTS }], 'ci')} }
     OR EXISTS { MATCH ${chain('t', [{ rel: TRIAL_TESTS }, { rel: PRODUCT_CONTAINS_CELL_TYPE }, orSubclass(CELL_TYPE_SUBCLASS_OF)], 'ci')} }
  RETURN collect(DISTINCT t) AS trials, collect(DISTINCT s) AS studies
}
CALL (trials) {
  UNWIND trials AS t
  WITH t
  ORDER BY coalesce($levelRank[t.evidenceLevel], $unranked) ASC, coalesce(t.enrollment, -1) DESC, t.id ASC
  LIMIT toInteger($trialLimit)
  RETURN collect(properties(t)) AS trialRows
}
CALL (trials) {
  UNWIND trials AS t
  MATCH (t)-[r:HAS_OUTCOME]->(o:Outcome)
  WITH o, t, r
  ORDER BY coalesce($levelRank[t.evidenceLevel], $unranked) ASC, coalesce($levelRank[r.level], $unranked) ASC, t.id ASC
  WITH o, collect({t: t, r: r})[0] AS best
  WITH o, best.t AS t, best.r AS r
  ORDER BY CASE WHEN o.direction = 'IMPROVED' THEN 0 ELSE 1 END ASC,
           coalesce($levelRank[t.evidenceLevel], $unranked) ASC,
           coalesce(o.timepointMonths, -1) DESC, o.id ASC
  LIMIT toInteger($outcomeLimit)
  RETURN collect({outcome: properties(o), trial: properties(t), claim: properties(r), type: type(r)}) AS bestOutcomes
}
CALL (ci, trials) {
  CALL (ci, trials) {
    MATCH (ci)-[r:HAS_ADVERSE_EVENT]->(risk:Risk)
    RETURN risk, r
    UNION ALL
    MATCH ${chain('ci:Product', [{ rel: PRODUCT_CONTAINS_CELL_TYPE }, orSubclass(CELL_TYPE_SUBCLASS_OF), { rel: CELL_TYPE_HAS_ADVERSE_EVENT, variable: 'r' }], 'risk')}
    RETURN risk, r
    UNION ALL
    MATCH ${chain('ci:CellType', [strictSubclass(CELL_TYPE_SUBCLASS_OF), { rel: CELL_TYPE_HAS_ADVERSE_EVENT, variable: 'r' }], 'risk')}
    RETURN risk, r
    UNION ALL
    UNWIND trials AS t
    MATCH (t)-[r:REPORTED_ADVERSE_EVENT]->(risk:Risk)
    RETURN risk, r
  }
  WITH DISTINCT risk, r
  ORDER BY coalesce($levelRank[r.level], $unranked) ASC, r.id ASC
  WITH risk, collect(r) AS claims
  ORDER BY coalesce($severityRank[risk.severity], $unranked) ASC, risk.name ASC, risk.id ASC
  WITH collect({risk: risk, claims: claims}) AS found
  RETURN size(found) AS riskCount, [item IN found[0..$listLimit] | {
    risk: properties(item.risk),
    claimCount: size(item.claims),
    claims: [r IN item.claims[0..$evidenceLimit] | {claim: properties(r), type: type(r)}]
  }] AS risks
}
CALL (cc, ci) {
  CALL (cc, ci) {
    MATCH (ci)-[r:HAS_REGULATORY_STATUS]->(s:RegulatoryStatus)
    RETURN s, r
    UNION ALL
    MATCH ${chain('ci:Product', [{ rel: PRODUCT_CONTAINS_CELL_TYPE }, { rel: CELL_TYPE_HAS_REGULATORY_STATUS, variable: 'r' }], 's')}
    RETURN s, r
    UNION ALL
    MATCH ${chain('cc', [orSubclass(CONDITION_SUBCLASS_OF), { rel: REGULATORY_STATUS_APPLIES_TO_CONDITION, backwards: true, variable: 'r' }], 's')}
    RETURN s, r
    UNION ALL
    MATCH ${chain('cc', [strictSubclass(CONDITION_SUBCLASS_OF, true), { rel: REGULATORY_STATUS_APPLIES_TO_CONDITION, backwards: true, variable: 'r' }], 's')}
    RETURN s, r
  }
  WITH DISTINCT s, r
  ORDER BY coalesce($levelRank[r.level], $unranked) ASC, r.id ASC
  WITH s, collect(r) AS claims
  ORDER BY s.name ASC, s.id ASC
  WITH collect({status: s, claims: claims}) AS found
  RETURN size(found) AS regulatoryStatusCount, [item IN found[0..$listLimit] | {
    status: properties(item.status),
    claimCount: size(item.claims),
    claims: [r IN item.claims[0..$evidenceLimit] | {claim: properties(r), type: type(r)}]
  }] AS regulatoryStatuses
}
CALL (trials, studies) {
  CALL (trials, studies) {
    UNWIND studies AS r
    RETURN r
    UNION ALL
    UNWIND trials AS t
    MATCH (t)-[r:HAS_OUTCOME]->(:Outcome)
    RETURN r
  }
  WITH r.level AS level, count(DISTINCT r) AS count
  RETURN collect({level: level, count: count}) AS evidenceLevels
}
RETURN conditionLabel, properties(c) AS conditionProps, interventionLabel, properties(i) AS interventionProps,
       size(trials) AS trialCount, trialRows, bestOutcomes, riskCount, risks, regulatoryStatusCount, regulatoryStatuses,
       evidenceLevels`;

interface ClaimItem {
  claim: Record<string, unknown>;
  type: string;
}

type EvidenceSummaryQueryRow = {
  conditionLabel: Label | null;
  conditionProps: Record<string, unknown> | null;
  interventionLabel: Label | null;
  interventionProps: Record<string, unknown> | null;
  trialCount: number;
  trialRows: Array<Record<string, unknown>>;
  bestOutcomes: Array<ClaimItem & { outcome: Record<string, unknown>; trial: Record<string, unknown> }>;
  riskCount: number;
  risks: Array<{ risk: Record<string, unknown>; claimCount: number; claims: ClaimItem[] }>;
  regulatoryStatusCount: number;
  regulatoryStatuses: Array<{ status: Record<string, unknown>; claimCount: number; claims: ClaimItem[] }>;
  evidenceLevels: Array<{ level: string; count: number }>;
};

export interface EvidenceSummaryRow {
  condition: EntityParent;
  intervention: EntityParent | null;
  trialCount: number;
  trials: EntityParent[];
  bestOutcomes: Array<{ outcome: EntityParent; trial: EntityParent; evidence: EvidenceRow }>;
  riskCount: number;
  risks: Array<{ risk: EntityParent; evidenceCount: number; evidence: EvidenceRow[] }>;
  regulatoryStatusCount: number;
  regulatoryStatuses: Array<{ status: EntityParent; evidenceCount: number; evidence: EvidenceRow[] }>;
  evidenceLevels: Array<{ level: string; count: number }>;
}

/** What the lookup found: the labels of the two ids (null where no entity has the id), and the card. */
export interface EvidenceSummaryLookup {
  conditionLabel: Label | null;
  interventionLabel: Label | null;
  /** Null unless the condition is a Condition and the intervention, if given, a Product or CellType. */
  summary: EvidenceSummaryRow | null;
}

/** The parameters of EVIDENCE_SUMMARY (the benchmark's raw-Cypher floor sends the same query). */
export function evidenceSummaryParams(conditionId: string, interventionId: string | null) {
  return {
    conditionId,
    interventionId,
    levelRank: LEVEL_RANK,
    severityRank: SEVERITY_RANK,
    unranked: UNRANKED,
    trialLimit: SUMMARY_TRIAL_LIMIT,
    outcomeLimit: SUMMARY_OUTCOME_LIMIT,
    listLimit: SUMMARY_LIST_LIMIT,
    evidenceLimit: SUMMARY_EVIDENCE_LIMIT,
  };
}

export async function evidenceSummary(
  executor: Executor,
  conditionId: string,
  interventionId: string | null,
): Promise<EvidenceSummaryLookup> {
  const [row] = await executor.read<EvidenceSummaryQueryRow>(
    'evidenceSummary',
    EVIDENCE_SUMMARY,
    evidenceSummaryParams(conditionId, interventionId),
  );
  const { conditionLabel, interventionLabel } = row;
  const valid =
    conditionLabel === 'Condition' &&
    (interventionId === null || interventionLabel === 'Product' || interventionLabel === 'CellType');
  if (!valid || row.conditionProps === null) {
    return { conditionLabel, interventionLabel, summary: null };
  }
  const counts = new Map(row.evidenceLevels.map((e) => [e.level, e.count]));
  return {
    conditionLabel,
    interventionLabel,
    summary: {
      condition: toEntityParent('Condition', row.conditionProps),
      intervention:
        interventionLabel === null || row.interventionProps === null
          ? null
          : toEntityParent(interventionLabel, row.interventionProps),
      trialCount: row.trialCount,
      trials: row.trialRows.map((props) => toEntityParent('Trial', props)),
      bestOutcomes: row.bestOutcomes.map((item) => ({
        outcome: toEntityParent('Outcome', item.outcome),
        trial: toEntityParent('Trial', item.trial),
        evidence: toEvidence(item.claim, item.type),
      })),
      riskCount: row.riskCount,
      risks: row.risks.map((item) => ({
        risk: toEntityParent('Risk', item.risk),
        evidenceCount: item.claimCount,
        evidence: item.claims.map((c) => toEvidence(c.claim, c.type)),
      })),
      regulatoryStatusCount: row.regulatoryStatusCount,
      regulatoryStatuses: row.regulatoryStatuses.map((item) => ({
        status: toEntityParent('RegulatoryStatus', item.status),
        evidenceCount: item.claimCount,
        evidence: item.claims.map((c) => toEvidence(c.claim, c.type)),
      })),
      evidenceLevels: EVIDENCE_LEVELS.map((level) => ({ level, count: counts.get(level) ?? 0 })),
    },
  };
}
