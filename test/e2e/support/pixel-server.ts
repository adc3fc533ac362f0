/**
 * The address hostile mail points its remote content at: a loopback HTTP server that records
 * every request it gets and answers with a 1×1 PNG. A hit means something (the page, one of its
 * frames, or the host process) fetched remote content it should not have, even if that fetch
 * escaped the browser's request interception.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const PNG_1x1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

export interface PixelServer {
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  /** "METHOD /path" of every request received, in order. */
  readonly hits: string[];
  close(): Promise<void>;
}

export async function startPixelServer(): Promise<PixelServer> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(`${req.method ?? '?'} ${req.url ?? ''}`);
    res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': PNG_1x1.length, 'Cache-Control': 'no-store' });
    res.end(PNG_1x1);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
