// What the explorer knows about the graph's vocabulary: entity types with their colours, the
// relationship fields each type has (and how to read them in English), the properties worth
// showing, and how enum values read. It mirrors src/graph/model.ts and schema/schema.graphql;
// the browser test fails if a field named here drifts from the schema (the query would not validate).

export const ENTITY_TYPES = [
  'Condition',
  'Trial',
  'Outcome',
  'Product',
  'CellType',
  'CellSource',
  'Mechanism',
  'Risk',
  'RegulatoryStatus',
  'Source',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export function isEntityType(value: string): value is EntityType {
  return (ENTITY_TYPES as readonly string[]).includes(value);
}

/** Colours chosen to stay distinguishable for common colour-vision deficiencies (Okabe–Ito based). */
export const TYPE_COLOUR: Record<EntityType, string> = {
  Condition: '#D55E00',
  Trial: '#0072B2',
  Outcome: '#56B4E9',
  Product: '#009E73',
  CellType: '#2E8B57',
  CellSource: '#8C6D31',
  Mechanism: '#CC79A7',
  Risk: '#B22222',
  RegulatoryStatus: '#6A3D9A',
  Source: '#666666',
};

export const TYPE_LABEL: Record<EntityType, string> = {
  Condition: 'Condition',
  Trial: 'Trial',
  Outcome: 'Outcome',
  Product: 'Product',
  CellType: 'Cell type',
  CellSource: 'Cell source',
  Mechanism: 'Mechanism',
  Risk: 'Risk',
  RegulatoryStatus: 'Regulatory status',
  Source: 'Source',
};

export function typeLabel(typename: string): string {
  return isEntityType(typename) ? TYPE_LABEL[typename] : typename;
}

export function typeColour(typename: string): string {
  return isEntityType(typename) ? TYPE_COLOUR[typename] : '#444444';
}

export interface RelationField {
  /** The GraphQL field on the entity type. */
  field: string;
  /** How the relationship reads from this entity, e.g. "Studied in trial". */
  label: string;
}

/** The relationship connections of each type (every one carries `evidence`), in reading order. */
export const RELATIONS: Record<Exclude<EntityType, 'Source'>, RelationField[]> = {
  Condition: [
    { field: 'trials', label: 'Studied in trial' },
    { field: 'mechanisms', label: 'Affected by mechanism' },
    { field: 'regulatoryStatus', label: 'Regulatory status' },
    { field: 'parents', label: 'Is a kind of' },
    { field: 'subtypes', label: 'Has subtype' },
    { field: 'contributesTo', label: 'Contributes to' },
    { field: 'contributingConditions', label: 'Contributed to by' },
  ],
  Trial: [
    { field: 'conditions', label: 'Studies condition' },
    { field: 'interventions', label: 'Tests product' },
    { field: 'outcomes', label: 'Reported outcome' },
    { field: 'reportedRisks', label: 'Reported adverse event' },
  ],
  Outcome: [
    { field: 'trials', label: 'Reported by trial' },
    { field: 'supportsMechanisms', label: 'Supports mechanism' },
    { field: 'assessedRisks', label: 'Assesses risk' },
  ],
  Product: [
    { field: 'trials', label: 'Tested in trial' },
    { field: 'cellTypes', label: 'Contains cell type' },
    { field: 'cellSources', label: 'Prepared from' },
    { field: 'risks', label: 'Carries risk' },
    { field: 'regulatoryStatus', label: 'Regulatory status' },
  ],
  CellType: [
    { field: 'derivedFrom', label: 'Derived from' },
    { field: 'mechanisms', label: 'May act through' },
    { field: 'products', label: 'Contained in product' },
    { field: 'risks', label: 'Carries risk' },
    { field: 'regulatoryStatus', label: 'Regulatory status' },
    { field: 'parents', label: 'Is a kind of' },
    { field: 'subtypes', label: 'Has subtype' },
  ],
  CellSource: [
    { field: 'cellTypes', label: 'Source of cell type' },
    { field: 'products', label: 'Source for product' },
  ],
  Mechanism: [
    { field: 'conditions', label: 'May affect condition' },
    { field: 'cellTypes', label: 'Mechanism of cell type' },
    { field: 'supportingOutcomes', label: 'Supported by outcome' },
  ],
  Risk: [
    { field: 'reportedIn', label: 'Reported in trial' },
    { field: 'associatedWith', label: 'Associated with' },
    { field: 'assessedBy', label: 'Assessed by outcome' },
  ],
  RegulatoryStatus: [
    { field: 'appliesTo', label: 'Applies to' },
    { field: 'conditions', label: 'Applies to condition' },
  ],
};

/** The scalar properties of each type shown on its page, after the ones every entity has. */
export const PROPERTIES: Record<EntityType, string[]> = {
  Condition: ['category'],
  Trial: [
    'registryId',
    'acronym',
    'phase',
    'status',
    'design',
    'evidenceLevel',
    'enrollment',
    'enrollmentKind',
    'startYear',
    'completionYear',
    'followUpMonths',
    'sites',
    'sponsor',
    'countries',
    'arms',
  ],
  Outcome: [
    'measure',
    'direction',
    'value',
    'valueQualifier',
    'unit',
    'baselineValue',
    'comparison',
    'instrument',
    'pValue',
    'population',
    'sampleSize',
    'timepointMonths',
  ],
  Product: ['kind', 'developer', 'origin', 'manipulation', 'route'],
  CellType: [],
  CellSource: ['origins', 'collectionMethod'],
  Mechanism: [],
  Risk: ['severity', 'frequency'],
  RegulatoryStatus: ['status', 'authority', 'jurisdiction', 'scope', 'designation', 'year'],
  Source: ['kind', 'authors', 'journal', 'year', 'doi', 'pmid', 'pmcid', 'registryId', 'url'],
};

/** Properties whose values are enum names, shown as words ("PHASE_1_2" reads "Phase 1/2"). */
export const ENUM_PROPERTIES = new Set([
  'category',
  'phase',
  'status',
  'design',
  'evidenceLevel',
  'enrollmentKind',
  'measure',
  'direction',
  'valueQualifier',
  'kind',
  'origin',
  'origins',
  'manipulation',
  'severity',
  'frequency',
]);

const PROPERTY_LABEL: Record<string, string> = {
  registryId: 'Registry id',
  pValue: 'p-value',
  doi: 'DOI',
  pmid: 'PubMed id',
  pmcid: 'PubMed Central id',
  url: 'Link',
  followUpMonths: 'Follow-up (months)',
  timepointMonths: 'Time point (months)',
};

/** "startYear" reads "Start year". */
export function propertyLabel(name: string): string {
  const known = PROPERTY_LABEL[name];
  if (known !== undefined) {
    return known;
  }
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const ENUM_LABEL: Record<string, string> = {
  EARLY_PHASE_1: 'Early phase 1',
  PHASE_1_2: 'Phase 1/2',
  PHASE_2_3: 'Phase 2/3',
  UP_TO: 'Up to',
  EXPERT_OR_NARRATIVE: 'Expert or narrative',
};

/** "RANDOMISED_CONTROLLED_TRIAL" reads "Randomised controlled trial". */
export function enumLabel(value: string): string {
  const known = ENUM_LABEL[value];
  if (known !== undefined) {
    return known;
  }
  const words = value.replace(/_/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The evidence scale, strongest first (src/graph/model.ts EVIDENCE_LEVELS). */
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

export const LEVEL_COLOUR: Record<string, string> = {
  SYSTEMATIC_REVIEW: '#1B7837',
  RANDOMISED_CONTROLLED_TRIAL: '#5AAE61',
  NON_RANDOMISED_TRIAL: '#A6DBA0',
  OBSERVATIONAL_STUDY: '#E7D4E8',
  CASE_REPORT: '#C2A5CF',
  EXPERT_OR_NARRATIVE: '#9970AB',
  PRECLINICAL: '#762A83',
  CURATED_DATABASE: '#888888',
};

/** Levels in the order of the scale; unknown values last. */
export function levelRank(level: string): number {
  const rank = (EVIDENCE_LEVELS as readonly string[]).indexOf(level);
  return rank === -1 ? EVIDENCE_LEVELS.length : rank;
}
