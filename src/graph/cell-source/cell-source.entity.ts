// The CellSource kind: a tissue cells are collected from.
import { z } from 'zod';
import { anyOf, defineEntity, text } from '../entity/define';
import { PALETTE } from '../entity/display';
import * as E from '../enums';
import { CELL_ORIGINS } from '../model';
import { CellSource } from './cell-source.type';

export const CELL_SOURCE = defineEntity({
  label: 'CellSource',
  idPrefix: 'cell-source',
  plural: 'cellSources',
  singular: 'cellSource',
  type: CellSource,
  fields: {
    origins: z.array(z.enum(CELL_ORIGINS)).min(1),
    collectionMethod: text(1000).optional(),
  },
  filters: { origins: anyOf('origins', E.CellOrigin, 'Tissues used with any of these origins.') },
  display: { name: 'Cell source', colour: PALETTE.olive, shape: 'chevron' },
});
