import { describe, expect, it } from 'vitest';
import { REQUEST_NAMES } from '../../../core/api/methods.js';
import type { TegamiEvent } from '../../../core/api/contract.js';
import { buildPreloadApi, type IpcRendererLike } from '../../../electron/preload/api.js';

type Listener = (event: unknown, ...args: unknown[]) => void;

function fakeIpc(answer: (channel: string, args: unknown[]) => unknown): IpcRendererLike & { calls: Array<[string, unknown[]]>; listeners: Map<string, Set<Listener>> } {
  const calls: Array<[string, unknown[]]> = [];
  const listeners = new Map<string, Set<Listener>>();
  return {
    calls,
    listeners,
    invoke: async (channel, ...args) => {
      calls.push([channel, args]);
      return answer(channel, args);
    },
    on: (channel, l) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(l)),
    removeListener: (channel, l) => listeners.get(channel)?.delete(l),
  };
}

describe('preload api', () => {
  it('exposes exactly the contract methods and onEvent, frozen', () => {
    const api = buildPreloadApi(fakeIpc(() => ({ ok: true, value: null })));
    expect(Object.keys(api).sort()).toEqual([...REQUEST_NAMES, 'onEvent'].sort());
    expect(Object.isFrozen(api)).toBe(true);
    expect('invoke' in api).toBe(false);
  });

  it('sends each method on its own channel and unwraps the answer', async () => {
    const ipc = fakeIpc((channel) => ({ ok: true, value: channel }));
    const api = buildPreloadApi(ipc);
    expect(await api.updateSettings({ theme: 'dark' })).toBe('tegami:updateSettings');
    expect(ipc.calls).toEqual([['tegami:updateSettings', [{ theme: 'dark' }]]]);
  });

  it('rejects with a plain {code, message} object for error answers and malformed ones', async () => {
    const api = buildPreloadApi(fakeIpc(() => ({ ok: false, error: { code: 'invalid-arguments', message: 'bad' } })));
    await expect(api.getSettings()).rejects.toEqual({ name: 'TegamiError', code: 'invalid-arguments', message: 'bad' });
    const odd = buildPreloadApi(fakeIpc(() => 'surprise'));
    await expect(odd.getSettings()).rejects.toMatchObject({ code: 'internal' });
  });

  it('relays events without the Electron event object and stops on unsubscribe', () => {
    const ipc = fakeIpc(() => ({ ok: true, value: null }));
    const api = buildPreloadApi(ipc);
    const seen: unknown[][] = [];
    const stop = api.onEvent((...args: unknown[]) => seen.push(args));
    const event: TegamiEvent = { type: 'settings-changed', settings: { language: 'en', theme: 'light', remoteContentSenders: [] } };
    for (const l of ipc.listeners.get('tegami:event') ?? []) l({ sender: 'secret' }, event);
    stop();
    for (const l of ipc.listeners.get('tegami:event') ?? []) l({ sender: 'secret' }, event);
    expect(seen).toEqual([[event]]);
    expect(() => api.onEvent('not a function' as unknown as () => void)).toThrow(TypeError);
  });
});

describe('preload error details', () => {
  it('passes the service error details through to the page', async () => {
    const details = { incoming: { status: 'tls', certificate: { sha256Fingerprint: 'AB:CD' } } };
    const api = buildPreloadApi({
      invoke: async () => ({ ok: false, error: { code: 'account-verification-failed', message: 'The incoming server failed.', details } }),
      on: () => undefined,
      removeListener: () => undefined,
    });
    await expect(api.getAppInfo()).rejects.toEqual({ name: 'TegamiError', code: 'account-verification-failed', message: 'The incoming server failed.', details });
  });
});
