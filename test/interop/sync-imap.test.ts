/**
 * IMAP → Maildir sync against the real Dovecot. Each test works in its own folder (named with
 * the run id), created and deleted here; messages carry their own Message-IDs.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImapClient } from '../../core/imap/client.js';
import { MailCache, readAll } from '../../core/sync/cache.js';
import { connectImap, type ImapEndpoint } from '../../core/sync/imap-connect.js';
import { fetchBody, syncAccount } from '../../core/sync/imap-sync.js';
import { runSync } from '../../core/cli/sync.js';
import type { Account } from '../../core/api/contract.js';
import { AccountEngine } from '../../core/sync/engine.js';
import { ChangeJournal } from '../../core/sync/journal.js';
import { MailError } from '../../core/net/mail-error.js';
import { deliverMessage } from '../servers/deliver.js';
import { loadServers, type ServersDescriptor } from '../servers/descriptor.js';

const RUN = randomUUID().slice(0, 8);
const ROOT = `sync-${RUN}`;
let servers: ServersDescriptor;
let endpoint: ImapEndpoint;
let raw: ImapClient;
const dirs: string[] = [];

beforeAll(async () => {
  servers = loadServers();
  const e = servers.imap.tls;
  endpoint = { host: e.host, port: e.port, security: e.security, user: servers.users.alice.address, password: servers.users.alice.password, caFile: servers.caFile };
  raw = await connectImap(endpoint);
});

afterAll(async () => {
  const mine = (await raw.run('list', { pattern: `${ROOT}*` })).map((f) => f.path).sort().reverse();
  for (const path of mine) await raw.run('delete', path).catch(() => undefined);
  await raw.logout();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

function message(id: string, subject: string, body = 'hello\r\n'): Uint8Array {
  return Buffer.from(
    [`From: Bob <bob@tegami.test>`, `To: alice@tegami.test`, `Subject: ${subject}`, `Message-ID: ${id}`, `Date: Thu, 05 Feb 2026 10:20:30 +0000`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', body].join('\r\n'),
  );
}

async function newFolder(name: string, count: number): Promise<{ path: string; ids: string[] }> {
  const path = `${ROOT}-${name}`;
  await raw.run('create', path);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = `<${RUN}.${name}.${i}@tegami.test>`;
    ids.push(id);
    await raw.run('append', path, { content: message(id, `${name} ${i}`, `body ${i}\r\n`) });
  }
  return { path, ids };
}

async function newCache(): Promise<MailCache> {
  const dir = await mkdtemp(join(tmpdir(), 'tegami-sync-'));
  dirs.push(dir);
  return MailCache.open('acct', join(dir, 'maildir'), join(dir, 'state'));
}

/** The server's view of a folder: UID → sorted flags. */
async function serverFlags(path: string): Promise<Map<number, string[]>> {
  await raw.run('examine', path);
  const result = await raw.run('fetch', '1:*', { flags: true });
  return new Map(result.messages.map((m) => [m.attributes.uid ?? 0, [...(m.attributes.flags ?? [])].filter((f) => f !== '\\Recent').sort()]));
}

async function localFlags(cache: MailCache, path: string): Promise<Map<number, string[]>> {
  const list = await cache.maildir(path).list();
  return new Map(list.map((e) => [e.uid, [...e.flags].sort()]));
}

describe('IMAP sync', () => {
  it('initial sync: every message, newest first, large bodies left on the server until opened', async () => {
    const { path, ids } = await newFolder('initial', 5);
    const big = `<${RUN}.big@tegami.test>`;
    await raw.run('append', path, { content: message(big, 'big one', `${'x'.repeat(200)}\r\n`.repeat(30)) });
    const cache = await newCache();
    const client = await connectImap(endpoint);
    const progress: number[] = [];
    const [report] = await syncAccount(client, cache, { folders: [path], bodySizeLimit: 3000, onProgress: (p) => progress.push(p.messagesDone) });
    expect(report).toMatchObject({ path, added: 6, removed: 0, total: 6, method: 'full' });
    const index = await cache.index(path);
    const summaries = [...index.messages.values()];
    expect(summaries.map((s) => `<${s.messageId ?? ""}>`).sort()).toEqual([...ids, big].sort());
    const bigSummary = summaries.find((s) => `<${s.messageId ?? ""}>` === big);
    expect(bigSummary?.bodyDownloaded).toBe(false);
    expect(await cache.maildir(path).count()).toBe(5);
    const small = summaries.find((s) => `<${s.messageId ?? ""}>` === ids[2]);
    expect(small).toMatchObject({ subject: 'initial 2', snippet: 'body 2', from: [{ name: 'Bob', address: 'bob@tegami.test' }], bodyDownloaded: true });
    expect(Math.max(...progress)).toBe(6);

    // Opening the large one fetches and stores it.
    const full = await fetchBody(client, cache, path, bigSummary?.uid ?? 0);
    expect(full.bodyDownloaded).toBe(true);
    expect(await cache.maildir(path).count()).toBe(6);
    const bytes = await readAll(await cache.maildir(path).read(full.uid ?? 0));
    expect(Buffer.from(bytes).toString('latin1')).toContain(big);
    await client.logout();
  });

  it('two clients change the same folder and converge (QRESYNC/CONDSTORE incremental)', async () => {
    const { path, ids } = await newFolder('converge', 4);
    const cache = await newCache();
    const client = await connectImap(endpoint);
    await syncAccount(client, cache, { folders: [path] });

    // The other client: flag, delete, add.
    await raw.run('select', path);
    const uids = [...(await serverFlags(path)).keys()].sort((a, b) => a - b);
    await raw.run('select', path);
    await raw.run('store', String(uids[0]), { operation: 'add', flags: ['\\Seen', '\\Flagged'] });
    await raw.run('store', String(uids[1]), { operation: 'add', flags: ['\\Deleted'] });
    await raw.run('expunge');
    const added = `<${RUN}.converge.new@tegami.test>`;
    await raw.run('append', path, { content: message(added, 'converge new'), flags: ['\\Answered'] });

    const [report] = await syncAccount(client, cache, { folders: [path] });
    expect(report).toMatchObject({ added: 1, removed: 1, updated: 1, total: 4 });
    expect(report?.method).toBe(client.capabilities.has('QRESYNC') ? 'qresync' : client.capabilities.has('CONDSTORE') ? 'condstore' : 'full');
    expect(await localFlags(cache, path)).toEqual(await serverFlags(path));
    const localIds = [...(await cache.index(path)).messages.values()].map((s) => `<${s.messageId ?? ""}>`).sort();
    expect(localIds).toEqual([ids[0], ids[2], ids[3], added].sort());

    // Nothing changed: nothing transferred.
    const [again] = await syncAccount(client, cache, { folders: [path] });
    expect(again).toMatchObject({ added: 0, removed: 0, updated: 0, bytes: 0 });
    await client.logout();
  });

  it('a folder recreated with a new UIDVALIDITY is fetched again; nothing stale is kept', async () => {
    const { path } = await newFolder('validity', 3);
    const cache = await newCache();
    const client = await connectImap(endpoint);
    await syncAccount(client, cache, { folders: [path] });
    const before = (await cache.index(path)).sync.uidValidity;

    await raw.run('unselect').catch(() => undefined);
    await raw.run('delete', path);
    await raw.run('create', path);
    const fresh = [`<${RUN}.validity.new1@tegami.test>`, `<${RUN}.validity.new2@tegami.test>`];
    for (const id of fresh) await raw.run('append', path, { content: message(id, 'recreated') });

    const [report] = await syncAccount(client, cache, { folders: [path] });
    const index = await cache.index(path);
    if (index.sync.uidValidity !== before) expect(report?.method).toBe('uidvalidity-reset');
    expect([...index.messages.values()].map((s) => `<${s.messageId ?? ""}>`).sort()).toEqual([...fresh].sort());
    expect(await localFlags(cache, path)).toEqual(await serverFlags(path));
    await client.logout();
  });

  it('tegami sync: a second run transfers only what changed', async () => {
    const { path } = await newFolder('cli', 3);
    const dir = await mkdtemp(join(tmpdir(), 'tegami-sync-cli-'));
    dirs.push(dir);
    const options = { protocol: 'imap' as const, host: endpoint.host, port: endpoint.port, security: endpoint.security, user: endpoint.user, password: servers.users.alice.password, ca: servers.caFile, maildir: dir, folders: [path], json: true };
    const first = await runSync(options);
    const mine = first.reports.find((r) => r.path === path);
    expect(mine).toMatchObject({ added: 3, total: 3 });
    const second = await runSync(options);
    expect(second.reports.find((r) => r.path === path)).toMatchObject({ added: 0, removed: 0, updated: 0, bytes: 0 });
    expect(await readFile(join(dir, 'tegami-sync', 'folders.json'), 'utf8')).toContain(path);
  });

  it('cancellation stops between batches; the next run finishes the job without duplicates', async () => {
    const { path, ids } = await newFolder('cancel', 6);
    const cache = await newCache();
    const client = await connectImap(endpoint);
    const controller = new AbortController();
    const sync = syncFolderWithBatches(client, cache, path, controller);
    await expect(sync).rejects.toSatisfy((e: unknown) => e instanceof MailError && e.code === 'cancelled');
    // The first batch (the two newest) was stored before the cancellation was noticed.
    expect(await cache.maildir(path).count()).toBe(2);
    const [report] = await syncAccount(client, cache, { folders: [path] });
    expect(report?.total).toBe(6);
    expect([...(await cache.index(path)).messages.values()].map((s) => `<${s.messageId ?? ''}>`).sort()).toEqual([...ids].sort());
    expect(await cache.maildir(path).count()).toBe(6);
    await client.logout();
  });

  it('a long folder is indexed in spans: cancelled mid-span, the saved index names only messages the Maildir holds under those UIDs, and the next run adds the rest', async () => {
    const { path, ids } = await newFolder('spans', 30);
    const cache = await newCache();
    const client = await connectImap(endpoint);
    const controller = new AbortController();
    const sync = syncAccount(client, cache, {
      folders: [path],
      batchSize: 2,
      indexSaveEvery: 4,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'messages' && p.messagesDone >= 14) controller.abort();
      },
    });
    await expect(sync).rejects.toSatisfy((e: unknown) => e instanceof MailError && e.code === 'cancelled');
    expect(await cache.maildir(path).count()).toBe(14);
    // Read back from disk, as the next start of the app would: the index was last saved after
    // 12 messages (spans of 4 while a quarter of the index is less), each under its file's UID.
    const reopened = await MailCache.open('acct', join(dirname(cache.stateDir), 'maildir'), cache.stateDir);
    const saved = (await reopened.index(path)).messages;
    expect(saved.size).toBe(12);
    for (const [uid, summary] of saved) {
      const bytes = Buffer.from(await readAll(await reopened.maildir(path).read(uid))).toString('latin1');
      expect(bytes).toContain(`Message-ID: <${summary.messageId ?? ''}>`);
    }
    // The two files delivered after that save are unknown to the index: removed, fetched again.
    const [report] = await syncAccount(client, reopened, { folders: [path], batchSize: 2, indexSaveEvery: 4 });
    expect(report).toMatchObject({ total: 30, added: 18 });
    expect([...(await reopened.index(path)).messages.values()].map((s) => `<${s.messageId ?? ''}>`).sort()).toEqual([...ids].sort());
    expect(await reopened.maildir(path).count()).toBe(30);
    await client.logout();
  });

  it('background sync: IDLE on INBOX brings a new delivery without being asked', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tegami-idle-'));
    dirs.push(dir);
    const journal = await ChangeJournal.open(dir);
    const bob = servers.users.bob;
    const e = servers.imap.tls;
    const account: Account = {
      id: 'idle',
      name: 'Bob',
      email: bob.address,
      incoming: { protocol: 'imap', host: e.host, port: e.port, security: e.security, username: bob.address },
      outgoing: { host: servers.smtp.submission.host, port: servers.smtp.submission.port, security: servers.smtp.submission.security, username: bob.address },
      pop3: null,
      caFile: servers.caFile,
    };
    const engine = await AccountEngine.open(account, join(dir, 'acct'), async () => bob.password, journal);
    const id = `${RUN}.idle@tegami.test`;
    const arrived = new Promise<void>((resolve) => {
      journal.subscribe((changes) => {
        if (changes.some((c) => c.kind === 'message-upsert' && c.message.messageId === id)) resolve();
      });
    });
    const errors: unknown[] = [];
    engine.startBackground((error) => errors.push(error));
    // Let the first sync finish and IDLE start, then deliver.
    await engine.syncNow();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await deliverMessage('bob', `From: alice@tegami.test\r\nTo: bob@tegami.test\r\nSubject: idle ${RUN}\r\nMessage-ID: <${id}>\r\n\r\nwake up\r\n`);
    await arrived;
    expect(errors).toEqual([]);
    await engine.close();
    await journal.close();
  }, 30_000);
});

/** Syncs with one message per batch and aborts after the first batch is stored. */
async function syncFolderWithBatches(client: ImapClient, cache: MailCache, path: string, controller: AbortController): Promise<unknown> {
  return syncAccount(client, cache, {
    folders: [path],
    batchSize: 2,
    signal: controller.signal,
    onProgress: (p) => {
      if (p.phase === 'messages' && p.messagesDone > 0) controller.abort();
    },
  });
}
