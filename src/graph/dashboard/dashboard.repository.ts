// Cypher for the dashboard: one read query per card, each a chain of CALL subqueries that
// aggregate inside Neo4j, so only the finished numbers and the few entities a card shows cross the
// wire (never a whole list of trials). Both are pure reads with deterministic ordering (every sort
// ends on an id), so equal arguments give equal answers and the responses are safe to cache.
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { provenanceOf } from '../evidence/ingested';
import { chain, orSubclass, strictSubclass } from '../patterns';
import {
  CELL_TYPE_DERIVES_FROM,
  CELL_TYPE_HAS_ADVERSE_EVENT,
  CELL_TYPE_HAS_REGULATORY_STATUS,
  CELL_TYPE_SUBCLASS_OF,
  CONDITION_SUBCLASS_OF,
  PRODUCT_CONTAINS_CELL_TYPE,
  PRODUCT_PREPARED_FROM,
  REGULATORY_STATUS_APPLIES_TO_CONDITION,
  TRIAL_HAS_OUTCOME,
  TRIAL_REPORTED_ADVERSE_EVENT,
  TRIAL_STUDIES,
  TRIAL_TESTS,
  TRIAL_TESTS_CELL_TYPE,
} from '../relationships';
import { TRIAL } from '../trial/trial.entity';
import { compileRootMatch, CypherParams } from '../../common/filter';
import type { Executor } from '../../db/database';
import { type ENROLLMENT_KINDS, ENTITY_LABEL, EVIDENCE_LEVELS, type Label, RISK_SEVERITIES } from '../model';
import {
  citedSources,
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

export interface EnrollmentSubtotalRow {
  trialCount: number;
  total: number | null;
}

export interface EnrollmentByKindRow {
  actual: EnrollmentSubtotalRow;
  planned: EnrollmentSubtotalRow;
  unstatedKind: EnrollmentSubtotalRow;
  trialsWithoutEnrollment: number;
}

export interface EnrollmentRow {
  trialsWithEnrollment: number;
  total: number | null;
  median: number | null;
  mean: number | null;
  min: number | null;
  max: number | null;
  byKind: EnrollmentByKindRow;
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

/**
 * Enrollment kinds by what their figure counts: patients who were enrolled, or a target or a
 * ceiling set in advance. A figure of one group is never added to a figure of the other.
 */
export const ENROLLMENT_KIND_GROUPS = {
  actual: ['ACTUAL'],
  planned: ['PLANNED', 'UP_TO'],
} as const satisfies Record<string, ReadonlyArray<(typeof ENROLLMENT_KINDS)[number]>>;

/**
 * Aggregating expressions over rows of a trial `t` that states an enrollment: the figures of each
 * group as a list (`unstated` for a figure whose kind is missing or in neither group), so that
 * ENROLLMENT_BY_KIND can sum each group on its own. `actual` and `planned` are the parameters
 * holding ENROLLMENT_KIND_GROUPS.
 */
function enrollmentLists(t: string, actual: string, planned: string): string {
  return `collect(CASE WHEN ${t}.enrollmentKind IN ${actual} THEN ${t}.enrollment END) AS actual,
       collect(CASE WHEN ${t}.enrollmentKind IN ${planned} THEN ${t}.enrollment END) AS planned,
       collect(CASE WHEN coalesce(NOT (${t}.enrollmentKind IN (${actual} + ${planned})), true) THEN ${t}.enrollment END) AS unstated`;
}

const subtotal = (list: string) =>
  `{trialCount: size(${list}), total: CASE WHEN size(${list}) = 0 THEN null ELSE reduce(acc = 0, figure IN ${list} | acc + figure) END}`;

/** The map of subtotals, after enrollmentLists. */
const ENROLLMENT_BY_KIND = `{actual: ${subtotal('actual')}, planned: ${subtotal('planned')}, unstatedKind: ${subtotal('unstated')}}`;

type EnrollmentByKindQueryRow = Omit<EnrollmentByKindRow, 'trialsWithoutEnrollment'>;

/** A trial without an enrollment is in no list: it is what the lists leave of `trialCount`. */
function toEnrollmentByKind(row: EnrollmentByKindQueryRow, trialCount: number): EnrollmentByKindRow {
  const stated = row.actual.trialCount + row.planned.trialCount + row.unstatedKind.trialCount;
  return { ...row, trialsWithoutEnrollment: trialCount - stated };
}

/** Trial properties broken down by value; the names are code constants, never client input. */
const VALUE_BREAKDOWNS = [
  ['byPhase', 'phase'],
  ['byStatus', 'status'],
  ['byDesign', 'design'],
  ['byEvidenceLevel', 'evidenceLevel'],
] as const;

/**
 * Entities trials are counted under, each reached from the trial `t` by fixed patterns (any of
 * them): through a tested product, or through cells tested with no product named, as the
 * TrialFilter's cellTypeIds and cellSourceIds read them (without their roll-up to parent types).
 */
const ENTITY_BREAKDOWNS = [
  [
    'byCellSource',
    'CellSource',
    [
      chain('t', [{ rel: TRIAL_TESTS }, { rel: PRODUCT_PREPARED_FROM }], 'e'),
      chain('t', [{ rel: TRIAL_TESTS_CELL_TYPE }, { rel: CELL_TYPE_DERIVES_FROM }], 'e'),
    ],
  ],
  [
    'byCellType',
    'CellType',
    [
      chain('t', [{ rel: TRIAL_TESTS }, { rel: PRODUCT_CONTAINS_CELL_TYPE }], 'e'),
      chain('t', [{ rel: TRIAL_TESTS_CELL_TYPE }], 'e'),
    ],
  ],
  ['byCondition', 'Condition', [chain('t', [{ rel: TRIAL_STUDIES }], 'e')]],
] as const satisfies ReadonlyArray<readonly [keyof TrialAggregatesRow, Label, readonly string[]]>;

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
  kinds: { actual: string; planned: string },
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
    ([field, , patterns]) => `
${each}
  CALL (t) {
    ${patterns.map((pattern) => `MATCH ${pattern}\n    RETURN e`).join('\n    UNION\n    ')}
  }
  WITH e, count(DISTINCT t) AS count
  ORDER BY count DESC, e.name ASC, e.id ASC
  RETURN collect({props: properties(e), count: count}) AS ${field}
}`,
  );
  const enrollment = `
${each}
  WITH t WHERE t.enrollment IS NOT NULL
  WITH count(t.enrollment) AS n, sum(t.enrollment) AS total, percentileCont(t.enrollment, 0.5) AS median,
       avg(t.enrollment) AS mean, min(t.enrollment) AS min, max(t.enrollment) AS max,
       ${enrollmentLists('t', kinds.actual, kinds.planned)}
  RETURN {trialsWithEnrollment: n, total: CASE WHEN n = 0 THEN null ELSE total END, median: median, mean: mean,
          min: min, max: max, byKind: ${ENROLLMENT_BY_KIND}} AS enrollment
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

/** The enrollment section as read, its byKind completed; undefined when the section was not selected. */
function enrollmentRow(read: unknown, trialCount: number): EnrollmentRow {
  const row = read as (Omit<EnrollmentRow, 'byKind'> & { byKind: EnrollmentByKindQueryRow }) | undefined;
  return (row && { ...row, byKind: toEnrollmentByKind(row.byKind, trialCount) }) as EnrollmentRow;
}

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
  const kinds = {
    actual: params.add(ENROLLMENT_KIND_GROUPS.actual),
    planned: params.add(ENROLLMENT_KIND_GROUPS.planned),
  };
  const [row] = await executor.read<Record<string, unknown>>(
    root.everything ? 'trialAggregates(all)' : 'trialAggregates',
    trialAggregatesCypher(root, sections, kinds),
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
    enrollment: enrollmentRow(row.enrollment, row.trialCount as number),
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
/** Disagreements listed; disagreementCount counts them all. */
export const SUMMARY_DISAGREEMENT_LIMIT = 10;
/** Figures listed in each disagreement; its figureCount counts them all. */
export const SUMMARY_FIGURE_LIMIT = 10;

/** Rank of each evidence level, strongest first, as in EVIDENCE_LEVELS. */
const LEVEL_RANK = Object.fromEntries(EVIDENCE_LEVELS.map((level, i) => [level, i]));
/** Rank of each risk severity, most severe first. */
const SEVERITY_RANK = Object.fromEntries([...RISK_SEVERITIES].reverse().map((severity, i) => [severity, i]));
/** Sorts after every rank: a value missing from the rank maps. */
const UNRANKED = 1_000;

/**
 * For whom a claim on the card is stated. INHERITED is a class the intervention or the condition
 * belongs to: an ancestor cell type or condition, or a cell type a product contains (or its
 * ancestor); the claim is true of the card's subject only because it is true of that class.
 */
export const STATEMENT_SCOPES = ['INTERVENTION', 'CONDITION', 'TRIAL', 'SUBTYPE', 'INHERITED'] as const;
export type StatementScope = (typeof STATEMENT_SCOPES)[number];
const SCOPE = Object.fromEntries(STATEMENT_SCOPES.map((scope) => [scope, `'${scope}'`])) as Record<
  StatementScope,
  string
>;

/**
 * The classes a claim about the card's intervention or condition may be stated for, as lists of
 * {node, scope}: the intervention itself; for a product, the cell types it contains and their
 * ancestors; for a cell type, its ancestors (all INHERITED); the condition itself, its ancestors
 * (INHERITED) and its subtypes (SUBTYPE). Read once, then every risk and status is one hop away.
 * A class reached in two ways keeps one scope, so a claim stated for it is counted once.
 */
const CLASSES = `
CALL (ci) {
  CALL (ci) {
    WITH ci WHERE ci IS NOT NULL
    RETURN ci AS k, ${SCOPE.INTERVENTION} AS scope
    UNION
    MATCH ${chain('ci:Product', [{ rel: PRODUCT_CONTAINS_CELL_TYPE }, orSubclass(CELL_TYPE_SUBCLASS_OF)], 'k')}
    RETURN k, ${SCOPE.INHERITED} AS scope
    UNION
    MATCH ${chain('ci:CellType', [strictSubclass(CELL_TYPE_SUBCLASS_OF)], 'k')}
    RETURN k, ${SCOPE.INHERITED} AS scope
  }
  WITH k, collect(scope)[0] AS scope
  RETURN collect({node: k, scope: scope}) AS interventionClasses
}
CALL (cc) {
  CALL (cc) {
    WITH cc WHERE cc IS NOT NULL
    RETURN cc AS k, ${SCOPE.CONDITION} AS scope
    UNION
    MATCH ${chain('cc', [strictSubclass(CONDITION_SUBCLASS_OF)], 'k')}
    RETURN k, ${SCOPE.INHERITED} AS scope
    UNION
    MATCH ${chain('cc', [strictSubclass(CONDITION_SUBCLASS_OF, true)], 'k')}
    RETURN k, ${SCOPE.SUBTYPE} AS scope
  }
  WITH k, collect(scope)[0] AS scope
  RETURN collect({node: k, scope: scope}) AS conditionClasses
}`;

/** `subject` takes the node of each class in `classes`, keeping its scope. */
const eachClass = (classes: string) => `UNWIND ${classes} AS entry
    WITH entry.node AS subject, entry.scope AS scope`;

/*
 * Each branch yields the risk or status `x`, the claim `r`, the entity it is stated for
 * (`subject`) and the scope. HAS_ADVERSE_EVENT and HAS_REGULATORY_STATUS are one type each for
 * products and cell types, so one hop from any class reads both.
 */
const RISK_BRANCHES = `
    ${eachClass('interventionClasses')}
    MATCH ${chain('subject', [{ rel: CELL_TYPE_HAS_ADVERSE_EVENT, variable: 'r' }], 'x')}
    RETURN x, r, subject, scope
    UNION ALL
    UNWIND trials AS t
    MATCH ${chain('t', [{ rel: TRIAL_REPORTED_ADVERSE_EVENT, variable: 'r' }], 'x')}
    RETURN x, r, t AS subject, ${SCOPE.TRIAL} AS scope`;

const STATUS_BRANCHES = `
    ${eachClass('interventionClasses')}
    MATCH ${chain('subject', [{ rel: CELL_TYPE_HAS_REGULATORY_STATUS, variable: 'r' }], 'x')}
    RETURN x, r, subject, scope
    UNION ALL
    ${eachClass('conditionClasses')}
    MATCH ${chain('subject', [{ rel: REGULATORY_STATUS_APPLIES_TO_CONDITION, backwards: true, variable: 'r' }], 'x')}
    RETURN x, r, subject, scope`;

/**
 * One CALL over the branches: the risks (or statuses) with their claims, strongest level first,
 * then by claim id; at most $listLimit listed, each with at most $evidenceLimit claims and their
 * cited sources (read here, so the card stays one round trip). `order` sorts the found items `x`.
 * The claims are streamed twice: first counted per item, then only the listed items' claims are
 * collected and ranked. No aggregation or sort holds every claim (a condition with 4,110 trials
 * has 775,530 risk claims in the benchmark's L graph, more than Neo4j's transaction memory held),
 * and each branch row is a distinct claim, because every class has one scope (CLASSES).
 */
const statedSection = (imports: string, branches: string, order: string, count: string, list: string) => `
CALL (${imports}) {
  CALL (${imports}) {${branches}
  }
  WITH x, count(*) AS claimCount, count(CASE WHEN scope <> ${SCOPE.INHERITED} THEN 1 END) = 0 AS inherited
  ORDER BY ${order}
  WITH collect({x: x, claimCount: claimCount, inherited: inherited}) AS found
  WITH found, [item IN found[0..toInteger($listLimit)] | item.x] AS listedItems
  CALL (${imports}, listedItems) {
    CALL (${imports}) {${branches}
    }
    WITH x, r, subject, scope WHERE x IN listedItems
    WITH x, collect({r: r, subject: subject, scope: scope}) AS claims
    RETURN collect({x: x, strongest: ${strongestClaims('claims')}}) AS strongestOfListed
  }
  RETURN size(found) AS ${count}, [item IN found[0..toInteger($listLimit)] | {
    item: properties(item.x),
    claimCount: item.claimCount,
    inherited: item.inherited,
    claims: [c IN [s IN strongestOfListed WHERE s.x = item.x][0].strongest | {
      claim: properties(c.r), type: type(c.r), sources: ${citedSources('c.r')},
      subject: properties(c.subject), subjectLabel: ${labelOf('c.subject')}, scope: c.scope
    }]
  }] AS ${list}
}`;

/**
 * The $evidenceLimit strongest of a list of claims {r, ...}, by level, then claim id: each level
 * and id is read once, then the claims are chosen one at a time, each the least after the one
 * before. Not a top-k over the list unwound: Neo4j charged such a sort the whole list once per row
 * (750 MiB for a condition with 1,852 trials), and larger conditions ran out of transaction memory.
 */
const strongestClaims = (
  claims: string,
) => `[keyed IN [[c IN ${claims} | {c: c, rank: coalesce($levelRank[c.r.level], $unranked), id: c.r.id}]] |
      [chosen IN reduce(chosen = [], i IN range(1, toInteger($evidenceLimit)) |
        CASE WHEN size(chosen) > 0 AND chosen[-1] IS NULL THEN chosen ELSE chosen + [reduce(best = null, k IN keyed |
          CASE
            WHEN size(chosen) > 0 AND (k.rank < chosen[-1].rank OR (k.rank = chosen[-1].rank AND k.id <= chosen[-1].id)) THEN best
            WHEN best IS NULL OR k.rank < best.rank OR (k.rank = best.rank AND k.id < best.id) THEN k
            ELSE best
          END)] END) WHERE chosen IS NOT NULL | chosen.c]][0]`;

/**
 * The patterns of a `related` field of the TrialFilter, so that the card keeps exactly the trials
 * the `trials` list keeps for the same ids.
 */
function trialFilterPatterns(field: 'productIds' | 'cellTypeIds'): ReadonlyArray<(v: string, x: string) => string> {
  const spec = TRIAL.filters[field]?.spec;
  if (spec?.kind !== 'related') {
    throw new Error(`TrialFilter.${field} must be a related filter for the evidence card`);
  }
  return spec.patterns.map((pattern) => pattern.cypher);
}

/** A trial `t` studying the condition `cc` or a subtype, through the claim `studies`. */
const STUDIES_CONDITION = chain(
  't:Trial',
  [{ rel: TRIAL_STUDIES, variable: 'studies' }, orSubclass(CONDITION_SUBCLASS_OF)],
  'cc',
);

/**
 * The trials `t` of the card, with their `studies` claims: every trial of the condition without an
 * intervention; given one, the trials of the condition that test it, by any pattern (a product, or
 * a cell type or a subtype of it). Each pattern is walked from both ends and joined on the trial:
 * the condition's trials from `cc`, the intervention's from `ci` (in a MATCH of its own, so that
 * neither walk's relationships are kept from the other's). Testing each of the condition's
 * trials instead (EXISTS from `t`) let the planner walk from `ci` down its whole subtree once per
 * trial: in the benchmark's L graph, a condition with 62,312 trials and a root cell type with
 * 15,000 subtypes ran past 300 s.
 */
const CARD_TRIALS = [
  `MATCH ${STUDIES_CONDITION}
    WHERE ci IS NULL
    RETURN t, studies`,
  ...[...trialFilterPatterns('productIds'), ...trialFilterPatterns('cellTypeIds')].map(
    (pattern) => `MATCH ${STUDIES_CONDITION}
    MATCH ${pattern('t', 'ci')}
    USING JOIN ON t
    RETURN t, studies`,
  ),
].join('\n    UNION ALL\n    ');

/**
 * Each outcome claim `r` of the trials, to the outcome `o`, with the trial's rank and id read once
 * a trial rather than once a claim. Not a list collected once and unwound by each section: Neo4j
 * charges the whole list to transaction memory once per row a later sort keeps.
 */
const OUTCOME_CLAIMS = `UNWIND trials AS t
  WITH t, coalesce($levelRank[t.evidenceLevel], $unranked) AS trialRank, t.id AS trialId
  MATCH ${chain('t', [{ rel: TRIAL_HAS_OUTCOME, variable: 'r' }], 'o')}
  WITH o, t, r, trialRank, trialId`;

/** An outcome `o` reported by trial `t` through the claim `r`, with the claim's and the outcome's sources. */
const outcomeItem = (o: string, t: string, r: string) =>
  `{outcome: properties(${o}), outcomeSources: ${citedSources(o)}, trial: properties(${t}), claim: properties(${r}), type: type(${r}), sources: ${citedSources(r)}}`;

/**
 * name: evidenceSummary — one round trip for the whole card. The condition and intervention are
 * looked up by id whatever their label, so the caller can tell an unknown id (NOT_FOUND) from an id
 * of the wrong type (BAD_USER_INPUT); when either is wrong, `cc`/`ci` are null and every subquery
 * matches nothing. A trial matches when it STUDIES the condition or a subtype (as the TrialFilter's
 * conditionIds) and, given an intervention, tests it by the patterns of the TrialFilter's
 * productIds or cellTypeIds. The matching trials are collected once, as node
 * references, and each section of the card is a CALL subquery over them that returns one row.
 * Ranks come in as map parameters ($levelRank[level]), so the order of EVIDENCE_LEVELS in model.ts
 * is the one place that defines "stronger".
 *
 * Trials and claims are counted apart: trialLevels has one entry per trial (its evidenceLevel),
 * claimLevels one per STUDIES or HAS_OUTCOME claim. Disagreements are the outcomes with a value,
 * grouped by measure and time point, where the group holds more than one value; only the listed
 * figures of the listed groups read their sources.
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
  CALL (cc, ci) {
    ${CARD_TRIALS}
  }
  RETURN collect(DISTINCT t) AS trials, collect(DISTINCT studies) AS studies
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
  WITH t.evidenceLevel AS level, count(t) AS count
  RETURN collect({level: level, count: count}) AS trialLevels
}
CALL (trials) {
  UNWIND trials AS t
  WITH t WHERE t.enrollment IS NOT NULL
  WITH ${enrollmentLists('t', '$actualKinds', '$plannedKinds')}
  RETURN ${ENROLLMENT_BY_KIND} AS enrollment
}
CALL (trials) {
  ${OUTCOME_CLAIMS}
  ORDER BY trialRank ASC, coalesce($levelRank[r.level], $unranked) ASC, trialId ASC
  WITH o, collect({t: t, r: r, trialRank: trialRank})[0] AS best
  WITH o, best.t AS t, best.r AS r, best.trialRank AS trialRank
  ORDER BY CASE WHEN o.direction = 'IMPROVED' THEN 0 ELSE 1 END ASC,
           trialRank ASC,
           coalesce(o.timepointMonths, -1) DESC, o.id ASC
  LIMIT toInteger($outcomeLimit)
  RETURN collect(${outcomeItem('o', 't', 'r')}) AS bestOutcomes
}
CALL (trials) {
  ${OUTCOME_CLAIMS}
  WHERE o.value IS NOT NULL AND o.timepointMonths IS NOT NULL
  ORDER BY trialRank ASC, o.value ASC, o.id ASC, trialId ASC
  WITH o.measure AS measure, o.timepointMonths AS timepointMonths, count(DISTINCT o.value) AS valueCount,
       collect({o: o, t: t, r: r}) AS figures
  WHERE valueCount > 1
  ORDER BY measure ASC, timepointMonths ASC
  WITH collect({measure: measure, timepointMonths: timepointMonths, valueCount: valueCount, figures: figures}) AS groups
  RETURN size(groups) AS disagreementCount, [g IN groups[0..$disagreementLimit] | {
    measure: g.measure, timepointMonths: g.timepointMonths, valueCount: g.valueCount, figureCount: size(g.figures),
    figures: [f IN g.figures[0..$figureLimit] | ${outcomeItem('f.o', 'f.t', 'f.r')}]
  }] AS disagreements
}
CALL (trials) {
  UNWIND trials AS t
  WITH t WHERE t.alternativeValues IS NOT NULL
  WITH t ORDER BY t.id ASC
  RETURN count(t) AS contestedTrialCount, collect(properties(t))[0..$disagreementLimit] AS contestedTrials
}
${CLASSES}
${statedSection(
  'interventionClasses, trials',
  RISK_BRANCHES,
  'coalesce($severityRank[x.severity], $unranked) ASC, x.name ASC, x.id ASC',
  'riskCount',
  'risks',
)}
${statedSection(
  'interventionClasses, conditionClasses',
  STATUS_BRANCHES,
  'x.name ASC, x.id ASC',
  'regulatoryStatusCount',
  'regulatoryStatuses',
)}
CALL (trials, studies) {
  CALL (trials, studies) {
    UNWIND studies AS r
    RETURN r
    UNION ALL
    UNWIND trials AS t
    MATCH ${chain('t', [{ rel: TRIAL_HAS_OUTCOME, variable: 'r' }], '')}
    RETURN r
  }
  WITH r.level AS level, count(DISTINCT r) AS count
  RETURN collect({level: level, count: count}) AS claimLevels
}
RETURN conditionLabel, properties(c) AS conditionProps, interventionLabel, properties(i) AS interventionProps,
       size(trials) AS trialCount, trialRows, trialLevels, enrollment, bestOutcomes, disagreementCount,
       disagreements, contestedTrials, riskCount, risks, regulatoryStatusCount, regulatoryStatuses, claimLevels`;

interface ClaimItem {
  claim: Record<string, unknown>;
  type: string;
  sources: Array<Record<string, unknown>>;
}

type OutcomeItem = ClaimItem & {
  outcome: Record<string, unknown>;
  outcomeSources: Array<Record<string, unknown>>;
  trial: Record<string, unknown>;
};

interface StatedItem {
  item: Record<string, unknown>;
  claimCount: number;
  inherited: boolean;
  claims: Array<ClaimItem & { subject: Record<string, unknown>; subjectLabel: Label; scope: StatementScope }>;
}

interface LevelCount {
  level: string;
  count: number;
}

type EvidenceSummaryQueryRow = {
  conditionLabel: Label | null;
  conditionProps: Record<string, unknown> | null;
  interventionLabel: Label | null;
  interventionProps: Record<string, unknown> | null;
  trialCount: number;
  trialRows: Array<Record<string, unknown>>;
  trialLevels: LevelCount[];
  enrollment: EnrollmentByKindQueryRow;
  bestOutcomes: OutcomeItem[];
  disagreementCount: number;
  disagreements: Array<{
    measure: string;
    timepointMonths: number;
    valueCount: number;
    figureCount: number;
    figures: OutcomeItem[];
  }>;
  contestedTrials: Array<Record<string, unknown>>;
  riskCount: number;
  risks: StatedItem[];
  regulatoryStatusCount: number;
  regulatoryStatuses: StatedItem[];
  claimLevels: LevelCount[];
};

export interface EvidenceSummaryOutcomeRow {
  outcome: EntityParent;
  trial: EntityParent;
  evidence: EvidenceRow;
  claimScore: number | null;
}

export interface StatementRow {
  evidence: EvidenceRow;
  statedFor: EntityParent;
  scope: StatementScope;
}

export interface EvidenceSummaryRow {
  condition: EntityParent;
  intervention: EntityParent | null;
  trialCount: number;
  trials: EntityParent[];
  trialsByEvidenceLevel: Array<{ level: string; trialCount: number }>;
  claimCount: number;
  claimsByEvidenceLevel: Array<{ level: string; claimCount: number }>;
  enrollment: EnrollmentByKindRow;
  bestOutcomes: EvidenceSummaryOutcomeRow[];
  disagreementCount: number;
  disagreements: Array<{
    measure: string;
    timepointMonths: number;
    valueCount: number;
    figureCount: number;
    figures: EvidenceSummaryOutcomeRow[];
  }>;
  valueDisagreements: ValueDisagreementRow[];
  riskCount: number;
  risks: Array<{
    risk: EntityParent;
    evidenceCount: number;
    inherited: boolean;
    evidence: EvidenceRow[];
    statements: StatementRow[];
  }>;
  regulatoryStatusCount: number;
  regulatoryStatuses: Array<{
    status: EntityParent;
    evidenceCount: number;
    inherited: boolean;
    evidence: EvidenceRow[];
    statements: StatementRow[];
  }>;
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
    disagreementLimit: SUMMARY_DISAGREEMENT_LIMIT,
    figureLimit: SUMMARY_FIGURE_LIMIT,
    actualKinds: ENROLLMENT_KIND_GROUPS.actual,
    plannedKinds: ENROLLMENT_KIND_GROUPS.planned,
  };
}

/** Every level of the scale, in its order, with 0 where none was counted. */
function byLevel(counts: readonly LevelCount[]): Array<{ level: string; count: number }> {
  const found = new Map(counts.map((e) => [e.level, e.count]));
  return EVIDENCE_LEVELS.map((level) => ({ level, count: found.get(level) ?? 0 }));
}

export interface ValueDisagreementRow {
  trial: EntityParent;
  field: string;
  value: string;
  sourceIds: string[];
  statedValue: string;
  statedBy: string;
  ingestedBy: string | null;
  retrievedAt: string | null;
}

/**
 * A trial's fields where an ingested source states another value than the curated one: the curated
 * value with the sources the curators cited (the trial's, less those an ingestion added), and the other.
 */
function valueDisagreementsOf(props: Record<string, unknown>): ValueDisagreementRow[] {
  const trial = toEntityParent('Trial', props);
  const provenance = provenanceOf(props);
  const ingestedSources = new Set([
    ...provenance.alternativeValues.map((a) => a.sourceId),
    ...(provenance.ingestedFrom === null ? [] : [provenance.ingestedFrom]),
  ]);
  const curatedSources = ((props.sourceIds as string[] | undefined) ?? []).filter((id) => !ingestedSources.has(id));
  return provenance.alternativeValues.map((alternative) => ({
    trial,
    field: alternative.field,
    value: JSON.stringify(props[alternative.field] ?? null),
    sourceIds: curatedSources,
    statedValue: alternative.value,
    statedBy: alternative.sourceId,
    ingestedBy: alternative.ingestedBy,
    retrievedAt: alternative.retrievedAt,
  }));
}

type SourceProps = Record<string, unknown>;

/**
 * The sources a claim or an entity cites, in the order its `sourceIds` lists them, from those
 * found; undefined when none were read (the `sources` fields then load them if selected).
 */
function listedSources(
  props: Record<string, unknown>,
  found: ReadonlyMap<string, SourceProps> | null,
): SourceProps[] | undefined {
  if (found === null) {
    return undefined;
  }
  const ids = [...new Set((props.sourceIds as string[] | undefined) ?? [])];
  return ids.flatMap((id): SourceProps[] => {
    const source = found.get(id);
    return source === undefined ? [] : [source];
  });
}

/** The sources the card query read for its listed claims and outcomes, by id. */
function sourcesRead(row: EvidenceSummaryQueryRow): Map<string, SourceProps> {
  const found = new Map<string, SourceProps>();
  const add = (list: SourceProps[] | undefined) => list?.forEach((props) => found.set(String(props.id), props));
  for (const item of [...row.bestOutcomes, ...row.disagreements.flatMap((group) => group.figures)]) {
    add(item.sources);
    add(item.outcomeSources);
  }
  for (const item of [...row.risks, ...row.regulatoryStatuses]) {
    item.claims.forEach((claim) => add(claim.sources));
  }
  return found;
}

/**
 * The card query's row without the sources' properties (the larger half of a large card), as a
 * card is stored; STORED_EVIDENCE_SUMMARY reads them again when the client selects them.
 */
export function withoutSources(row: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(row, (key, value: unknown) => (key === 'sources' || key === 'outcomeSources' ? undefined : value)),
  ) as Record<string, unknown>;
}

function toOutcomeRow(item: OutcomeItem, found: ReadonlyMap<string, SourceProps> | null): EvidenceSummaryOutcomeRow {
  const outcome = toEntityParent('Outcome', item.outcome);
  const outcomeSources = listedSources(item.outcome, found);
  if (outcomeSources !== undefined) {
    outcome.sourceRows = outcomeSources.map((props) => toEntityParent('Source', props));
  }
  return {
    outcome,
    trial: toEntityParent('Trial', item.trial),
    evidence: toEvidence(item.claim, item.type, listedSources(item.claim, found)),
    claimScore: typeof item.claim.score === 'number' ? item.claim.score : null,
  };
}

function toStated(item: StatedItem, found: ReadonlyMap<string, SourceProps> | null) {
  const statements = item.claims.map((c) => ({
    evidence: toEvidence(c.claim, c.type, listedSources(c.claim, found)),
    statedFor: toEntityParent(c.subjectLabel, c.subject),
    scope: c.scope,
  }));
  return {
    evidenceCount: item.claimCount,
    inherited: item.inherited,
    evidence: statements.map((s) => s.evidence),
    statements,
  };
}

/** The label of the stored cards' nodes (card.store.ts keeps them). */
export const EVIDENCE_CARD_LABEL = 'EvidenceCard';

/**
 * The lists of a stored card, each kept apart from the rest (`head`: labels, the condition, counts
 * and levels), with the row keys each holds and the GraphQL fields that read it, so a request
 * decodes only the lists it selects.
 */
export const CARD_SECTIONS = {
  trials: { keys: ['trialRows'], fields: ['trials'] },
  bestOutcomes: { keys: ['bestOutcomes'], fields: ['bestOutcomes'] },
  disagreements: { keys: ['disagreements'], fields: ['disagreements'] },
  contested: { keys: ['contestedTrials'], fields: ['valueDisagreements'] },
  risks: { keys: ['risks'], fields: ['risks'] },
  statuses: { keys: ['regulatoryStatuses'], fields: ['regulatoryStatuses'] },
} as const satisfies Record<string, { keys: ReadonlyArray<keyof EvidenceSummaryQueryRow>; fields: readonly string[] }>;
type CardSection = keyof typeof CARD_SECTIONS;
const SECTION_NAMES = Object.keys(CARD_SECTIONS) as CardSection[];

/**
 * How a card's row is stored: `head` and each section as gzipped JSON, a byte array property each,
 * without the sources' properties (the largest card at scale M was 661 kB of JSON, 54 kB gzipped).
 */
const CARD_ENCODING = 'json+gzip by section, sources by id';

const gzipped = (value: unknown): Int8Array => {
  const bytes = gzipSync(JSON.stringify(value));
  return new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
};
const gunzipped = (bytes: Int8Array): Record<string, unknown> =>
  JSON.parse(gunzipSync(bytes).toString('utf8')) as Record<string, unknown>;

/** The stored form of a card query's row: `head` and one property per section. */
export function encodeCard(row: Record<string, unknown>): Record<'head' | CardSection, Int8Array> {
  const head = { ...row };
  const parts: Partial<Record<'head' | CardSection, Int8Array>> = {};
  for (const section of SECTION_NAMES) {
    const part: Record<string, unknown> = {};
    for (const key of CARD_SECTIONS[section].keys) {
      part[key] = row[key];
      delete head[key];
    }
    parts[section] = gzipped(part);
  }
  return { ...(parts as Record<CardSection, Int8Array>), head: gzipped(head) };
}

/** The row from the parts read; a section not read comes back as empty lists (its fields are not selected). */
function decodeCard(stored: Partial<Record<'head' | CardSection, Int8Array | null>>): EvidenceSummaryQueryRow {
  const row = gunzipped(stored.head as Int8Array);
  for (const section of SECTION_NAMES) {
    const bytes = stored[section];
    if (bytes != null) {
      Object.assign(row, gunzipped(bytes));
    } else {
      for (const key of CARD_SECTIONS[section].keys) {
        row[key] = [];
      }
    }
  }
  return row as EvidenceSummaryQueryRow;
}

/** The sections that hold the selected fields (every section when `fields` is undefined). */
function sectionsOf(fields: ReadonlySet<string> | undefined): CardSection[] {
  return SECTION_NAMES.filter(
    (section) => fields === undefined || CARD_SECTIONS[section].fields.some((field) => fields.has(field)),
  );
}

/**
 * What a stored card was computed by: the card query, its parameters and the encoding. A card of
 * another format is out of date whatever the graph says, and is read as missing.
 */
export const CARD_FORMAT = createHash('sha256')
  .update(CARD_ENCODING)
  .update(EVIDENCE_SUMMARY)
  .update(JSON.stringify(evidenceSummaryParams('', null)))
  .digest('hex')
  .slice(0, 16);

/**
 * name: storedEvidenceSummary — the stored card of a condition (card.store.ts): its head, and the
 * sections in $sections; `head` is null when the id is no condition, or its card is missing or of
 * another format. Section names are the code's CARD_SECTIONS, never input.
 */
export const STORED_EVIDENCE_SUMMARY = `
OPTIONAL MATCH (c:${ENTITY_LABEL} {id: $conditionId})
OPTIONAL MATCH (card:${EVIDENCE_CARD_LABEL} {conditionId: $conditionId})
WITH c, CASE WHEN c:Condition AND card.format = $format THEN card END AS card
RETURN ${labelOf('c')} AS conditionLabel, card.head AS head,
       ${SECTION_NAMES.map((section) => `CASE WHEN '${section}' IN $sections THEN card.${section} END AS ${section}`).join(',\n       ')},
       CASE WHEN $withSources AND card IS NOT NULL THEN ${citedSources('card')} END AS sources`;

/**
 * The card without an intervention is read as stored, one indexed read; with an intervention, or
 * when the condition's card is missing or of another format, or with `live`, the card query runs.
 * A stored card reads its sources only `withSources` (the client selected a `sources` field);
 * without them, any `sources` field would load through the usual loaders.
 */
export async function evidenceSummary(
  executor: Executor,
  conditionId: string,
  interventionId: string | null,
  options: { live?: boolean; withSources?: boolean; fields?: ReadonlySet<string> } = {},
): Promise<EvidenceSummaryLookup> {
  if (interventionId === null && options.live !== true) {
    const [stored] = await executor.read<
      {
        conditionLabel: Label | null;
        head: Int8Array | null;
        sources: SourceProps[] | null;
      } & Record<CardSection, Int8Array | null>
    >('storedEvidenceSummary', STORED_EVIDENCE_SUMMARY, {
      conditionId,
      format: CARD_FORMAT,
      sections: sectionsOf(options.fields),
      withSources: options.withSources !== false,
    });
    if (stored.conditionLabel !== 'Condition') {
      return { conditionLabel: stored.conditionLabel, interventionLabel: null, summary: null };
    }
    if (stored.head !== null) {
      const found = stored.sources === null ? null : new Map(stored.sources.map((props) => [String(props.id), props]));
      return summaryLookup(decodeCard(stored), interventionId, found);
    }
  }
  const [row] = await executor.read<EvidenceSummaryQueryRow>(
    'evidenceSummary',
    EVIDENCE_SUMMARY,
    evidenceSummaryParams(conditionId, interventionId),
  );
  return summaryLookup(row, interventionId, sourcesRead(row));
}

/**
 * The card from the row of the card query (read now, or as stored) and the sources read for it
 * (null: none read); each claim and outcome lists its sources in the order of its `sourceIds`.
 */
function summaryLookup(
  row: EvidenceSummaryQueryRow,
  interventionId: string | null,
  found: ReadonlyMap<string, SourceProps> | null,
): EvidenceSummaryLookup {
  const { conditionLabel, interventionLabel } = row;
  const valid =
    conditionLabel === 'Condition' &&
    (interventionId === null || interventionLabel === 'Product' || interventionLabel === 'CellType');
  if (!valid || row.conditionProps === null) {
    return { conditionLabel, interventionLabel, summary: null };
  }
  const claimLevels = byLevel(row.claimLevels);
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
      trialsByEvidenceLevel: byLevel(row.trialLevels).map(({ level, count }) => ({ level, trialCount: count })),
      claimCount: claimLevels.reduce((sum, e) => sum + e.count, 0),
      claimsByEvidenceLevel: claimLevels.map(({ level, count }) => ({ level, claimCount: count })),
      enrollment: toEnrollmentByKind(row.enrollment, row.trialCount),
      bestOutcomes: row.bestOutcomes.map((item) => toOutcomeRow(item, found)),
      disagreementCount: row.disagreementCount,
      disagreements: row.disagreements.map((group) => ({
        ...group,
        figures: group.figures.map((item) => toOutcomeRow(item, found)),
      })),
      valueDisagreements: row.contestedTrials.flatMap(valueDisagreementsOf),
      riskCount: row.riskCount,
      risks: row.risks.map((item) => ({ risk: toEntityParent('Risk', item.item), ...toStated(item, found) })),
      regulatoryStatusCount: row.regulatoryStatusCount,
      regulatoryStatuses: row.regulatoryStatuses.map((item) => ({
        status: toEntityParent('RegulatoryStatus', item.item),
        ...toStated(item, found),
      })),
      evidenceLevels: claimLevels,
    },
  };
}
