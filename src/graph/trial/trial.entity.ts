// The Trial kind: a clinical trial or study.
import { z } from 'zod';
import { count, defineEntity, equals, inList, intRange, measure, related, text, year } from '../entity/define';
import { PALETTE } from '../entity/display';
import * as E from '../enums';
import {
  ALLOCATIONS,
  ENROLLMENT_KINDS,
  EVIDENCE_LEVELS,
  MASKINGS,
  NCT_PATTERN,
  PARTIAL_DATE_PATTERN,
  STUDY_DESIGNS,
  TRIAL_PHASES,
  TRIAL_STATUSES,
} from '../model';
import type { RecordProblem } from '../evidence/provenance';
import { orSubclass } from '../patterns';
import {
  CELL_TYPE_DERIVES_FROM,
  CELL_TYPE_SUBCLASS_OF,
  CONDITION_SUBCLASS_OF,
  PRODUCT_CONTAINS_CELL_TYPE,
  PRODUCT_PREPARED_FROM,
  TRIAL_STUDIES,
  TRIAL_TESTS,
  TRIAL_TESTS_CELL_TYPE,
} from '../relationships';
import { Trial } from './trial.type';

const partialDate = z.string().regex(PARTIAL_DATE_PATTERN, 'must be a date such as 2015, 2015-03 or 2015-03-17');

/** An outcome measure the registry lists, as JSON text (`registeredOutcomes` in the API). */
export const REGISTERED_OUTCOME = z.strictObject({
  kind: z.enum(['PRIMARY', 'SECONDARY', 'OTHER']),
  measure: text(1000),
  timeFrame: text(1000).optional(),
  description: text(4000).optional(),
});
const registeredOutcome = text(8000).refine((value) => {
  try {
    return REGISTERED_OUTCOME.safeParse(JSON.parse(value)).success;
  } catch {
    return false;
  }
}, 'must be JSON {"kind":"PRIMARY"|"SECONDARY"|"OTHER","measure":…,"timeFrame"?:…,"description"?:…}');

/** A full date and its year field must agree, so that a filter by year and the date never disagree. */
function trialDateProblems(record: Record<string, unknown>): RecordProblem[] {
  const problems: RecordProblem[] = [];
  for (const [dateField, yearField] of [
    ['startDate', 'startYear'],
    ['completionDate', 'completionYear'],
  ] as const) {
    const date = record[dateField];
    const y = record[yearField];
    if (typeof date === 'string' && typeof y === 'number' && Number(date.slice(0, 4)) !== y) {
      problems.push({ field: yearField, message: `is ${y} but ${dateField} is ${date}; they must agree` });
    }
  }
  return problems;
}

/** Study levels from weakest to strongest (CURATED_DATABASE says nothing of a design, so it ranks lowest). */
const STUDY_LEVELS_WEAKEST_FIRST = EVIDENCE_LEVELS.filter((level) => level !== 'CURATED_DATABASE').reverse();

export const TRIAL = defineEntity({
  label: 'Trial',
  idPrefix: 'trial',
  plural: 'trials',
  singular: 'trial',
  type: Trial,
  fields: {
    registryId: z.string().regex(NCT_PATTERN, 'must be an NCT number such as NCT01290367').optional(),
    officialTitle: text(1000).optional(),
    acronym: text(100).optional(),
    phase: z.enum(TRIAL_PHASES).optional(),
    design: z.enum(STUDY_DESIGNS).optional(),
    evidenceLevel: z.enum(EVIDENCE_LEVELS),
    status: z.enum(TRIAL_STATUSES),
    enrollment: count.optional(),
    enrollmentKind: z.enum(ENROLLMENT_KINDS).optional(),
    allocation: z.enum(ALLOCATIONS).optional(),
    masking: z.enum(MASKINGS).optional(),
    startYear: year.optional(),
    startDate: partialDate.optional(),
    completionYear: year.optional(),
    completionDate: partialDate.optional(),
    followUpMonths: measure.min(0).optional(),
    sponsor: text(200).optional(),
    sites: count.optional(),
    countries: z.array(text(100)).optional(),
    arms: z.array(text(500)).optional(),
    registryConditions: z.array(text(300)).optional(),
    meshTerms: z.array(text(300)).optional(),
    registryInterventions: z.array(text(1000)).optional(),
    registeredOutcomes: z.array(registeredOutcome).optional(),
  },
  check: trialDateProblems,
  filters: {
    phase: inList('phase', E.TrialPhase, 'Trials in any of these phases.'),
    status: inList('status', E.TrialStatus, 'Trials with any of these statuses.'),
    design: inList('design', E.StudyDesign, 'Trials with any of these designs.'),
    evidenceLevel: inList('evidenceLevel', E.EvidenceLevel, 'Trials whose design yields any of these evidence levels.'),
    enrollment: intRange('enrollment', 'Trials whose enrollment is in this range.'),
    startYear: intRange('startYear', 'Trials that started in this range of years.'),
    registryId: equals('registryId', 'The trial with this registry id, e.g. NCT01290367.'),
    conditionIds: related(
      [{ rel: TRIAL_STUDIES }, orSubclass(CONDITION_SUBCLASS_OF)],
      'Trials studying any of these conditions or their subtypes.',
    ),
    productIds: related([{ rel: TRIAL_TESTS }], 'Trials testing any of these products.'),
    cellTypeIds: related(
      [{ rel: TRIAL_TESTS }, { rel: PRODUCT_CONTAINS_CELL_TYPE }, orSubclass(CELL_TYPE_SUBCLASS_OF)],
      'Trials testing any of these cell types or their subtypes: in a product that contains them, or with no product named.',
      [{ rel: TRIAL_TESTS_CELL_TYPE }, orSubclass(CELL_TYPE_SUBCLASS_OF)],
    ),
    cellSourceIds: related(
      [{ rel: TRIAL_TESTS }, { rel: PRODUCT_PREPARED_FROM }],
      'Trials testing products prepared from any of these cell sources, or cells of a type that derives from them (TESTS_CELL_TYPE, DERIVES_FROM): a trial of MSCs whose origin its sources do not state counts under every tissue MSCs derive from.',
      [{ rel: TRIAL_TESTS_CELL_TYPE }, { rel: CELL_TYPE_DERIVES_FROM }],
    ),
  },
  sorts: {
    START_YEAR: { property: 'startYear', numeric: true, description: 'By start year, unknown years first.' },
    ENROLLMENT: { property: 'enrollment', numeric: true, description: 'By enrollment, unknown first.' },
    EVIDENCE_LEVEL: {
      property: 'evidenceLevel',
      numeric: true,
      // The level's rank from the closed EVIDENCE_LEVELS list (strongest highest); no client value.
      expression: (v) =>
        `CASE ${v}.evidenceLevel ${STUDY_LEVELS_WEAKEST_FIRST.map((level, i) => `WHEN '${level}' THEN ${i + 1}`).join(' ')} ELSE 0 END`,
      description:
        'By evidence level, weakest first (curated-database and unknown lowest); DESC for the strongest first.',
    },
  },
  indexes: ['registryId', 'phase', 'status', 'design', 'evidenceLevel', 'startYear', 'enrollment'],
  display: { name: 'Trial', colour: PALETTE.indigo, shape: 'rounded square' },
});
