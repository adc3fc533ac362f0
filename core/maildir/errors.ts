import { MailError, isMailError } from '../net/mail-error.js';

/** The errno codes that mean "no space left": the disk (ENOSPC) or the user's quota (EDQUOT). */
const DISK_FULL_CODES: ReadonlySet<string> = new Set(['ENOSPC', 'EDQUOT']);

function errnoCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/**
 * Turns whatever a file-system call threw into a MailError, so no raw errno escapes the store:
 * 'disk-full' (ENOSPC, EDQUOT: the user must free space), 'not-found' (ENOENT), and
 * 'io-error' for everything else. A MailError passes through unchanged.
 */
export function toStoreError(error: unknown, what: string): MailError {
  if (isMailError(error)) return error;
  const code = errnoCode(error);
  if (code !== undefined && DISK_FULL_CODES.has(code)) {
    return new MailError('disk-full', `No space left on the disk while ${what}; free some space and try again.`, {
      cause: error,
      details: { errno: code },
    });
  }
  if (code === 'ENOENT') {
    return new MailError('not-found', `Not found while ${what}.`, { cause: error, details: { errno: code } });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new MailError('io-error', `File system error while ${what}: ${reason}`, {
    cause: error,
    ...(code !== undefined ? { details: { errno: code } } : {}),
  });
}

/** Runs one file-system step and maps its failure with toStoreError. */
export async function storeStep<T>(what: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw toStoreError(error, what);
  }
}

export function isErrno(error: unknown, code: string): boolean {
  return errnoCode(error) === code;
}
