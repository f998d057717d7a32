// The closed vocabulary of the graph: node labels, relationship types, and every enum a
// property may take. Cypher interpolates labels and relationship types ONLY from the values
// defined here (never from user input), and the seed validator, the loader, the GraphQL
// schema and the exporters all read the same tables, so they cannot drift apart.

export const LABELS = [
  'CellSource',
  'CellType',
  'Product',
  'Mechanism',
  'Condition',
  'Trial',
  'Outcome',
  'Risk',
  'RegulatoryStatus',
  'Source',
] as const;
export type Label = (typeof LABELS)[number];

/** Every entity also carries this label, so `node(id)` is one index seek whatever the type. */
export const ENTITY_LABEL = 'Entity';

/**
 * The label of the curation audit trail's nodes (src/graph/curation/audit.repository.ts). They
 * have no Entity label, so the graph API, stats, snapshots and exports never see them.
 */
export const AUDIT_LABEL = 'AuditEntry';

/** The id prefix of each label: ids read like `condition:degenerative-disc-disease`. */
export const ID_PREFIX: Record<Label, string> = {
  CellSource: 'cell-source',
  CellType: 'cell-type',
  Product: 'product',
  Mechanism: 'mechanism',
  Condition: 'condition',
  Trial: 'trial',
  Outcome: 'outcome',
  Risk: 'risk',
  RegulatoryStatus: 'regulatory-status',
  Source: 'source',
};
export const CLAIM_ID_PREFIX = 'claim';

/** The part after the prefix: lower-case words joined by hyphens (dots allowed, e.g. 1.5m). */
export const LOCAL_ID_PATTERN = '[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?';
export const ENTITY_ID_PATTERN = new RegExp(`^(${Object.values(ID_PREFIX).join('|')}):${LOCAL_ID_PATTERN}$`);
export const CLAIM_ID_PATTERN = new RegExp(`^${CLAIM_ID_PREFIX}:${LOCAL_ID_PATTERN}$`);

export function labelOfId(id: string): Label | undefined {
  const prefix = id.slice(0, id.indexOf(':'));
  return LABELS.find((label) => ID_PREFIX[label] === prefix);
}

/**
 * A CURIE: an ontology prefix and a local id, e.g. `MONDO:0011385`, `CL:0000134`, `MESH:D055959`.
 * `DISCGRAPH:` is our local namespace for concepts no ontology names (e.g. discogenic pain).
 */
export const CURIE_PATTERN = /^[A-Za-z][A-Za-z0-9_.]*:[A-Za-z0-9_.-]+$/;
export const NCT_PATTERN = /^NCT\d{8}$/;
export const DOI_PATTERN = /^10\.\d{4,9}\/\S+$/;

/** Where a CURIE prefix resolves to a page a human can open. */
export const CURIE_URL: Record<string, (localId: string) => string> = {
  MONDO: (id) => `http://purl.obolibrary.org/obo/MONDO_${id}`,
  HP: (id) => `http://purl.obolibrary.org/obo/HP_${id}`,
  CL: (id) => `http://purl.obolibrary.org/obo/CL_${id}`,
  UBERON: (id) => `http://purl.obolibrary.org/obo/UBERON_${id}`,
  GO: (id) => `http://purl.obolibrary.org/obo/GO_${id}`,
  DOID: (id) => `http://purl.obolibrary.org/obo/DOID_${id}`,
  MESH: (id) => `https://meshb.nlm.nih.gov/record/ui?ui=${id}`,
  CLINICALTRIALS: (id) => `https://clinicaltrials.gov/study/${id}`,
  DOI: (id) => `https://doi.org/${id}`,
  PMID: (id) => `https://pubmed.ncbi.nlm.nih.gov/${id}/`,
  PMC: (id) => `https://www.ncbi.nlm.nih.gov/pmc/articles/PMC${id}/`,
};

// ---------------------------------------------------------------------------------------------
// Evidence: every claim (relationship) carries a level, a Biolink knowledge level and sources.

/** A clinician's scale of how strong the study behind a claim is, strongest first. */
export const EVIDENCE_LEVELS = [
  'SYSTEMATIC_REVIEW',
  'RANDOMISED_CONTROLLED_TRIAL',
  'NON_RANDOMISED_TRIAL',
  'OBSERVATIONAL_STUDY',
  'CASE_REPORT',
  'EXPERT_OR_NARRATIVE',
  'PRECLINICAL',
  'CURATED_DATABASE',
] as const;
export type EvidenceLevel = (typeof EVIDENCE_LEVELS)[number];

/** Biolink `knowledge_level`. */
export const KNOWLEDGE_LEVELS = [
  'KNOWLEDGE_ASSERTION',
  'STATISTICAL_ASSOCIATION',
  'OBSERVATION',
  'PREDICTION',
  'NOT_PROVIDED',
] as const;
export type KnowledgeLevel = (typeof KNOWLEDGE_LEVELS)[number];

/** Biolink `agent_type`. */
export const AGENT_TYPES = ['MANUAL_AGENT', 'TEXT_MINING_AGENT', 'AUTOMATED_AGENT'] as const;
export type AgentType = (typeof AGENT_TYPES)[number];

// ---------------------------------------------------------------------------------------------
// Property enums.

export const CELL_ORIGINS = ['AUTOLOGOUS', 'ALLOGENEIC'] as const;
export const CONDITION_CATEGORIES = ['DISEASE', 'PHENOTYPE'] as const;
export const PRODUCT_KINDS = ['PREPARATION', 'INVESTIGATIONAL_PRODUCT'] as const;
export const MANIPULATIONS = ['MINIMALLY_MANIPULATED', 'CULTURE_EXPANDED'] as const;
export const TRIAL_PHASES = [
  'EARLY_PHASE_1',
  'PHASE_1',
  'PHASE_1_2',
  'PHASE_2',
  'PHASE_2_3',
  'PHASE_3',
  'PHASE_4',
  'NOT_APPLICABLE',
] as const;
export const STUDY_DESIGNS = [
  'RANDOMISED_CONTROLLED_TRIAL',
  'NON_RANDOMISED_TRIAL',
  'SINGLE_ARM_TRIAL',
  'OBSERVATIONAL_STUDY',
  'CASE_SERIES',
  'SYSTEMATIC_REVIEW',
] as const;
export const TRIAL_STATUSES = [
  'NOT_YET_RECRUITING',
  'RECRUITING',
  'ACTIVE_NOT_RECRUITING',
  'COMPLETED',
  'TERMINATED',
  'UNKNOWN',
] as const;
export const ENROLLMENT_KINDS = ['ACTUAL', 'PLANNED', 'UP_TO'] as const;
export const OUTCOME_MEASURES = [
  'PAIN',
  'FUNCTION',
  'MEDICATION_USE',
  'QUALITY_OF_LIFE',
  'MOBILITY',
  'SUCCESS_RATE',
  'SURGERY_AVOIDANCE',
  'DISC_HYDRATION',
  'DISC_VOLUME',
  'SAFETY',
] as const;
export type OutcomeMeasure = (typeof OUTCOME_MEASURES)[number];
/** How a reported figure relates to its value: "over 50%" is MORE_THAN 50. */
export const VALUE_QUALIFIERS = ['EXACT', 'MORE_THAN', 'AT_LEAST', 'LESS_THAN', 'UP_TO'] as const;
export const OUTCOME_DIRECTIONS = ['IMPROVED', 'WORSENED', 'NO_DIFFERENCE', 'NOT_OBSERVED'] as const;
export const RISK_SEVERITIES = ['MILD', 'MODERATE', 'SERIOUS'] as const;
export const RISK_FREQUENCIES = ['COMMON', 'UNCOMMON', 'RARE', 'CASE_REPORTS', 'UNKNOWN'] as const;
export const REGULATORY_STATUS_KINDS = ['APPROVED', 'NOT_APPROVED', 'INVESTIGATIONAL', 'DESIGNATION_GRANTED'] as const;
export const SOURCE_KINDS = [
  'ARTICLE',
  'JOURNAL_ARTICLE',
  'SYSTEMATIC_REVIEW',
  'TRIAL_REGISTRY_RECORD',
  'ONTOLOGY',
] as const;

// ---------------------------------------------------------------------------------------------
// Relationships. Each relationship type joins exactly one pair of labels (some types are
// reused for several pairs, e.g. SUBCLASS_OF), and names the GraphQL field on each side.
// Fields with the same name on the same label (Risk.associatedWith, ...) are merged into one
// field over all their relationship definitions.

export const RELATIONSHIP_TYPES = [
  'DERIVES_FROM',
  'PREPARED_FROM',
  'CONTAINS_CELL_TYPE',
  'CAPABLE_OF',
  'AFFECTS',
  'CONTRIBUTES_TO',
  'SUBCLASS_OF',
  'STUDIES',
  'TESTS',
  'HAS_OUTCOME',
  'ASSESSES',
  'SUPPORTS',
  'HAS_ADVERSE_EVENT',
  'REPORTED_ADVERSE_EVENT',
  'HAS_REGULATORY_STATUS',
  'APPLIES_TO_CONDITION',
] as const;
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

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
}

export const RELATIONSHIPS: readonly RelationshipDef[] = [
  {
    type: 'DERIVES_FROM',
    from: 'CellType',
    to: 'CellSource',
    outField: 'derivedFrom',
    inField: 'cellTypes',
    meaning: 'The cell type is obtained from this tissue.',
    biolink: 'biolink:derives_from',
  },
  {
    type: 'SUBCLASS_OF',
    from: 'CellType',
    to: 'CellType',
    outField: 'parents',
    inField: 'subtypes',
    meaning: 'The cell type is a more specific kind of the other.',
    biolink: 'biolink:subclass_of',
  },
  {
    type: 'PREPARED_FROM',
    from: 'Product',
    to: 'CellSource',
    outField: 'cellSources',
    inField: 'products',
    meaning: 'The product is prepared from cells collected from this tissue.',
    biolink: 'biolink:derives_from',
  },
  {
    type: 'CONTAINS_CELL_TYPE',
    from: 'Product',
    to: 'CellType',
    outField: 'cellTypes',
    inField: 'products',
    meaning: 'The product consists of, or is enriched for, this cell type.',
    biolink: 'biolink:has_part',
  },
  {
    type: 'CAPABLE_OF',
    from: 'CellType',
    to: 'Mechanism',
    outField: 'mechanisms',
    inField: 'cellTypes',
    meaning: 'The cell type may act through this mechanism.',
    biolink: 'biolink:capable_of',
  },
  {
    type: 'AFFECTS',
    from: 'Mechanism',
    to: 'Condition',
    outField: 'conditions',
    inField: 'mechanisms',
    meaning: 'The mechanism may relieve or modify this condition.',
    biolink: 'biolink:affects',
  },
  {
    type: 'CONTRIBUTES_TO',
    from: 'Condition',
    to: 'Condition',
    outField: 'contributesTo',
    inField: 'contributingConditions',
    meaning: 'The condition is a cause of, or contributor to, the other.',
    biolink: 'biolink:contributes_to',
  },
  {
    type: 'SUBCLASS_OF',
    from: 'Condition',
    to: 'Condition',
    outField: 'parents',
    inField: 'subtypes',
    meaning: 'The condition is a more specific form of the other.',
    biolink: 'biolink:subclass_of',
  },
  {
    type: 'STUDIES',
    from: 'Trial',
    to: 'Condition',
    outField: 'conditions',
    inField: 'trials',
    meaning: 'The trial or study enrols patients with this condition.',
    biolink: 'biolink:in_clinical_trials_for',
  },
  {
    type: 'TESTS',
    from: 'Trial',
    to: 'Product',
    outField: 'interventions',
    inField: 'trials',
    meaning: 'The trial or study tests this cell product or preparation.',
    biolink: 'biolink:studied_to_treat',
  },
  {
    type: 'HAS_OUTCOME',
    from: 'Trial',
    to: 'Outcome',
    outField: 'outcomes',
    inField: 'trials',
    meaning: 'The trial or study reported this result.',
    biolink: 'biolink:has_output',
  },
  {
    type: 'ASSESSES',
    from: 'Outcome',
    to: 'Risk',
    outField: 'assessedRisks',
    inField: 'assessedBy',
    meaning: 'The safety result speaks to how often this risk occurred.',
    biolink: 'biolink:related_to',
  },
  {
    type: 'SUPPORTS',
    from: 'Outcome',
    to: 'Mechanism',
    outField: 'supportsMechanisms',
    inField: 'supportingOutcomes',
    meaning: 'The result is evidence that this mechanism operates in patients.',
    biolink: 'biolink:related_to',
  },
  {
    type: 'HAS_ADVERSE_EVENT',
    from: 'CellType',
    to: 'Risk',
    outField: 'risks',
    inField: 'associatedWith',
    meaning: 'Therapy with this cell type carries this risk.',
    biolink: 'biolink:has_adverse_event',
  },
  {
    type: 'HAS_ADVERSE_EVENT',
    from: 'Product',
    to: 'Risk',
    outField: 'risks',
    inField: 'associatedWith',
    meaning: 'Treatment with this product carries this risk.',
    biolink: 'biolink:has_adverse_event',
  },
  {
    type: 'REPORTED_ADVERSE_EVENT',
    from: 'Trial',
    to: 'Risk',
    outField: 'reportedRisks',
    inField: 'reportedIn',
    meaning: 'The trial or study reported this adverse event or concern.',
    biolink: 'biolink:has_adverse_event',
  },
  {
    type: 'HAS_REGULATORY_STATUS',
    from: 'CellType',
    to: 'RegulatoryStatus',
    outField: 'regulatoryStatus',
    inField: 'appliesTo',
    meaning: 'Therapies with this cell type have this regulatory standing.',
    biolink: 'biolink:related_to',
  },
  {
    type: 'HAS_REGULATORY_STATUS',
    from: 'Product',
    to: 'RegulatoryStatus',
    outField: 'regulatoryStatus',
    inField: 'appliesTo',
    meaning: 'The product has this regulatory standing.',
    biolink: 'biolink:related_to',
  },
  {
    type: 'APPLIES_TO_CONDITION',
    from: 'RegulatoryStatus',
    to: 'Condition',
    outField: 'conditions',
    inField: 'regulatoryStatus',
    meaning: 'The regulatory standing concerns use for this condition.',
    biolink: 'biolink:related_to',
  },
];

export function relationshipDefsBetween(type: string, from: Label, to: Label) {
  return RELATIONSHIPS.filter((r) => r.type === type && r.from === from && r.to === to);
}
