/**
 * The web host's contract from Node, over the same WebSocket the page uses (token and Origin as
 * the page sends them): for setting up state the test is not about (an account for the XSS
 * tests) and for checking what the service knows (is a message in the store yet?).
 */
import WebSocket from 'ws';
import type { TegamiEvent, TegamiRequests } from '../../../core/api/contract.js';

type Method = keyof TegamiRequests;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export interface HostApi {
  call<M extends Method>(method: M, ...args: Parameters<TegamiRequests[M]>): ReturnType<TegamiRequests[M]>;
  /** Every event pushed so far. */
  readonly events: TegamiEvent[];
  close(): void;
}

export async function connectHostApi(origin: string, token: string): Promise<HostApi> {
  const socketUrl = `${origin.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(token)}`;
  const socket = new WebSocket(socketUrl, { origin });
  const pending = new Map<number, Pending>();
  const events: TegamiEvent[] = [];
  let nextId = 1;
  socket.on('message', (data: WebSocket.RawData) => {
    const frame = JSON.parse(data.toString()) as { id?: number; ok?: boolean; value?: unknown; error?: { code: string; message: string }; event?: TegamiEvent };
    if (frame.event !== undefined) {
      events.push(frame.event);
      return;
    }
    if (frame.id === undefined) return;
    const waiter = pending.get(frame.id);
    pending.delete(frame.id);
    if (waiter === undefined) return;
    if (frame.ok === true) waiter.resolve(frame.value);
    else waiter.reject(new Error(`${frame.error?.code ?? 'error'}: ${frame.error?.message ?? 'unknown'}`));
  });
  socket.on('close', () => {
    for (const waiter of pending.values()) waiter.reject(new Error('The web host closed the connection.'));
    pending.clear();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    events,
    call: ((method: Method, ...args: unknown[]) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        socket.send(JSON.stringify({ id, method, args }));
      })) as HostApi['call'],
    close: () => socket.close(),
  };
}
