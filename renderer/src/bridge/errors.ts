/** A failed request as the UI sees it, whichever host answered: the service's code and message. */
export class BridgeError extends Error {
  override readonly name = 'BridgeError';
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** Normalises what a host rejected with (a preload {code, message} object, an Error, anything). */
export function toBridgeError(reason: unknown): BridgeError {
  if (reason instanceof BridgeError) return reason;
  if (typeof reason === 'object' && reason !== null && 'code' in reason && 'message' in reason && typeof reason.code === 'string' && typeof reason.message === 'string') {
    return new BridgeError(reason.code, reason.message);
  }
  return new BridgeError('internal', reason instanceof Error ? reason.message : String(reason));
}
