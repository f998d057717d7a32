// The CellType kind: a kind of cell, such as the mesenchymal stem cell.
import { defineEntity, related } from '../entity/define';
import { PALETTE } from '../entity/display';
import { CELL_TYPE_DERIVES_FROM } from '../relationships';
import { CellType } from './cell-type.type';

export const CELL_TYPE = defineEntity({
  label: 'CellType',
  idPrefix: 'cell-type',
  plural: 'cellTypes',
  singular: 'cellType',
  type: CellType,
  fields: {},
  filters: {
    cellSourceIds: related([{ rel: CELL_TYPE_DERIVES_FROM }], 'Cell types derived from any of these cell sources.'),
  },
  display: { name: 'Cell type', colour: PALETTE.sand, shape: 'hexagon' },
});
