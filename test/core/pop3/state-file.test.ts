import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MailError } from '../../../core/net/mail-error.js';
import { emptyState, recordDownloaded } from '../../../core/pop3/retention.js';
import { JsonFileStateStore } from '../../../core/pop3/state-file.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tegami-pop3-state-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('JsonFileStateStore', () => {
  it('starts empty and reads back what it saved, leaving no temporary files', async () => {
    const dir = tempDir();
    const store = new JsonFileStateStore(join(dir, 'account.json'));
    expect(await store.load()).toEqual(emptyState());
    const state = recordDownloaded(emptyState(), 'uid-1', new Date('2026-01-01T00:00:00Z'));
    await store.save(state);
    expect(await new JsonFileStateStore(join(dir, 'account.json')).load()).toEqual(state);
    expect(readdirSync(dir)).toEqual(['account.json']);
  });

  it('reports a damaged file as a typed error', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.json'), '{"version":1,');
    await expect(new JsonFileStateStore(join(dir, 'bad.json')).load()).rejects.toBeInstanceOf(MailError);
  });

  it('reports an unwritable location as io-error', async () => {
    const store = new JsonFileStateStore(join(tempDir(), 'missing-dir', 'x.json'));
    await expect(store.save(emptyState())).rejects.toMatchObject({ code: 'io-error' });
  });
});
