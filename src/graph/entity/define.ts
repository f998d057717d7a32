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
import type { RecordProblem } from '../evidence/provenance';
import type { KindDisplay } from './display';
import { arrivesAt, arrow, chain, type Step } from '../patterns';

export interface FilterFieldDef {
  spec: FilterFieldSpec;
  /** GraphQL input type of the field. */
  type: () => unknown;
  description: string;
}

export interface SortFieldDef {
  /** The property sorted on; ties break on id. */
  property: string;
  /** Sort on the claim's property rather than the node's (relationship fields only). */
  on?: 'claim';
  /** A value computed from the node `v` (written in code, no client value), instead of its property. */
  expression?: (v: string) => string;
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
  /** How the explorer shows the kind: its name in words, a colour and a shape. */
  display: KindDisplay;
  /** Rules across the fields of one record (each field alone is checked by `fields`). */
  check?: (record: Record<string, unknown>) => RecordProblem[];
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

/** Sorts of relationship fields by their claims (the claim is `r`), beyond the related kind's own. */
export const EVIDENCE_SORTS: Readonly<Record<string, SortFieldDef>> = {
  EVIDENCE_SCORE: {
    property: 'score',
    numeric: true,
    on: 'claim',
    description:
      'By the evidence score of the claim (docs/EVIDENCE.md), lowest first; use DESC for the strongest first.',
  },
};

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
export const hasProperty = (property: string, description: string): FilterFieldDef => ({
  spec: { kind: 'exists', property },
  type: () => Boolean,
  description,
});
/** How every id field of a filter treats an id that names nothing, or the wrong kind of thing. */
export const ID_FILTER_RULE =
  'An id no entity has is a NOT_FOUND error naming it, and the id of an entity of another kind a BAD_USER_INPUT ' +
  'error, never an empty page.';

/**
 * Entities at the end of a chain of relationships whose id is in the given list; with `otherSteps`,
 * at the end of any of the chains (each must end at the same label).
 */
export function related(
  steps: readonly Step[],
  description: string,
  ...otherSteps: ReadonlyArray<readonly Step[]>
): FilterFieldDef {
  const chains = [steps, ...otherSteps];
  const targets = new Set(chains.map((c) => c.at(-1)).map((last) => (last === undefined ? '' : arrivesAt(last))));
  const [target] = targets;
  if (targets.size !== 1 || target === '') {
    throw new Error('the chains of a related filter must end at one label');
  }
  return {
    spec: {
      kind: 'related',
      patterns: chains.map((c) => {
        const last = c[c.length - 1];
        const climbs = c.length > 1 && last.hops !== undefined && last.backwards !== true;
        return {
          cypher: (v: string, x: string) => chain(v, c, x),
          climb: climbs
            ? {
                to: (v: string, x: string) => chain(v, c.slice(0, -1), x),
                below: (x: string, d: string) =>
                  `(${x}:${last.rel.to})${arrow({ ...last, backwards: true })}(${d}:${last.rel.from})`,
              }
            : undefined,
        };
      }),
      target,
    },
    type: () => [String],
    description: `${description} Takes ${target} ids. ${ID_FILTER_RULE}`,
  };
}
/**
 * A property equal to the given text, ignoring case (and surrounding spaces). When every stored
 * value has one case, the given text is put in it and the property compared as stored, so its
 * index answers: say so with `storedCase`, or let defineEntity prove it from the record schema (an
 * NCT number's pattern admits only capitals). Otherwise both sides are lower-cased.
 */
export const equals = (property: string, description: string, storedCase?: 'upper' | 'lower'): FilterFieldDef => ({
  spec: { kind: 'equals', property, storedCase },
  type: () => String,
  description: `${description} Case-insensitive.`,
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
/**
 * What an ingestion (src/ingest/) stated about the entity, beside what curators stated: the fields
 * whose value it set (`field`, or `field=item` for one item of a list it added to), the source
 * record and the run's agent and time, and the values it stated that differ from a curated one
 * (JSON `{field, value, source, retrievedAt}`), which never replace it. Absent on purely curated
 * entities. Curation mutations do not take these fields: a curated edit of a field takes it over.
 */
export const PROVENANCE_FIELDS = {
  ingestedFields: z.array(text(600)).optional(),
  ingestedFrom: sourceRef.optional(),
  ingestedBy: z
    .string()
    .regex(/^ingest:[a-z]+$/, 'must name an ingestion, such as ingest:ctgov')
    .optional(),
  retrievedAt: z.iso.datetime({ offset: true, error: 'must be a date-time such as 2026-12-04T10:00:00Z' }).optional(),
  alternativeValues: z.array(text(20_000)).optional(),
};
export const PROVENANCE_FIELD_NAMES: readonly string[] = Object.keys(PROVENANCE_FIELDS);

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

/**
 * Whether a regex proves every value it accepts has no lower-case letter: anchored at both ends,
 * no alternation, no case-insensitive flag, and built only of capitals, digits (`\d`), escaped
 * punctuation, classes that are not negated, groups and quantifiers. Conservative: a pattern it
 * cannot read this way is not proven.
 */
function acceptsOnlyUpperCase(pattern: RegExp): boolean {
  const source = pattern.source;
  if (pattern.flags.includes('i') || !source.startsWith('^') || !source.endsWith('$')) {
    return false;
  }
  for (let i = 1; i < source.length - 1; i++) {
    if (source[i] === '\\') {
      i += 1;
      // \d is a digit; any other escaped letter or digit (\w, \p{…}, \x61) may stand for a lower-case letter.
      if (i === source.length - 1 || (source[i] !== 'd' && /[A-Za-z0-9]/.test(source[i]))) {
        return false;
      }
    } else if (/[a-z.|]/.test(source[i]) || (source[i] === '^' && source[i - 1] === '[')) {
      return false;
    }
  }
  return true;
}

/**
 * An equals filter on a string field whose record schema proves its values upper case (an NCT
 * number) compares the property as stored, so its index answers; any other ignores case by
 * lower-casing both sides.
 */
function withStoredCase(filters: Record<string, FilterFieldDef>, shape: Record<string, z.ZodType>) {
  return Object.fromEntries(
    Object.entries(filters).map(([name, def]) => {
      const { spec } = def;
      if (spec.kind !== 'equals' || spec.storedCase !== undefined) {
        return [name, def];
      }
      const field = shape[spec.property] === undefined ? undefined : innerType(shape[spec.property]);
      const patterns =
        field instanceof z.ZodString
          ? (field._zod.def.checks ?? []).flatMap((check) => {
              const checkDef: object = check._zod.def;
              return 'pattern' in checkDef && checkDef.pattern instanceof RegExp ? [checkDef.pattern] : [];
            })
          : [];
      return patterns.some(acceptsOnlyUpperCase)
        ? [name, { ...def, spec: { ...spec, storedCase: 'upper' } }]
        : [name, def];
    }),
  );
}

export function defineEntity<Own extends z.ZodRawShape>(input: EntityDefinitionInput<Own>): EntityDefinition {
  const describesItself = input.describesItself ?? false;
  const record = z.strictObject({
    id: idOf(input.idPrefix),
    ...COMMON_FIELDS,
    ...(describesItself ? {} : SOURCES_FIELD),
    ...input.fields,
    ...PROVENANCE_FIELDS,
  });
  const shape = record.shape as Record<string, z.ZodType>;
  const stored = (field: string) => (field === 'sources' ? 'sourceIds' : field);
  return {
    ...input,
    describesItself,
    check: input.check ?? (() => []),
    filters: withStoredCase(input.filters, shape),
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
