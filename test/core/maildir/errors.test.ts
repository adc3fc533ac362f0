import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MailError } from '../../../core/net/mail-error.js';
import { MaildirStore } from '../../../core/maildir/store.js';
import { UIDLIST_FILE } from '../../../core/maildir/state.js';
import { faultyFs } from './fault-fs.js';
import { message, useTempDirs } from './helpers.js';

const tempDir = useTempDirs();
/** Matches the files in the store's own tmp/ (not the system temporary directory it lives in). */
const inTmp =
  (root: string) =>
  (p: string): boolean =>
    p.startsWith(path.join(root, 'tmp') + path.sep);

async function expectNothingLeft(root: string): Promise<void> {
  for (const sub of ['tmp', 'new', 'cur']) expect(await readdir(path.join(root, sub))).toEqual([]);
}

/** A 1 MB tmpfs, when this machine lets us mount one (root in a privileged container). */
function mountTinyTmpfs(dir: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const probeDir = await mkdtemp(path.join(tmpdir(), 'tegami-tmpfs-probe-'));
const canMount = mountTinyTmpfs(probeDir);
if (canMount) execFileSync('umount', [probeDir]);
await rm(probeDir, { recursive: true, force: true });

describe('file-system errors become typed MailErrors', () => {
  it.each(['ENOSPC', 'EDQUOT'])('%s while writing a message is disk-full, and leaves nothing behind', async (code) => {
    const root = await tempDir();
    const store = await MaildirStore.open(root, { fs: faultyFs({ write: { code, match: inTmp(root), afterBytes: 10 } }) });
    const error = await store.inbox.deliver(message('too big')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailError);
    expect(error).toMatchObject({ code: 'disk-full' });
    expect((error as MailError).message).toMatch(/free some space/);
    await expectNothingLeft(root);
    expect(await store.inbox.count()).toBe(0);
  });

  it('ENOSPC from fsync is disk-full too', async () => {
    const root = await tempDir();
    const store = await MaildirStore.open(root, { fs: faultyFs({ sync: { code: 'ENOSPC', match: inTmp(root) } }) });
    await expect(store.inbox.deliver(message('x'))).rejects.toMatchObject({ code: 'disk-full' });
    await expectNothingLeft(root);
  });

  it('other errors are io-error, with the errno in the details and not as a raw error', async () => {
    const root = await tempDir();
    const store = await MaildirStore.open(root, { fs: faultyFs({ rename: { code: 'EIO', match: (to) => to.includes(`${path.sep}new${path.sep}`) } }) });
    const error = await store.inbox.deliver(message('x')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'io-error', details: { errno: 'EIO' } });
    await expectNothingLeft(root);
    // The failed delivery is not in the map either.
    expect(await store.inbox.list()).toEqual([]);
  });

  it('a missing folder or message is not-found', async () => {
    const store = await MaildirStore.open(await tempDir());
    await expect(store.folder(['Nope']).list()).rejects.toMatchObject({ code: 'not-found' });
    await expect(store.inbox.read(99)).rejects.toMatchObject({ code: 'not-found' });
    await expect(store.inbox.setFlags(99, ['\\Seen'])).rejects.toMatchObject({ code: 'not-found' });
  });

  it('a full disk while saving the UID list keeps the previous list intact', async () => {
    const root = await tempDir();
    const healthy = await MaildirStore.open(root);
    await healthy.inbox.deliver(message('first'));
    const before = await readFile(path.join(root, UIDLIST_FILE), 'utf8');
    const full = await MaildirStore.open(root, { fs: faultyFs({ write: { code: 'ENOSPC', match: (p) => p.includes(UIDLIST_FILE), afterBytes: 20 } }) });
    await expect(full.inbox.setState({ highestModSeq: 5n })).rejects.toMatchObject({ code: 'disk-full' });
    expect(await readFile(path.join(root, UIDLIST_FILE), 'utf8')).toBe(before);
    expect((await readdir(root)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a full disk while recording a delivery in the UID list delivers nothing', async () => {
    const root = await tempDir();
    await (await MaildirStore.open(root)).inbox.list();
    const store = await MaildirStore.open(root, { fs: faultyFs({ write: { code: 'ENOSPC', match: (p) => p.includes(UIDLIST_FILE) } }) });
    await expect(store.inbox.deliver(message('x'), { uid: 7 })).rejects.toMatchObject({ code: 'disk-full' });
    await expectNothingLeft(root);
    expect(await store.inbox.list()).toEqual([]);
    expect((await readdir(root)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it.runIf(canMount)('a real 1 MB tmpfs that fills up gives disk-full and no partial file', async () => {
    const root = await tempDir();
    mountTinyTmpfs(root);
    try {
      const store = await MaildirStore.open(root);
      const small = await store.inbox.deliver(message('fits'));
      const big = Buffer.alloc(2 * 1024 * 1024, 0x41);
      big.write('Subject: too big\n\n');
      await expect(store.inbox.deliver(big)).rejects.toMatchObject({ code: 'disk-full' });
      expect(await readdir(path.join(root, 'tmp'))).toEqual([]);
      expect(await readdir(path.join(root, 'new'))).toEqual([small.base]);
      expect((await store.inbox.list()).map((e) => e.uid)).toEqual([small.uid]);
    } finally {
      execFileSync('umount', [root]);
    }
  });
});
