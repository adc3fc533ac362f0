import type { EventListener, TegamiApi, TegamiEvent, Unsubscribe } from '../../core/api/contract.js';
import { REQUEST_NAMES } from '../../core/api/methods.js';
import { EVENT_CHANNEL, channelFor } from '../common/channels.js';
import { isIpcResult } from '../common/ipc-result.js';

/**
 * Builds `window.tegami`: one function per contract method and onEvent, nothing else — no
 * generic invoke, no channel names, no ipcRenderer, no Electron event objects reach the page.
 * A failed request rejects with a plain {name, code, message, details?} object, because contextBridge
 * keeps only the message of an Error; the renderer's bridge turns it back into a typed error.
 */

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export interface PreloadError {
  readonly name: 'TegamiError';
  readonly code: string;
  readonly message: string;
  /** Plain JSON the service attached (for example addAccount's per-side verification result). */
  readonly details?: unknown;
}

function rejection(code: string, message: string, details?: unknown): PreloadError {
  return Object.freeze(details === undefined ? { name: 'TegamiError', code, message } : { name: 'TegamiError', code, message, details });
}

export function buildPreloadApi(ipc: IpcRendererLike): TegamiApi {
  const api: Record<string, unknown> = {};
  for (const name of REQUEST_NAMES) {
    const channel = channelFor(name);
    api[name] = async (...args: unknown[]): Promise<unknown> => {
      let result: unknown;
      try {
        result = await ipc.invoke(channel, ...args);
      } catch (error) {
        throw rejection('internal', error instanceof Error ? error.message : String(error));
      }
      if (!isIpcResult(result)) throw rejection('internal', `Malformed answer to ${name}.`);
      if (!result.ok) throw rejection(result.error.code, result.error.message, result.error.details);
      return result.value;
    };
  }
  api['onEvent'] = (listener: EventListener): Unsubscribe => {
    if (typeof listener !== 'function') throw new TypeError('onEvent needs a function.');
    const relay = (_event: unknown, payload: unknown): void => listener(payload as TegamiEvent);
    ipc.on(EVENT_CHANNEL, relay);
    return () => {
      ipc.removeListener(EVENT_CHANNEL, relay);
    };
  };
  // Every key of TegamiApi was set above: REQUEST_NAMES is checked exhaustive against the contract.
  return Object.freeze(api) as unknown as TegamiApi;
}
