// The Trial kind: a clinical trial or study.
import { z } from 'zod';
import { count, defineEntity, equals, inList, intRange, measure, related, text, year } from '../entity/define';
import * as E from '../enums';
import { ENROLLMENT_KINDS, EVIDENCE_LEVELS, NCT_PATTERN, STUDY_DESIGNS, TRIAL_PHASES, TRIAL_STATUSES } from '../model';
import { orSubclass } from '../patterns';
import {
  CELL_TYPE_SUBCLASS_OF,
  CONDITION_SUBCLASS_OF,
  PRODUCT_CONTAINS_CELL_TYPE,
  PRODUCT_PREPARED_FROM,
  TRIAL_STUDIES,
  TRIAL_TESTS,
} from '../relationships';
import { Trial } from './trial.type';

export const TRIAL = defineEntity({
  label: 'Trial',
  idPrefix: 'trial',
  plural: 'trials',
  singular: 'trial',
  type: Trial,
  fields: {
    registryId: z.string().regex(NCT_PATTERN, 'must be an NCT number such as NCT01290367').optional(),
    acronym: text(100).optional(),
    phase: z.enum(TRIAL_PHASES),
    design: z.enum(STUDY_DESIGNS),
    evidenceLevel: z.enum(EVIDENCE_LEVELS),
    status: z.enum(TRIAL_STATUSES),
    enrollment: count.optional(),
    enrollmentKind: z.enum(ENROLLMENT_KINDS).optional(),
    startYear: year.optional(),
    completionYear: year.optional(),
    followUpMonths: measure.min(0).optional(),
    sponsor: text(200).optional(),
    sites: count.optional(),
    countries: z.array(text(100)).optional(),
    arms: z.array(text(500)).optional(),
  },
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
      'Trials testing products that contain any of these cell types or their subtypes.',
    ),
    cellSourceIds: related(
      [{ rel: TRIAL_TESTS }, { rel: PRODUCT_PREPARED_FROM }],
      'Trials testing products prepared from any of these cell sources.',
    ),
  },
  sorts: {
    START_YEAR: { property: 'startYear', numeric: true, description: 'By start year, unknown years first.' },
    ENROLLMENT: { property: 'enrollment', numeric: true, description: 'By enrollment, unknown first.' },
  },
  indexes: ['registryId', 'phase', 'status', 'design', 'evidenceLevel', 'startYear', 'enrollment'],
  display: { name: 'Trial', colour: '#0072B2' },
});
