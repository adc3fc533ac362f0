/**
 * Offline work and the outbox against the real stack: the account is "offline" by pointing it
 * at closed ports (the shared Dovecot and Postfix keep running for other tests), then back at
 * the real servers. Everything happens in folders of this file, named with the run id.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../core/api/contract.js';
import type { ImapClient } from '../../core/imap/client.js';
import { buildMessage } from '../../core/mime/index.js';
import { AccountEngine } from '../../core/sync/engine.js';
import { connectImap } from '../../core/sync/imap-connect.js';
import { findByMessageId, waitForMessage } from '../servers/deliver.js';
import { loadServers, type ServersDescriptor } from '../servers/descriptor.js';

const RUN = randomUUID().slice(0, 8);
const ROOT = `syncoff-${RUN}`;
let servers: ServersDescriptor;
let raw: ImapClient;
let dir: string;
let closedPort: number;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function account(online: boolean): Account {
  const imap = servers.imap.tls;
  const smtp = servers.smtp.submission;
  return {
    id: 'acct-offline',
    name: 'Alice',
    email: servers.users.alice.address,
    incoming: { protocol: 'imap', host: imap.host, port: online ? imap.port : closedPort, security: imap.security, username: servers.users.alice.address },
    outgoing: { host: smtp.host, port: online ? smtp.port : closedPort, security: smtp.security, username: servers.users.alice.address },
    pop3: null,
    caFile: servers.caFile,
  };
}

const passwords = async () => servers.users.alice.password;

beforeAll(async () => {
  servers = loadServers();
  closedPort = await freePort();
  const e = servers.imap.tls;
  raw = await connectImap({ host: e.host, port: e.port, security: e.security, user: servers.users.alice.address, password: servers.users.alice.password, caFile: servers.caFile });
  dir = await mkdtemp(join(tmpdir(), 'tegami-offline-'));
});

afterAll(async () => {
  const mine = (await raw.run('list', { pattern: `${ROOT}*` })).map((f) => f.path).sort().reverse();
  for (const path of mine) await raw.run('delete', path).catch(() => undefined);
  await raw.logout();
  await rm(dir, { recursive: true, force: true });
});

function message(id: string, subject: string): Uint8Array {
  return Buffer.from([`From: bob@tegami.test`, `To: alice@tegami.test`, `Subject: ${subject}`, `Message-ID: ${id}`, 'Date: Thu, 05 Feb 2026 10:20:30 +0000', '', `text of ${subject}`, ''].join('\r\n'));
}

async function serverIds(path: string): Promise<Map<string, string[]>> {
  await raw.run('examine', path);
  const result = await raw.run('fetch', '1:*', { flags: true, headers: ['Message-ID'] });
  const map = new Map<string, string[]>();
  for (const m of result.messages) {
    const section = m.attributes.sections?.[0]?.data;
    const header = section instanceof Uint8Array ? Buffer.from(section).toString('latin1') : '';
    const id = /<([^>]+)>/u.exec(header)?.[1] ?? '';
    map.set(id, [...(m.attributes.flags ?? [])].filter((f) => f !== '\\Recent').sort());
  }
  return map;
}

describe('offline operations and the outbox', () => {
  it('works offline from the cache, queues every change durably, and replays it when back online', async () => {
    const work = `${ROOT}-work`;
    const other = `${ROOT}-other`;
    await raw.run('create', work);
    await raw.run('create', other);
    const ids = [0, 1, 2, 3].map((i) => `${RUN}.off.${i}@tegami.test`);
    for (const [i, id] of ids.entries()) await raw.run('append', work, { content: message(`<${id}>`, `offline ${i}`) });

    // Online: the first sync fills the cache.
    const online = await AccountEngine.open(account(true), dir, passwords);
    await online.syncNow({ folders: [work, other] });
    await online.close();

    // Offline (closed ports): read everything from the cache, change things, compose.
    const offline = await AccountEngine.open(account(false), dir, passwords);
    const index = await offline.cache.index(work);
    const byId = new Map([...index.messages.values()].map((s) => [s.messageId ?? '', s.uid ?? 0]));
    for (const uid of byId.values()) {
      const { bytes } = await offline.messageBytes(work, uid);
      expect(Buffer.from(bytes).toString('latin1')).toContain('text of offline');
    }
    await offline.ops.setFlags(work, byId.get(ids[0] ?? '') ?? 0, ['\\Flagged', '\\Seen'], []);
    await offline.ops.move(work, byId.get(ids[1] ?? '') ?? 0, other);
    await offline.ops.delete(work, byId.get(ids[2] ?? '') ?? 0, true);
    const sentId = `${RUN}.sent@tegami.test`;
    const bytes = await buildMessage({ from: servers.users.alice.address, to: [servers.users.bob.address], subject: `offline send ${RUN}`, text: 'queued while offline', messageId: sentId });
    await offline.outbox.enqueue(bytes, { from: servers.users.alice.address, to: [servers.users.bob.address] });
    await expect(offline.syncNow({ folders: [work, other] })).rejects.toMatchObject({ code: 'connect-failed' });
    const outboxState = await offline.sendOutbox();
    expect(outboxState).toMatchObject({ sent: 0, waiting: 1 });
    expect(offline.outbox.records[0]?.reason).toMatch(/Not sent yet/u);
    expect(offline.queue.entries.map((e) => e.operation.op)).toEqual(['flags', 'move', 'expunge']);
    // The local copy already shows the changes.
    expect((await offline.cache.index(work)).messages.size).toBe(2);
    expect((await offline.cache.index(other)).messages.size).toBe(1);
    await offline.close();

    // Back online (a new process: everything came from disk).
    const back = await AccountEngine.open(account(true), dir, passwords);
    const run = await back.syncNow({ folders: [work, other] });
    expect(run.replayed).toBe(3);
    expect(run.outbox).toMatchObject({ sent: 1, waiting: 0 });
    expect(back.queue.entries.filter((e) => e.operation.op !== 'append')).toEqual([]);
    const onServer = await serverIds(work);
    expect([...onServer.keys()].sort()).toEqual([ids[0], ids[3]].sort());
    expect(onServer.get(ids[0] ?? '')).toEqual(['\\Flagged', '\\Seen']);
    expect([...(await serverIds(other)).keys()]).toEqual([ids[1]]);
    // Local equals server after the replay and sync.
    const localWork = [...(await back.cache.index(work)).messages.values()].map((s) => s.messageId).sort();
    expect(localWork).toEqual([ids[0], ids[3]].sort());
    const localOther = [...(await back.cache.index(other)).messages.values()];
    expect(localOther.map((s) => [s.messageId, s.uid !== null])).toEqual([[ids[1], true]]);

    // Delivered exactly once: wait for it, then make sure no second copy follows.
    await waitForMessage('bob', `<${sentId}>`);
    const again = await back.syncNow({ folders: [work, other] });
    expect(again.outbox).toMatchObject({ sent: 0 });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await findByMessageId('bob', `<${sentId}>`)).toHaveLength(1);
    await back.close();
  });

  it('a message deleted on the server while a flag change was queued stays deleted', async () => {
    const path = `${ROOT}-conflict`;
    await raw.run('create', path);
    const id = `${RUN}.conflict@tegami.test`;
    await raw.run('append', path, { content: message(`<${id}>`, 'conflict') });
    const sub = join(dir, 'conflict');
    const engine = await AccountEngine.open({ ...account(true), id: 'acct-conflict' }, sub, passwords);
    await engine.syncNow({ folders: [path] });
    const [summary] = (await engine.cache.index(path)).messages.values();
    await engine.close();

    const offline = await AccountEngine.open({ ...account(false), id: 'acct-conflict' }, sub, passwords);
    await offline.ops.setFlags(path, summary?.uid ?? 0, ['\\Flagged'], []);
    await offline.close();
    // Meanwhile another client deletes it.
    await raw.run('select', path);
    await raw.run('store', '1:*', { operation: 'add', flags: ['\\Deleted'] }, { byUid: false });
    await raw.run('expunge');

    const back = await AccountEngine.open({ ...account(true), id: 'acct-conflict' }, sub, passwords);
    await back.syncNow({ folders: [path] });
    expect((await back.cache.index(path)).messages.size).toBe(0);
    expect(back.queue.entries).toEqual([]);
    expect((await serverIds(path)).size).toBe(0);
    await back.close();
  });

  it('UIDVALIDITY reset while offline: queued UID changes are not applied to other messages; local-only messages survive', async () => {
    const path = `${ROOT}-reset`;
    await raw.run('create', path);
    await raw.run('append', path, { content: message(`<${RUN}.reset.old@tegami.test>`, 'old copy') });
    const sub = join(dir, 'reset');
    const acct = (online: boolean): Account => ({ ...account(online), id: 'acct-reset' });
    const engine = await AccountEngine.open(acct(true), sub, passwords);
    await engine.syncNow({ folders: [path] });
    const [old] = (await engine.cache.index(path)).messages.values();
    await engine.close();

    const offline = await AccountEngine.open(acct(false), sub, passwords);
    await offline.ops.setFlags(path, old?.uid ?? 0, ['\\Flagged'], []);
    const localOnly = `${RUN}.reset.local@tegami.test`;
    await offline.ops.append(path, message(`<${localOnly}>`, 'written offline'), ['\\Seen'], null);
    await offline.close();

    // Meanwhile the folder is recreated: same name, new UIDVALIDITY, a different message at UID 1.
    await raw.run('unselect').catch(() => undefined);
    await raw.run('delete', path);
    await raw.run('create', path);
    const fresh = `${RUN}.reset.new@tegami.test`;
    await raw.run('append', path, { content: message(`<${fresh}>`, 'new copy') });

    const back = await AccountEngine.open(acct(true), sub, passwords);
    await back.syncNow({ folders: [path] });
    const onServer = await serverIds(path);
    expect([...onServer.keys()].sort()).toEqual([fresh, localOnly].sort());
    // The flag meant for the old message did not land on the new one.
    expect(onServer.get(fresh)).toEqual([]);
    const local = [...(await back.cache.index(path)).messages.values()].map((s) => s.messageId).sort();
    expect(local).toEqual([fresh, localOnly].sort());
    expect(back.queue.entries).toEqual([]);
    await back.close();
  });

  // The sync session can be gone while the app is online: the server was restarted, or a NAT
  // forgot the idle connection. A change the user makes then, and the copy of a sent message
  // filed in Sent, must still reach the server now, not at the next periodic sync.
  it('a change made after the sync session dropped is replayed on a new session at once', async () => {
    const path = `${ROOT}-dropped`;
    await raw.run('create', path);
    const id = `${RUN}.dropped@tegami.test`;
    await raw.run('append', path, { content: message(`<${id}>`, 'dropped session') });
    const engine = await AccountEngine.open({ ...account(true), id: 'acct-dropped' }, join(dir, 'dropped'), passwords);
    await engine.syncNow({ folders: [path] });
    const [summary] = (await engine.cache.index(path)).messages.values();
    (await engine.client()).close();

    await engine.ops.setFlags(path, summary?.uid ?? 0, ['\\Flagged'], []);
    await engine.flush();
    expect(engine.queue.entries).toEqual([]);
    expect((await serverIds(path)).get(id)).toEqual(['\\Flagged']);
    await engine.close();
  });
});
