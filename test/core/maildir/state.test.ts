import { spawnSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../core/maildir/atomic.js';
import { nodeStoreFs } from '../../../core/maildir/fs.js';
import { MaildirStore } from '../../../core/maildir/store.js';
import { readUidList, UIDLIST_FILE, writeUidList } from '../../../core/maildir/state.js';
import { faultyFs } from './fault-fs.js';
import { message, useTempDirs } from './helpers.js';

const tempDir = useTempDirs();

describe('state files are replaced atomically', () => {
  it('a failure while writing or renaming keeps the old file and leaves no temporary', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'state.json');
    await writeFileAtomic(nodeStoreFs, target, new TextEncoder().encode('old'));
    const failures = [
      faultyFs({ write: { code: 'EIO', match: (p) => p.includes('state.json'), afterBytes: 2 } }),
      faultyFs({ sync: { code: 'EIO', match: (p) => p.includes('state.json') } }),
      faultyFs({ rename: { code: 'EIO', match: (to) => to === target } }),
    ];
    for (const fs of failures) {
      await expect(writeFileAtomic(fs, target, new TextEncoder().encode('new contents'))).rejects.toMatchObject({ code: 'EIO' });
      expect(await readFile(target, 'utf8')).toBe('old');
      expect(await readdir(dir)).toEqual(['state.json']);
    }
    await writeFileAtomic(nodeStoreFs, target, new TextEncoder().encode('new'));
    expect(await readFile(target, 'utf8')).toBe('new');
  });

  it('round-trips UIDVALIDITY, UIDNEXT, 63-bit mod-sequences and the map', async () => {
    const dir = await tempDir();
    const list = {
      uidValidity: 0xffffffff,
      uidNext: 10,
      highestModSeq: 0x7fffffffffffffffn,
      entries: [
        { uid: 3, base: 'a' },
        { uid: 9, base: 'b', modseq: 12345678901234567n },
      ],
    };
    await writeUidList(nodeStoreFs, dir, list);
    expect(await readUidList(nodeStoreFs, dir)).toEqual(list);
  });

  it('a damaged state file is a clear io-error, not a crash or a silent reset', async () => {
    const root = await tempDir();
    await MaildirStore.open(root);
    for (const text of ['{not json', '{"version":1,"uidValidity":0,"uidNext":1,"highestModSeq":"0","messages":[]}', '{"version":1,"uidValidity":5,"uidNext":2,"highestModSeq":"0","messages":[[7,"x"]]}', '[]']) {
      await writeFile(path.join(root, UIDLIST_FILE), text);
      const store = await MaildirStore.open(root);
      await expect(store.inbox.list()).rejects.toMatchObject({ code: 'io-error', message: expect.stringContaining('damaged') });
    }
  });

  it('removes temporaries of a dead writer but not of a live one', async () => {
    const root = await tempDir();
    const store = await MaildirStore.open(root);
    await store.inbox.deliver(message('x'));
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid;
    const dead = `.tegami-uidlist.json.${deadPid}.1.tmp`;
    const live = `.tegami-keywords.json.${process.ppid}.1.tmp`;
    await writeFile(path.join(root, dead), '{"torn');
    await writeFile(path.join(root, live), '{"in progress');
    const again = await MaildirStore.open(root);
    expect(await again.inbox.count()).toBe(1);
    const names = await readdir(root);
    expect(names).not.toContain(dead);
    expect(names).toContain(live);
  });

  it('writes the UID list once per batch, not once per message', async () => {
    const root = await tempDir();
    let writes = 0;
    const fs = {
      ...nodeStoreFs,
      rename: async (from: string, to: string) => {
        if (to.endsWith(UIDLIST_FILE)) writes++;
        await nodeStoreFs.rename(from, to);
      },
    };
    const store = await MaildirStore.open(root, { fs });
    await store.inbox.list();
    writes = 0;
    await store.inbox.batch(async () => {
      for (let i = 0; i < 50; i++) await store.inbox.deliver(message(`m${i}`));
    });
    expect(writes).toBe(1);
    const again = await MaildirStore.open(root);
    expect((await again.inbox.list()).map((e) => e.uid)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });
});
