// The closed vocabulary of the graph: id and CURIE patterns, the evidence scales, and every enum a
// property may take. The entity kinds are defined in src/graph/<entity>/<entity>.entity.ts and
// listed in src/graph/entities.ts, the relationships in src/graph/relationships.ts; Cypher
// interpolates labels and relationship types ONLY from those lists (never from user input).

/** A node label of an entity kind; the kinds are the definitions listed in src/graph/entities.ts. */
export type Label = string;

/** Every entity also carries this label, so `node(id)` is one index seek whatever the type. */
export const ENTITY_LABEL = 'Entity';

/**
 * The label of the curation audit trail's nodes (src/graph/curation/audit.store.ts). They
 * have no Entity label, so the graph API, stats, snapshots and exports never see them.
 */
export const AUDIT_LABEL = 'AuditEntry';

export const CLAIM_ID_PREFIX = 'claim';

/** The part after the prefix: lower-case words joined by hyphens (dots allowed, e.g. 1.5m). */
export const LOCAL_ID_PATTERN = '[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?';
export const CLAIM_ID_PATTERN = new RegExp(`^${CLAIM_ID_PREFIX}:${LOCAL_ID_PATTERN}$`);

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
  'LOGICAL_ENTAILMENT',
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
  'REVIEW',
] as const;
export const TRIAL_STATUSES = [
  'NOT_YET_RECRUITING',
  'RECRUITING',
  'ACTIVE_NOT_RECRUITING',
  'ONGOING',
  'COMPLETED',
  'SUSPENDED',
  'TERMINATED',
  'WITHDRAWN',
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
export const OUTCOME_DIRECTIONS = ['IMPROVED', 'WORSENED', 'NO_DIFFERENCE', 'NOT_OBSERVED', 'NOT_STATED'] as const;
export const RISK_SEVERITIES = ['MILD', 'MODERATE', 'SERIOUS'] as const;
export const RISK_FREQUENCIES = ['COMMON', 'UNCOMMON', 'LOW', 'RARE', 'CASE_REPORTS', 'UNKNOWN'] as const;
export const REGULATORY_STATUS_KINDS = ['APPROVED', 'NOT_APPROVED', 'INVESTIGATIONAL', 'DESIGNATION_GRANTED'] as const;
/** What kind of document a source is: its provenance tier. */
export const SOURCE_KINDS = [
  'SYSTEMATIC_REVIEW',
  'PEER_REVIEWED_ARTICLE',
  'TRIAL_REGISTRY_RECORD',
  'REGULATORY_DOCUMENT',
  'ONTOLOGY',
  'CONSUMER_HEALTH_ARTICLE',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/**
 * The parts of a source's attribution. Each kind needs some of them (ATTRIBUTION_REQUIRED); a
 * needed part the record lacks must be declared unknown in its `unknownAttribution`.
 */
export const ATTRIBUTION_PARTS = [
  'AUTHORS',
  'YEAR',
  'PUBLISHER',
  'JOURNAL',
  'IDENTIFIER',
  'URL',
  'ACCESSED',
  'RECORD_VERSION',
] as const;
export type AttributionPart = (typeof ATTRIBUTION_PARTS)[number];

/** How a trial assigned patients to arms (ClinicalTrials.gov `designInfo.allocation`). */
export const ALLOCATIONS = ['RANDOMISED', 'NON_RANDOMISED', 'NOT_APPLICABLE'] as const;
/** Who was blinded (ClinicalTrials.gov `maskingInfo.masking`). */
export const MASKINGS = ['NONE', 'SINGLE', 'DOUBLE', 'TRIPLE', 'QUADRUPLE'] as const;
/** What kind of organisation a sponsor or collaborator is (ClinicalTrials.gov `AgencyClass`). */
export const ORGANIZATION_CLASSES = [
  'INDUSTRY',
  'NIH',
  'FED',
  'OTHER_GOV',
  'INDIV',
  'NETWORK',
  'AMBIG',
  'OTHER',
  'UNKNOWN',
] as const;
/** What a journal article reports, from its publication types (PubMed, Europe PMC). */
export const ARTICLE_TYPES = [
  'SYSTEMATIC_REVIEW',
  'META_ANALYSIS',
  'TRIAL_REPORT',
  'OBSERVATIONAL_STUDY',
  'CASE_REPORT',
  'REVIEW',
  'OTHER',
] as const;
/** A date as precise as its source gives it: a year, a month or a day (2015, 2015-03, 2015-03-17). */
export const PARTIAL_DATE_PATTERN = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

/** The jurisdictions a regulatory status may name. */
export const JURISDICTIONS = ['US', 'EU', 'UK', 'AU', 'CA', 'JP', 'KR'] as const;
/** The regulators a regulatory status may name. */
export const AUTHORITIES = ['FDA', 'EMA', 'MHRA', 'TGA', 'HEALTH_CANADA', 'PMDA', 'MFDS'] as const;

/** What kind of number an outcome's estimate is. */
export const ESTIMATE_KINDS = [
  'MEAN_SCORE',
  'MEAN_CHANGE',
  'PERCENT_CHANGE',
  'RESPONDER_RATE',
  'PROPORTION',
  'COUNT',
  'NONE',
] as const;

/**
 * The parts of an outcome's structured result. Each is either recorded or listed in the outcome's
 * `notReported`, never both and never neither: a null means the source does not report it.
 */
export const RESULT_PARTS = [
  'ESTIMATE',
  'INTERVAL',
  'P_VALUE',
  'SAMPLE_SIZE',
  'COMPARATOR',
  'TIMEPOINT',
  'BASELINE',
  'SCALE',
] as const;
export type ResultPart = (typeof RESULT_PARTS)[number];

/** A relationship type's name, e.g. STUDIES; the types are those of src/graph/relationships.ts. */
export type RelationshipType = string;
