// Every relationship of the graph, one definition each. A relationship type joins one pair of
// labels (a type may be reused for several pairs, e.g. SUBCLASS_OF) and names the GraphQL field on
// each side; fields with the same name on the same label (Risk.associatedWith, ...) are merged into
// one field over all their definitions. Everything else (fields both ways, link and unlink
// mutations, seed validation, loading, export, indexes, named patterns) is derived from this list:
// add a relationship by adding one definition here. Code that needs a particular relationship
// names its constant, so removing or renaming one fails to compile.
import type { Label, RelationshipType } from './model';

export interface RelationshipDef {
  type: RelationshipType;
  from: Label;
  to: Label;
  /** Field on `from` that walks outwards. */
  outField: string;
  /** Field on `to` that walks back. */
  inField: string;
  /** What the claim means, in a sentence; becomes the GraphQL description. */
  meaning: string;
  /** The Biolink predicate this relationship aligns with. */
  biolink: string;
  /** How the relationship reads from `from` and from `to`, e.g. "Studies condition" / "Studied in trial". */
  reads: { out: string; in: string };
  /**
   * The relationship as a verb phrase in a sentence, read from `from` ("derives from") and from
   * `to` ("gives rise to"): "A derives from B" and "B gives rise to A".
   */
  verbs: { out: string; in: string };
  /**
   * Which way a chain of reasoning follows the relationship (`paths` in its default, directed
   * mode): `out` from `from` to `to`, `in` from `to` to `from`. It runs from origin to effect:
   * tissue to the cells derived from it, cell type to mechanism, mechanism to condition.
   */
  flow: 'out' | 'in';
}

export const CELL_TYPE_DERIVES_FROM: RelationshipDef = {
  type: 'DERIVES_FROM',
  from: 'CellType',
  to: 'CellSource',
  outField: 'derivedFrom',
  inField: 'cellTypes',
  meaning: 'The cell type is obtained from this tissue.',
  biolink: 'biolink:derives_from',
  reads: { out: 'Derived from', in: 'Source of cell type' },
  verbs: { out: 'derives from', in: 'gives rise to' },
  flow: 'in',
};

export const CELL_TYPE_SUBCLASS_OF: RelationshipDef = {
  type: 'SUBCLASS_OF',
  from: 'CellType',
  to: 'CellType',
  outField: 'parents',
  inField: 'subtypes',
  meaning: 'The cell type is a more specific kind of the other.',
  biolink: 'biolink:subclass_of',
  reads: { out: 'Is a kind of', in: 'Has subtype' },
  verbs: { out: 'is a kind of', in: 'has the subtype' },
  flow: 'out',
};

export const PRODUCT_PREPARED_FROM: RelationshipDef = {
  type: 'PREPARED_FROM',
  from: 'Product',
  to: 'CellSource',
  outField: 'cellSources',
  inField: 'products',
  meaning: 'The product is prepared from cells collected from this tissue.',
  biolink: 'biolink:derives_from',
  reads: { out: 'Prepared from', in: 'Source for product' },
  verbs: { out: 'is prepared from', in: 'is the source of' },
  flow: 'in',
};

export const PRODUCT_CONTAINS_CELL_TYPE: RelationshipDef = {
  type: 'CONTAINS_CELL_TYPE',
  from: 'Product',
  to: 'CellType',
  outField: 'cellTypes',
  inField: 'products',
  meaning: 'The product consists of, or is enriched for, this cell type.',
  biolink: 'biolink:has_part',
  reads: { out: 'Contains cell type', in: 'Contained in product' },
  verbs: { out: 'contains', in: 'is contained in' },
  flow: 'out',
};

export const CELL_TYPE_CAPABLE_OF: RelationshipDef = {
  type: 'CAPABLE_OF',
  from: 'CellType',
  to: 'Mechanism',
  outField: 'mechanisms',
  inField: 'cellTypes',
  meaning: 'The cell type may act through this mechanism.',
  biolink: 'biolink:capable_of',
  reads: { out: 'May act through', in: 'Mechanism of cell type' },
  verbs: { out: 'may act through', in: 'is a mechanism of' },
  flow: 'out',
};

export const MECHANISM_AFFECTS: RelationshipDef = {
  type: 'AFFECTS',
  from: 'Mechanism',
  to: 'Condition',
  outField: 'conditions',
  inField: 'mechanisms',
  meaning: 'The mechanism may relieve or modify this condition.',
  biolink: 'biolink:affects',
  reads: { out: 'May affect condition', in: 'Affected by mechanism' },
  verbs: { out: 'may affect', in: 'may be affected by' },
  flow: 'out',
};

export const CONDITION_CONTRIBUTES_TO: RelationshipDef = {
  type: 'CONTRIBUTES_TO',
  from: 'Condition',
  to: 'Condition',
  outField: 'contributesTo',
  inField: 'contributingConditions',
  meaning: 'The condition is a cause of, or contributor to, the other.',
  biolink: 'biolink:contributes_to',
  reads: { out: 'Contributes to', in: 'Contributed to by' },
  verbs: { out: 'contributes to', in: 'is contributed to by' },
  flow: 'out',
};

export const CONDITION_SUBCLASS_OF: RelationshipDef = {
  type: 'SUBCLASS_OF',
  from: 'Condition',
  to: 'Condition',
  outField: 'parents',
  inField: 'subtypes',
  meaning: 'The condition is a more specific form of the other.',
  biolink: 'biolink:subclass_of',
  reads: { out: 'Is a kind of', in: 'Has subtype' },
  verbs: { out: 'is a kind of', in: 'has the subtype' },
  flow: 'out',
};

export const TRIAL_STUDIES: RelationshipDef = {
  type: 'STUDIES',
  from: 'Trial',
  to: 'Condition',
  outField: 'conditions',
  inField: 'trials',
  meaning: 'The trial or study enrols patients with this condition.',
  biolink: 'biolink:in_clinical_trials_for',
  reads: { out: 'Studies condition', in: 'Studied in trial' },
  verbs: { out: 'studies', in: 'is studied in' },
  flow: 'out',
};

export const TRIAL_TESTS: RelationshipDef = {
  type: 'TESTS',
  from: 'Trial',
  to: 'Product',
  outField: 'interventions',
  inField: 'trials',
  meaning: 'The trial or study tests this cell product or preparation.',
  biolink: 'biolink:studied_to_treat',
  reads: { out: 'Tests product', in: 'Tested in trial' },
  verbs: { out: 'tests', in: 'is tested in' },
  flow: 'in',
};

export const TRIAL_TESTS_CELL_TYPE: RelationshipDef = {
  type: 'TESTS_CELL_TYPE',
  from: 'Trial',
  to: 'CellType',
  outField: 'cellTypes',
  inField: 'trials',
  meaning:
    "The trial or study tests cells of this type, as its sources say, whether or not they name a product (for a named product, TESTS and the product's cell types say it).",
  biolink: 'biolink:studied_to_treat',
  reads: { out: 'Tests cell type', in: 'Tested in trial' },
  verbs: { out: 'tests', in: 'is tested in' },
  flow: 'in',
};

export const TRIAL_HAS_OUTCOME: RelationshipDef = {
  type: 'HAS_OUTCOME',
  from: 'Trial',
  to: 'Outcome',
  outField: 'outcomes',
  inField: 'trials',
  meaning: 'The trial or study reported this result.',
  biolink: 'biolink:has_output',
  reads: { out: 'Reported outcome', in: 'Reported by trial' },
  verbs: { out: 'reported', in: 'was reported by' },
  flow: 'out',
};

export const OUTCOME_ASSESSES: RelationshipDef = {
  type: 'ASSESSES',
  from: 'Outcome',
  to: 'Risk',
  outField: 'assessedRisks',
  inField: 'assessedBy',
  meaning: 'The safety result speaks to how often this risk occurred.',
  biolink: 'biolink:related_to',
  reads: { out: 'Assesses risk', in: 'Assessed by outcome' },
  verbs: { out: 'bears on the risk of', in: 'is assessed by' },
  flow: 'out',
};

export const OUTCOME_SUPPORTS: RelationshipDef = {
  type: 'SUPPORTS',
  from: 'Outcome',
  to: 'Mechanism',
  outField: 'supportsMechanisms',
  inField: 'supportingOutcomes',
  meaning: 'The result is evidence that this mechanism operates in patients.',
  biolink: 'biolink:related_to',
  reads: { out: 'Supports mechanism', in: 'Supported by outcome' },
  verbs: { out: 'supports', in: 'is supported by' },
  flow: 'out',
};

export const CELL_TYPE_HAS_ADVERSE_EVENT: RelationshipDef = {
  type: 'HAS_ADVERSE_EVENT',
  from: 'CellType',
  to: 'Risk',
  outField: 'risks',
  inField: 'associatedWith',
  meaning: 'Therapy with this cell type carries this risk.',
  biolink: 'biolink:has_adverse_event',
  reads: { out: 'Carries risk', in: 'Associated with' },
  verbs: { out: 'carries the risk of', in: 'is a risk of' },
  flow: 'out',
};

export const PRODUCT_HAS_ADVERSE_EVENT: RelationshipDef = {
  type: 'HAS_ADVERSE_EVENT',
  from: 'Product',
  to: 'Risk',
  outField: 'risks',
  inField: 'associatedWith',
  meaning: 'Treatment with this product carries this risk.',
  biolink: 'biolink:has_adverse_event',
  reads: { out: 'Carries risk', in: 'Associated with' },
  verbs: { out: 'carries the risk of', in: 'is a risk of' },
  flow: 'out',
};

export const TRIAL_REPORTED_ADVERSE_EVENT: RelationshipDef = {
  type: 'REPORTED_ADVERSE_EVENT',
  from: 'Trial',
  to: 'Risk',
  outField: 'reportedRisks',
  inField: 'reportedIn',
  meaning: 'The trial or study reported this adverse event or concern.',
  biolink: 'biolink:has_adverse_event',
  reads: { out: 'Reported adverse event', in: 'Reported in trial' },
  verbs: { out: 'reported', in: 'was reported in' },
  flow: 'out',
};

export const CELL_TYPE_HAS_REGULATORY_STATUS: RelationshipDef = {
  type: 'HAS_REGULATORY_STATUS',
  from: 'CellType',
  to: 'RegulatoryStatus',
  outField: 'regulatoryStatus',
  inField: 'appliesTo',
  meaning: 'Therapies with this cell type have this regulatory standing.',
  biolink: 'biolink:related_to',
  reads: { out: 'Regulatory status', in: 'Applies to' },
  verbs: { out: 'has the regulatory status', in: 'applies to' },
  flow: 'out',
};

export const PRODUCT_HAS_REGULATORY_STATUS: RelationshipDef = {
  type: 'HAS_REGULATORY_STATUS',
  from: 'Product',
  to: 'RegulatoryStatus',
  outField: 'regulatoryStatus',
  inField: 'appliesTo',
  meaning: 'The product has this regulatory standing.',
  biolink: 'biolink:related_to',
  reads: { out: 'Regulatory status', in: 'Applies to' },
  verbs: { out: 'has the regulatory status', in: 'applies to' },
  flow: 'out',
};

export const REGULATORY_STATUS_APPLIES_TO_CONDITION: RelationshipDef = {
  type: 'APPLIES_TO_CONDITION',
  from: 'RegulatoryStatus',
  to: 'Condition',
  outField: 'conditions',
  inField: 'regulatoryStatus',
  meaning: 'The regulatory standing concerns use for this condition.',
  biolink: 'biolink:related_to',
  reads: { out: 'Applies to condition', in: 'Regulatory status' },
  verbs: { out: 'applies to use for', in: 'is the subject of' },
  flow: 'out',
};

export const TRIAL_SPONSORED_BY: RelationshipDef = {
  type: 'SPONSORED_BY',
  from: 'Trial',
  to: 'Organization',
  outField: 'sponsors',
  inField: 'sponsoredTrials',
  meaning: 'The organisation is the lead sponsor of the trial, as its registry record names it.',
  biolink: 'biolink:related_to',
  reads: { out: 'Sponsored by', in: 'Sponsors trial' },
  verbs: { out: 'is sponsored by', in: 'sponsors' },
  flow: 'in',
};

export const TRIAL_HAS_COLLABORATOR: RelationshipDef = {
  type: 'HAS_COLLABORATOR',
  from: 'Trial',
  to: 'Organization',
  outField: 'collaborators',
  inField: 'collaborations',
  meaning: 'The organisation collaborates on the trial, as its registry record names it.',
  biolink: 'biolink:related_to',
  reads: { out: 'Collaborator', in: 'Collaborates on trial' },
  verbs: { out: 'has the collaborator', in: 'collaborates on' },
  flow: 'in',
};

export const SOURCE_DESCRIBES_TRIAL: RelationshipDef = {
  type: 'DESCRIBES_TRIAL',
  from: 'Source',
  to: 'Trial',
  outField: 'describedTrials',
  inField: 'publications',
  meaning:
    'The document names the trial by its registry id (in its data-bank list or its abstract): a report of the trial, or a review that includes it.',
  biolink: 'biolink:mentions',
  reads: { out: 'Describes trial', in: 'Described in' },
  verbs: { out: 'describes', in: 'is described in' },
  flow: 'out',
};

/** The relationships of the graph. */
export const RELATIONSHIPS: readonly RelationshipDef[] = [
  CELL_TYPE_DERIVES_FROM,
  CELL_TYPE_SUBCLASS_OF,
  PRODUCT_PREPARED_FROM,
  PRODUCT_CONTAINS_CELL_TYPE,
  CELL_TYPE_CAPABLE_OF,
  MECHANISM_AFFECTS,
  CONDITION_CONTRIBUTES_TO,
  CONDITION_SUBCLASS_OF,
  TRIAL_STUDIES,
  TRIAL_TESTS,
  TRIAL_TESTS_CELL_TYPE,
  TRIAL_HAS_OUTCOME,
  OUTCOME_ASSESSES,
  OUTCOME_SUPPORTS,
  CELL_TYPE_HAS_ADVERSE_EVENT,
  PRODUCT_HAS_ADVERSE_EVENT,
  TRIAL_REPORTED_ADVERSE_EVENT,
  CELL_TYPE_HAS_REGULATORY_STATUS,
  PRODUCT_HAS_REGULATORY_STATUS,
  REGULATORY_STATUS_APPLIES_TO_CONDITION,
  TRIAL_SPONSORED_BY,
  TRIAL_HAS_COLLABORATOR,
  SOURCE_DESCRIBES_TRIAL,
];
