// Label values for /metrics. Prometheus keeps one time series per distinct label set, and clients
// choose operation names freely, so every value that reaches a label is normalised here into a
// bounded set: known names up to a cap, then fixed placeholders. The placeholders cannot be GraphQL
// names, so they never collide with a real operation.
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { ERROR_CODES } from '../common/errors';

export const ANONYMOUS_OPERATION = '<anonymous>';
/** The request failed before an operation was resolved (unparsable, invalid, unknown name). */
export const UNRESOLVED_OPERATION = '<unresolved>';
/** The name was too long, or the cap on distinct names was reached. */
export const OTHER_OPERATION = '<other>';
export const OTHER_ERROR_CODE = 'OTHER';
export const SUCCESS = 'success';

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
export const MAX_OPERATION_NAME_LENGTH = 64;

/** Every code the server issues; errors_total starts each at 0 so rates work from the first error. */
export const KNOWN_ERROR_CODES: readonly string[] = [
  ...new Set<string>([...ERROR_CODES, ...Object.values(ApolloServerErrorCode)]),
];
const KNOWN_CODES = new Set(KNOWN_ERROR_CODES);

/** The code an error is counted under: its `extensions.code` if it is one we issue, else OTHER. */
export function errorCodeLabel(code: unknown): string {
  return typeof code === 'string' && KNOWN_CODES.has(code) ? code : OTHER_ERROR_CODE;
}

/** Admits operation names as label values until `maxNames` distinct ones were seen. */
export class OperationLabels {
  private readonly seen = new Set<string>();

  constructor(readonly maxNames: number) {}

  /** `resolved` says whether Apollo resolved an operation; its name is then null for an anonymous one. */
  label(name: string | null | undefined, resolved: boolean): string {
    if (!resolved) {
      return UNRESOLVED_OPERATION;
    }
    if (name === null || name === undefined || name === '') {
      return ANONYMOUS_OPERATION;
    }
    if (name.length > MAX_OPERATION_NAME_LENGTH || !GRAPHQL_NAME.test(name)) {
      return OTHER_OPERATION;
    }
    if (this.seen.has(name)) {
      return name;
    }
    if (this.seen.size >= this.maxNames) {
      return OTHER_OPERATION;
    }
    this.seen.add(name);
    return name;
  }
}
