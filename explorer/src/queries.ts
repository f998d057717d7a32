// The GraphQL operations the explorer sends, and the shapes of their answers.
//
// Every operation must pass the server's operation limits (src/plugins/limits.ts: cost, aliases,
// tokens, depth). Cost multiplies a connection by its page size and every list inside it again, so
// the explorer never asks for relationships and their citations in one go: a page loads an entity
// with the COUNT of each relationship, then pages of each relationship with the claims' sourceIds,
// then the cited sources in one `nodes(ids)` batch.
import { ENTITY_TYPES, type EntityType, PROPERTIES, PROPERTY_SELECTIONS, RELATIONS } from './model';

/** Rows per page of one relationship; "Show more" fetches the next page. */
export const RELATION_PAGE = 25;
/** The server accepts at most MAX_PAGE_SIZE (100 by default) ids in `nodes(ids)`. */
export const SOURCE_BATCH = 100;

export interface SourceRef {
  id: string;
  title: string;
  year: number | null;
  url: string | null;
  /** The SourceKind: what kind of document it is. */
  kind: string;
}

const SOURCE_SELECTION = 'id title year url kind';

/** A claim's evidence score (0 to 1, docs/EVIDENCE.md); null for a claim written before scores existed. */
export type Score = { value: number } | null;

/** A claim's evidence, citing its sources by id (see SOURCES for their titles). */
export interface Evidence {
  claimId: string;
  type: string;
  level: string;
  knowledgeLevel: string;
  note: string | null;
  score: Score;
  sourceIds: string[];
}

const EVIDENCE_SELECTION = 'claimId type level knowledgeLevel note score { value } sourceIds';

export interface EntityRef {
  __typename: string;
  id: string;
  name: string;
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export const SEARCH = `
query ExplorerSearch($query: String!, $first: Int) {
  search(query: $query, first: $first) {
    totalCount
    edges { node { __typename id name } }
  }
}`;

export interface SearchResult {
  search: { totalCount: number; edges: Array<{ node: EntityRef }> };
}

/**
 * Properties that more than one type has are aliased `<Type>__<field>`: inline fragments on
 * different types may not share a response name with different types (Trial.status and
 * RegulatoryStatus.status are different enums).
 */
const SHARED_PROPERTIES = new Set(
  Object.values(PROPERTIES)
    .flat()
    .filter((field, index, all) => all.indexOf(field) !== index),
);

export function propertyKey(type: EntityType, field: string): string {
  return SHARED_PROPERTIES.has(field) ? `${type}__${field}` : field;
}

function typeSelection(type: EntityType): string {
  const properties = PROPERTIES[type].map((field) => {
    const key = propertyKey(type, field);
    const selection = PROPERTY_SELECTIONS[type][field];
    return `${key === field ? field : `${key}: ${field}`}${selection === undefined ? '' : ` ${selection}`}`;
  });
  const counts =
    type === 'Source'
      ? ['claims { totalCount }', 'describes { totalCount }']
      : (RELATIONS[type] ?? []).map(({ field }) => `${field} { totalCount }`);
  return `... on ${type} { sources { ${SOURCE_SELECTION} } ${[...properties, ...counts].join(' ')} }`;
}

/** One entity: common fields, its type's properties, the sources describing it and relationship counts. */
export const ENTITY = `
query ExplorerEntity($id: ID!) {
  node(id: $id) {
    __typename
    ... on Entity {
      id name description curie synonyms updatedAt version
      crossReferences { curie prefix localId url primary }
    }
    ${ENTITY_TYPES.map(typeSelection).join('\n    ')}
  }
}`;

export interface CrossReference {
  curie: string;
  prefix: string;
  localId: string;
  url: string | null;
  primary: boolean;
}

/** Common fields; type properties (see propertyKey) and `<relation>: { totalCount }` by name. */
export interface EntityNode {
  __typename: string;
  id: string;
  name: string;
  description: string | null;
  curie: string | null;
  synonyms: string[];
  crossReferences: CrossReference[];
  updatedAt: string | null;
  version: number;
  sources?: SourceRef[];
  [field: string]: unknown;
}

export interface EntityResult {
  node: EntityNode | null;
}

/** One page of one relationship of one entity, with each claim's evidence. */
export function relationQuery(type: EntityType, field: string): string {
  const edge =
    type === 'Source' && field === 'claims'
      ? `node { id type subject { __typename id name } object { __typename id name } evidence { ${EVIDENCE_SELECTION} } }`
      : type === 'Source'
        ? 'node { __typename id name }'
        : `node { __typename id name } evidence { ${EVIDENCE_SELECTION} } inherited inheritedFrom { __typename id name }`;
  return `
query ExplorerRelation($id: ID!, $first: Int!, $after: String) {
  node(id: $id) {
    ... on ${type} {
      ${field}(first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { ${edge} }
      }
    }
  }
}`;
}

/** A relationship page as the explorer uses it: related entities with the claim's evidence. */
export interface RelationPage {
  totalCount: number;
  pageInfo: PageInfo;
  edges: Array<{
    node: EntityRef & { type?: string; subject?: EntityRef; object?: EntityRef; evidence?: Evidence };
    evidence?: Evidence;
    /** Whether the claim is stated for a class the entity inherits from (inheritedFrom). */
    inherited?: boolean;
    inheritedFrom?: EntityRef | null;
  }>;
}

export interface RelationResult {
  node: Record<string, RelationPage | undefined> | null;
}

/** The cited sources, by id, in batches of at most SOURCE_BATCH. */
export const SOURCES = `
query ExplorerSources($ids: [ID!]!) {
  nodes(ids: $ids) { ... on Source { ${SOURCE_SELECTION} } }
}`;

export interface SourcesResult {
  /** Empty objects where an id is not a Source. */
  nodes: Array<Partial<SourceRef> | null>;
}

/** One outcome of a card's trial: the figure, the trial and the HAS_OUTCOME claim with its sources. */
const CARD_FIGURE = `
  outcome { id name direction measure value valueQualifier unit timepointMonths }
  trial { id name evidenceLevel }
  evidence { claimId level sources { ${SOURCE_SELECTION} } }
  claimScore`;

const CARD_STATEMENTS = `statements {
    scope
    statedFor { __typename id name }
    evidence { claimId type level score { value } sources { ${SOURCE_SELECTION} } }
  }`;

/** The evidence card of a condition: everything the card shows, sources included (one round trip). */
const EVIDENCE_CARD = `
  condition { id name }
  trialCount
  trialsByEvidenceLevel { level trialCount }
  claimCount
  claimsByEvidenceLevel { level claimCount }
  enrollment {
    actual { trialCount total }
    planned { trialCount total }
    unstatedKind { trialCount total }
    trialsWithoutEnrollment
  }
  bestOutcomes { ${CARD_FIGURE} }
  disagreementCount
  disagreements { measure timepointMonths valueCount figureCount figures { ${CARD_FIGURE} } }
  riskCount
  risks { risk { id name severity } inherited evidenceCount ${CARD_STATEMENTS} }
  regulatoryStatusCount
  regulatoryStatuses { status { id name } inherited evidenceCount ${CARD_STATEMENTS} }`;

export const EVIDENCE_SUMMARY = `
query ExplorerEvidenceSummary($conditionId: ID!) {
  evidenceSummary(conditionId: $conditionId) {${EVIDENCE_CARD}
  }
}`;

export interface CardSubtotal {
  trialCount: number;
  total: number | null;
}

export interface CardFigure {
  outcome: {
    id: string;
    name: string;
    direction: string;
    measure: string;
    value: number | null;
    valueQualifier: string | null;
    unit: string | null;
    timepointMonths: number | null;
  };
  trial: { id: string; name: string; evidenceLevel: string };
  evidence: { claimId: string; level: string; sources: SourceRef[] };
  /** The claim's score (0–1), where it has one. */
  claimScore: number | null;
}

export interface CardStatement {
  /** INTERVENTION, CONDITION, TRIAL, SUBTYPE or INHERITED (from the class statedFor). */
  scope: string;
  statedFor: EntityRef;
  evidence: { claimId: string; type: string; level: string; score: Score; sources: SourceRef[] };
}

export interface EvidenceCardData {
  condition: { id: string; name: string };
  trialCount: number;
  trialsByEvidenceLevel: Array<{ level: string; trialCount: number }>;
  claimCount: number;
  claimsByEvidenceLevel: Array<{ level: string; claimCount: number }>;
  enrollment: {
    actual: CardSubtotal;
    planned: CardSubtotal;
    unstatedKind: CardSubtotal;
    trialsWithoutEnrollment: number;
  };
  bestOutcomes: CardFigure[];
  disagreementCount: number;
  disagreements: Array<{
    measure: string;
    timepointMonths: number;
    valueCount: number;
    figureCount: number;
    figures: CardFigure[];
  }>;
  riskCount: number;
  risks: Array<{
    risk: { id: string; name: string; severity: string | null };
    inherited: boolean;
    evidenceCount: number;
    statements: CardStatement[];
  }>;
  regulatoryStatusCount: number;
  regulatoryStatuses: Array<{
    status: { id: string; name: string };
    inherited: boolean;
    evidenceCount: number;
    statements: CardStatement[];
  }>;
}

export interface EvidenceSummaryResult {
  evidenceSummary: EvidenceCardData;
}

/** Neighbours per expansion of the graph view. */
export const NEIGHBOURS = 40;

export const PATHS = `
query ExplorerPaths($from: ID!, $to: ID!, $maxLength: Int, $first: Int) {
  paths(from: $from, to: $to, maxLength: $maxLength, first: $first) {
    length
    strength
    explanation
    steps {
      from { __typename id name }
      to { __typename id name }
      type
      forward
      verb
      strength
      evidence { ${EVIDENCE_SELECTION} }
    }
  }
}`;

export interface PathsResult {
  paths: Array<{
    length: number;
    /** The weakest step's strength, 0 to 1: paths come strongest first. */
    strength: number;
    explanation: string;
    steps: Array<{
      from: EntityRef;
      to: EntityRef;
      type: string;
      forward: boolean;
      verb: string;
      strength: number;
      evidence: Evidence;
    }>;
  }>;
}

export const ENTITY_NAMES = `
query ExplorerEntityNames($ids: [ID!]!) {
  nodes(ids: $ids) { __typename ... on Entity { id name } }
}`;

export interface EntityNamesResult {
  nodes: Array<EntityRef | null>;
}

export const HOME = `
query ExplorerHome {
  stats { totalNodes totalRelationships nodes { label count } }
}`;

export interface HomeResult {
  stats: { totalNodes: number; totalRelationships: number; nodes: Array<{ label: string; count: number }> };
}

/** Trials drawn in the enrollment chart: the largest ones. */
export const ENROLLMENT_TRIALS = 15;

export const RISK_SEVERITIES = ['MILD', 'MODERATE', 'SERIOUS'] as const;

const DASHBOARD_FIELDS = `
  trialAggregates(filter: $filter) {
    trialCount
    byPhase { value count }
    byStatus { value count }
    byEvidenceLevel { value count }
    enrollment {
      trialsWithEnrollment
      byKind {
        actual { trialCount total }
        planned { trialCount total }
        unstatedKind { trialCount total }
        trialsWithoutEnrollment
      }
    }
    outcomesByMeasure { measure outcomeCount improvedCount trialCount }
  }
  trials(filter: $enrolled, first: ${ENROLLMENT_TRIALS}, orderBy: { field: ENROLLMENT, direction: DESC }) {
    edges { node { id name acronym registryId enrollment enrollmentKind } }
  }
  ${RISK_SEVERITIES.map((severity) => `${severity}: risks(filter: { severity: [${severity}] }) { totalCount }`).join('\n  ')}`;

export const DASHBOARD = `
query ExplorerDashboard($filter: TrialFilter, $enrolled: TrialFilter) {${DASHBOARD_FIELDS}
}`;

/**
 * The dashboard of one condition, with its evidence card. The card is asked in the same operation,
 * so an unknown condition fails the whole page with NOT_FOUND instead of drawing "0 trials".
 */
export const CONDITION_DASHBOARD = `
query ExplorerConditionDashboard($filter: TrialFilter, $enrolled: TrialFilter, $conditionId: ID!) {${DASHBOARD_FIELDS}
  evidenceSummary(conditionId: $conditionId) {${EVIDENCE_CARD}
  }
}`;

export interface DashboardResult {
  trialAggregates: {
    trialCount: number;
    byPhase: Array<{ value: string; count: number }>;
    byStatus: Array<{ value: string; count: number }>;
    byEvidenceLevel: Array<{ value: string; count: number }>;
    enrollment: {
      trialsWithEnrollment: number;
      byKind: EvidenceCardData['enrollment'];
    };
    outcomesByMeasure: Array<{ measure: string; outcomeCount: number; improvedCount: number; trialCount: number }>;
  };
  trials: {
    edges: Array<{
      node: {
        id: string;
        name: string;
        acronym: string | null;
        registryId: string | null;
        enrollment: number | null;
        enrollmentKind: string | null;
      };
    }>;
  };
  MILD: { totalCount: number };
  MODERATE: { totalCount: number };
  SERIOUS: { totalCount: number };
  /** Only in CONDITION_DASHBOARD. */
  evidenceSummary?: EvidenceCardData;
}

/** The conditions offered as a dashboard filter. */
export const CONDITION_OPTIONS = `
query ExplorerConditionOptions {
  conditions(first: 50) { edges { node { id name } } }
}`;

export interface ConditionOptionsResult {
  conditions: { edges: Array<{ node: { id: string; name: string } }> };
}

/** Outcomes per figures request: the server's largest page; more are counted, not shown. */
export const OUTCOME_PAGE = 100;

/**
 * Outcomes with their structured results, each with the trial that reports it and that claim's
 * evidence and sources: a trial's outcomes (`trialIds`), or the numeric outcomes of a condition's
 * or a product's trials (`conditionIds`, `productIds`), in one request.
 */
export const OUTCOME_FIGURES = `
query ExplorerOutcomeFigures($filter: OutcomeFilter!, $first: Int!) {
  outcomes(filter: $filter, first: $first, orderBy: { field: EVIDENCE_SCORE, direction: DESC }) {
    totalCount
    edges {
      node {
        id name direction
        result {
          measure instrument scale estimateKind estimate qualifier unit baseline
          interval { low high level }
          pValue n comparator timepointMonths notReported
        }
        trials(first: 1) {
          edges {
            node { id name }
            evidence { claimId level score { value } sources { ${SOURCE_SELECTION} } }
          }
        }
      }
    }
  }
}`;

export interface OutcomeResult {
  measure: string;
  instrument: string | null;
  scale: string | null;
  estimateKind: string | null;
  estimate: number | null;
  qualifier: string | null;
  unit: string | null;
  baseline: number | null;
  interval: { low: number; high: number; level: number | null } | null;
  pValue: number | null;
  n: number | null;
  comparator: string | null;
  timepointMonths: number | null;
  /** Parts of the result the source does not report (ESTIMATE, INTERVAL, SAMPLE_SIZE, …). */
  notReported: string[];
}

export interface OutcomeFigure {
  id: string;
  name: string;
  direction: string;
  result: OutcomeResult;
  trials: {
    edges: Array<{
      node: { id: string; name: string };
      evidence: { claimId: string; level: string; score: Score; sources: SourceRef[] };
    }>;
  };
}

export interface OutcomeFiguresResult {
  outcomes: { totalCount: number; edges: Array<{ node: OutcomeFigure }> };
}
