import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeStoreFs, type StoreFs } from '../../../core/maildir/fs.js';
import { MaildirStore } from '../../../core/maildir/store.js';
import { MailError } from '../../../core/net/mail-error.js';
import { errno } from './fault-fs.js';
import { message, useTempDirs } from './helpers.js';

const tempDir = useTempDirs();

/** The real file system with every call that matters for durability written to one log. */
function tracingFs(): { fs: StoreFs; log: string[]; failRenameAfter(n: number): void } {
  const log: string[] = [];
  let renames = 0;
  let failRenameAt = -1;
  const fs: StoreFs = {
    ...nodeStoreFs,
    open: async (p, flags) => {
      const file = await nodeStoreFs.open(p, flags);
      const isDir = flags === 'r' && /[/\\](cur|new)$/.test(p);
      return {
        write: (d) => file.write(d),
        read: (b, pos) => file.read(b, pos),
        close: () => file.close(),
        sync: async () => {
          await file.sync();
          log.push(isDir ? `dirsync ${path.basename(p)}` : `filesync ${path.basename(p)}`);
        },
      };
    },
    rename: async (from, to) => {
      renames += 1;
      if (renames === failRenameAt) throw errno('EIO');
      await nodeStoreFs.rename(from, to);
      log.push(`rename ${path.basename(path.dirname(to))}`);
    },
  };
  return { fs, log, failRenameAfter: (n) => (failRenameAt = renames + n + 1) };
}

describe('MaildirFolder.deliverBatch', () => {
  it('fsyncs every file, renames each, then fsyncs each directory once, and returns entries in order', async () => {
    const root = await tempDir();
    const { fs, log } = tracingFs();
    const store = await MaildirStore.open(root, { fs, infoSeparator: ':' });
    log.length = 0;
    const batch = Array.from({ length: 20 }, (_, i) => ({ content: message(`batch ${i}`), uid: 100 + i, flags: i % 2 === 0 ? ['\\Seen'] : [] }));
    const entries = await store.inbox.deliverBatch(batch);
    expect(entries.map((e) => e.uid)).toEqual(batch.map((b) => b.uid));
    const renameAt = log.map((l, i) => (l.startsWith('rename') ? i : -1)).filter((i) => i >= 0);
    const fileSyncs = log.map((l, i) => (l.startsWith('filesync') && !l.includes('tegami-') ? i : -1)).filter((i) => i >= 0);
    const dirSyncs = log.filter((l) => l.startsWith('dirsync'));
    // Message files: 20 fsyncs, all before the first rename into new/ or cur/.
    expect(renameAt.filter((i) => /rename (cur|new)$/.test(log[i] ?? ''))).toHaveLength(20);
    expect(fileSyncs.filter((i) => i < Math.min(...renameAt.filter((r) => /rename (cur|new)$/.test(log[r] ?? ''))))).toHaveLength(20);
    // One directory fsync per directory used, after the last message rename.
    expect(dirSyncs.sort()).toEqual(['dirsync cur', 'dirsync new']);
    const lastRename = Math.max(...renameAt.filter((i) => /rename (cur|new)$/.test(log[i] ?? '')));
    for (const d of dirSyncs) expect(log.lastIndexOf(d)).toBeGreaterThan(lastRename);
    expect((await readdir(path.join(root, 'cur'))).length).toBe(10);
    expect((await readdir(path.join(root, 'new'))).length).toBe(10);
    expect(await readdir(path.join(root, 'tmp'))).toEqual([]);
    // A fresh store sees the same UIDs and bytes.
    const again = await MaildirStore.open(root);
    const listed = await again.inbox.list();
    expect(listed.map((e) => e.uid)).toEqual(batch.map((b) => b.uid));
    const third = listed[3];
    expect(third).toBeDefined();
    expect(await readFile(third?.path ?? '', 'utf8')).toBe(Buffer.from(message('batch 3')).toString('utf8'));
    expect(third?.flags).toEqual([]);
    expect(listed[2]?.flags).toEqual(['\\Seen']);
  });

  it('flush() inside a batch writes the UID map at once, so a fresh store sees the UIDs delivered so far', async () => {
    const root = await tempDir();
    const store = await MaildirStore.open(root);
    await store.inbox.batch(async () => {
      await store.inbox.deliverBatch([{ content: message('span 1'), uid: 7, flags: ['\\Seen'] }]);
      await store.inbox.deliver(message('opened'), { uid: 42, flags: ['\\Seen'] });
      // Without the flush the map is written only when the batch ends, and a store opened now
      // (after a crash) would give both files UIDs of its own.
      await store.inbox.flush();
      expect((await (await MaildirStore.open(root)).inbox.list()).map((e) => e.uid)).toEqual([7, 42]);
    });
  });

  it('refuses a UID already used or repeated in the batch, leaving nothing behind', async () => {
    const root = await tempDir();
    const store = await MaildirStore.open(root);
    await store.inbox.deliver(message('first'), { uid: 5 });
    await expect(store.inbox.deliverBatch([{ content: message('a'), uid: 6 }, { content: message('b'), uid: 6 }])).rejects.toThrow(MailError);
    await expect(store.inbox.deliverBatch([{ content: message('a'), uid: 7 }, { content: message('b'), uid: 5 }])).rejects.toThrow(/already used/);
    expect(await readdir(path.join(root, 'tmp'))).toEqual([]);
    expect((await store.inbox.list()).map((e) => e.uid)).toEqual([5]);
  });

  it('a failure mid-batch keeps the messages renamed so far, drops the rest and leaves no file in tmp/', async () => {
    const root = await tempDir();
    const { fs, log, failRenameAfter } = tracingFs();
    const store = await MaildirStore.open(root, { fs });
    await store.inbox.list();
    // The UID map (one atomic rename) and two messages are renamed, the third rename fails
    // (as a crash at that point would stop the batch).
    failRenameAfter(3);
    const batch = Array.from({ length: 6 }, (_, i) => ({ content: message(`mid ${i}`), uid: 1 + i, flags: ['\\Seen'] }));
    // The UID map is written first by an atomic rename too; count only message renames.
    const before = log.length;
    const error = await store.inbox.deliverBatch(batch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailError);
    const messageRenames = log.slice(before).filter((l) => l === 'rename cur').length;
    expect(messageRenames).toBe(2);
    const files = await readdir(path.join(root, 'cur'));
    expect(files).toHaveLength(messageRenames);
    expect(await readdir(path.join(root, 'tmp'))).toEqual([]);
    // What was renamed is durable: its directory was fsynced even though the batch failed.
    expect(log.slice(before)).toContain('dirsync cur');
    const reopened = await MaildirStore.open(root);
    const listed = await reopened.inbox.list();
    expect(listed).toHaveLength(messageRenames);
    for (const entry of listed) expect(await readFile(entry.path, 'utf8')).toBe(Buffer.from(message(`mid ${entry.uid - 1}`)).toString('utf8'));
  });

  it('a write failing in tmp/ (ENOSPC) delivers nothing of the batch and removes every file it wrote', async () => {
    const root = await tempDir();
    let creates = 0;
    const fs: StoreFs = {
      ...nodeStoreFs,
      open: async (p, flags) => {
        if (flags === 'wx' && path.basename(path.dirname(p)) === 'tmp' && ++creates === 5) throw errno('ENOSPC');
        return nodeStoreFs.open(p, flags);
      },
    };
    const store = await MaildirStore.open(root, { fs });
    const batch = Array.from({ length: 30 }, (_, i) => ({ content: message(`full ${i}`), uid: 1 + i, flags: ['\\Seen'] }));
    await expect(store.inbox.deliverBatch(batch)).rejects.toThrow(MailError);
    expect(creates).toBeGreaterThanOrEqual(5);
    expect(await readdir(path.join(root, 'tmp'))).toEqual([]);
    expect(await readdir(path.join(root, 'cur'))).toEqual([]);
    expect(await store.inbox.list()).toEqual([]);
  });
});
