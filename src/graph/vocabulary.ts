// The vocabulary the explorer shows, derived from the entity and relationship definitions: each
// kind's name in words, colour, shape, own properties (in order) and relationship fields with how
// they read, each relationship's verb, which properties hold enum names, the evidence scale, and
// each kind's root list with its filters and sorts (what the browse pages offer). `npm run build`
// writes it to explorer/src/vocabulary.generated.ts (src/cli/emit-vocabulary.ts), so the explorer
// never keeps a copy of its own.
import { type GraphQLSchema, getNamedType, isEnumType, isInputObjectType, isObjectType, isLeafType } from 'graphql';
import { type EntityDefinition, PROVENANCE_FIELD_NAMES } from './entity/define';
import type { NodeShape } from './entity/display';
import { ENTITIES } from './entities';
import { EVIDENCE_LEVELS } from './model';
import { RELATIONSHIPS } from './relationships';

/** The fields every entity has, which the explorer shows apart from a kind's own (provenance too). */
const COMMON_FIELDS = new Set([
  'id',
  'name',
  'description',
  'synonyms',
  'curie',
  'xrefs',
  'sources',
  ...PROVENANCE_FIELD_NAMES,
]);

export interface ExplorerVocabulary {
  entityTypes: string[];
  typeName: Record<string, string>;
  typeColour: Record<string, string>;
  typeShape: Record<string, NodeShape>;
  properties: Record<string, string[]>;
  /** Per kind, the sub-selection of each property whose API type is an object (its leaf fields). */
  selections: Record<string, Record<string, string>>;
  relations: Record<string, Array<{ field: string; label: string }>>;
  /** Each relationship's verb phrase read from `from` to `to`, e.g. a Trial "studies" a Condition. */
  verbs: Array<{ type: string; from: string; to: string; verb: string }>;
  enumProperties: string[];
  evidenceLevels: string[];
  /** Per kind, its root connection with the filters and sorts it takes. */
  browse: Record<string, BrowseKind>;
}

/**
 * One field of a kind's filter, as a form writes it: enum values (any of them), ids of one kind,
 * a range of numbers, a text, or yes/no.
 */
export type BrowseFilter = { name: string; description: string } & (
  | { kind: 'enum'; values: string[] }
  | { kind: 'ids'; target: string }
  | { kind: 'range'; integer: boolean }
  | { kind: 'text' }
  | { kind: 'boolean' }
);

export interface BrowseKind {
  /** The root connection field, e.g. `trials`. */
  connection: string;
  filters: BrowseFilter[];
  /** The sort keys (`<Label>SortField`), NAME first. */
  sorts: Array<{ field: string; description: string }>;
}

/** The filter fields of a kind as its GraphQL filter input declares them; AND, OR and NOT are for API clients. */
function browseKind(schema: GraphQLSchema, e: EntityDefinition): BrowseKind {
  const input = schema.getType(`${e.label}Filter`);
  if (!isInputObjectType(input)) {
    throw new Error(`the schema has no input type ${e.label}Filter`);
  }
  const fields = input.getFields();
  const describe = (name: string) => fields[name]?.description ?? '';
  const filter = (name: string): BrowseFilter => {
    const spec = e.filters[name].spec;
    const named = getNamedType(fields[name]?.type);
    const base = { name, description: describe(name) };
    switch (spec.kind) {
      case 'in':
      case 'overlaps':
        if (!isEnumType(named)) {
          throw new Error(`${e.label}Filter.${name} takes no enum`);
        }
        return { ...base, kind: 'enum', values: named.getValues().map((value) => value.name) };
      case 'related':
        return { ...base, kind: 'ids', target: spec.target };
      case 'range':
        return { ...base, kind: 'range', integer: named?.name === 'IntRange' };
      case 'equals':
        return { ...base, kind: 'text' };
      case 'exists':
        return { ...base, kind: 'boolean' };
      case 'labels':
        throw new Error(`${e.label}Filter.${name}: a kind's own list has no type filter`);
    }
  };
  return {
    connection: e.plural,
    filters: [
      { name: 'text', description: describe('text'), kind: 'text' },
      ...Object.keys(e.filters).map(filter),
      { name: 'ids', description: describe('ids'), kind: 'ids', target: e.label },
    ],
    sorts: Object.entries(e.sorts).map(([field, sort]) => ({ field, description: sort.description })),
  };
}

/** The leaf fields of each object-typed property, as a GraphQL selection set, read from the schema. */
function objectSelections(schema: GraphQLSchema, label: string, fields: string[]): Record<string, string> {
  const type = schema.getType(label);
  if (!isObjectType(type)) {
    throw new Error(`the schema has no object type ${label}`);
  }
  const selections: Record<string, string> = {};
  for (const field of fields) {
    const named = getNamedType(type.getFields()[field]?.type);
    if (isObjectType(named)) {
      const leaves = Object.values(named.getFields()).filter((f) => isLeafType(getNamedType(f.type)));
      selections[field] = `{ ${leaves.map((f) => f.name).join(' ')} }`;
    }
  }
  return selections;
}

export function explorerVocabulary(schema: GraphQLSchema): ExplorerVocabulary {
  const relations: ExplorerVocabulary['relations'] = {};
  const add = (label: string, field: string, reads: string) => {
    const list = (relations[label] ??= []);
    if (!list.some((r) => r.field === field)) {
      list.push({ field, label: reads });
    }
  };
  for (const rel of RELATIONSHIPS) {
    add(rel.from, rel.outField, rel.reads.out);
    add(rel.to, rel.inField, rel.reads.in);
  }
  const properties = Object.fromEntries(
    ENTITIES.map((e) => [e.label, Object.keys(e.record.shape).filter((field) => !COMMON_FIELDS.has(field))]),
  );
  return {
    entityTypes: ENTITIES.map((e) => e.label),
    typeName: Object.fromEntries(ENTITIES.map((e) => [e.label, e.display.name])),
    typeColour: Object.fromEntries(ENTITIES.map((e) => [e.label, e.display.colour])),
    typeShape: Object.fromEntries(ENTITIES.map((e) => [e.label, e.display.shape])),
    properties,
    selections: Object.fromEntries(
      ENTITIES.map((e) => [e.label, objectSelections(schema, e.label, properties[e.label])]),
    ),
    relations,
    verbs: RELATIONSHIPS.map((rel) => ({ type: rel.type, from: rel.from, to: rel.to, verb: rel.verbs.out })),
    enumProperties: [...new Set(ENTITIES.flatMap((e) => e.enumProperties))],
    evidenceLevels: [...EVIDENCE_LEVELS],
    browse: Object.fromEntries(ENTITIES.map((e) => [e.label, browseKind(schema, e)])),
  };
}

/** The TypeScript module the explorer imports. */
export function explorerVocabularyModule(schema: GraphQLSchema): string {
  return `// Generated by src/cli/emit-vocabulary.ts from src/graph/entities.ts and src/graph/relationships.ts
// when the explorer is built (npm run build). Do not edit: change the definitions instead.
export const VOCABULARY = ${JSON.stringify(explorerVocabulary(schema), null, 2)} as const;
`;
}
