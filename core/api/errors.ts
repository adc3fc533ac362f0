/**
 * The error every request can fail with, as it crosses a host boundary: a code the UI switches
 * on and a message a person can read. MailError codes from the engine pass through unchanged.
 */
export type ApiErrorCode =
  | 'unknown-method'
  | 'invalid-arguments'
  | 'invalid-request'
  | 'forbidden'
  | 'storage-failed'
  | 'not-found'
  | 'unavailable'
  | 'internal'
  | 'disconnected'
  /** addAccount's login check failed; `details` is the AccountVerification. */
  | 'account-verification-failed';

export interface WireError {
  readonly code: string;
  readonly message: string;
  /** Structured data for the UI (plain JSON), when the error has any. */
  readonly details?: unknown;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ApiErrorCode;
  /** Plain JSON for the UI, carried across the wire (see toWireError). */
  readonly details?: unknown;

  constructor(code: ApiErrorCode, message: string, options?: { cause?: unknown; details?: unknown }) {
    super(message, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.code = code;
    if (options?.details !== undefined) this.details = options.details;
  }
}

/** Turns anything thrown by a handler into the {code, message} that crosses the wire. */
export function toWireError(error: unknown): WireError {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string' && (error.name === 'ApiError' || error.name === 'MailError')) {
    const details = error instanceof ApiError ? error.details : undefined;
    return details === undefined ? { code: error.code, message: error.message } : { code: error.code, message: error.message, details };
  }
  // Anything else is a bug or an unexpected failure; its message is kept, its stack stays home.
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Internal error: ${message}` };
}
