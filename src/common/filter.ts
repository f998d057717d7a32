// Filters compile to Cypher WHERE clauses. Every value a client sends becomes a $parameter; the
// only text interpolated is property names, labels and patterns from the definitions in code.
import { Field, Float, InputType, Int } from 'type-graphql';
import { MAX_FILTER_DEPTH } from './bounds';
import { BadUserInputError, type CodedError, NotFoundError, quoted, withArticle } from './errors';

@InputType({ description: 'An inclusive range of whole numbers; either end may be left open.' })
export class IntRange {
  @Field(() => Int, { nullable: true, description: 'Smallest value included.' })
  min?: number | null;

  @Field(() => Int, { nullable: true, description: 'Largest value included.' })
  max?: number | null;
}

@InputType({ description: 'An inclusive range of numbers; either end may be left open.' })
export class FloatRange {
  @Field(() => Float, { nullable: true, description: 'Smallest value included.' })
  min?: number | null;

  @Field(() => Float, { nullable: true, description: 'Largest value included.' })
  max?: number | null;
}

/**
 * Collects query parameters and hands out their names; also collects the class sets a filter
 * tests against, each to be computed once before the clauses that use it (see takeSets).
 */
export class CypherParams {
  readonly values: Record<string, unknown> = {};
  private next = 0;

  private variables = 0;

  /** Sets compiled since the last takeSets. */
  private pendingSets: Array<{ key: string; name: string; d: string; read: string }> = [];

  /** A fresh Cypher variable name, so nested patterns never clash (and query text stays deterministic). */
  variable(): string {
    return `x${this.variables++}`;
  }

  add(value: unknown): string {
    const name = `p${this.next++}`;
    this.values[name] = value;
    return `$${name}`;
  }

  /**
   * The variable that will hold, as one list, the nodes `d` that `read(d)` finds (a MATCH … WHERE,
   * from code and parameters). Asked again with the same `key` (what the read walks, from which
   * parameter), it gives the same variable.
   */
  set(key: string, read: (d: string) => string): string {
    const known = this.pendingSets.find((set) => set.key === key);
    if (known !== undefined) {
      return known.name;
    }
    const d = this.variable();
    const name = this.variable();
    this.pendingSets.push({ key, name, d, read: read(d) });
    return name;
  }

  /**
   * The sets compiled since the last call: `prelude` computes each (one CALL a set, one row out),
   * to be placed before the clauses that use them, and `variables` names them, for a CALL that
   * must import them.
   */
  takeSets(): { prelude: string; variables: string[] } {
    const sets = this.pendingSets;
    this.pendingSets = [];
    return {
      prelude: sets
        .map(({ name, d, read }) => `CALL () { ${read} RETURN collect(DISTINCT ${d}) AS ${name} }\n`)
        .join(''),
      variables: sets.map(({ name }) => name),
    };
  }
}

/** How one filter field maps to Cypher on the variable `v`. */
export type FilterFieldSpec =
  | { kind: 'in'; property: string }
  /** A list property that shares at least one value with the given list. */
  | { kind: 'overlaps'; property: string }
  /** The node has any of the given labels (checked against the closed label list by the caller). */
  | { kind: 'labels' }
  | { kind: 'range'; property: string }
  /**
   * Equal, ignoring case. When every stored value has one case (`storedCase`), the parameter is put
   * in that case and the property compared as stored, so an index on it still answers.
   */
  | { kind: 'equals'; property: string; storedCase?: 'upper' | 'lower' }
  /** true: the property is set; false: it is not. */
  | { kind: 'exists'; property: string }
  | {
      kind: 'related';
      /** The node matches when any of these patterns reaches one of the ids. */
      patterns: readonly RelatedPattern[];
      /** The label `x` has in every pattern: the ids given must be of entities with it. */
      target: string;
    };

/** One way from a node to the entities a related filter field names. */
export interface RelatedPattern {
  /**
   * The pattern from `(v)` to `(x)`, written in code, e.g.
   * `(v)-[:STUDIES]->(:Condition)-[:SUBCLASS_OF*0..3]->(x:Condition)`.
   */
  cypher: (v: string, x: string) => string;
  /**
   * For a pattern that ends by climbing a class hierarchy (SUBCLASS_OF outwards) after at least
   * one other step, its two halves: `to`, the pattern up to the classes `c` the climb starts from,
   * and `below`, the walk down from a class `x` to the classes `d` that climb to it. A node is
   * tested against the classes below the ids, found once, rather than by a walk from each id: the
   * planner, estimating one row for an id's seek, would otherwise walk a broad class's whole
   * subtree once for every node tested.
   */
  climb?: { to: (v: string, c: string) => string; below: (x: string, d: string) => string };
}

export type FilterSpec = Record<string, FilterFieldSpec>;

/** Fields every entity filter has, compiled without a spec. */
export interface CommonFilter {
  ids?: string[] | null;
  text?: string | null;
  AND?: CommonFilter[] | null;
  OR?: CommonFilter[] | null;
  NOT?: CommonFilter | null;
  [field: string]: unknown;
}

/** The text properties `text` searches, case-insensitively. */
const TEXT_PROPERTIES = ['name', 'description', 'synonymsText', 'identifiersText'];

function checkDepth(depth: number): void {
  if (depth > MAX_FILTER_DEPTH) {
    throw new BadUserInputError(`Filters nest AND/OR/NOT at most ${MAX_FILTER_DEPTH} levels deep.`);
  }
}

export function compileFilter(
  filter: CommonFilter | null | undefined,
  spec: FilterSpec,
  v: string,
  params: CypherParams,
  depth = 0,
): string[] {
  if (filter == null) {
    return [];
  }
  checkDepth(depth);
  const clauses: string[] = [];
  for (const [field, value] of Object.entries(filter)) {
    if (value == null) {
      continue;
    }
    switch (field) {
      case 'ids':
        clauses.push(`${v}.id IN ${params.add(value)}`);
        break;
      case 'text': {
        const needle = String(value).trim().toLowerCase();
        if (needle !== '') {
          clauses.push(textClause(v, params.add(needle)));
        }
        break;
      }
      case 'AND':
      case 'OR': {
        const parts = compileJunction(field, value as CommonFilter[], spec, v, params, depth);
        if (parts.length > 0) {
          clauses.push(`(${parts.join(field === 'AND' ? ' AND ' : ' OR ')})`);
        }
        break;
      }
      case 'NOT': {
        const sub = compileFilter(value as CommonFilter, spec, v, params, depth + 1);
        if (sub.length > 0) {
          clauses.push(`NOT (${sub.join(' AND ')})`);
        }
        break;
      }
      default: {
        const fieldSpec = spec[field];
        if (fieldSpec === undefined) {
          throw new Error(`filter field ${field} has no spec`);
        }
        clauses.push(...compileField(fieldSpec, value, v, params));
      }
    }
  }
  return clauses;
}

/** `v` contains the text `needle` (a lower-case parameter or variable) in any text property. */
const textClause = (v: string, needle: string) =>
  `(${TEXT_PROPERTIES.map((prop) => `toLower(coalesce(${v}.${prop}, '')) CONTAINS ${needle}`).join(' OR ')})`;

/** A sub-filter with exactly one field set: its name and value. */
function singleField(filter: CommonFilter): [string, unknown] | undefined {
  const set = Object.entries(filter).filter(([, value]) => value != null);
  return set.length === 1 ? set[0] : undefined;
}

/**
 * The parts of an AND or OR. Sub-filters that set only one field of a kind that takes a list are
 * merged into one clause over one list parameter (`OR: [{ text: "a" }, { text: "b" }]` becomes
 * `any(t IN $texts WHERE …)`, `OR: [{ ids: [a] }, { ids: [b] }]` one `IN`), so the Cypher stays
 * small however many sub-filters there are, and the planner never sees a long OR chain.
 */
function compileJunction(
  junction: 'AND' | 'OR',
  subs: CommonFilter[],
  spec: FilterSpec,
  v: string,
  params: CypherParams,
  depth: number,
): string[] {
  const parts: string[] = [];
  const texts: string[] = [];
  const lists = new Map<string, unknown[]>();
  for (const sub of subs) {
    const single = singleField(sub);
    if (single?.[0] === 'text') {
      const needle = String(single[1]).trim().toLowerCase();
      if (needle !== '') {
        texts.push(needle);
      } else if (junction === 'OR') {
        parts.push('true');
      }
      continue;
    }
    const mergesAsList =
      junction === 'OR' &&
      single !== undefined &&
      Array.isArray(single[1]) &&
      (single[0] === 'ids' || ['in', 'overlaps', 'labels', 'related'].includes(spec[single[0]]?.kind ?? ''));
    if (mergesAsList) {
      lists.set(single[0], [...(lists.get(single[0]) ?? []), ...(single[1] as unknown[])]);
      continue;
    }
    const subClauses = compileFilter(sub, spec, v, params, depth + 1);
    parts.push(subClauses.length === 0 ? 'true' : `(${subClauses.join(' AND ')})`);
  }
  if (texts.length === 1) {
    parts.push(textClause(v, params.add(texts[0])));
  } else if (texts.length > 1) {
    const t = params.variable();
    parts.push(`${junction === 'OR' ? 'any' : 'all'}(${t} IN ${params.add(texts)} WHERE ${textClause(v, t)})`);
  }
  for (const [field, values] of lists) {
    const merged = { [field]: [...new Set(values)] };
    parts.push(compileFilter(merged, spec, v, params, depth + 1).join(' AND '));
  }
  return parts;
}

/**
 * The start of a root read of `label` under a filter. When the filter's top level has fields that
 * name related entities (e.g. a trial's conditionIds), the read starts from those entities (an
 * index seek on their ids) and walks to the candidates, instead of scanning every node of the label
 * and testing each one: the planner cannot know the ids are selective, and tests each node by
 * expanding from the related side, which for a class walks its whole subtree once per node. With
 * several such fields, each is walked from its own ids and the walks are joined on the node; a
 * field with several patterns (a trial's cellTypeIds: through a product, or alone) makes one branch
 * per pattern, and the branches are united. The label comes from the closed LABELS enum; values are
 * parameters. Returns the read's start (ending with `v` bound, one row per node) and the remaining
 * clauses; `everything` when the filter keeps every node of the label. The read's start first
 * computes every class set pending in `params` (the remaining clauses', and any compiled before),
 * and `sets` names them, for the read to carry on.
 *
 * Without such fields, an OR whose sub-filters have them is read as a union: each of those
 * sub-filters is a read started from its own related ids (as above, with its own clauses), and the
 * other sub-filters together are one scan of the label. The OR's siblings stay clauses. Tested on
 * each node instead, a related field costs a walk per node of the label (seconds over the
 * benchmark's 180,000 trials).
 *
 * Two top-level fields narrow the read more surely than any walk, and keep it on one start: `ids`,
 * an index seek on at most LIMIT_LIST_ITEMS nodes, from which every other field is tested on each;
 * and `text`, which is tested on every node of the label before anything else, so an OR beside it
 * is not read as a union (from a class with tens of thousands of trials, that read all of them).
 */
export function compileRootMatch(
  label: string,
  filter: CommonFilter | null | undefined,
  spec: FilterSpec,
  v: string,
  params: CypherParams,
  depth = 0,
): RootMatch {
  checkDepth(depth);
  const seeded = filter?.ids != null;
  const anchors = seeded ? [] : relatedFields(filter, spec);
  if (anchors.length === 0) {
    const branches = filter?.OR;
    const searched = filter?.text != null && filter.text.trim() !== '';
    if (!seeded && !searched && branches != null && branches.some((sub) => relatedFields(sub, spec).length > 0)) {
      return unitedRootMatch(label, filter!, branches, spec, v, params, depth);
    }
    const clauses = compileFilter(filter, spec, v, params, depth);
    const sets = params.takeSets();
    return {
      match: `${sets.prelude}MATCH (${v}:${label})`,
      clauses,
      everything: clauses.length === 0,
      sets: sets.variables,
    };
  }
  const walks = anchors.map(([field, value]) => {
    const x = params.variable();
    const ids = params.add(value);
    const related = spec[field] as Extract<FilterFieldSpec, { kind: 'related' }>;
    return { patterns: related.patterns.map((pattern) => pattern.cypher(v, x)), test: `${x}.id IN ${ids}` };
  });
  const rest = { ...filter, ...Object.fromEntries(anchors.map(([field]) => [field, null])) };
  // Every choice of one pattern per field.
  const branches = walks.reduce<string[][]>(
    (chosen, walk) => chosen.flatMap((patterns) => walk.patterns.map((pattern) => [...patterns, pattern])),
    [[]],
  );
  // One MATCH a walk: Cypher keeps a relationship to one use per MATCH, and two walks may share one
  // (a trial's TESTS to a product that is the one asked for and contains the cell type asked for).
  const branch = (patterns: string[]) =>
    patterns
      .map((pattern, i) =>
        i === 0
          ? `MATCH (${v}:${label}), ${pattern}\nWHERE ${walks[i].test}`
          : `MATCH ${pattern}\nUSING JOIN ON ${v}\nWHERE ${walks[i].test}`,
      )
      .join('\n');
  const clauses = compileFilter(rest, spec, v, params, depth);
  const sets = params.takeSets();
  const carried = [v, ...sets.variables].join(', ');
  return {
    match:
      sets.prelude +
      (branches.length === 1
        ? `${branch(branches[0])}\nWITH DISTINCT ${carried}`
        : `CALL () {\n${branches.map((patterns) => `${branch(patterns)}\nRETURN ${v}`).join('\nUNION\n')}\n}\nWITH ${carried}`),
    clauses,
    everything: false,
    sets: sets.variables,
  };
}

export interface RootMatch {
  match: string;
  clauses: string[];
  everything: boolean;
  sets: string[];
}

/** The top-level fields of a filter that name related entities, with their values. */
function relatedFields(filter: CommonFilter | null | undefined, spec: FilterSpec): Array<[string, unknown]> {
  return Object.entries(filter ?? {}).filter(([field, value]) => value != null && spec[field]?.kind === 'related');
}

/**
 * compileRootMatch for a filter whose OR has sub-filters with related fields: the union of one
 * read per such sub-filter and one scan for the others, then the OR's siblings as clauses. The
 * class sets pending from before, and those of the siblings, are computed ahead of the union and
 * carried past it; each branch computes its own inside.
 */
function unitedRootMatch(
  label: string,
  filter: CommonFilter,
  branches: CommonFilter[],
  spec: FilterSpec,
  v: string,
  params: CypherParams,
  depth: number,
): RootMatch {
  const before = params.takeSets();
  const reads: string[] = [];
  const scanned: CommonFilter[] = [];
  for (const sub of branches) {
    if (relatedFields(sub, spec).length === 0) {
      scanned.push(sub);
      continue;
    }
    const read = compileRootMatch(label, sub, spec, v, params, depth + 1);
    reads.push(read.clauses.length === 0 ? read.match : `${read.match}\nWHERE ${read.clauses.join(' AND ')}`);
  }
  if (scanned.length > 0) {
    const parts = compileJunction('OR', scanned, spec, v, params, depth);
    const sets = params.takeSets();
    reads.push(`${sets.prelude}MATCH (${v}:${label})\nWHERE ${parts.join(' OR ')}`);
  }
  const clauses = compileFilter({ ...filter, OR: null }, spec, v, params, depth);
  const after = params.takeSets();
  const sets = [...before.variables, ...after.variables];
  return {
    match: `${before.prelude}${after.prelude}CALL () {\n${reads.map((read) => `${read}\nRETURN ${v}`).join('\nUNION\n')}\n}\nWITH ${[v, ...sets].join(', ')}`,
    clauses,
    everything: false,
    sets,
  };
}

function compileField(spec: FilterFieldSpec, value: unknown, v: string, params: CypherParams): string[] {
  switch (spec.kind) {
    case 'in':
      return [`${v}.${spec.property} IN ${params.add(value)}`];
    case 'overlaps':
      return [`any(value IN coalesce(${v}.${spec.property}, []) WHERE value IN ${params.add(value)})`];
    case 'labels':
      return [`any(label IN labels(${v}) WHERE label IN ${params.add(value)})`];
    case 'equals': {
      const given = String(value).trim();
      if (spec.storedCase === undefined) {
        return [`toLower(${v}.${spec.property}) = ${params.add(given.toLowerCase())}`];
      }
      return [
        `${v}.${spec.property} = ${params.add(spec.storedCase === 'upper' ? given.toUpperCase() : given.toLowerCase())}`,
      ];
    }
    case 'exists':
      return [value === true ? `${v}.${spec.property} IS NOT NULL` : `${v}.${spec.property} IS NULL`];
    case 'range': {
      const range = value as { min?: number | null; max?: number | null };
      if (range.min != null && range.max != null && range.min > range.max) {
        throw new BadUserInputError(`A range's min (${range.min}) is above its max (${range.max}).`);
      }
      const out: string[] = [];
      if (range.min != null) {
        out.push(`${v}.${spec.property} >= ${params.add(range.min)}`);
      }
      if (range.max != null) {
        out.push(`${v}.${spec.property} <= ${params.add(range.max)}`);
      }
      return out;
    }
    case 'related': {
      const ids = params.add(value);
      const exists = spec.patterns.map((pattern) => {
        const x = params.variable();
        if (pattern.climb === undefined) {
          return `EXISTS { MATCH ${pattern.cypher(v, x)} WHERE ${x}.id IN ${ids} }`;
        }
        const { to, below } = pattern.climb;
        const classes = params.set(`${below('x', 'd')} ${ids}`, (d) => `MATCH ${below(x, d)} WHERE ${x}.id IN ${ids}`);
        return `EXISTS { MATCH ${to(v, x)} WHERE ${x} IN ${classes} }`;
      });
      return [exists.length === 1 ? exists[0] : `(${exists.join(' OR ')})`];
    }
  }
}

// Ids in filters are checked, never just matched: an id that names no entity, or an entity of
// another kind than the field takes, would otherwise keep nothing and answer an empty page, which
// a client cannot tell from "no such trials". The check runs in the query that reads the page
// (see withIdCheck in src/graph/entity/entity.repository.ts), so it costs no round trip.

/** An id a client gave, where it gave it, and the labels an entity with that id may have. */
export interface IdReference {
  id: string;
  /** Where the id was given, as a client reads it: `trials(filter.conditionIds)`. */
  at: string;
  labels: readonly string[];
}

/** A reference the graph does not satisfy: `found` is the label of the entity with the id, null when none has it. */
export interface IdProblem {
  id: string;
  at: string;
  labels: readonly string[];
  found: string | null;
}

/**
 * Every id a filter tree names, at any depth of AND/OR/NOT: `ids` must be of `labels` (the labels
 * of the list filtered), a related field's ids of the label its chain ends at. `at` says where a
 * field was given, from its name.
 */
export function filterIdReferences(
  filter: CommonFilter | null | undefined,
  spec: FilterSpec,
  labels: readonly string[],
  at: (field: string) => string,
  into: IdReference[] = [],
): IdReference[] {
  if (filter == null) {
    return into;
  }
  for (const [field, value] of Object.entries(filter)) {
    if (value == null) {
      continue;
    }
    if (field === 'AND' || field === 'OR') {
      for (const sub of value as CommonFilter[]) {
        filterIdReferences(sub, spec, labels, at, into);
      }
    } else if (field === 'NOT') {
      filterIdReferences(value as CommonFilter, spec, labels, at, into);
    } else if (field === 'ids') {
      into.push(...(value as string[]).map((id) => ({ id, at: at(field), labels })));
    } else {
      const fieldSpec = spec[field];
      if (fieldSpec?.kind === 'related') {
        into.push(...(value as string[]).map((id) => ({ id, at: at(field), labels: [fieldSpec.target] })));
      }
    }
  }
  return into;
}

/** One entry per distinct (id, place, labels): a check parameter stays as small as the filter's distinct ids. */
export function distinctReferences(refs: readonly IdReference[]): IdReference[] {
  const seen = new Map<string, IdReference>();
  for (const ref of refs) {
    seen.set(JSON.stringify([ref.id, ref.at, ref.labels]), ref);
  }
  return [...seen.values()];
}

const orList = (items: readonly string[]) =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;

/** Problems grouped by where their ids were given, in the order first seen. */
function byPlace(problems: readonly IdProblem[]): Map<string, IdProblem[]> {
  const places = new Map<string, IdProblem[]>();
  for (const problem of problems) {
    places.set(problem.at, [...(places.get(problem.at) ?? []), problem]);
  }
  return places;
}

/**
 * The error for what a check found, or null when it found nothing: NOT_FOUND naming every id no
 * entity has, else BAD_USER_INPUT naming every id of an entity of another kind, each with where it
 * was given. `extensions.ids` lists those ids, `extensions.at` the places.
 */
export function idProblemError(problems: readonly IdProblem[]): CodedError | null {
  const missing = problems.filter((p) => p.found === null);
  if (missing.length > 0) {
    const places = byPlace(missing);
    const message = [...places]
      .map(
        ([at, list]) => `No entity has the id ${orList([...new Set(list.map((p) => quoted(p.id)))])}, given in ${at}.`,
      )
      .join(' ');
    return new NotFoundError(message, { ids: [...new Set(missing.map((p) => p.id))], at: [...places.keys()] });
  }
  if (problems.length > 0) {
    const message = problems
      .map(
        (p) =>
          `${quoted(p.id)}, given in ${p.at}, is ${withArticle(p.found ?? 'entity')}, not ${orList(p.labels.map(withArticle))}.`,
      )
      .join(' ');
    return new BadUserInputError(message, {
      ids: [...new Set(problems.map((p) => p.id))],
      at: [...byPlace(problems).keys()],
    });
  }
  return null;
}
