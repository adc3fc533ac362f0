import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { MAX_PAGE_ATTACHMENT_BYTES, MAX_REQUEST_FRAME_BYTES } from '../../../core/api/limits.js';
import { createTegamiService } from '../../../core/api/service.js';
import type { WireFromHost } from '../../../core/api/wire.js';
import { startWebHost, type WebHost } from '../../../electron/web/server.js';

let dir: string;
let host: WebHost;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method, headers: { host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

const cookie = (): string => `tegami_token_${host.port}=${host.token}`;
const origin = (): string => `http://127.0.0.1:${host.port}`;

/** Opens a socket and collects frames; resolves once open, rejects with the refusal status. */
function connect(url: string, headers: Record<string, string>): Promise<{ ws: WebSocket; frames: WireFromHost[]; next: (pred: (f: WireFromHost) => boolean) => Promise<WireFromHost> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const frames: WireFromHost[] = [];
    const waiters: Array<{ pred: (f: WireFromHost) => boolean; done: (f: WireFromHost) => void }> = [];
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as WireFromHost;
      frames.push(frame);
      for (const w of [...waiters]) {
        if (w.pred(frame)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.done(frame);
        }
      }
    });
    const next = (pred: (f: WireFromHost) => boolean): Promise<WireFromHost> => {
      const seen = frames.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise((done) => waiters.push({ pred, done }));
    };
    ws.once('open', () => resolve({ ws, frames, next }));
    ws.once('unexpected-response', (_req, res) => {
      reject(new Error(`refused ${res.statusCode ?? 0}`));
      ws.terminate();
    });
    ws.once('error', (e) => reject(e));
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tegami-web-'));
  const renderer = join(dir, 'renderer');
  await mkdir(join(renderer, 'assets'), { recursive: true });
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Tegami</title><script type="module" src="./assets/app.js"></script>');
  await writeFile(join(renderer, 'assets', 'app.js'), 'export {};\n');
  await writeFile(join(dir, 'secret.txt'), 'outside the renderer');
  host = await startWebHost({ service: createTegamiService({ dataDir: join(dir, 'data'), host: 'web', locale: 'en-US' }), rendererDir: renderer });
});

afterAll(async () => {
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

describe('web host over HTTP', () => {
  it('prints a loopback URL carrying a 43-character base64url token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('answers 401 without a token, with a wrong token and with a wrong cookie, with security headers', async () => {
    for (const reply of [await get('/'), await get('/?token=wrong'), await get(`/?token=${host.token.slice(0, -1)}`), await get('/', { cookie: `tegami_token_${host.port}=nope` })]) {
      expect(reply.status).toBe(401);
      expect(reply.body).not.toContain('Tegami</title>');
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(reply.headers['x-frame-options']).toBe('DENY');
      expect(reply.headers['referrer-policy']).toBe('no-referrer');
      expect(reply.headers['set-cookie']).toBeUndefined();
    }
  });

  it('serves the page with the token, sets an HttpOnly SameSite=Strict cookie and a strict CSP', async () => {
    const reply = await get(`/?token=${host.token}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<title>Tegami</title>');
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    const setCookie = String(reply.headers['set-cookie']);
    expect(setCookie).toContain(cookie());
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    const csp = String(reply.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('serves assets with the cookie alone', async () => {
    const reply = await get('/assets/app.js', { cookie: cookie() });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get('/assets/app.js')).status).toBe(401);
  });

  it('rejects a foreign Host header even with the token (DNS rebinding)', async () => {
    expect((await get(`/?token=${host.token}`, { host: `attacker.example:${host.port}` })).status).toBe(403);
    expect((await get(`/?token=${host.token}`, { host: '127.0.0.1:1' })).status).toBe(403);
    expect((await get(`/?token=${host.token}`, { host: `localhost:${host.port}` })).status).toBe(200);
  });

  it('never serves files outside the renderer and only answers GET and HEAD', async () => {
    expect((await get('/../secret.txt', { cookie: cookie() })).status).toBe(404);
    expect((await get('/%2e%2e/secret.txt', { cookie: cookie() })).status).toBe(404);
    expect((await get('/assets/%2e%2e%2f%2e%2e%2fsecret.txt', { cookie: cookie() })).status).toBe(404);
    expect((await get('/missing.js', { cookie: cookie() })).status).toBe(404);
    expect((await get('/', { cookie: cookie() }, 'POST')).status).toBe(405);
  });
});

describe('web host over the WebSocket', () => {
  const wsUrl = (): string => `ws://127.0.0.1:${host.port}/ws`;

  it('refuses an upgrade without the token, with a wrong token, or from another origin', async () => {
    await expect(connect(wsUrl(), { origin: origin() })).rejects.toThrow('refused 401');
    await expect(connect(`${wsUrl()}?token=wrong`, { origin: origin() })).rejects.toThrow('refused 401');
    await expect(connect(wsUrl(), { origin: 'http://evil.example', cookie: cookie() })).rejects.toThrow('refused 403');
    await expect(connect(wsUrl(), { cookie: cookie() })).rejects.toThrow('refused 403');
  });

  it('greets with hello and answers getAppInfo over a real round trip', async () => {
    const { ws, next } = await connect(wsUrl(), { origin: origin(), cookie: cookie() });
    const hello = await next((f) => 'event' in f);
    expect(hello).toMatchObject({ event: { type: 'hello', appInfo: { name: 'Tegami', host: 'web' } } });
    ws.send(JSON.stringify({ id: 1, method: 'getAppInfo', args: [] }));
    const reply = await next((f) => 'id' in f && f.id === 1);
    expect(reply).toEqual({ id: 1, ok: true, value: { name: 'Tegami', version: expect.any(String), platform: process.platform, host: 'web', dataDir: join(dir, 'data'), locale: 'en-US' } });
    ws.close();
  });

  it('answers typed errors for unknown methods, bad arguments and malformed requests', async () => {
    const { ws, next } = await connect(`${wsUrl()}?token=${host.token}`, { origin: origin() });
    ws.send(JSON.stringify({ id: 2, method: 'eval', args: ['1'] }));
    ws.send(JSON.stringify({ id: 3, method: 'updateSettings', args: [{ theme: 'neon' }] }));
    ws.send(JSON.stringify({ id: 4, method: 'getSettings' }));
    expect(await next((f) => 'id' in f && f.id === 2)).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(await next((f) => 'id' in f && f.id === 3)).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(await next((f) => 'id' in f && f.id === 4)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    ws.close();
  });

  it('closes a connection that does not speak the protocol', async () => {
    const { ws } = await connect(wsUrl(), { origin: origin(), cookie: cookie() });
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('not json');
    expect(await closed).toBe(1008);
  });

  it('pushes settings-changed to every connected window', async () => {
    const a = await connect(wsUrl(), { origin: origin(), cookie: cookie() });
    const b = await connect(wsUrl(), { origin: origin(), cookie: cookie() });
    a.ws.send(JSON.stringify({ id: 7, method: 'updateSettings', args: [{ theme: 'dark' }] }));
    expect(await a.next((f) => 'id' in f && f.id === 7)).toMatchObject({ ok: true, value: { theme: 'dark' } });
    const pushed = await b.next((f) => 'event' in f && f.event.type === 'settings-changed');
    expect(pushed).toMatchObject({ event: { type: 'settings-changed', settings: { theme: 'dark' } } });
    a.ws.close();
    b.ws.close();
  });

  it('carries a file of the largest attachment size to stageAttachment, and closes on a frame beyond the limit', async () => {
    const { ws, next } = await connect(wsUrl(), { origin: origin(), cookie: cookie() });
    const file = Buffer.alloc(MAX_PAGE_ATTACHMENT_BYTES, 0x5a);
    ws.send(JSON.stringify({ id: 8, method: 'stageAttachment', args: [{ filename: '資料.bin', contentType: null, base64: file.toString('base64') }] }));
    const reply = await next((f) => 'id' in f && f.id === 8);
    expect(reply).toMatchObject({ ok: true, value: { filename: '資料.bin', size: MAX_PAGE_ATTACHMENT_BYTES } });
    const staged = reply as { value: { path: string } };
    expect((await readFile(staged.value.path)).equals(file)).toBe(true);

    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(JSON.stringify({ id: 9, method: 'getSettings', args: ['x'.repeat(MAX_REQUEST_FRAME_BYTES)] }));
    // RFC 6455 §7.4.1: 1009, the message is too big to process.
    expect(await closed).toBe(1009);
  });
});
