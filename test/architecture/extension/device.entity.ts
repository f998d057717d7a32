// An entity kind defined the way every kind of src/graph/ is, but inside the test folder:
// extension.test.ts adds it, with PRODUCT_USES_DEVICE, to the registry's lists.
import { defineEntity, equals, intRange, text, year } from '../../../src/graph/entity/define';
import { Device } from './device.type';

export const DEVICE = defineEntity({
  label: 'Device',
  idPrefix: 'device',
  plural: 'devices',
  singular: 'device',
  type: Device,
  fields: {
    manufacturer: text(200),
    clearedYear: year.optional(),
  },
  filters: {
    manufacturer: equals('manufacturer', 'Devices made by this manufacturer.'),
    clearedYear: intRange('clearedYear', 'Devices first cleared in this range of years.'),
  },
  sorts: { CLEARED_YEAR: { property: 'clearedYear', numeric: true, description: 'By year of clearance.' } },
  indexes: ['manufacturer'],
  display: { name: 'Device', colour: '#123456', shape: 'circle' },
});
