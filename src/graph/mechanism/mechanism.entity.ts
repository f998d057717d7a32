// The Mechanism kind: how cells may act, such as reducing inflammation.
import { defineEntity, related } from '../entity/define';
import { PALETTE } from '../entity/display';
import { orSubclass } from '../patterns';
import {
  CELL_TYPE_CAPABLE_OF,
  CELL_TYPE_SUBCLASS_OF,
  CONDITION_SUBCLASS_OF,
  MECHANISM_AFFECTS,
} from '../relationships';
import { Mechanism } from './mechanism.type';

export const MECHANISM = defineEntity({
  label: 'Mechanism',
  idPrefix: 'mechanism',
  plural: 'mechanisms',
  singular: 'mechanism',
  type: Mechanism,
  fields: {},
  filters: {
    cellTypeIds: related(
      [{ rel: CELL_TYPE_CAPABLE_OF, backwards: true }, orSubclass(CELL_TYPE_SUBCLASS_OF, true)],
      'Mechanisms of any of these cell types, including those of their parent types.',
    ),
    conditionIds: related(
      [{ rel: MECHANISM_AFFECTS }, orSubclass(CONDITION_SUBCLASS_OF)],
      'Mechanisms affecting any of these conditions or their subtypes.',
    ),
  },
  display: { name: 'Mechanism', colour: PALETTE.cyan, shape: 'star' },
});
