// One table describes each entity type to the API: its GraphQL class, its root field names, what
// its filter accepts (and how each filter field compiles to Cypher) and what it can be sorted by.
// The generic machinery in ./generated.ts, ./entity.repository.ts and ./entity.resolver.ts turns
// this table into filters, orderings, connections, root queries and relationship fields.
import type { ClassType } from 'type-graphql';
import { FloatRange, type FilterFieldSpec, IntRange } from '../../common/filter';
import { CellSource } from '../cell-source/cell-source.type';
import { CellType } from '../cell-type/cell-type.type';
import { Condition } from '../condition/condition.type';
import * as E from '../enums';
import { Mechanism } from '../mechanism/mechanism.type';
import type { Label } from '../model';
import { Outcome } from '../outcome/outcome.type';
import { Product } from '../product/product.type';
import { RegulatoryStatus } from '../regulatory-status/regulatory-status.type';
import { Risk } from '../risk/risk.type';
import { Source } from '../source/source.type';
import { Trial } from '../trial/trial.type';

export interface FilterFieldDef {
  spec: FilterFieldSpec;
  /** GraphQL input type of the field. */
  type: () => unknown;
  description: string;
}

export interface SortFieldDef {
  /** The property sorted on; ties break on id. */
  property: string;
  numeric: boolean;
  description: string;
}

export interface EntityDefinition {
  label: Label;
  type: ClassType;
  /** Root connection field, e.g. `conditions`. */
  plural: string;
  /** Root lookup field, e.g. `condition(id:)`. */
  singular: string;
  filters: Record<string, FilterFieldDef>;
  sorts: Record<string, SortFieldDef>;
}

const NAME_SORT: SortFieldDef = { property: 'name', numeric: false, description: 'By name, A to Z.' };
const inList = (property: string, type: object, description: string): FilterFieldDef => ({
  spec: { kind: 'in', property },
  type: () => [type],
  description,
});
const anyOf = (property: string, type: object, description: string): FilterFieldDef => ({
  spec: { kind: 'overlaps', property },
  type: () => [type],
  description,
});
const intRange = (property: string, description: string): FilterFieldDef => ({
  spec: { kind: 'range', property },
  type: () => IntRange,
  description,
});
const floatRange = (property: string, description: string): FilterFieldDef => ({
  spec: { kind: 'range', property },
  type: () => FloatRange,
  description,
});
const related = (pattern: (v: string, x: string) => string, description: string): FilterFieldDef => ({
  spec: { kind: 'related', pattern },
  type: () => [String],
  description,
});
const equals = (property: string, description: string): FilterFieldDef => ({
  spec: { kind: 'equals', property },
  type: () => String,
  description,
});

/** Subtypes count as their parents: a trial of lumbar DDD is a trial of DDD. */
const conditionOrSubtype = (head: string, x: string) => `${head}(:Condition)-[:SUBCLASS_OF*0..3]->(${x}:Condition)`;
const cellTypeOrSubtype = (head: string, x: string) => `${head}(:CellType)-[:SUBCLASS_OF*0..3]->(${x}:CellType)`;

export const ENTITY_DEFINITIONS: Record<Label, EntityDefinition> = {
  CellSource: {
    label: 'CellSource',
    type: CellSource,
    plural: 'cellSources',
    singular: 'cellSource',
    filters: { origins: anyOf('origins', E.CellOrigin, 'Tissues used with any of these origins.') },
    sorts: { NAME: NAME_SORT },
  },
  CellType: {
    label: 'CellType',
    type: CellType,
    plural: 'cellTypes',
    singular: 'cellType',
    filters: {
      cellSourceIds: related(
        (v, x) => `(${v})-[:DERIVES_FROM]->(${x}:CellSource)`,
        'Cell types derived from any of these cell sources.',
      ),
    },
    sorts: { NAME: NAME_SORT },
  },
  Product: {
    label: 'Product',
    type: Product,
    plural: 'products',
    singular: 'product',
    filters: {
      kind: inList('kind', E.ProductKind, 'Products of any of these kinds.'),
      origin: inList('origin', E.CellOrigin, 'Products with cells of any of these origins.'),
      manipulation: inList('manipulation', E.Manipulation, 'Products processed in any of these ways.'),
      cellTypeIds: related(
        (v, x) => cellTypeOrSubtype(`(${v})-[:CONTAINS_CELL_TYPE]->`, x),
        'Products containing any of these cell types or their subtypes.',
      ),
      cellSourceIds: related(
        (v, x) => `(${v})-[:PREPARED_FROM]->(${x}:CellSource)`,
        'Products prepared from any of these cell sources.',
      ),
    },
    sorts: { NAME: NAME_SORT },
  },
  Mechanism: {
    label: 'Mechanism',
    type: Mechanism,
    plural: 'mechanisms',
    singular: 'mechanism',
    filters: {
      cellTypeIds: related(
        (v, x) => `(${v})<-[:CAPABLE_OF]-(:CellType)<-[:SUBCLASS_OF*0..3]-(${x}:CellType)`,
        'Mechanisms of any of these cell types, including those of their parent types.',
      ),
      conditionIds: related(
        (v, x) => conditionOrSubtype(`(${v})-[:AFFECTS]->`, x),
        'Mechanisms affecting any of these conditions or their subtypes.',
      ),
    },
    sorts: { NAME: NAME_SORT },
  },
  Condition: {
    label: 'Condition',
    type: Condition,
    plural: 'conditions',
    singular: 'condition',
    filters: { category: inList('category', E.ConditionCategory, 'Conditions of any of these categories.') },
    sorts: { NAME: NAME_SORT },
  },
  Trial: {
    label: 'Trial',
    type: Trial,
    plural: 'trials',
    singular: 'trial',
    filters: {
      phase: inList('phase', E.TrialPhase, 'Trials in any of these phases.'),
      status: inList('status', E.TrialStatus, 'Trials with any of these statuses.'),
      design: inList('design', E.StudyDesign, 'Trials with any of these designs.'),
      evidenceLevel: inList(
        'evidenceLevel',
        E.EvidenceLevel,
        'Trials whose design yields any of these evidence levels.',
      ),
      enrollment: intRange('enrollment', 'Trials whose enrollment is in this range.'),
      startYear: intRange('startYear', 'Trials that started in this range of years.'),
      registryId: equals('registryId', 'The trial with this registry id, e.g. NCT01290367.'),
      conditionIds: related(
        (v, x) => conditionOrSubtype(`(${v})-[:STUDIES]->`, x),
        'Trials studying any of these conditions or their subtypes.',
      ),
      productIds: related((v, x) => `(${v})-[:TESTS]->(${x}:Product)`, 'Trials testing any of these products.'),
      cellTypeIds: related(
        (v, x) => cellTypeOrSubtype(`(${v})-[:TESTS]->(:Product)-[:CONTAINS_CELL_TYPE]->`, x),
        'Trials testing products that contain any of these cell types or their subtypes.',
      ),
      cellSourceIds: related(
        (v, x) => `(${v})-[:TESTS]->(:Product)-[:PREPARED_FROM]->(${x}:CellSource)`,
        'Trials testing products prepared from any of these cell sources.',
      ),
    },
    sorts: {
      NAME: NAME_SORT,
      START_YEAR: { property: 'startYear', numeric: true, description: 'By start year, unknown years first.' },
      ENROLLMENT: { property: 'enrollment', numeric: true, description: 'By enrollment, unknown first.' },
    },
  },
  Outcome: {
    label: 'Outcome',
    type: Outcome,
    plural: 'outcomes',
    singular: 'outcome',
    filters: {
      measure: inList('measure', E.OutcomeMeasure, 'Outcomes of any of these measures.'),
      direction: inList('direction', E.OutcomeDirection, 'Outcomes with any of these directions.'),
      timepointMonths: floatRange('timepointMonths', 'Outcomes at a time point in this range of months.'),
      value: floatRange('value', 'Outcomes whose value is in this range.'),
      trialIds: related((v, x) => `(${v})<-[:HAS_OUTCOME]-(${x}:Trial)`, 'Outcomes of any of these trials.'),
    },
    sorts: {
      NAME: NAME_SORT,
      TIMEPOINT: { property: 'timepointMonths', numeric: true, description: 'By time point, unknown first.' },
      VALUE: { property: 'value', numeric: true, description: 'By value, unknown first.' },
    },
  },
  Risk: {
    label: 'Risk',
    type: Risk,
    plural: 'risks',
    singular: 'risk',
    filters: {
      severity: inList('severity', E.RiskSeverity, 'Risks of any of these severities.'),
      frequency: inList('frequency', E.RiskFrequency, 'Risks of any of these frequency classes.'),
    },
    sorts: { NAME: NAME_SORT },
  },
  RegulatoryStatus: {
    label: 'RegulatoryStatus',
    type: RegulatoryStatus,
    plural: 'regulatoryStatuses',
    singular: 'regulatoryStatus',
    filters: {
      status: inList('status', E.RegulatoryStatusKind, 'Statuses of any of these kinds.'),
      jurisdiction: equals('jurisdiction', 'Statuses in this jurisdiction, e.g. United States.'),
      authority: equals('authority', 'Statuses given by this regulator, e.g. FDA.'),
    },
    sorts: { NAME: NAME_SORT, YEAR: { property: 'year', numeric: true, description: 'By year, unknown first.' } },
  },
  Source: {
    label: 'Source',
    type: Source,
    plural: 'sources',
    singular: 'source',
    filters: {
      kind: inList('kind', E.SourceKind, 'Sources of any of these kinds.'),
      year: intRange('year', 'Sources published in this range of years.'),
    },
    sorts: { NAME: NAME_SORT, YEAR: { property: 'year', numeric: true, description: 'By year, unknown first.' } },
  },
};
