// A relationship defined the way those of src/graph/relationships.ts are; it joins a built-in kind
// (Product) to the Device kind of device.entity.ts.
import type { RelationshipDef } from '../../../src/graph/relationships';

export const PRODUCT_USES_DEVICE: RelationshipDef = {
  type: 'USES_DEVICE',
  from: 'Product',
  to: 'Device',
  outField: 'devices',
  inField: 'products',
  meaning: 'The product is delivered with this device.',
  biolink: 'biolink:related_to',
  reads: { out: 'Delivered with', in: 'Delivers product' },
  verbs: { out: 'is delivered with', in: 'delivers' },
  flow: 'out',
};
