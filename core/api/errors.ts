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
  | 'disconnected';

export interface WireError {
  readonly code: string;
  readonly message: string;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ApiErrorCode;

  constructor(code: ApiErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** Turns anything thrown by a handler into the {code, message} that crosses the wire. */
export function toWireError(error: unknown): WireError {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string' && (error.name === 'ApiError' || error.name === 'MailError')) {
    return { code: error.code, message: error.message };
  }
  // Anything else is a bug or an unexpected failure; its message is kept, its stack stays home.
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Internal error: ${message}` };
}
