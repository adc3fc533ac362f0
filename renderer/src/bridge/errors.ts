/** A failed request as the UI sees it, whichever host answered: the service's code, message and details. */
export class BridgeError extends Error {
  override readonly name = 'BridgeError';
  readonly code: string;
  /** Plain JSON the service attached, e.g. addAccount's per-side verification with certificate details. */
  readonly details: unknown;

  constructor(code: string, message: string, details?: unknown) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

/** Normalises what a host rejected with (a preload {code, message} object, an Error, anything). */
export function toBridgeError(reason: unknown): BridgeError {
  if (reason instanceof BridgeError) return reason;
  if (typeof reason === 'object' && reason !== null && 'code' in reason && 'message' in reason && typeof reason.code === 'string' && typeof reason.message === 'string') {
    return new BridgeError(reason.code, reason.message, 'details' in reason ? reason.details : undefined);
  }
  return new BridgeError('internal', reason instanceof Error ? reason.message : String(reason));
}
