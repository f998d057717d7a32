// The shape of an entity kind's one definition (src/graph/<entity>/<entity>.entity.ts) and the
// helpers those files are written with. A definition names the label, the id prefix and the
// GraphQL names; the record's zod schema (its own fields: the fields every entity has are added
// here); the GraphQL type; its filters and sorts; the properties to index; and how the explorer
// shows it. src/graph/registry.ts derives every table of the server from the list of definitions
// in src/graph/entities.ts.
import type { ClassType } from 'type-graphql';
import { z } from 'zod';
import { FloatRange, type FilterFieldSpec, IntRange } from '../../common/filter';
import { CURIE_PATTERN, LOCAL_ID_PATTERN } from '../model';
import { chain, type Step } from '../patterns';

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

/** What a definition file writes. */
export interface EntityDefinitionInput<Own extends z.ZodRawShape = z.ZodRawShape> {
  /** The node label, also the GraphQL type name. */
  label: string;
  /** Ids read `<idPrefix>:lower-case-words`. */
  idPrefix: string;
  /** Root connection field, e.g. `conditions`. */
  plural: string;
  /** Root lookup field, e.g. `condition(id:)`. */
  singular: string;
  /** The GraphQL object type: a class that extends Entity and implements Node and Entity. */
  type: ClassType;
  /**
   * The record's own fields (zod), beyond the ones every entity has (id, name, description,
   * synonyms, curie, xrefs, and sources unless `describesItself`). Order is the order shown.
   */
  fields: Own;
  /** A Source describes itself: it needs no `sources`. */
  describesItself?: boolean;
  /** Filter fields beyond ids, text and AND/OR/NOT. */
  filters: Record<string, FilterFieldDef>;
  /** Sort keys; NAME is always one of them. */
  sorts?: Record<string, SortFieldDef>;
  /** Properties with a range index (name always has one). */
  indexes?: readonly string[];
  /** How the explorer shows the kind: its name in words and a colour. */
  display: { name: string; colour: string };
}

/** A definition with everything derived from it that is the kind's alone. */
export interface EntityDefinition extends Required<Omit<EntityDefinitionInput, 'describesItself'>> {
  describesItself: boolean;
  /** The whole record's schema: common fields, then the kind's own. */
  record: z.ZodObject;
  /** Properties stored as lists (a record's `sources` is stored as `sourceIds`). */
  listProperties: readonly string[];
  /** Properties whose values are enum names. */
  enumProperties: readonly string[];
}

export const NAME_SORT: SortFieldDef = { property: 'name', numeric: false, description: 'By name, A to Z.' };

export const inList = (property: string, type: object, description: string): FilterFieldDef => ({
  spec: { kind: 'in', property },
  type: () => [type],
  description,
});
export const anyOf = (property: string, type: object, description: string): FilterFieldDef => ({
  spec: { kind: 'overlaps', property },
  type: () => [type],
  description,
});
export const intRange = (property: string, description: string): FilterFieldDef => ({
  spec: { kind: 'range', property },
  type: () => IntRange,
  description,
});
export const floatRange = (property: string, description: string): FilterFieldDef => ({
  spec: { kind: 'range', property },
  type: () => FloatRange,
  description,
});
/** Entities at the end of a chain of relationships whose id is in the given list. */
export const related = (steps: readonly Step[], description: string): FilterFieldDef => ({
  spec: { kind: 'related', pattern: (v, x) => chain(v, steps, x) },
  type: () => [String],
  description,
});
export const equals = (property: string, description: string): FilterFieldDef => ({
  spec: { kind: 'equals', property },
  type: () => String,
  description,
});

// Field schemas the definitions share.
export const curie = z.string().regex(CURIE_PATTERN, 'must be a CURIE such as MONDO:0011385');
export const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
export const year = z.number().int('must be a whole year').min(1900).max(2100);
export const count = z.number().int('must be a whole number').min(0);
export const measure = z.number().finite('must be a finite number');
export const idOf = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}:${LOCAL_ID_PATTERN}$`), `must look like ${prefix}:lower-case-words`);
export const SOURCE_ID_PREFIX = 'source';
export const sourceRef = idOf(SOURCE_ID_PREFIX);

const COMMON_FIELDS = {
  name: text(300),
  description: text(4000).optional(),
  synonyms: z.array(text(200)).optional(),
  curie: curie.optional(),
  xrefs: z.array(curie).optional(),
};
/** Everything but a Source must say which sources describe it. */
const SOURCES_FIELD = { sources: z.array(sourceRef).min(1, 'needs at least one source') };

/** The zod type inside optional/default wrappers. */
function innerType(schema: z.ZodType): z.ZodType {
  let inner = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault || inner instanceof z.ZodNullable) {
    inner = inner.unwrap() as z.ZodType;
  }
  return inner;
}

export function defineEntity<Own extends z.ZodRawShape>(input: EntityDefinitionInput<Own>): EntityDefinition {
  const describesItself = input.describesItself ?? false;
  const record = z.strictObject({
    id: idOf(input.idPrefix),
    ...COMMON_FIELDS,
    ...(describesItself ? {} : SOURCES_FIELD),
    ...input.fields,
  });
  const shape = record.shape as Record<string, z.ZodType>;
  const stored = (field: string) => (field === 'sources' ? 'sourceIds' : field);
  return {
    ...input,
    describesItself,
    sorts: { NAME: NAME_SORT, ...input.sorts },
    indexes: input.indexes ?? [],
    record,
    // Every stored entity has sourceIds, a Source's empty.
    listProperties: [
      ...new Set([
        ...Object.keys(shape)
          .filter((field) => innerType(shape[field]) instanceof z.ZodArray)
          .map(stored),
        'sourceIds',
      ]),
    ],
    enumProperties: Object.keys(shape).filter((field) => {
      const inner = innerType(shape[field]);
      return (
        inner instanceof z.ZodEnum ||
        (inner instanceof z.ZodArray && innerType(inner.element as z.ZodType) instanceof z.ZodEnum)
      );
    }),
  };
}
