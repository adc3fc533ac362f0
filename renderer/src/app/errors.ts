import { toBridgeError } from '../bridge/errors.js';

/** The sentence to show for a failed request (the service's message, whatever the host rejected with). */
export function errorText(error: unknown): string {
  return toBridgeError(error).message;
}
