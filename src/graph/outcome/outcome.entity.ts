// The Outcome kind: a result a trial or study reported.
import { z } from 'zod';
import { count, defineEntity, floatRange, hasProperty, inList, measure, related, text } from '../entity/define';
import { PALETTE } from '../entity/display';
import * as E from '../enums';
import { resultProblems } from '../evidence/provenance';
import { ESTIMATE_KINDS, OUTCOME_DIRECTIONS, OUTCOME_MEASURES, RESULT_PARTS, VALUE_QUALIFIERS } from '../model';
import { orSubclass } from '../patterns';
import {
  CELL_TYPE_SUBCLASS_OF,
  CONDITION_SUBCLASS_OF,
  PRODUCT_CONTAINS_CELL_TYPE,
  TRIAL_HAS_OUTCOME,
  TRIAL_STUDIES,
  TRIAL_TESTS,
  TRIAL_TESTS_CELL_TYPE,
} from '../relationships';
import { Outcome } from './outcome.type';

export const OUTCOME = defineEntity({
  label: 'Outcome',
  idPrefix: 'outcome',
  plural: 'outcomes',
  singular: 'outcome',
  type: Outcome,
  fields: {
    measure: z.enum(OUTCOME_MEASURES),
    instrument: text(100).optional(),
    scale: text(200).optional(),
    estimateKind: z.enum(ESTIMATE_KINDS).optional(),
    value: measure.optional(),
    valueQualifier: z.enum(VALUE_QUALIFIERS).optional(),
    unit: text(100).optional(),
    baselineValue: measure.optional(),
    intervalLow: measure.optional(),
    intervalHigh: measure.optional(),
    intervalLevel: measure.gt(0).lt(1).optional(),
    direction: z.enum(OUTCOME_DIRECTIONS),
    comparison: text(500).optional(),
    timepointMonths: measure.min(0).optional(),
    population: text(500).optional(),
    sampleSize: count.optional(),
    pValue: measure.min(0).max(1).optional(),
    notReported: z.array(z.enum(RESULT_PARTS)).optional(),
  },
  check: resultProblems,
  filters: {
    measure: inList('measure', E.OutcomeMeasure, 'Outcomes of any of these measures.'),
    direction: inList('direction', E.OutcomeDirection, 'Outcomes with any of these directions.'),
    timepointMonths: floatRange('timepointMonths', 'Outcomes at a time point in this range of months.'),
    value: floatRange('value', 'Outcomes whose value is in this range.'),
    estimateKind: inList('estimateKind', E.EstimateKind, 'Outcomes whose estimate is of any of these kinds.'),
    numeric: hasProperty('value', 'true: outcomes that report a number (an estimate); false: those that do not.'),
    trialIds: related([{ rel: TRIAL_HAS_OUTCOME, backwards: true }], 'Outcomes of any of these trials.'),
    conditionIds: related(
      [{ rel: TRIAL_HAS_OUTCOME, backwards: true }, { rel: TRIAL_STUDIES }, orSubclass(CONDITION_SUBCLASS_OF)],
      'Outcomes of trials studying any of these conditions or their subtypes.',
    ),
    productIds: related(
      [{ rel: TRIAL_HAS_OUTCOME, backwards: true }, { rel: TRIAL_TESTS }],
      'Outcomes of trials testing any of these products.',
    ),
    cellTypeIds: related(
      [
        { rel: TRIAL_HAS_OUTCOME, backwards: true },
        { rel: TRIAL_TESTS },
        { rel: PRODUCT_CONTAINS_CELL_TYPE },
        orSubclass(CELL_TYPE_SUBCLASS_OF),
      ],
      'Outcomes of trials testing any of these cell types or their subtypes (in a product, or with no product named).',
      [{ rel: TRIAL_HAS_OUTCOME, backwards: true }, { rel: TRIAL_TESTS_CELL_TYPE }, orSubclass(CELL_TYPE_SUBCLASS_OF)],
    ),
  },
  sorts: {
    TIMEPOINT: { property: 'timepointMonths', numeric: true, description: 'By time point, unknown first.' },
    VALUE: { property: 'value', numeric: true, description: 'By value, unknown first.' },
    EVIDENCE_SCORE: {
      property: 'score',
      numeric: true,
      expression: (v) =>
        `COLLECT { MATCH (:${TRIAL_HAS_OUTCOME.from})-[r:${TRIAL_HAS_OUTCOME.type}]->(${v}) RETURN max(r.score) AS s }[0]`,
      description:
        'By the evidence score of the claim that reports the outcome (HAS_OUTCOME; the best one if several), lowest first; DESC for the strongest first.',
    },
  },
  indexes: ['measure', 'timepointMonths'],
  display: { name: 'Outcome', colour: PALETTE.green, shape: 'pentagon' },
});
