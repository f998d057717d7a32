// The middleware every curation field carries. fieldErrors turns type-graphql's argument
// validation failure (code BAD_USER_INPUT, message "Argument Validation Error", class-validator
// objects that echo the whole input) into a BAD_USER_INPUT whose message names each field and
// whose `extensions.validationErrors` lists { path, message } per problem. (The fields are also
// marked NO_STORE, so no response that carries one is cacheable: see plugins/cachePolicy.)
import type { ValidationError } from 'class-validator';
import { ArgumentValidationError, type MiddlewareFn } from 'type-graphql';
import { BadUserInputError } from '../../common/errors';
import type { Context } from '../../context';
import type { FieldProblem } from './records';

const MAX_LISTED = 10;

/** A BAD_USER_INPUT naming every invalid field; nothing was written. */
export function invalidInput(problems: FieldProblem[]): BadUserInputError {
  const listed = problems
    .slice(0, MAX_LISTED)
    .map((p) => `${p.path} ${p.message}`)
    .join('; ');
  const more = problems.length > MAX_LISTED ? `; and ${problems.length - MAX_LISTED} more` : '';
  return new BadUserInputError(`Invalid input, nothing was written: ${listed}${more}.`, {
    validationErrors: problems,
  });
}

function flatten(errors: readonly ValidationError[], prefix: string | undefined): FieldProblem[] {
  return errors.flatMap((error) => {
    const path = prefix === undefined ? error.property : `${prefix}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/** `argument` prefixes each path: `input` for `@Arg('input')`, none for `@Args()` fields. */
export function fieldErrors(argument?: string): MiddlewareFn<Context> {
  return async (_action, next) => {
    try {
      return await next();
    } catch (error) {
      if (error instanceof ArgumentValidationError) {
        throw invalidInput(flatten(error.extensions.validationErrors as ValidationError[], argument));
      }
      throw error;
    }
  };
}
