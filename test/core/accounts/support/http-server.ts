/**
 * An HTTP server on loopback serving autoconfig files by path, for --autoconfig-base tests.
 * Routes map a path (without query) to a status, body and headers; every request is recorded.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Route {
  readonly status?: number;
  readonly body?: string | Buffer;
  readonly headers?: Readonly<Record<string, string>>;
  /** Never answer (to exercise timeouts). */
  readonly hang?: boolean;
}

export interface TestHttpServer {
  readonly base: string;
  /** Request URLs (path and query) in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

export async function startHttpServer(routes: Readonly<Record<string, Route>>): Promise<TestHttpServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    requests.push(url);
    const route = routes[url.split('?')[0]!];
    if (route?.hang) return;
    if (route === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(route.status ?? 200, { 'content-type': 'application/xml', ...route.headers });
    res.end(route.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
