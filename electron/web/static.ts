import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { ServerResponse } from 'node:http';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Maps a URL path to a file inside the built renderer, or undefined when it would leave that
 * folder (../, encoded slashes, NUL) or is not a file we serve.
 */
export function resolveStaticPath(rootDir: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = resolve(rootDir);
  const full = resolve(root, relative);
  if (!full.startsWith(root + sep)) return undefined;
  if (!(extname(full).toLowerCase() in CONTENT_TYPES)) return undefined;
  return full;
}

/** Streams the file with its type; answers 404 when it does not exist. */
export async function serveFile(res: ServerResponse, path: string | undefined, headOnly: boolean): Promise<void> {
  if (path === undefined) return sendText(res, 404, 'Not found.');
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) return sendText(res, 404, 'Not found.');
    size = info.size;
  } catch {
    return sendText(res, 404, 'Not found.');
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream');
  res.setHeader('Content-Length', String(size));
  // index.html names the hashed assets; it must be re-read on every launch.
  res.setHeader('Cache-Control', path.endsWith('.html') ? 'no-store' : 'private, max-age=3600');
  if (headOnly) {
    res.end();
    return;
  }
  const stream = createReadStream(path);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(`${text}\n`);
}
