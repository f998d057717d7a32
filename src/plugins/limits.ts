// Operation limits, checked before execution so a rejected operation never reaches the database.
// Depth, aliases, directives and repeated fields are validation rules here (one error each, naming
// the limit); tokens come from the parser's maxTokens; argument sizes from src/common/bounds.ts;
// cost from our own walk of the operation: a field costs 1 plus its children times the items it
// may return, plus the size of its filters. A refusal names the list whose page size weighs most
// and, re-pricing the same walk, the `first` on it that would make the operation fit.
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  type ASTNode,
  type ASTVisitor,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getVariableValues,
  type GraphQLCompositeType,
  GraphQLError,
  type GraphQLField,
  GraphQLIncludeDirective,
  type GraphQLNamedType,
  type GraphQLSchema,
  GraphQLSkipDirective,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  SchemaMetaFieldDef,
  type SelectionNode,
  type SelectionSetNode,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  type ValidationContext,
  type ValidationRule,
  visit,
} from 'graphql';
import { type ArgumentBounds, checkArguments } from '../common/bounds';
import { defaultPageSize } from '../common/pagination';
import type { Context } from '../context';
import { NEIGHBORHOOD_LIMITS } from '../graph/explore/explore.type';

export interface OperationLimits {
  depth: number;
  complexity: number;
  aliases: number;
  repeatedFields: number;
  directives: number;
  tokens: number;
  /** Hide "did you mean …" suggestions (production). */
  blockSuggestions: boolean;
  /** The largest page a connection accepts (MAX_PAGE_SIZE). */
  maxPageSize: number;
  /** Sizes of list and filter arguments. */
  bounds: ArgumentBounds;
}

/**
 * Field selections one cost estimate expands, fragments included. Reused fragments multiply
 * selections without adding tokens, so this bounds the work of estimating itself.
 */
export const MAX_COSTED_SELECTIONS = 10_000;

/** One selection of a field, priced. */
export interface FieldCost {
  node: FieldNode;
  /** Its response path in the operation, e.g. `cellSources.edges.node.products`. */
  path: string;
  /** The items it may return: its page (asked or default), the number of `ids`, or 1. */
  items: number;
  /** For a field that takes `first`: the argument that sizes its page (`last` when it pages backwards). */
  pageArgument: 'first' | 'last' | undefined;
  /** Whether its page size is the default (no `first`, `last` or `limit` given). */
  defaultPage: boolean;
  filterNodes: number;
  selection: SelectionCost;
  cost: number;
}

/**
 * A selection set, priced per type it may resolve to (a field on an interface counts for every
 * implementation, an inline fragment only for its own types); the dearest type is its cost.
 */
export interface SelectionCost {
  parts: Array<{ types: readonly string[]; part: FieldCost | SelectionCost }>;
  cost: number;
}

const NOTHING_SELECTED: SelectionCost = { parts: [], cost: 0 };

const isField = (part: FieldCost | SelectionCost): part is FieldCost => 'node' in part;

function dearestType(parts: SelectionCost['parts'], price: (part: FieldCost | SelectionCost) => number): number {
  const byType = new Map<string, number>();
  for (const { types, part } of parts) {
    const cost = price(part);
    for (const type of types) {
      byType.set(type, (byType.get(type) ?? 0) + cost);
    }
  }
  return Math.max(0, ...byType.values());
}

/** The items a field may return, from its arguments, and how its page is sized. */
function pageOf(
  definition: GraphQLField<unknown, unknown>,
  coordinate: string,
  args: Record<string, unknown>,
  maxPageSize: number,
): Pick<FieldCost, 'items' | 'pageArgument' | 'defaultPage'> {
  const takesFirst = definition.args.some((arg) => arg.name === 'first');
  const backwards = args.last != null || args.before != null;
  const pageArgument = takesFirst ? (backwards ? 'last' : 'first') : undefined;
  // A size above what the field accepts is refused by the field itself, with a message naming the
  // allowed range; counting it as the largest allowed page lets that clearer error through.
  const page = [args.first, args.last].find((v): v is number => typeof v === 'number');
  if (page !== undefined) {
    return { items: Math.min(Math.max(page, 1), maxPageSize), pageArgument, defaultPage: false };
  }
  if (typeof args.limit === 'number') {
    return {
      items: Math.min(Math.max(args.limit, 1), NEIGHBORHOOD_LIMITS.limit.max),
      pageArgument,
      defaultPage: false,
    };
  }
  if (Array.isArray(args.ids)) {
    return { items: Math.max(args.ids.length, 1), pageArgument, defaultPage: false };
  }
  // A connection's `edges` list has no arguments and counts 1: its size is counted at the connection.
  const isConnection = /Connection!?$/.test(String(definition.type));
  return isConnection
    ? { items: defaultPageSize(coordinate), pageArgument, defaultPage: true }
    : { items: 1, pageArgument, defaultPage: false };
}

function fieldDefinition(
  parent: GraphQLNamedType | undefined,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  if (name === TypeNameMetaFieldDef.name) {
    return TypeNameMetaFieldDef;
  }
  if (name === SchemaMetaFieldDef.name) {
    return SchemaMetaFieldDef;
  }
  if (name === TypeMetaFieldDef.name) {
    return TypeMetaFieldDef;
  }
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

function included(node: SelectionNode, variables: Record<string, unknown>): boolean {
  try {
    return (
      getDirectiveValues(GraphQLSkipDirective, node, variables)?.if !== true &&
      getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false
    );
  } catch {
    // A condition that does not coerce fails at execution; until then it counts.
    return true;
  }
}

function tooManySelections(): GraphQLError {
  return new GraphQLError(
    `The operation selects more than ${MAX_COSTED_SELECTIONS} fields once its fragments are expanded; select fewer fields or spread fewer fragments.`,
    { extensions: { code: 'QUERY_TOO_COMPLEX', maxSelections: MAX_COSTED_SELECTIONS, http: { status: 400 } } },
  );
}

/**
 * Prices an operation with its coerced variables; its arguments are checked against their size
 * bounds on the way (BadUserInputError). Returns undefined when the variables do not coerce, which
 * execution refuses next as BAD_USER_INPUT.
 */
export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown>,
  options: { maxPageSize: number; bounds: ArgumentBounds },
): SelectionCost | undefined {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables);
  if (coerced.errors !== undefined) {
    return undefined;
  }
  const variables = coerced.coerced;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }
  const possibleTypes = (type: GraphQLCompositeType) =>
    isAbstractType(type) ? schema.getPossibleTypes(type).map((t) => t.name) : [type.name];
  const active = new Set<string>();
  let selections = 0;

  const field = (node: FieldNode, parent: GraphQLCompositeType, path: string): FieldCost | undefined => {
    const definition = fieldDefinition(parent, node.name.value);
    if (definition === undefined) {
      return undefined;
    }
    const key = node.alias?.value ?? node.name.value;
    const here = path === '' ? key : `${path}.${key}`;
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(definition, node, variables);
    } catch {
      // An argument that does not coerce fails this field at execution, before anything below it.
      const selection = NOTHING_SELECTED;
      return {
        node,
        path: here,
        items: 1,
        pageArgument: undefined,
        defaultPage: false,
        filterNodes: 0,
        selection,
        cost: 1,
      };
    }
    const coordinate = `${parent.name}.${definition.name}`;
    const filterNodes = checkArguments(coordinate, definition.args, args, options.bounds);
    const type = getNamedType(definition.type);
    const selection =
      node.selectionSet !== undefined && isCompositeType(type)
        ? selectionSet(node.selectionSet, type, here)
        : NOTHING_SELECTED;
    const page = pageOf(definition, coordinate, args, options.maxPageSize);
    return { node, path: here, ...page, filterNodes, selection, cost: 1 + page.items * selection.cost + filterNodes };
  };

  const selectionSet = (set: SelectionSetNode, parent: GraphQLCompositeType, path: string): SelectionCost => {
    const parts: SelectionCost['parts'] = [];
    for (const node of set.selections) {
      selections += 1;
      if (selections > MAX_COSTED_SELECTIONS) {
        throw tooManySelections();
      }
      if (!included(node, variables)) {
        continue;
      }
      if (node.kind === Kind.FIELD) {
        const cost = field(node, parent, path);
        if (cost !== undefined) {
          parts.push({ types: possibleTypes(parent), part: cost });
        }
        continue;
      }
      const fragment = node.kind === Kind.FRAGMENT_SPREAD ? fragments.get(node.name.value) : node;
      const condition = fragment?.typeCondition;
      const type = condition === undefined ? parent : schema.getType(condition.name.value);
      const name = node.kind === Kind.FRAGMENT_SPREAD ? node.name.value : undefined;
      // Unknown fragments and cycles are validation errors; they never get here from a request.
      if (fragment === undefined || !isCompositeType(type) || (name !== undefined && active.has(name))) {
        continue;
      }
      if (name !== undefined) {
        active.add(name);
      }
      parts.push({ types: possibleTypes(type), part: selectionSet(fragment.selectionSet, type, path) });
      if (name !== undefined) {
        active.delete(name);
      }
    }
    return { parts, cost: dearestType(parts, (part) => part.cost) };
  };

  const root = schema.getRootType(operation.operation);
  return root === undefined || root === null ? undefined : selectionSet(operation.selectionSet, root, '');
}

/** The cost of a priced operation with some fields' page sizes replaced. */
export function repriced(selection: SelectionCost, pages: ReadonlyMap<FieldNode, number>): number {
  return dearestType(selection.parts, (part) =>
    isField(part)
      ? 1 + (pages.get(part.node) ?? part.items) * repriced(part.selection, pages) + part.filterNodes
      : repriced(part, pages),
  );
}

export interface CostAdvice {
  /** The list whose page size weighs most (its first selection, when a fragment repeats it). */
  field: FieldCost;
  /** The operation's cost with a page of one item on that list. */
  floor: number;
  /** The largest page on it that makes the operation fit, and the cost then; undefined if none does. */
  fit: { items: number; cost: number } | undefined;
}

/**
 * The list that costs most: the one whose page size multiplies the most cost, i.e. whose cut to one
 * item would save the most (summed over every selection of the same field node, as one `first`
 * in the document sizes them all). Ties go to the earlier, outer list. Then the largest page on
 * it with which re-pricing the operation fits `limit`.
 */
export function adviseOnCost(root: SelectionCost, limit: number): CostAdvice | undefined {
  const weights = new Map<FieldNode, { field: FieldCost; weight: number }>();
  const weigh = (selection: SelectionCost, outerItems: number) => {
    for (const { part } of selection.parts) {
      if (!isField(part)) {
        weigh(part, outerItems);
        continue;
      }
      if (part.pageArgument !== undefined && part.items > 1) {
        const known = weights.get(part.node) ?? { field: part, weight: 0 };
        known.weight += (part.items - 1) * part.selection.cost * outerItems;
        weights.set(part.node, known);
      }
      weigh(part.selection, outerItems * part.items);
    }
  };
  weigh(root, 1);
  let costliest: { field: FieldCost; weight: number } | undefined;
  for (const candidate of weights.values()) {
    if (candidate.weight > (costliest?.weight ?? 0)) {
      costliest = candidate;
    }
  }
  if (costliest === undefined) {
    return undefined;
  }
  const { field } = costliest;
  const costWith = (items: number) => repriced(root, new Map([[field.node, items]]));
  const floor = costWith(1);
  if (floor > limit) {
    return { field, floor, fit: undefined };
  }
  // Cost grows with the page, so the largest page that fits is found by bisection.
  let low = 1;
  let high = field.items - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (costWith(middle) <= limit) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  return { field, floor, fit: { items: low, cost: costWith(low) } };
}

/**
 * The QUERY_TOO_COMPLEX refusal: the cost, the costliest list's path and the page on it that fits
 * (`suggestedFirst`, or `suggestedLast` for a list paged backwards; null when none fits alone).
 */
export function tooComplex(cost: number, limit: number, advice: CostAdvice | undefined): GraphQLError {
  const refuse = (advise: string, suggestion: Record<string, number | null> = { suggestedFirst: null }) =>
    new GraphQLError(`The operation would cost ${cost}, above the limit of ${limit} (LIMIT_COMPLEXITY)${advise}`, {
      extensions: {
        code: 'QUERY_TOO_COMPLEX',
        cost,
        limit,
        costliestField: advice?.field.path ?? null,
        ...suggestion,
        http: { status: 400 },
      },
    });
  if (advice === undefined) {
    return refuse('; ask for smaller pages (first/last/limit), smaller filters or fewer nested lists.');
  }
  const { field, floor, fit } = advice;
  const argument = field.pageArgument ?? 'first';
  const list = `Its costliest list is \`${field.path}\` (${field.items} items${field.defaultPage ? ' by default' : ''})`;
  if (fit === undefined) {
    return refuse(
      `. ${list}, but no \`${argument}\` on it alone makes the operation fit (with \`${argument}: 1\` it would still cost ${floor}); ask for smaller pages (first/last/limit) on several nested lists, or select fewer of them.`,
    );
  }
  return refuse(
    `. ${list}: with \`${argument}: ${fit.items}\` on it the operation would cost ${fit.cost}. Or ask for smaller pages (first/last/limit) elsewhere, or fewer nested lists.`,
    { [argument === 'last' ? 'suggestedLast' : 'suggestedFirst']: fit.items },
  );
}

/** What an operation selects, counted through its fragments (each fragment measured once). */
interface Tally {
  depth: number;
  aliases: number;
  directives: number;
}

/** Root fields of introspection: their nesting follows the schema's, not the client's choice. */
const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/**
 * A Relay edge and its node are one item of a list, so `node` adds no level of its own: a list
 * nested in a list costs two levels (the connection and its edges), not three.
 */
function isEdgeNode(parent: GraphQLNamedType | undefined, name: string): boolean {
  if (name !== 'node' || !isObjectType(parent)) {
    return false;
  }
  const fields = parent.getFields();
  return 'cursor' in fields && 'node' in fields;
}

function tallyOperation(operation: OperationDefinitionNode, context: ValidationContext): Tally {
  const schema = context.getSchema();
  const fragments = new Map<string, Tally>();
  const visiting = new Set<string>();
  const fragmentTally = (fragment: FragmentDefinitionNode): Tally => {
    const name = fragment.name.value;
    const known = fragments.get(name);
    if (known !== undefined) {
      return known;
    }
    if (visiting.has(name)) {
      // A cycle: NoFragmentCyclesRule reports it.
      return { depth: 0, aliases: 0, directives: 0 };
    }
    visiting.add(name);
    const tally = tallySet(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined);
    tally.directives += fragment.directives?.length ?? 0;
    visiting.delete(name);
    fragments.set(name, tally);
    return tally;
  };
  const tallySet = (set: SelectionSetNode, parent: GraphQLNamedType | undefined): Tally => {
    const tally: Tally = { depth: 0, aliases: 0, directives: 0 };
    for (const selection of set.selections) {
      tally.directives += selection.directives?.length ?? 0;
      let inner: Tally | undefined;
      let depth: number;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        tally.aliases += selection.alias === undefined ? 0 : 1;
        const type = fieldDefinition(parent, name)?.type;
        inner =
          selection.selectionSet === undefined
            ? undefined
            : tallySet(selection.selectionSet, type === undefined ? undefined : getNamedType(type));
        depth = INTROSPECTION_ROOTS.has(name) ? 1 : (isEdgeNode(parent, name) ? 0 : 1) + (inner?.depth ?? 0);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition;
        inner = tallySet(
          selection.selectionSet,
          condition === undefined ? parent : (schema.getType(condition.name.value) ?? undefined),
        );
        depth = inner.depth;
      } else {
        const fragment = context.getFragment(selection.name.value);
        inner = fragment === undefined || fragment === null ? undefined : fragmentTally(fragment);
        depth = inner?.depth ?? 0;
      }
      tally.depth = Math.max(tally.depth, depth);
      tally.aliases += inner?.aliases ?? 0;
      tally.directives += inner?.directives ?? 0;
    }
    return tally;
  };
  const tally = tallySet(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined);
  tally.directives += operation.directives?.length ?? 0;
  return tally;
}

/**
 * Refuses an operation deeper than `depth` levels of fields (an edge's `node` sharing its edge's
 * level), or with more than `aliases` aliases (`__typename` included) or `directives` directives,
 * counted through its fragments: one error per limit, naming it.
 */
export function operationShapeRule(limits: Pick<OperationLimits, 'depth' | 'aliases' | 'directives'>): ValidationRule {
  const checks: Array<{ key: keyof Tally; limit: number; variable: string; unit: string; fix: string }> = [
    {
      key: 'depth',
      limit: limits.depth,
      variable: 'LIMIT_DEPTH',
      unit: 'levels of nested fields',
      fix: 'select fewer levels',
    },
    {
      key: 'aliases',
      limit: limits.aliases,
      variable: 'LIMIT_ALIASES',
      unit: 'aliases',
      fix: 'split it into several operations',
    },
    {
      key: 'directives',
      limit: limits.directives,
      variable: 'LIMIT_DIRECTIVES',
      unit: 'directives',
      fix: 'use fewer @include/@skip',
    },
  ];
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation: OperationDefinitionNode) {
      const tally = tallyOperation(operation, context);
      const name = operation.name === undefined ? 'The operation' : `Operation "${operation.name.value}"`;
      for (const { key, limit, variable, unit, fix } of checks) {
        if (tally[key] > limit) {
          context.reportError(
            new GraphQLError(`${name} has ${tally[key]} ${unit}, above the limit of ${limit} (${variable}); ${fix}.`, {
              nodes: [operation],
              extensions: { limit },
            }),
          );
        }
      }
    },
  });
}

/** This server serves queries and mutations; a subscription is a client error, not a crash. */
export function noSubscriptionsRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(operation: OperationDefinitionNode) {
      if (operation.operation === 'subscription') {
        context.reportError(
          new GraphQLError('This server serves no subscriptions; send a query or a mutation (poll for changes).', {
            nodes: [operation],
          }),
        );
      }
    },
  };
}

/** Refuses a selection set that names the same field (same response key) more than `limit` times. */
export function maxRepeatedFieldsRule(limit: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    SelectionSet(node: SelectionSetNode) {
      const counts = new Map<string, number>();
      for (const selection of node.selections) {
        if (selection.kind !== 'Field') {
          continue;
        }
        const key = selection.alias?.value ?? selection.name.value;
        const count = (counts.get(key) ?? 0) + 1;
        counts.set(key, count);
        if (count === limit + 1) {
          context.reportError(
            new GraphQLError(
              `Field "${key}" is selected more than ${limit} times in one selection set; select it once.`,
              {
                nodes: [selection],
              },
            ),
          );
        }
      }
    },
  });
}

export function limitsProtection(limits: OperationLimits): {
  plugins: ApolloServerPlugin<Context>[];
  validationRules: ValidationRule[];
  parseOptions: { maxTokens: number };
} {
  const armor = new ApolloArmor({
    // Depth, aliases and directives are operationShapeRule: armor's answer "Syntax Error" and
    // skip __typename aliases.
    maxDepth: { enabled: false },
    maxAliases: { enabled: false },
    maxDirectives: { enabled: false },
    // Tokens are limited by the parser itself (parseOptions.maxTokens in the server): armor's
    // token plugin re-parses in a hook and turns every syntax error into a 500.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: limits.blockSuggestions },
    // Cost is ours (below): armor's cost limit does not weigh a list by its page size.
    costLimit: { enabled: false },
  }).protect();

  const complexityPlugin: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, schema }) {
          if (operation === undefined) {
            return;
          }
          const priced = estimateCost(schema, document, operation, request.variables ?? {}, limits);
          if (priced !== undefined && priced.cost > limits.complexity) {
            throw tooComplex(priced.cost, limits.complexity, adviseOnCost(priced, limits.complexity));
          }
        },
      };
    },
  };

  return {
    plugins: [...(armor.plugins as ApolloServerPlugin<Context>[]), complexityPlugin, argumentNamesPlugin],
    validationRules: [
      ...armor.validationRules,
      operationShapeRule(limits),
      noSubscriptionsRule,
      maxRepeatedFieldsRule(limits.repeatedFields),
    ],
    parseOptions: { maxTokens: limits.tokens },
  };
}

/**
 * graphql-js reports a literal of the wrong type by its value alone ("Int cannot represent
 * non-integer value: \"ten\""). This prefixes such validation errors with the argument and field
 * they belong to, so the message says what to fix.
 */
const argumentNamesPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async validationDidStart({ document }) {
        return async (errors) => {
          if (errors === undefined || errors.length === 0) {
            return;
          }
          const owners = argumentOwners(document);
          for (const error of errors) {
            const node = error instanceof GraphQLError ? error.nodes?.[0] : undefined;
            const owner = node === undefined ? undefined : owners.get(node);
            if (owner !== undefined && !error.message.startsWith('Argument ')) {
              error.message = `Argument "${owner.argument}" of field "${owner.field}": ${error.message}`;
            }
          }
        };
      },
    };
  },
};

/** Every value node inside a field argument, with that argument's and field's names. */
function argumentOwners(document: DocumentNode): Map<ASTNode, { argument: string; field: string }> {
  const owners = new Map<ASTNode, { argument: string; field: string }>();
  const fields: string[] = [];
  visit(document, {
    Field: {
      enter: (node) => {
        fields.push(node.name.value);
      },
      leave: () => {
        fields.pop();
      },
    },
    Argument: (node) => {
      const owner = { argument: node.name.value, field: fields.at(-1) ?? '' };
      visit(node.value, {
        enter: (value) => {
          owners.set(value, owner);
        },
      });
    },
  });
  return owners;
}
