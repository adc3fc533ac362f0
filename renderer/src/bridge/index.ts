import type { TegamiApi } from '../../../core/api/contract.js';
import { electronBridge } from './electron.js';
import { socketBridge } from './socket.js';

export { BridgeError } from './errors.js';

let shared: Promise<TegamiApi> | undefined;

/**
 * The one place the UI reaches the host: window.tegami inside Electron, else the web host's
 * WebSocket on the page's own origin. The web host authenticates the socket by the cookie it
 * set on the first load (or the token still in the address), which is then removed from the
 * address bar so it does not end up in history or screenshots.
 */
export function connectBridge(onClose?: () => void): Promise<TegamiApi> {
  // One connection per page, however often a component asks (React's StrictMode runs effects twice).
  shared ??= open(onClose).catch((error: unknown) => {
    shared = undefined;
    throw error;
  });
  return shared;
}

async function open(onClose?: () => void): Promise<TegamiApi> {
  if (window.tegami !== undefined) return electronBridge(window.tegami);

  const here = new URL(window.location.href);
  const socketUrl = new URL('/ws', here);
  socketUrl.protocol = here.protocol === 'https:' ? 'wss:' : 'ws:';
  const token = here.searchParams.get('token');
  if (token !== null) socketUrl.searchParams.set('token', token);

  const api = await socketBridge(new WebSocket(socketUrl), onClose);
  if (token !== null) {
    here.searchParams.delete('token');
    window.history.replaceState(null, '', here.pathname + here.search + here.hash);
  }
  return api;
}
