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
  | 'account-verification-failed'
  /** Bigger than a limit (an attachment for the page, an upload); the message says what to do instead. */
  | 'too-large'
  /** The request needs the server and there is no connection. */
  | 'offline'
  /** A path or URL the host did not hand to the service (openMessageFile, openExternal). */
  | 'not-allowed'
  /** An attachment that runs code when opened; refused unless the user confirmed. */
  | 'executable-attachment'
  /** OAuth2 sign-in needs the system browser, which only the desktop host can open. */
  | 'oauth-needs-browser'
  /** No OAuth2 sign-in is known for the address's provider, or the grant expired. */
  | 'oauth-unavailable';

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
