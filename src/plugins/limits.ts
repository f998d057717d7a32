// Operation limits, checked before execution so a rejected operation never reaches the database.
// Depth, aliases and directives come from graphql-armor, tokens from the parser's maxTokens; cost comes from
// graphql-query-complexity with an estimator that multiplies a list field by the page it asks for
// (`first`/`last`, `limit`, the number of `ids`); repeated fields are a small validation rule.
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  type ASTVisitor,
  GraphQLError,
  type ValidationContext,
  type ValidationRule,
  type SelectionSetNode,
} from 'graphql';
import { type ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from '../common/pagination';
import type { Context } from '../context';

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
    return Math.min(Math.max(args.limit, 1), MAX_NEIGHBOURHOOD_NODES);
  }
  if (Array.isArray(args.ids)) {
    return Math.max(args.ids.length, 1);
  }
  return isConnection ? DEFAULT_PAGE_SIZE : 1;
}

/** The most nodes `neighborhood(limit:)` accepts. */
const MAX_NEIGHBOURHOOD_NODES = 500;

/** A field costs 1 plus its children's cost, times the items it may return. */
const pageEstimator =
  (maxPageSize: number): ComplexityEstimator =>
  ({ args, field, childComplexity }) => {
    const isConnection = /Connection!?$/.test(String(field.type));
    return 1 + childComplexity * multiplier(args, isConnection, maxPageSize);
  };

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
    maxDepth: { n: limits.depth },
    maxAliases: { n: limits.aliases },
    maxDirectives: { n: limits.directives },
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
              estimators: [pageEstimator(limits.maxPageSize), simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch {
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
    plugins: [...(armor.plugins as ApolloServerPlugin<Context>[]), complexityPlugin],
    validationRules: [...armor.validationRules, maxRepeatedFieldsRule(limits.repeatedFields)],
    parseOptions: { maxTokens: limits.tokens },
  };
}
