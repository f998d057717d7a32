// What a synchronous call throws, for asserting on a coded error's message and extensions.
import type { BadUserInputError } from '../../src/common/errors';

export function thrown(action: () => unknown): BadUserInputError {
  try {
    action();
  } catch (error) {
    return error as BadUserInputError;
  }
  throw new Error('expected an error');
}
