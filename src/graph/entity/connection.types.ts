// GraphQL input and connection types, made at start-up from the entity definitions: for each kind a
// Filter, a SortField enum and an Order, connection args, and two connections (root lists, and
// relationship fields whose edges carry the claim's evidence). Decorators are applied as plain
// functions so every type is declared once, from the table, with its description.
import { ArgsType, type ClassType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DEFAULT_NESTED_PAGE_SIZE, PageArgs, PageInfo, SortDirection } from '../../common/pagination';
import { Entity, Evidence, Node } from '../entity/entity.type';
import { EntityType, LABELS, ENTITY_DEFINITIONS } from '../registry';
import { EvidenceLevel, KnowledgeLevel } from '../enums';
import { type Label } from '../model';
import { EVIDENCE_SORTS, type FilterFieldDef, ID_FILTER_RULE, type SortFieldDef } from './define';

function named<T extends ClassType>(cls: T, name: string): T {
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}

function createFilter(typeName: string, description: string, fields: Record<string, FilterFieldDef>): ClassType {
  const Filter = named(class {}, `${typeName}Filter`);
  InputType(`${typeName}Filter`, { description })(Filter);
  Field(() => [ID], { nullable: true, description: `Only these ids. ${ID_FILTER_RULE}` })(Filter.prototype, 'ids');
  Field(() => String, {
    nullable: true,
    description: 'Case-insensitive text contained in the name, description, synonyms or identifiers.',
  })(Filter.prototype, 'text');
  for (const [name, def] of Object.entries(fields)) {
    Field(def.type as never, { nullable: true, description: def.description })(Filter.prototype, name);
  }
  Field(() => [Filter], { nullable: true, description: 'Every one of these filters holds.' })(Filter.prototype, 'AND');
  Field(() => [Filter], { nullable: true, description: 'At least one of these filters holds.' })(
    Filter.prototype,
    'OR',
  );
  Field(() => Filter, { nullable: true, description: 'This filter does not hold.' })(Filter.prototype, 'NOT');
  return Filter;
}

function createOrder(typeName: string, sorts: Record<string, SortFieldDef>): ClassType {
  const SortField = Object.fromEntries(Object.keys(sorts).map((k) => [k, k]));
  registerEnumType(SortField, {
    name: `${typeName}SortField`,
    description: `What ${typeName} lists can be sorted by; ties are broken by id.`,
    valuesConfig: Object.fromEntries(Object.entries(sorts).map(([k, s]) => [k, { description: s.description }])),
  });
  const Order = named(class {}, `${typeName}Order`);
  InputType(`${typeName}Order`, { description: `How to sort a ${typeName} list.` })(Order);
  Field(() => SortField, { defaultValue: 'NAME', description: 'The sort key.' })(Order.prototype, 'field');
  Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: 'The direction.' })(
    Order.prototype,
    'direction',
  );
  return Order;
}

@InputType({ description: 'Keep only claims with this evidence.' })
export class EvidenceFilter {
  @Field(() => [EvidenceLevel], { nullable: true, description: 'Claims at any of these evidence levels.' })
  levels?: string[] | null;

  @Field(() => [KnowledgeLevel], { nullable: true, description: 'Claims of any of these knowledge levels.' })
  knowledgeLevels?: string[] | null;

  @Field(() => [ID], { nullable: true, description: `Claims citing any of these sources. ${ID_FILTER_RULE}` })
  sourceIds?: string[] | null;
}

export interface ConnectionArgsShape {
  filter?: Record<string, unknown> | null;
  orderBy?: { field: string; direction: SortDirection } | null;
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  evidence?: EvidenceFilter | null;
  includeInherited?: boolean | null;
}

function createArgs(typeName: string, filter: ClassType, order: ClassType, withEvidence: boolean): ClassType {
  const name = `${typeName}${withEvidence ? 'Relation' : 'Connection'}Args`;
  const Args = named(class extends PageArgs {}, name);
  ArgsType()(Args);
  Field(() => filter, { nullable: true, description: 'Keep only matching items.' })(Args.prototype, 'filter');
  Field(() => order, { nullable: true, description: 'Sort order (default: by name, ascending).' })(
    Args.prototype,
    'orderBy',
  );
  if (withEvidence) {
    // A relationship field is always nested, so its default can be stated exactly.
    Field(() => Int, {
      nullable: true,
      description: `Page forwards: at most this many edges, from 0 to MAX_PAGE_SIZE (default ${DEFAULT_NESTED_PAGE_SIZE}: lists inside items are short unless asked, so that a query nesting several of them stays within the cost limit).`,
    })(Args.prototype, 'first');
    Field(() => EvidenceFilter, { nullable: true, description: 'Keep only claims with this evidence.' })(
      Args.prototype,
      'evidence',
    );
    Field(() => Boolean, {
      defaultValue: true,
      description:
        'Also return claims stated for the classes this entity inherits from (fields that inherit say so; see docs/EVIDENCE.md), marked on each edge. false: direct claims only.',
    })(Args.prototype, 'includeInherited');
  }
  return Args;
}

function createConnection(typeName: string, nodeType: ClassType, withEvidence: boolean): ClassType {
  const kind = withEvidence ? 'Relation' : '';
  const Edge = named(class {}, `${typeName}${kind}Edge`);
  ObjectType(`${typeName}${kind}Edge`, {
    simpleResolvers: true,
    description: withEvidence
      ? `A related ${typeName} and the evidence for the claim that links it.`
      : `A ${typeName} in a list.`,
  })(Edge);
  Field(() => String, { description: 'Opaque keyset cursor of this edge.' })(Edge.prototype, 'cursor');
  Field(() => nodeType, { description: `The ${typeName}.` })(Edge.prototype, 'node');
  if (withEvidence) {
    Field(() => Evidence, { description: 'Sources, evidence level and knowledge level of the claim.' })(
      Edge.prototype,
      'evidence',
    );
    Field(() => Boolean, {
      description: 'Whether the claim is stated for a class this entity inherits from, not for the entity itself.',
    })(Edge.prototype, 'inherited');
    Field(() => Entity, {
      nullable: true,
      description:
        'For an inherited claim, the class it is stated for (e.g. mesenchymal stem cell); null for a direct one.',
    })(Edge.prototype, 'inheritedFrom');
  }
  const Connection = named(class {}, `${typeName}${kind}Connection`);
  ObjectType(`${typeName}${kind}Connection`, { simpleResolvers: true, description: `A page of ${typeName} items.` })(
    Connection,
  );
  Field(() => [Edge], { description: 'The items of this page, each with its cursor.' })(Connection.prototype, 'edges');
  Field(() => PageInfo, { description: 'Whether more pages exist, and the cursors to reach them.' })(
    Connection.prototype,
    'pageInfo',
  );
  Field(() => Int, { description: 'How many items match in all pages. Computed only when selected.' })(
    Connection.prototype,
    'totalCount',
  );
  return Connection;
}

export interface GeneratedTypes {
  filter: ClassType;
  order: ClassType;
  connectionArgs: ClassType;
  relationArgs: ClassType;
  connection: ClassType;
  relationConnection: ClassType;
}

function generate(
  typeName: string,
  nodeType: ClassType,
  filters: Record<string, FilterFieldDef>,
  sorts: Record<string, SortFieldDef>,
  description: string,
): GeneratedTypes {
  const filter = createFilter(typeName, description, filters);
  const order = createOrder(typeName, sorts);
  const relationOrder = createOrder(`${typeName}Relation`, { ...sorts, ...EVIDENCE_SORTS });
  return {
    filter,
    order,
    connectionArgs: createArgs(typeName, filter, order, false),
    relationArgs: createArgs(typeName, filter, relationOrder, true),
    connection: createConnection(typeName, nodeType, false),
    relationConnection: createConnection(typeName, nodeType, true),
  };
}

export const GENERATED = Object.fromEntries(
  LABELS.map((label) => {
    const def = ENTITY_DEFINITIONS[label];
    return [
      label,
      generate(label, def.type, def.filters, def.sorts, `Which ${label} items to keep. Fields combine with AND.`),
    ];
  }),
) as Record<Label, GeneratedTypes>;

/** Filter fields for lists that mix entity types (e.g. Risk.associatedWith, node neighbourhoods). */
export const ENTITY_FILTER_FIELDS: Record<string, FilterFieldDef> = {
  types: { spec: { kind: 'labels' }, type: () => [EntityType], description: 'Only entities of these types.' },
};
export const NAME_ONLY_SORTS: Record<string, SortFieldDef> = {
  NAME: { property: 'name', numeric: false, description: 'By name, A to Z.' },
};

/** Types for lists whose items may be of several entity types. */
export const GENERATED_ENTITY = generate(
  'Entity',
  Entity as unknown as ClassType,
  ENTITY_FILTER_FIELDS,
  NAME_ONLY_SORTS,
  'Which entities to keep. Fields combine with AND.',
);

export { Node };
