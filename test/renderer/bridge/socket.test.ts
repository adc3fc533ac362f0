import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { TegamiEvent } from '../../../core/api/contract.js';
import { createTegamiService } from '../../../core/api/service.js';
import { startWebHost, type WebHost } from '../../../electron/web/server.js';
import { BridgeError } from '../../../renderer/src/bridge/errors.js';
import { socketBridge, type SocketLike } from '../../../renderer/src/bridge/socket.js';

/** The renderer's WebSocket client against the real web host (ws stands in for the browser's WebSocket). */
let dir: string;
let host: WebHost;

function open(): WebSocket {
  return new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`, { origin: `http://127.0.0.1:${host.port}` });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tegami-bridge-'));
  await mkdir(join(dir, 'renderer'));
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
  host = await startWebHost({ service: createTegamiService({ dataDir: join(dir, 'data'), host: 'web', locale: 'ja-JP' }), rendererDir: join(dir, 'renderer') });
});

afterAll(async () => {
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

describe('socket bridge', () => {
  it('makes typed requests and receives events', async () => {
    const socket = open();
    const api = await socketBridge(socket as unknown as SocketLike);
    const events: TegamiEvent[] = [];
    api.onEvent((e) => events.push(e));
    expect(await api.getAppInfo()).toMatchObject({ name: 'Tegami', host: 'web', locale: 'ja-JP' });
    expect(await api.updateSettings({ language: 'ja' })).toEqual({ language: 'ja', theme: 'system', remoteContentSenders: [] });
    expect(await api.getSettings()).toEqual({ language: 'ja', theme: 'system', remoteContentSenders: [] });
    await expect.poll(() => events.map((e) => e.type)).toContain('settings-changed');
    socket.close();
  });

  it('turns error answers into BridgeError with the service code', async () => {
    const socket = open();
    const api = await socketBridge(socket as unknown as SocketLike);
    const failure = await api.updateSettings({ theme: 'neon' as 'dark' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(BridgeError);
    expect((failure as BridgeError).code).toBe('invalid-arguments');
    socket.close();
  });

  it('fails waiting and later requests with "disconnected" when the socket closes', async () => {
    const socket = open();
    let closed = false;
    const api = await socketBridge(socket as unknown as SocketLike, () => (closed = true));
    socket.close();
    await expect.poll(() => closed).toBe(true);
    await expect(api.getSettings()).rejects.toMatchObject({ code: 'disconnected' });
  });

  it('rejects the connection promise when the host refuses the socket', async () => {
    const refused = new WebSocket(`ws://127.0.0.1:${host.port}/ws`, { origin: `http://127.0.0.1:${host.port}` });
    refused.on('error', () => undefined);
    await expect(socketBridge(refused as unknown as SocketLike)).rejects.toMatchObject({ code: 'disconnected' });
  });
});
