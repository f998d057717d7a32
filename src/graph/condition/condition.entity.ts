// The Condition kind: a disease or phenotype.
import { z } from 'zod';
import { defineEntity, inList } from '../entity/define';
import { PALETTE } from '../entity/display';
import * as E from '../enums';
import { CONDITION_CATEGORIES } from '../model';
import { Condition } from './condition.type';

export const CONDITION = defineEntity({
  label: 'Condition',
  idPrefix: 'condition',
  plural: 'conditions',
  singular: 'condition',
  type: Condition,
  fields: { category: z.enum(CONDITION_CATEGORIES) },
  filters: { category: inList('category', E.ConditionCategory, 'Conditions of any of these categories.') },
  display: { name: 'Condition', colour: PALETTE.rose, shape: 'circle' },
});
