import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MailError } from '../../../core/net/mail-error.js';
import { OperationQueue } from '../../../core/sync/queue.js';

describe('OperationQueue', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tegami-queue-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps operations in order across a restart, with attempts and reasons', async () => {
    const queue = await OperationQueue.open(dir);
    const a = await queue.add({ op: 'flags', path: 'INBOX', uid: 3, add: ['\\Seen'], remove: [] });
    await queue.add({ op: 'move', path: 'INBOX', uid: 4, to: 'Archive', placeholder: 4_000_000_000 });
    await queue.add({ op: 'create-folder', path: 'New' });
    await queue.failed(a.id, 'NO [SERVERBUG]');
    const again = await OperationQueue.open(dir);
    expect(again.entries.map((e) => e.operation.op)).toEqual(['flags', 'move', 'create-folder']);
    expect(again.entries[0]).toMatchObject({ attempts: 1, lastError: 'NO [SERVERBUG]' });
    await again.remove(a.id);
    const third = await OperationQueue.open(dir);
    expect(third.entries.map((e) => e.id)).toEqual([2, 3]);
    expect((await third.add({ op: 'delete-folder', path: 'New' })).id).toBe(4);
  });

  it('refuses to start over a damaged queue file instead of silently dropping the user’s changes', async () => {
    await writeFile(join(dir, 'queue.json'), '{"version":1,"nextId":3,"entr');
    await expect(OperationQueue.open(dir)).rejects.toBeInstanceOf(MailError);
  });
});
