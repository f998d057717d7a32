// Operation limits, checked before execution so a rejected operation never reaches the database.
// Depth, aliases, directives and repeated fields are validation rules here (one error each, naming
// the limit); tokens come from the parser's maxTokens; argument sizes from src/common/bounds.ts;
// cost from graphql-query-complexity with an estimator that multiplies a list field by the page it
// asks for (`first`/`last`, `limit`, the number of `ids`) and adds the size of its filters.
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  type ASTNode,
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  visit,
} from 'graphql';
import { type ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { type ArgumentBounds, checkArguments } from '../common/bounds';
import { BadUserInputError } from '../common/errors';
import { DEFAULT_PAGE_SIZE } from '../common/pagination';
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
 * How many items a field may return, from its arguments: `first`/`last`/`limit`, the number of
 * `ids`, or the default page for a connection asked without a size. A connection's `edges` list
 * has no arguments of its own and counts 1: its size was already counted at the connection.
 */
function multiplier(args: Record<string, unknown>, isConnection: boolean, maxPageSize: number): number {
  // A size above what the field accepts is refused by the field itself, with a message naming the
  // allowed range; counting it as the largest allowed page lets that clearer error through.
  const page = [args.first, args.last].find((v): v is number => typeof v === 'number');
  if (page !== undefined) {
    return Math.min(Math.max(page, 1), maxPageSize);
  }
  if (typeof args.limit === 'number') {
    return Math.min(Math.max(args.limit, 1), NEIGHBORHOOD_LIMITS.limit.max);
  }
  if (Array.isArray(args.ids)) {
    return Math.max(args.ids.length, 1);
  }
  return isConnection ? DEFAULT_PAGE_SIZE : 1;
}

/**
 * A field costs 1 plus its children's cost times the items it may return, plus the size of its
 * filters. Its arguments are checked against their size bounds here, on the coerced values.
 */
const pageEstimator =
  (maxPageSize: number, bounds: ArgumentBounds): ComplexityEstimator =>
  ({ type, args, field, childComplexity }) => {
    const filterNodes = checkArguments(`${type.name}.${field.name}`, field.args, args, bounds);
    const isConnection = /Connection!?$/.test(String(field.type));
    return 1 + childComplexity * multiplier(args, isConnection, maxPageSize) + filterNodes;
  };

/** What an operation selects, counted through its fragments (each fragment measured once). */
interface Tally {
  depth: number;
  aliases: number;
  directives: number;
}

/** Root fields of introspection: their nesting follows the schema's, not the client's choice. */
const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

function tallyOperation(operation: OperationDefinitionNode, context: ValidationContext): Tally {
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
    const tally = tallySet(fragment.selectionSet);
    tally.directives += fragment.directives?.length ?? 0;
    visiting.delete(name);
    fragments.set(name, tally);
    return tally;
  };
  const tallySet = (set: SelectionSetNode): Tally => {
    const tally: Tally = { depth: 0, aliases: 0, directives: 0 };
    for (const selection of set.selections) {
      tally.directives += selection.directives?.length ?? 0;
      let inner: Tally | undefined;
      let levels = 0;
      if (selection.kind === Kind.FIELD) {
        tally.aliases += selection.alias === undefined ? 0 : 1;
        levels = INTROSPECTION_ROOTS.has(selection.name.value) ? 0 : 1;
        inner = selection.selectionSet === undefined ? undefined : tallySet(selection.selectionSet);
        if (levels === 0) {
          tally.depth = Math.max(tally.depth, 1);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = tallySet(selection.selectionSet);
      } else {
        const fragment = context.getFragment(selection.name.value);
        inner = fragment === undefined || fragment === null ? undefined : fragmentTally(fragment);
      }
      tally.depth = Math.max(tally.depth, levels + (inner !== undefined && levels > 0 ? inner.depth : 0));
      tally.aliases += inner?.aliases ?? 0;
      tally.directives += inner?.directives ?? 0;
    }
    return tally;
  };
  const tally = tallySet(operation.selectionSet);
  tally.directives += operation.directives?.length ?? 0;
  return tally;
}

/**
 * Refuses an operation deeper than `depth` levels of fields, or with more than `aliases` aliases
 * (`__typename` included) or `directives` directives, counted through its fragments: one error per
 * limit, naming it.
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
        async didResolveOperation({ request, document, schema }) {
          let complexity: number;
          try {
            complexity = getComplexity({
              schema,
              query: document,
              operationName: request.operationName ?? undefined,
              variables: request.variables ?? {},
              estimators: [pageEstimator(limits.maxPageSize, limits.bounds), simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch (error) {
            if (error instanceof BadUserInputError) {
              throw error;
            }
            // Variables that do not coerce: execution refuses them next, as BAD_USER_INPUT.
            return;
          }
          if (complexity > limits.complexity) {
            throw new GraphQLError(
              `The operation would cost ${complexity}, above the limit of ${limits.complexity}; ask for smaller pages (first/last/limit) or fewer nested lists.`,
              {
                extensions: {
                  code: 'QUERY_TOO_COMPLEX',
                  cost: complexity,
                  limit: limits.complexity,
                  http: { status: 400 },
                },
              },
            );
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
