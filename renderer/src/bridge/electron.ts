import type { TegamiApi } from '../../../core/api/contract.js';
import { toBridgeError } from './errors.js';
import { requestsOver } from './requests.js';

declare global {
  interface Window {
    /** Present only inside Electron, put there by the preload. */
    readonly tegami?: TegamiApi;
  }
}

/** Wraps the preload's window.tegami so failures arrive as BridgeError like on the web. */
export function electronBridge(api: TegamiApi): TegamiApi {
  const requests = requestsOver((method, args) => {
    const fn = api[method] as (...a: typeof args) => Promise<never>;
    return fn(...args).catch((reason: unknown) => {
      throw toBridgeError(reason);
    });
  });
  return { ...requests, onEvent: (listener) => api.onEvent(listener) };
}
