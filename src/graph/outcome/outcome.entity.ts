// The Outcome kind: a result a trial or study reported.
import { z } from 'zod';
import { count, defineEntity, floatRange, inList, measure, related, text } from '../entity/define';
import * as E from '../enums';
import { OUTCOME_DIRECTIONS, OUTCOME_MEASURES, VALUE_QUALIFIERS } from '../model';
import { TRIAL_HAS_OUTCOME } from '../relationships';
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
    value: measure.optional(),
    valueQualifier: z.enum(VALUE_QUALIFIERS).optional(),
    unit: text(100).optional(),
    baselineValue: measure.optional(),
    direction: z.enum(OUTCOME_DIRECTIONS),
    comparison: text(500).optional(),
    timepointMonths: measure.min(0).optional(),
    population: text(500).optional(),
    sampleSize: count.optional(),
    pValue: measure.min(0).max(1).optional(),
  },
  filters: {
    measure: inList('measure', E.OutcomeMeasure, 'Outcomes of any of these measures.'),
    direction: inList('direction', E.OutcomeDirection, 'Outcomes with any of these directions.'),
    timepointMonths: floatRange('timepointMonths', 'Outcomes at a time point in this range of months.'),
    value: floatRange('value', 'Outcomes whose value is in this range.'),
    trialIds: related([{ rel: TRIAL_HAS_OUTCOME, backwards: true }], 'Outcomes of any of these trials.'),
  },
  sorts: {
    TIMEPOINT: { property: 'timepointMonths', numeric: true, description: 'By time point, unknown first.' },
    VALUE: { property: 'value', numeric: true, description: 'By value, unknown first.' },
  },
  indexes: ['measure', 'timepointMonths'],
  display: { name: 'Outcome', colour: '#56B4E9' },
});
