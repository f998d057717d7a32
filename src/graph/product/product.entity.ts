// The Product kind: a cell product or preparation.
import { z } from 'zod';
import { defineEntity, inList, related, text } from '../entity/define';
import { PALETTE } from '../entity/display';
import * as E from '../enums';
import { CELL_ORIGINS, MANIPULATIONS, PRODUCT_KINDS } from '../model';
import { orSubclass } from '../patterns';
import { CELL_TYPE_SUBCLASS_OF, PRODUCT_CONTAINS_CELL_TYPE, PRODUCT_PREPARED_FROM } from '../relationships';
import { Product } from './product.type';

export const PRODUCT = defineEntity({
  label: 'Product',
  idPrefix: 'product',
  plural: 'products',
  singular: 'product',
  type: Product,
  fields: {
    kind: z.enum(PRODUCT_KINDS),
    developer: text(200).optional(),
    origin: z.enum(CELL_ORIGINS).optional(),
    manipulation: z.enum(MANIPULATIONS).optional(),
    route: text(200).optional(),
  },
  filters: {
    kind: inList('kind', E.ProductKind, 'Products of any of these kinds.'),
    origin: inList('origin', E.CellOrigin, 'Products with cells of any of these origins.'),
    manipulation: inList('manipulation', E.Manipulation, 'Products processed in any of these ways.'),
    cellTypeIds: related(
      [{ rel: PRODUCT_CONTAINS_CELL_TYPE }, orSubclass(CELL_TYPE_SUBCLASS_OF)],
      'Products containing any of these cell types or their subtypes.',
    ),
    cellSourceIds: related([{ rel: PRODUCT_PREPARED_FROM }], 'Products prepared from any of these cell sources.'),
  },
  display: { name: 'Product', colour: PALETTE.teal, shape: 'diamond' },
});
