import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTegamiService, type TegamiService } from '../../../core/api/service.js';
import { REQUEST_NAMES } from '../../../core/api/methods.js';
import { METHODS } from '../../../core/api/schemas.js';
import type { IpcResult } from '../../../electron/common/ipc-result.js';
import { bindIpc, ipcChannels, isTrustedSender, pushEvent, type FrameLike, type InvokeEventLike, type InvokeHandler, type IpcMainLike, type TrustedSenders } from '../../../electron/main/ipc.js';

const APP_URL = 'file:///opt/Tegami/resources/app.asar/out/renderer/index.html';

/** Records what the binding registers, the way Electron's ipcMain would hold it. */
class RecordingIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, InvokeHandler>();
  handle(channel: string, listener: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(channel: string, event: InvokeEventLike, ...args: unknown[]): Promise<IpcResult> {
    const handler = this.handlers.get(channel);
    if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
}

const mainFrame = (url = APP_URL): FrameLike => ({ url, parent: null });
const fromWindow = (id = 7, frame: FrameLike | null = mainFrame()): InvokeEventLike => ({ sender: { id }, senderFrame: frame });
const trusted: TrustedSenders = { webContentsIds: () => [7], isAppUrl: (url) => url === APP_URL };

let dataDir: string;
let service: TegamiService;
let ipc: RecordingIpcMain;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tegami-ipc-'));
  service = createTegamiService({ dataDir, host: 'electron', locale: 'ja-JP' });
  ipc = new RecordingIpcMain();
  bindIpc(ipc, service, trusted);
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('IPC binding', () => {
  it('registers exactly one tegami:-prefixed handler per contract method', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(REQUEST_NAMES.map((n) => `tegami:${n}`).sort());
    expect([...ipcChannels().keys()].sort()).toEqual(Object.keys(METHODS).sort());
  });

  it('answers every method from the service through its channel', async () => {
    const info = await ipc.invoke('tegami:getAppInfo', fromWindow());
    expect(info).toEqual({ ok: true, value: await service.getAppInfo() });
    expect(await ipc.invoke('tegami:getSettings', fromWindow())).toEqual({ ok: true, value: { language: 'system', theme: 'system', remoteContentSenders: [] } });
    expect(await ipc.invoke('tegami:updateSettings', fromWindow(), { language: 'ja' })).toEqual({ ok: true, value: { language: 'ja', theme: 'system', remoteContentSenders: [] } });
    expect(await service.getSettings()).toEqual({ language: 'ja', theme: 'system', remoteContentSenders: [] });
  });

  it('rejects invalid arguments with a typed error and leaves the service untouched', async () => {
    expect(await ipc.invoke('tegami:updateSettings', fromWindow(), { language: 'fr' })).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(await ipc.invoke('tegami:updateSettings', fromWindow())).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(await ipc.invoke('tegami:getSettings', fromWindow(), 'extra')).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(await service.getSettings()).toEqual({ language: 'system', theme: 'system', remoteContentSenders: [] });
  });

  it('rejects senders that are not our window main frame on our page', async () => {
    const forbidden = { ok: false, error: { code: 'forbidden' } };
    // Another webContents (a second, foreign window).
    expect(await ipc.invoke('tegami:updateSettings', fromWindow(8), { theme: 'dark' })).toMatchObject(forbidden);
    // A subframe inside our window.
    expect(await ipc.invoke('tegami:getAppInfo', fromWindow(7, { url: APP_URL, parent: mainFrame() }))).toMatchObject(forbidden);
    // Our window after it navigated elsewhere.
    expect(await ipc.invoke('tegami:getAppInfo', fromWindow(7, mainFrame('https://evil.example/')))).toMatchObject(forbidden);
    // A frame that is already gone.
    expect(await ipc.invoke('tegami:getAppInfo', fromWindow(7, null))).toMatchObject(forbidden);
    expect(await service.getSettings()).toEqual({ language: 'system', theme: 'system', remoteContentSenders: [] });
  });

  it('binds Save As for messages with its argument checks (a list of message ids)', async () => {
    const invalid = { ok: false, error: { code: 'invalid-arguments' } };
    expect(await ipc.invoke('tegami:saveMessagesWithDialog', fromWindow(), [])).toMatchObject(invalid);
    expect(await ipc.invoke('tegami:saveMessagesWithDialog', fromWindow(), 'file:x')).toMatchObject(invalid);
    expect(await ipc.invoke('tegami:saveMessagesWithDialog', fromWindow(), [7])).toMatchObject(invalid);
    // This service has no NativeHost, so a valid call reaches it and it answers as the web host would.
    expect(await ipc.invoke('tegami:saveMessagesWithDialog', fromWindow(), ['file:x'])).toEqual({ ok: true, value: { status: 'unsupported' } });
    expect(await ipc.invoke('tegami:getMessageFile', fromWindow(), 42)).toMatchObject(invalid);
    expect(await ipc.invoke('tegami:getMessageFile', fromWindow(), 'file:x')).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await ipc.invoke('tegami:saveMessagesWithDialog', fromWindow(8), ['file:x'])).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('turns a failing service into an error envelope instead of a throw', async () => {
    const broken = new RecordingIpcMain();
    bindIpc(broken, { ...service, getSettings: () => Promise.reject(new Error('disk on fire')) }, trusted);
    expect(await broken.invoke('tegami:getSettings', fromWindow())).toEqual({ ok: false, error: { code: 'internal', message: 'Internal error: disk on fire' } });
  });

  it('unbinds every handler it registered', () => {
    const other = new RecordingIpcMain();
    const unbind = bindIpc(other, service, trusted);
    unbind();
    expect(other.handlers.size).toBe(0);
  });

  it('checks the sender as a pure function', () => {
    expect(isTrustedSender(fromWindow(), trusted)).toBe(true);
    expect(isTrustedSender(fromWindow(9), trusted)).toBe(false);
  });

  it('pushes events on the event channel and skips destroyed windows', () => {
    const sent: unknown[][] = [];
    const event = { type: 'settings-changed', settings: { language: 'en', theme: 'dark', remoteContentSenders: [] } } as const;
    pushEvent({ isDestroyed: () => false, send: (...args) => sent.push(args) }, event);
    pushEvent({ isDestroyed: () => true, send: (...args) => sent.push(args) }, event);
    expect(sent).toEqual([['tegami:event', event]]);
  });
});
