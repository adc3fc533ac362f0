/**
 * A POP3 account's actions: local at once, nothing queued, and a delete recorded (by the
 * message's unique-id, wherever it was moved) for the next session's DELE when the server keeps
 * mail. The session side is in test/core/pop3/session.test.ts and test/interop/pop3-delete.test.ts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../../core/api/contract.js';
import { MailCache } from '../../../core/sync/cache.js';
import { AccountEngine } from '../../../core/sync/engine.js';
import { folderId, messageId } from '../../../core/sync/ids.js';
import { Pop3Ledger } from '../../../core/sync/pop3-ledger.js';
import { Pop3Operations } from '../../../core/sync/pop3-operations.js';
import { OperationQueue } from '../../../core/sync/queue.js';
import { summarize } from '../../../core/sync/summary.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tegami-pop3-ops-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function setup(deleteOnServer: boolean, trash = false): Promise<{ cache: MailCache; ledger: Pop3Ledger; ops: Pop3Operations; stateDir: string }> {
  const stateDir = join(dir, 'state');
  const cache = await MailCache.open('acct', join(dir, 'maildir'), stateDir);
  await cache.setFolders([
    { path: 'INBOX', delimiter: null, role: 'inbox', selectable: true },
    ...(trash ? [{ path: 'Trash', delimiter: null, role: 'trash' as const, selectable: true }] : []),
  ]);
  const ledger = await Pop3Ledger.open(stateDir);
  return { cache, ledger, ops: new Pop3Operations(cache, ledger, deleteOnServer), stateDir };
}

/** A message as syncPop3 stores it: in INBOX, indexed, its unique-id in the ledger. */
async function downloaded(cache: MailCache, ledger: Pop3Ledger, uidl: string): Promise<number> {
  const bytes = Buffer.from(`Subject: ${uidl}\r\nMessage-ID: <${uidl}@pop.test>\r\n\r\nbody\r\n`);
  const entry = await cache.maildir('INBOX').deliver(bytes);
  const fid = folderId('acct', 'INBOX');
  await cache.commit('INBOX', [summarize(bytes, { id: messageId(fid, entry.uid), accountId: 'acct', folderId: fid, uid: null, flags: [], receivedAt: new Date(), size: bytes.length, bodyDownloaded: true })], []);
  await ledger.downloaded('INBOX', entry.uid, uidl);
  return entry.uid;
}

async function uids(cache: MailCache, path: string): Promise<number[]> {
  return [...(await cache.index(path)).messages.keys()];
}

describe('Pop3Operations', () => {
  it('a delete removes the message here at once and records its unique-id for the next session, durably', async () => {
    const { cache, ledger, ops, stateDir } = await setup(true);
    const uid = await downloaded(cache, ledger, 'uid-1');
    await downloaded(cache, ledger, 'uid-2');
    await ops.delete('INBOX', uid, false);
    expect(await uids(cache, 'INBOX')).not.toContain(uid);
    expect((await cache.maildir('INBOX').list()).map((e) => e.uid)).not.toContain(uid);
    expect(ledger.deleted).toEqual(['uid-1']);
    expect((await Pop3Ledger.open(stateDir)).deleted).toEqual(['uid-1']);
    await ledger.settled(['uid-1']);
    expect((await Pop3Ledger.open(stateDir)).deleted).toEqual([]);
  });

  it('records nothing for the server when it keeps no mail (deleted there after download)', async () => {
    const { cache, ledger, ops } = await setup(false);
    const uid = await downloaded(cache, ledger, 'uid-1');
    await ops.delete('INBOX', uid, true);
    expect(await uids(cache, 'INBOX')).toEqual([]);
    expect(ledger.deleted).toEqual([]);
  });

  it('a moved message keeps its unique-id: deleting it in another local folder, or to Trash, deletes it on the server', async () => {
    const { cache, ledger, ops } = await setup(true, true);
    await ops.createFolder('Archive', null);
    const a = await downloaded(cache, ledger, 'uid-a');
    const b = await downloaded(cache, ledger, 'uid-b');
    await ops.move('INBOX', a, 'Archive');
    expect(ledger.deleted).toEqual([]);
    const [moved] = await uids(cache, 'Archive');
    expect(ledger.uidlOf('Archive', moved ?? -1)).toBe('uid-a');
    await ops.delete('Archive', moved ?? -1, true);
    // Deleting to Trash is deleting: the copy in Trash is local only.
    await ops.delete('INBOX', b, false);
    expect(await uids(cache, 'Trash')).toHaveLength(1);
    expect(ledger.deleted).toEqual(['uid-a', 'uid-b']);
    await ops.delete('Trash', (await uids(cache, 'Trash'))[0] ?? -1, false);
    expect(ledger.deleted).toEqual(['uid-a', 'uid-b']);
  });

  it('a copy is local: deleting it leaves the server alone; flags change here; a renamed folder keeps its messages', async () => {
    const { cache, ledger, ops } = await setup(true);
    const uid = await downloaded(cache, ledger, 'uid-1');
    await ops.setFlags('INBOX', uid, ['\\Flagged'], []);
    expect((await cache.index('INBOX')).messages.get(uid)?.flags).toEqual(['\\Flagged']);
    await ops.createFolder('Copies', null);
    await ops.copy('INBOX', uid, 'Copies');
    const renamed = await ops.renameFolder('Copies', 'Kept');
    expect(renamed.path).toBe('Kept');
    expect(cache.folders.map((f) => f.path)).toEqual(['INBOX', 'Kept']);
    const [copy] = await uids(cache, 'Kept');
    expect(copy).toBeDefined();
    await ops.delete('Kept', copy ?? -1, true);
    expect(ledger.deleted).toEqual([]);
    // Deleting a folder deletes its messages like one by one: a moved original reaches the server.
    await ops.move('INBOX', uid, 'Kept');
    await ops.deleteFolder('Kept');
    expect(ledger.deleted).toEqual(['uid-1']);
  });
});

describe('a POP3 account queues nothing', () => {
  const account: Account = {
    id: 'acct-pop3',
    name: 'P',
    email: 'p@pop.test',
    incoming: { protocol: 'pop3', host: '127.0.0.1', port: 1, security: 'none', username: 'p' },
    outgoing: { host: '127.0.0.1', port: 1, security: 'none', username: 'p' },
    pop3: { leaveOnServer: true, deleteAfterDays: null },
    caFile: null,
  };

  it('its engine acts locally, drops entries an earlier version queued, and refuses any new one', async () => {
    const stale = await OperationQueue.open(join(dir, 'state'));
    await stale.add({ op: 'expunge', path: 'INBOX', uid: 3 });
    const engine = await AccountEngine.open(account, dir, async () => 'secret');
    try {
      expect(engine.ops).toBeInstanceOf(Pop3Operations);
      expect(engine.queue.entries).toEqual([]);
      expect((await OperationQueue.open(join(dir, 'state'))).entries).toEqual([]);
      await expect(engine.queue.add({ op: 'create-folder', path: 'X' })).rejects.toMatchObject({ code: 'invalid-argument' });
    } finally {
      await engine.close();
    }
  });

  it('an IMAP account still queues', async () => {
    const engine = await AccountEngine.open({ ...account, id: 'acct-imap', incoming: { ...account.incoming, protocol: 'imap' }, pop3: null }, dir, async () => 'secret');
    try {
      expect(engine.ops).not.toBeInstanceOf(Pop3Operations);
      await engine.ops.createFolder('X', '/');
      expect(engine.queue.entries.map((e) => e.operation.op)).toEqual(['create-folder']);
    } finally {
      await engine.close();
    }
  });
});
