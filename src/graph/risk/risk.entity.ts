// The Risk kind: an adverse event or concern.
import { z } from 'zod';
import { defineEntity, inList } from '../entity/define';
import { PALETTE } from '../entity/display';
import * as E from '../enums';
import { RISK_FREQUENCIES, RISK_SEVERITIES } from '../model';
import { Risk } from './risk.type';

export const RISK = defineEntity({
  label: 'Risk',
  idPrefix: 'risk',
  plural: 'risks',
  singular: 'risk',
  type: Risk,
  fields: {
    severity: z.enum(RISK_SEVERITIES).optional(),
    frequency: z.enum(RISK_FREQUENCIES),
  },
  filters: {
    severity: inList('severity', E.RiskSeverity, 'Risks of any of these severities.'),
    frequency: inList('frequency', E.RiskFrequency, 'Risks of any of these frequency classes.'),
  },
  indexes: ['severity', 'frequency'],
  display: { name: 'Risk', colour: PALETTE.wine, shape: 'triangle' },
});
