// Size bounds of everything a client sends as arguments, checked against the coerced argument
// values before a resolver runs (so before any Cypher is built): every list has at most
// LIMIT_LIST_ITEMS items (importGraph's records have IMPORT_MAX_RECORDS instead), and every filter
// tree has at most LIMIT_FILTER_NODES fields and sub-filters and nests at most MAX_FILTER_DEPTH
// levels. A request over a bound is refused with BAD_USER_INPUT naming the argument and the bound.
import { getNullableType, type GraphQLArgument, type GraphQLInputType, isInputObjectType, isListType } from 'graphql';
import { BadUserInputError } from './errors';

export interface ArgumentBounds {
  /** Most items in one list (LIMIT_LIST_ITEMS). */
  listItems: number;
  /** Most fields and sub-filters in one filter tree (LIMIT_FILTER_NODES). */
  filterNodes: number;
  /** Most records in one importGraph document list (IMPORT_MAX_RECORDS), counted over all documents. */
  importRecords: number;
}

/** How deep AND/OR/NOT may nest in a filter. */
export const MAX_FILTER_DEPTH = 5;

/** Input fields bounded by their own limit instead of LIMIT_LIST_ITEMS. */
const IMPORT_RECORDS_FIELD = 'SeedDocumentInput.records';

export interface FilterMeasure {
  /** Fields (AND, OR and NOT included) over every level. */
  nodes: number;
  /** Levels of AND/OR/NOT below the top. */
  depth: number;
}

/**
 * The size of a filter tree. Counting stops past the depth bound, so a hostile nesting costs no
 * more than the bound to measure.
 */
export function measureFilter(filter: unknown, depth = 0): FilterMeasure {
  const measure: FilterMeasure = { nodes: 0, depth };
  if (filter === null || typeof filter !== 'object' || depth > MAX_FILTER_DEPTH) {
    return measure;
  }
  for (const [field, value] of Object.entries(filter)) {
    if (value == null) {
      continue;
    }
    measure.nodes += 1;
    const subs = field === 'AND' || field === 'OR' ? (value as unknown[]) : field === 'NOT' ? [value] : [];
    for (const sub of subs) {
      const inner = measureFilter(sub, depth + 1);
      measure.nodes += inner.nodes;
      measure.depth = Math.max(measure.depth, inner.depth);
    }
  }
  return measure;
}

const isFilterType = (type: GraphQLInputType) => {
  const named = getNullableType(type);
  return isInputObjectType(named) && named.name.endsWith('Filter');
};

/**
 * Checks the arguments of one field (`coordinate` is e.g. `Query.trials`) and returns the total
 * size of its filter trees, which the operation's cost adds.
 */
export function checkArguments(
  coordinate: string,
  definitions: readonly GraphQLArgument[],
  values: Record<string, unknown>,
  bounds: ArgumentBounds,
): number {
  let filterNodes = 0;
  for (const definition of definitions) {
    const value = values[definition.name];
    if (value == null) {
      continue;
    }
    const name = `${coordinate}(${definition.name})`;
    if (isFilterType(definition.type)) {
      const { nodes, depth } = measureFilter(value);
      if (depth > MAX_FILTER_DEPTH) {
        throw new BadUserInputError(
          `\`${definition.name}\` of ${coordinate} nests AND/OR/NOT more than ${MAX_FILTER_DEPTH} levels deep; flatten it.`,
          { argumentName: definition.name, limit: MAX_FILTER_DEPTH, http: { status: 400 } },
        );
      }
      if (nodes > bounds.filterNodes) {
        throw new BadUserInputError(
          `\`${definition.name}\` of ${coordinate} has ${nodes} fields and sub-filters; at most ${bounds.filterNodes} are allowed (LIMIT_FILTER_NODES). Put many values of one field in one list, e.g. { ids: [...] } instead of OR: [{ ids: [...] }, ...].`,
          { argumentName: definition.name, limit: bounds.filterNodes, http: { status: 400 } },
        );
      }
      filterNodes += nodes;
    }
    checkValue(value, definition.type, name, definition.name, bounds, { records: 0 });
  }
  return filterNodes;
}

function checkValue(
  value: unknown,
  type: GraphQLInputType,
  path: string,
  argumentName: string,
  bounds: ArgumentBounds,
  tally: { records: number },
): void {
  if (value == null) {
    return;
  }
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const items = Array.isArray(value) ? value : [value];
    const isRecords = path.endsWith(IMPORT_RECORDS_FIELD);
    if (isRecords) {
      tally.records += items.length;
    }
    const [count, limit, variable] = isRecords
      ? [tally.records, bounds.importRecords, 'IMPORT_MAX_RECORDS']
      : [items.length, bounds.listItems, 'LIMIT_LIST_ITEMS'];
    if (count > limit) {
      throw new BadUserInputError(
        `${path} has ${count} items; at most ${limit} are allowed (${variable}). Send the rest in further requests.`,
        { argumentName, limit, http: { status: 400 } },
      );
    }
    for (const item of items) {
      checkValue(item, nullable.ofType as GraphQLInputType, path, argumentName, bounds, tally);
    }
    return;
  }
  if (isInputObjectType(nullable) && typeof value === 'object') {
    for (const [name, field] of Object.entries(nullable.getFields())) {
      checkValue(
        (value as Record<string, unknown>)[name],
        field.type,
        `${path} › ${nullable.name}.${name}`,
        argumentName,
        bounds,
        tally,
      );
    }
  }
}
