import type { EventListener, TegamiApi, TegamiEvent } from '../../../core/api/contract.js';
import type { WireRequest } from '../../../core/api/wire.js';
import { BridgeError } from './errors.js';
import { requestsOver } from './requests.js';

interface Pending {
  resolve(value: unknown): void;
  reject(error: BridgeError): void;
}

/** The subset of the browser's WebSocket the client uses (injectable for tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open' | 'close' | 'error' | 'message', listener: (event: { data?: unknown }) => void): void;
}

const OPEN = 1;

/**
 * The contract over the web host's WebSocket: requests carry an id, responses are matched by
 * it, events fan out to listeners. If the socket closes, every waiting request fails with
 * 'disconnected' and so does every later one; the page offers a reload.
 */
export function socketBridge(socket: SocketLike, onClose: () => void = () => undefined): Promise<TegamiApi> {
  const pending = new Map<number, Pending>();
  const listeners = new Set<EventListener>();
  let nextId = 1;
  let closed = false;

  socket.addEventListener('message', (event) => {
    const frame = parseFrame(event.data);
    if (frame === undefined) return;
    if ('event' in frame) {
      for (const listener of [...listeners]) listener(frame.event);
      return;
    }
    const waiting = pending.get(frame.id);
    if (waiting === undefined) return;
    pending.delete(frame.id);
    if (frame.ok) waiting.resolve(frame.value);
    else waiting.reject(new BridgeError(frame.error.code, frame.error.message, frame.error.details));
  });

  socket.addEventListener('close', () => {
    closed = true;
    for (const waiting of pending.values()) waiting.reject(new BridgeError('disconnected', 'The connection to Tegami was closed.'));
    pending.clear();
    onClose();
  });

  const requests = requestsOver((method, args) => {
    if (closed || socket.readyState !== OPEN) return Promise.reject(new BridgeError('disconnected', 'The connection to Tegami was closed.'));
    const id = nextId++;
    const request: WireRequest = { id, method, args };
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      socket.send(JSON.stringify(request));
    });
  });

  const api: TegamiApi = {
    ...requests,
    onEvent(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };

  return new Promise((resolve, reject) => {
    if (socket.readyState === OPEN) {
      resolve(api);
      return;
    }
    socket.addEventListener('open', () => resolve(api));
    socket.addEventListener('error', () => reject(new BridgeError('disconnected', 'Could not connect to Tegami.')));
  });
}

type HostFrame = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { code: string; message: string; details?: unknown } } | { event: TegamiEvent };

/** The host is ours, but a frame is still checked for shape before it is trusted. */
function parseFrame(data: unknown): HostFrame | undefined {
  if (typeof data !== 'string') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  if ('event' in value) {
    const event = value.event;
    return typeof event === 'object' && event !== null && 'type' in event && typeof event.type === 'string' ? (value as HostFrame) : undefined;
  }
  if (!('id' in value) || typeof value.id !== 'number' || !('ok' in value)) return undefined;
  if (value.ok === true) return value as HostFrame;
  if (value.ok === false && 'error' in value && typeof value.error === 'object' && value.error !== null && 'code' in value.error && 'message' in value.error) {
    return value as HostFrame;
  }
  return undefined;
}
