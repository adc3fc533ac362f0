import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../core/api/dispatch.js';
import { createTegamiService } from '../../../core/api/service.js';
import { SETTINGS_FILE, SettingsStore } from '../../../core/api/settings-store.js';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tegami-settings-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('Settings.remoteContentSenders', () => {
  it('starts empty, is replaced (not merged) by a patch and persists', async () => {
    const store = new SettingsStore(dataDir);
    expect((await store.get()).remoteContentSenders).toEqual([]);
    await store.update({ remoteContentSenders: ['a@example.com', 'b@example.jp'] });
    const next = await store.update({ remoteContentSenders: ['c@example.com'] });
    expect(next.remoteContentSenders).toEqual(['c@example.com']);
    expect(next.language).toBe('system');
    expect((await new SettingsStore(dataDir).get()).remoteContentSenders).toEqual(['c@example.com']);
    expect(JSON.parse(await readFile(join(dataDir, SETTINGS_FILE), 'utf8'))).toMatchObject({ remoteContentSenders: ['c@example.com'] });
    // Other fields leave the list alone.
    expect((await store.update({ theme: 'dark' })).remoteContentSenders).toEqual(['c@example.com']);
    expect((await store.update({ remoteContentSenders: [] })).remoteContentSenders).toEqual([]);
  });

  it('falls back to an empty list for a value on disk it does not understand, keeping the other fields', async () => {
    for (const bad of ['a@example.com', [42], ['Not An Address'], ['UPPER@EXAMPLE.COM'], { a: 1 }, null]) {
      await writeFile(join(dataDir, SETTINGS_FILE), JSON.stringify({ language: 'ja', theme: 'dark', remoteContentSenders: bad }));
      expect(await new SettingsStore(dataDir).get(), JSON.stringify(bad)).toEqual({ language: 'ja', theme: 'dark', remoteContentSenders: [] });
    }
    await writeFile(join(dataDir, SETTINGS_FILE), JSON.stringify({ language: 'en' }));
    expect((await new SettingsStore(dataDir).get()).remoteContentSenders).toEqual([]);
  });

  it('refuses a patch with a bad list at the host boundary, changing nothing', async () => {
    const service = createTegamiService({ dataDir, host: 'web', backgroundSync: false });
    await service.updateSettings({ remoteContentSenders: ['ok@example.com'] });
    for (const bad of [['Mixed@Example.com'], ['no-at-sign'], 'ok@example.com', [null], ['a b@example.com']]) {
      await expect(dispatch(service, 'updateSettings', [{ remoteContentSenders: bad }])).rejects.toMatchObject({ code: 'invalid-arguments' });
    }
    expect((await service.getSettings()).remoteContentSenders).toEqual(['ok@example.com']);
    await service.close();
  });
});
