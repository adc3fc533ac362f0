import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { TegamiService } from '../../core/api/service.js';
import { MAX_REQUEST_FRAME_BYTES } from '../../core/api/limits.js';
import { createToken, hostAllowed, originAllowed, presentedToken, tokenCookie, tokenMatches } from './auth.js';
import { applySecurityHeaders } from './headers.js';
import { resolveStaticPath, sendText, serveFile } from './static.js';
import { serveSocket } from './socket.js';

/** The only address the web host ever listens on: it is for this machine's user alone. */
export const LOOPBACK = '127.0.0.1';
export const SOCKET_PATH = '/ws';

export interface WebHostOptions {
  readonly service: TegamiService;
  /** The built renderer (out/renderer), served as static files. */
  readonly rendererDir: string;
  /** 0 (the default) lets the system choose a free port. */
  readonly port?: number;
  /** Normally random per launch; tests may fix it. */
  readonly token?: string;
}

export interface WebHost {
  readonly port: number;
  readonly token: string;
  /** The address to open, token included. */
  readonly url: string;
  close(): Promise<void>;
}

const UNAUTHORIZED_TEXT = '401 Unauthorized: open Tegami with the full address it printed at start (it carries the access token).';

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? createToken();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_REQUEST_FRAME_BYTES });
  sockets.on('connection', (socket) => serveSocket(socket, options.service));

  // The port is known only after listen(); the handlers read it from here.
  let port = 0;

  const server: Server = createServer((req, res) => {
    applySecurityHeaders(res, port);
    handleHttp(req, res, port, token, options.rendererDir).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'Internal error.');
      else res.destroy();
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = upgradeRefusal(req, port, token);
    if (refusal !== undefined) {
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws, req));
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://${LOOPBACK}:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((resolvePromise) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.close(() => resolvePromise());
        server.closeAllConnections();
      }),
  };
}

async function handleHttp(req: IncomingMessage, res: ServerResponse, port: number, token: string, rendererDir: string): Promise<void> {
  if (!hostAllowed(req.headers.host, port)) return sendText(res, 403, '403 Forbidden: unexpected Host header.');
  const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);
  const presented = presentedToken(url, req.headers.cookie, port);
  if (!tokenMatches(token, presented.token)) return sendText(res, 401, UNAUTHORIZED_TEXT);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return sendText(res, 405, '405 Method Not Allowed.');
  }
  // The first page load carries the token in the URL; from then on the cookie does, so the
  // page's own assets load without it.
  if (presented.fromQuery) res.setHeader('Set-Cookie', tokenCookie(port, token));
  return serveFile(res, resolveStaticPath(rendererDir, url.pathname), req.method === 'HEAD');
}

/** The status line to refuse a WebSocket upgrade with, or undefined to accept it. */
function upgradeRefusal(req: IncomingMessage, port: number, token: string): string | undefined {
  if (!hostAllowed(req.headers.host, port)) return '403 Forbidden';
  if (!originAllowed(req.headers.origin, port)) return '403 Forbidden';
  const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);
  if (url.pathname !== SOCKET_PATH) return '404 Not Found';
  if (!tokenMatches(token, presentedToken(url, req.headers.cookie, port).token)) return '401 Unauthorized';
  return undefined;
}
