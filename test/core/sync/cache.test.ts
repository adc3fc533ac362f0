/**
 * The folder counts a MailCache reports (unread, total) follow every commit, including flag
 * changes and removals, and agree with the index read back from disk.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MessageSummary } from '../../../core/api/contract.js';
import { MailCache } from '../../../core/sync/cache.js';
import { folderId, messageId } from '../../../core/sync/ids.js';
import { summarize } from '../../../core/sync/summary.js';

const dirs: string[] = [];

afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

function summary(uid: number, flags: readonly string[]): MessageSummary {
  const fid = folderId('acct', 'INBOX');
  const bytes = Buffer.from(`From: bob@tegami.test\r\nSubject: ${uid}\r\nMessage-ID: <${uid}@tegami.test>\r\n\r\nbody\r\n`);
  return summarize(bytes, { id: messageId(fid, uid), accountId: 'acct', folderId: fid, uid, flags: [...flags], receivedAt: new Date(0), size: bytes.length, bodyDownloaded: false });
}

describe('MailCache folder counts', () => {
  it('unread and total follow upserts, flag changes and removals, and survive a reopen', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tegami-cache-'));
    dirs.push(dir);
    const open = (): Promise<MailCache> => MailCache.open('acct', join(dir, 'maildir'), join(dir, 'state'));
    const cache = await open();
    await cache.setFolders([{ path: 'INBOX', delimiter: '/', role: 'inbox', selectable: true }]);
    await cache.commit('INBOX', [summary(1, []), summary(2, ['\\Seen']), summary(3, ['\\Flagged'])], []);
    expect(await cache.folderSummary('INBOX')).toMatchObject({ unread: 2, total: 3 });
    // Read elsewhere (the flag's case is the server's), then one read message becomes unread again.
    await cache.commit('INBOX', [summary(1, ['\\SEEN'])], []);
    expect(await cache.folderSummary('INBOX')).toMatchObject({ unread: 1, total: 3 });
    await cache.commit('INBOX', [summary(2, [])], [3]);
    expect(await cache.folderSummary('INBOX')).toMatchObject({ unread: 1, total: 2 });
    await cache.commit('INBOX', [], [2, 99]);
    expect(await cache.folderSummary('INBOX')).toMatchObject({ unread: 0, total: 1 });
    await cache.commit('INBOX', [summary(4, [])], []);
    const reopened = await open();
    expect(await reopened.folderSummary('INBOX')).toMatchObject({ unread: 1, total: 2 });
  });

  it('an index of several thousand summaries, written in pieces, reads back whole', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tegami-cache-'));
    dirs.push(dir);
    const open = (): Promise<MailCache> => MailCache.open('acct', join(dir, 'maildir'), join(dir, 'state'));
    const cache = await open();
    await cache.setFolders([{ path: 'INBOX', delimiter: '/', role: 'inbox', selectable: true }]);
    const summaries = Array.from({ length: 2_345 }, (_, i) => summary(i + 1, i % 3 === 0 ? ['\\Seen'] : []));
    await cache.commit('INBOX', summaries, []);
    await cache.addAlias('INBOX', 4_000_000_001, 17);
    const reopened = await open();
    const index = await reopened.index('INBOX');
    expect([...index.messages.values()]).toEqual(summaries);
    expect(index.aliases.get(4_000_000_001)).toBe(17);
    expect(await reopened.folderSummary('INBOX')).toMatchObject({ unread: 2_345 - 782, total: 2_345 });
  });
});
