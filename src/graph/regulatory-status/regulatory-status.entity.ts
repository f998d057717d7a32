// The RegulatoryStatus kind: the standing a regulator gives a therapy.
import { z } from 'zod';
import { defineEntity, equals, inList, text, year } from '../entity/define';
import * as E from '../enums';
import { REGULATORY_STATUS_KINDS } from '../model';
import { RegulatoryStatus } from './regulatory-status.type';

export const REGULATORY_STATUS = defineEntity({
  label: 'RegulatoryStatus',
  idPrefix: 'regulatory-status',
  plural: 'regulatoryStatuses',
  singular: 'regulatoryStatus',
  type: RegulatoryStatus,
  fields: {
    jurisdiction: text(100),
    authority: text(100),
    status: z.enum(REGULATORY_STATUS_KINDS),
    designation: text(100).optional(),
    year: year.optional(),
    scope: text(1000),
  },
  filters: {
    status: inList('status', E.RegulatoryStatusKind, 'Statuses of any of these kinds.'),
    jurisdiction: equals('jurisdiction', 'Statuses in this jurisdiction, e.g. United States.'),
    authority: equals('authority', 'Statuses given by this regulator, e.g. FDA.'),
  },
  sorts: { YEAR: { property: 'year', numeric: true, description: 'By year, unknown first.' } },
  display: { name: 'Regulatory status', colour: '#6A3D9A' },
});
