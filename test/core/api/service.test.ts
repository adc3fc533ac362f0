import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTegamiService } from '../../../core/api/service.js';
import { dispatch } from '../../../core/api/dispatch.js';
import { METHODS } from '../../../core/api/schemas.js';
import { ApiError } from '../../../core/api/errors.js';
import type { TegamiEvent } from '../../../core/api/contract.js';
import { TEGAMI_VERSION } from '../../../core/version.js';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tegami-service-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('service', () => {
  it('describes the app and the host', async () => {
    const service = createTegamiService({ dataDir, host: 'web', locale: 'ja-JP', platform: 'linux' });
    const info = await service.getAppInfo();
    expect(info).toEqual({ name: 'Tegami', version: TEGAMI_VERSION, platform: 'linux', host: 'web', dataDir, locale: 'ja-JP' });
    expect(METHODS.getAppInfo.result.safeParse(info).success).toBe(true);
  });

  it('starts from defaults when there is no settings file', async () => {
    const service = createTegamiService({ dataDir, host: 'web' });
    expect(await service.getSettings()).toEqual({ language: 'system', theme: 'system', remoteContentSenders: [] });
  });

  it('persists settings to JSON in the data folder, read back by a new service', async () => {
    const first = createTegamiService({ dataDir, host: 'web' });
    expect(await first.updateSettings({ language: 'ja' })).toEqual({ language: 'ja', theme: 'system', remoteContentSenders: [] });
    expect(await first.updateSettings({ theme: 'dark' })).toEqual({ language: 'ja', theme: 'dark', remoteContentSenders: [] });
    expect(JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8'))).toEqual({ language: 'ja', theme: 'dark', remoteContentSenders: [] });
    // No temporary files are left behind by the atomic write.
    expect(await readdir(dataDir)).toEqual(['settings.json']);

    const second = createTegamiService({ dataDir, host: 'electron' });
    expect(await second.getSettings()).toEqual({ language: 'ja', theme: 'dark', remoteContentSenders: [] });
  });

  it('keeps concurrent updates from losing each other', async () => {
    const service = createTegamiService({ dataDir, host: 'web' });
    await Promise.all([service.updateSettings({ language: 'en' }), service.updateSettings({ theme: 'light' })]);
    const reread = createTegamiService({ dataDir, host: 'web' });
    expect(await reread.getSettings()).toEqual({ language: 'en', theme: 'light', remoteContentSenders: [] });
  });

  it('tells every listener when settings change, and stops after unsubscribe', async () => {
    const service = createTegamiService({ dataDir, host: 'web' });
    const seen: TegamiEvent[] = [];
    const stop = service.onEvent((event) => seen.push(event));
    await service.updateSettings({ theme: 'dark' });
    stop();
    await service.updateSettings({ theme: 'light' });
    expect(seen).toEqual([{ type: 'settings-changed', settings: { language: 'system', theme: 'dark', remoteContentSenders: [] } }]);
  });

  it('falls back per field on values it does not understand, and sets aside a file that is not JSON', async () => {
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ language: 'ja', theme: 'sepia', future: true }));
    expect(await createTegamiService({ dataDir, host: 'web' }).getSettings()).toEqual({ language: 'ja', theme: 'system', remoteContentSenders: [] });

    await writeFile(join(dataDir, 'settings.json'), '{ not json');
    expect(await createTegamiService({ dataDir, host: 'web' }).getSettings()).toEqual({ language: 'system', theme: 'system', remoteContentSenders: [] });
    const names = await readdir(dataDir);
    expect(names.some((n) => n.startsWith('settings.json.invalid-'))).toBe(true);
  });

  it('reports a settings folder it cannot write as a typed storage error', async () => {
    // A regular file where the data folder should be: mkdir and open both fail.
    const blocked = join(dataDir, 'blocked');
    await writeFile(blocked, 'not a folder');
    const service = createTegamiService({ dataDir: blocked, host: 'web' });
    await expect(service.updateSettings({ theme: 'dark' })).rejects.toSatisfy((e: unknown) => e instanceof ApiError && e.code === 'storage-failed');
  });

  it('dispatches validated calls and refuses invalid ones before the service runs', async () => {
    const service = createTegamiService({ dataDir, host: 'web' });
    expect(await dispatch(service, 'updateSettings', [{ language: 'en' }])).toEqual({ language: 'en', theme: 'system', remoteContentSenders: [] });
    await expect(dispatch(service, 'updateSettings', [{ language: 'de' }])).rejects.toMatchObject({ code: 'invalid-arguments' });
    await expect(dispatch(service, 'nope', [])).rejects.toMatchObject({ code: 'unknown-method' });
    expect(await service.getSettings()).toEqual({ language: 'en', theme: 'system', remoteContentSenders: [] });
  });
});
