// What the explorer knows about the graph's vocabulary: entity types with their colours and shapes,
// the relationship fields each type has (and how to read them in English), the properties worth
// showing, and how enum values read. The tables come from vocabulary.generated.ts, which the build
// writes from the server's entity and relationship definitions (src/graph/vocabulary.ts).
import { VOCABULARY } from './vocabulary.generated';

export const ENTITY_TYPES = VOCABULARY.entityTypes;
export type EntityType = (typeof ENTITY_TYPES)[number];

export function isEntityType(value: string): value is EntityType {
  return (ENTITY_TYPES as readonly string[]).includes(value);
}

/** Colours that stay distinguishable with common colour-vision deficiencies (Paul Tol's muted scheme). */
export const TYPE_COLOUR: Record<EntityType, string> = VOCABULARY.typeColour;

export type KindShape = (typeof VOCABULARY.typeShape)[EntityType];

/** A shape per kind, so that no kind is told apart by colour alone. */
export const TYPE_SHAPE: Record<EntityType, KindShape> = VOCABULARY.typeShape;

export const TYPE_LABEL: Record<EntityType, string> = VOCABULARY.typeName;

export function typeLabel(typename: string): string {
  return isEntityType(typename) ? TYPE_LABEL[typename] : typename;
}

export function typeColour(typename: string): string {
  return isEntityType(typename) ? TYPE_COLOUR[typename] : '#444444';
}

export function typeShape(typename: string): KindShape {
  return isEntityType(typename) ? TYPE_SHAPE[typename] : 'circle';
}

export interface RelationField {
  /** The GraphQL field on the entity type. */
  field: string;
  /** How the relationship reads from this entity, e.g. "Studied in trial". */
  label: string;
}

/** The relationship connections of each type (every one carries `evidence`). */
export const RELATIONS: Partial<Record<EntityType, readonly RelationField[]>> = VOCABULARY.relations;

/**
 * How a claim reads from its subject to its object ("studies"), by relationship type and the kinds
 * it joins (one type may join several pairs).
 */
export function relationVerb(type: string, subjectType: string, objectType: string): string {
  const readings = VOCABULARY.verbs.filter((v) => v.type === type);
  const exact = readings.find((v) => v.from === subjectType && v.to === objectType);
  return (exact ?? readings[0])?.verb ?? enumLabel(type).toLowerCase();
}

/** The own properties of each type shown on its page, after the ones every entity has. */
export const PROPERTIES: Record<EntityType, readonly string[]> = VOCABULARY.properties;

/** The sub-selection of each property whose value is an object, e.g. a trial's registered outcomes. */
export const PROPERTY_SELECTIONS: Record<EntityType, Readonly<Record<string, string>>> = VOCABULARY.selections;

/** Properties whose values are enum names, shown as words ("PHASE_1_2" reads "Phase 1/2"). */
export const ENUM_PROPERTIES: ReadonlySet<string> = new Set(VOCABULARY.enumProperties);

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

/** The evidence scale, strongest first. */
export const EVIDENCE_LEVELS: readonly string[] = VOCABULARY.evidenceLevels;

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
