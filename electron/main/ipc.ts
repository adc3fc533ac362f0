import type { RequestName, TegamiEvent, TegamiRequests } from '../../core/api/contract.js';
import { dispatch } from '../../core/api/dispatch.js';
import { ApiError, toWireError } from '../../core/api/errors.js';
import { REQUEST_NAMES } from '../../core/api/methods.js';
import { EVENT_CHANNEL, channelFor } from '../common/channels.js';
import type { IpcResult } from '../common/ipc-result.js';

/**
 * The IPC binding of the contract: one ipcMain.handle per request method under the 'tegami:'
 * prefix, each checking who is asking, validating the arguments against the method table and
 * then calling the service. Written against the narrow shapes below instead of Electron's
 * classes so it is unit-tested without the Electron binary; Electron's objects satisfy them.
 */

/** The frame an IPC message came from (Electron's WebFrameMain). */
export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
}

/** Electron's IpcMainInvokeEvent, as far as the binding reads it. */
export interface InvokeEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: FrameLike | null;
}

export type InvokeHandler = (event: InvokeEventLike, ...args: unknown[]) => Promise<IpcResult>;

/** Electron's ipcMain, as far as the binding uses it. */
export interface IpcMainLike {
  handle(channel: string, listener: InvokeHandler): void;
  removeHandler(channel: string): void;
}

/** Electron's WebContents, as far as pushing events uses it. */
export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

export interface TrustedSenders {
  /** webContents ids of our own windows. */
  readonly webContentsIds: () => Iterable<number>;
  /** True for the URL our renderer is loaded from (file://…/index.html, or the dev server). */
  readonly isAppUrl: (url: string) => boolean;
}

/**
 * Only our own window's main frame may call the service: a subframe (later, an HTML mail in a
 * sandboxed frame) or a page that navigated elsewhere must not, even inside our webContents.
 */
export function isTrustedSender(event: InvokeEventLike, trusted: TrustedSenders): boolean {
  const frame = event.senderFrame;
  if (frame === null || frame.parent !== null) return false;
  if (!trusted.isAppUrl(frame.url)) return false;
  for (const id of trusted.webContentsIds()) if (id === event.sender.id) return true;
  return false;
}

/** The channel of every contract method: the table the preload and the tests share. */
export function ipcChannels(): ReadonlyMap<RequestName, string> {
  return new Map(REQUEST_NAMES.map((name) => [name, channelFor(name)]));
}

/** Handles one invocation: sender check, validation, call, envelope. Never throws. */
export async function handleInvoke(service: TegamiRequests, trusted: TrustedSenders, method: RequestName, event: InvokeEventLike, args: unknown[]): Promise<IpcResult> {
  try {
    if (!isTrustedSender(event, trusted)) {
      throw new ApiError('forbidden', `Refused ${method}: the request did not come from Tegami's own window.`);
    }
    return { ok: true, value: await dispatch(service, method, args) };
  } catch (error) {
    return { ok: false, error: toWireError(error) };
  }
}

/** Registers every contract method; returns a function that removes them again. */
export function bindIpc(ipc: IpcMainLike, service: TegamiRequests, trusted: TrustedSenders): () => void {
  const channels = ipcChannels();
  for (const [method, channel] of channels) {
    ipc.handle(channel, (event, ...args) => handleInvoke(service, trusted, method, event, args));
  }
  return () => {
    for (const channel of channels.values()) ipc.removeHandler(channel);
  };
}

/** Pushes one event to a window, skipping windows that are already gone. */
export function pushEvent(target: EventTarget, event: TegamiEvent): void {
  if (!target.isDestroyed()) target.send(EVENT_CHANNEL, event);
}
