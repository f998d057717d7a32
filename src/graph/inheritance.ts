// Reasoning along the ontology: what is stated for a class holds for its subclasses, and for the
// products made of them. Each rule names a relationship field that also returns, marked inherited,
// the claims of one relationship stated for the classes a chain reaches from the field's owner.
// The claims stay where they were stated; the rules are applied when a field is read.
import type { Label } from './model';
import { orSubclass, type Step, strictSubclass } from './patterns';
import {
  CELL_TYPE_CAPABLE_OF,
  CELL_TYPE_HAS_ADVERSE_EVENT,
  CELL_TYPE_HAS_REGULATORY_STATUS,
  CELL_TYPE_SUBCLASS_OF,
  PRODUCT_CONTAINS_CELL_TYPE,
  type RelationshipDef,
} from './relationships';

export interface InheritanceRule {
  owner: Label;
  /** The relationship field that inherits (created when no relationship gives it directly). */
  field: string;
  /** The relationship whose claims are inherited, stated for the class at the end of `via`. */
  rel: RelationshipDef;
  /** From the field's owner to each class the claims are inherited from (never the owner itself). */
  via: readonly Step[];
  /** How the inheritance reads, for the field's description. */
  reads: string;
}

/** A cell type's strict ancestors. */
const ANCESTORS: readonly Step[] = [strictSubclass(CELL_TYPE_SUBCLASS_OF)];
/** The cell types a product contains, and their ancestors. */
const CONTAINED_CLASSES: readonly Step[] = [{ rel: PRODUCT_CONTAINS_CELL_TYPE }, orSubclass(CELL_TYPE_SUBCLASS_OF)];

export const INHERITANCE: readonly InheritanceRule[] = [
  {
    owner: 'CellType',
    field: 'risks',
    rel: CELL_TYPE_HAS_ADVERSE_EVENT,
    via: ANCESTORS,
    reads: 'its ancestor classes',
  },
  { owner: 'CellType', field: 'mechanisms', rel: CELL_TYPE_CAPABLE_OF, via: ANCESTORS, reads: 'its ancestor classes' },
  {
    owner: 'CellType',
    field: 'regulatoryStatus',
    rel: CELL_TYPE_HAS_REGULATORY_STATUS,
    via: ANCESTORS,
    reads: 'its ancestor classes',
  },
  {
    owner: 'Product',
    field: 'risks',
    rel: CELL_TYPE_HAS_ADVERSE_EVENT,
    via: CONTAINED_CLASSES,
    reads: 'the cell types it contains and their ancestors',
  },
  {
    owner: 'Product',
    field: 'mechanisms',
    rel: CELL_TYPE_CAPABLE_OF,
    via: CONTAINED_CLASSES,
    reads: 'the cell types it contains and their ancestors',
  },
  {
    owner: 'Product',
    field: 'regulatoryStatus',
    rel: CELL_TYPE_HAS_REGULATORY_STATUS,
    via: CONTAINED_CLASSES,
    reads: 'the cell types it contains and their ancestors',
  },
];
