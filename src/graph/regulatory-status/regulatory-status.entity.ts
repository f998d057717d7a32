// The RegulatoryStatus kind: the standing a regulator gives a therapy.
import { z } from 'zod';
import { defineEntity, inList, text, year } from '../entity/define';
import { PALETTE } from '../entity/display';
import * as E from '../enums';
import { AUTHORITIES, JURISDICTIONS, REGULATORY_STATUS_KINDS } from '../model';
import { RegulatoryStatus } from './regulatory-status.type';

export const REGULATORY_STATUS = defineEntity({
  label: 'RegulatoryStatus',
  idPrefix: 'regulatory-status',
  plural: 'regulatoryStatuses',
  singular: 'regulatoryStatus',
  type: RegulatoryStatus,
  fields: {
    jurisdiction: z.enum(JURISDICTIONS),
    authority: z.enum(AUTHORITIES),
    status: z.enum(REGULATORY_STATUS_KINDS),
    designation: text(100).optional(),
    year: year.optional(),
    scope: text(1000),
  },
  filters: {
    status: inList('status', E.RegulatoryStatusKind, 'Statuses of any of these kinds.'),
    jurisdiction: inList(
      'jurisdiction',
      E.Jurisdiction,
      'Statuses in any of these jurisdictions, e.g. [US] for the United States. A value outside Jurisdiction is a validation error.',
    ),
    authority: inList(
      'authority',
      E.Authority,
      'Statuses given by any of these regulators, e.g. [FDA] for the US Food and Drug Administration. A value outside Authority is a validation error.',
    ),
  },
  sorts: { YEAR: { property: 'year', numeric: true, description: 'By year, unknown first.' } },
  display: { name: 'Regulatory status', colour: PALETTE.purple, shape: 'octagon' },
});
