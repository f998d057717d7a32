// The entity kinds of the graph: one definition each, in its own folder. Adding a kind is a folder
// (src/graph/<entity>/: <entity>.type.ts and <entity>.entity.ts), one line here, and its seed
// data; every table is derived from this list in src/graph/registry.ts.
import { CELL_SOURCE } from './cell-source/cell-source.entity';
import { CELL_TYPE } from './cell-type/cell-type.entity';
import { CONDITION } from './condition/condition.entity';
import type { EntityDefinition } from './entity/define';
import { MECHANISM } from './mechanism/mechanism.entity';
import { ORGANIZATION } from './organization/organization.entity';
import { OUTCOME } from './outcome/outcome.entity';
import { PRODUCT } from './product/product.entity';
import { REGULATORY_STATUS } from './regulatory-status/regulatory-status.entity';
import { RISK } from './risk/risk.entity';
import { SOURCE } from './source/source.entity';
import { TRIAL } from './trial/trial.entity';

export const ENTITIES: readonly EntityDefinition[] = [
  CELL_SOURCE,
  CELL_TYPE,
  PRODUCT,
  MECHANISM,
  CONDITION,
  TRIAL,
  OUTCOME,
  RISK,
  REGULATORY_STATUS,
  ORGANIZATION,
  SOURCE,
];
