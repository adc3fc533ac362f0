import { MailError, type MailErrorCode } from '../../core/net/mail-error.js';

/**
 * Awaits a promise that must reject with a MailError and returns that error for further
 * checks; with `code`, the error must also carry that code. Any other rejection is rethrown
 * as it is, and a promise that resolves fails the test.
 */
export async function expectMailError(promise: Promise<unknown>, code?: MailErrorCode): Promise<MailError> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof MailError)) throw error;
    if (code !== undefined && error.code !== code) throw new Error(`expected a MailError ${code}, got ${error.code}: ${error.message}`, { cause: error });
    return error;
  }
  throw new Error('expected a MailError');
}
