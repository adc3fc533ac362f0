import { ApiError } from '../../core/api/errors.js';

/** The ApiError code `fn` throws, 'not-an-api-error' for any other throw, undefined when it returns. */
export function apiErrorCodeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof ApiError ? error.code : 'not-an-api-error';
  }
  return undefined;
}
