/**
 * Deleting in a POP3 account against the real Dovecot: the message goes here at once, and the
 * next session deletes it on the server (DELE, committed by QUIT, RFC 1939 §6) and never
 * downloads it again; a move to a local folder stays local, and deleting the moved message
 * there deletes it on the server too. Only this file's own messages are deleted (the INBOX is
 * shared with other test files), each found by its own Message-ID.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account, MessageSummary } from '../../core/api/contract.js';
import { MemoryCredentialStore } from '../../core/api/memory-credentials.js';
import { createTegamiService, type TegamiService } from '../../core/api/service.js';
import { deliverMessage, findByMessageId } from '../servers/deliver.js';
import { loadServers, type ServersDescriptor } from '../servers/descriptor.js';
import { stackAccount } from '../servers/stack-accounts.js';

const RUN = randomUUID().slice(0, 8);
let servers: ServersDescriptor;
let dir: string;
let service: TegamiService;
let account: Account;

beforeAll(async () => {
  servers = loadServers();
  dir = await mkdtemp(join(tmpdir(), 'tegami-pop3-delete-'));
  service = createTegamiService({ dataDir: dir, host: 'web', credentials: new MemoryCredentialStore(), backgroundSync: false });
  const pop = servers.pop3.tls;
  const base = stackAccount(servers, 'alice');
  account = await service.addAccount({ ...base, incoming: { ...base.incoming, protocol: 'pop3', host: pop.host, port: pop.port, security: pop.security }, pop3: { leaveOnServer: true, deleteAfterDays: null } });
});

afterAll(async () => {
  await service.close();
  await rm(dir, { recursive: true, force: true });
});

async function deliver(tag: string): Promise<string> {
  const id = `${RUN}.${tag}@tegami.test`;
  await deliverMessage('alice', `From: bob@tegami.test\r\nTo: alice@tegami.test\r\nSubject: pop3 delete ${tag} ${RUN}\r\nMessage-ID: <${id}>\r\n\r\nvia POP3\r\n`);
  return id;
}

async function folderId(path: string): Promise<string> {
  const folder = (await service.listFolders(account.id)).find((f) => f.path === path);
  if (folder === undefined) throw new Error(`no folder ${path}`);
  return folder.id;
}

async function local(path: string, messageId: string): Promise<MessageSummary[]> {
  const page = await service.listMessages(await folderId(path), { offset: 0, limit: 100_000 });
  return page.messages.filter((m) => m.messageId === messageId);
}

async function onServer(messageId: string): Promise<number> {
  return (await findByMessageId('alice', `<${messageId}>`)).length;
}

function pop3Commands(): Promise<string[]> {
  return service.getConnectionLog(account.id).then((log) => log.filter((e) => e.protocol === 'pop3' && e.direction === 'client').map((e) => e.text));
}

describe('deleting in a POP3 account', () => {
  it('removes the message here at once, from the server with the next session, and never downloads it again', async () => {
    const id = await deliver('inbox');
    await service.syncNow(account.id);
    const [summary] = await local('INBOX', id);
    expect(summary).toBeDefined();

    await service.deleteMessages([summary?.id ?? ''], false);
    expect(await local('INBOX', id)).toEqual([]);
    // Nothing reaches the server before the next session.
    expect(await onServer(id)).toBe(1);

    const before = (await pop3Commands()).length;
    await service.syncNow(account.id);
    const session = (await pop3Commands()).slice(before);
    expect(session.some((c) => /^DELE \d+$/.test(c))).toBe(true);
    expect(session.at(-1)).toBe('QUIT');
    expect(await onServer(id)).toBe(0);
    expect(await local('INBOX', id)).toEqual([]);

    // The next session neither downloads it nor deletes anything more.
    const again = (await pop3Commands()).length;
    await service.syncNow(account.id);
    expect((await pop3Commands()).slice(again).some((c) => c.startsWith('DELE'))).toBe(false);
    expect(await local('INBOX', id)).toEqual([]);
  });

  it('a move to a local folder stays local; deleting the message there deletes it on the server', async () => {
    const id = await deliver('moved');
    await service.syncNow(account.id);
    const folder = await service.createFolder(account.id, `Kept-${RUN}`);
    const [summary] = await local('INBOX', id);
    await service.moveMessages([summary?.id ?? ''], folder.id);
    const [moved] = await local(folder.path, id);
    expect(moved).toBeDefined();
    expect(await local('INBOX', id)).toEqual([]);
    expect((await service.getMessage(moved?.id ?? '')).text).toContain('via POP3');

    await service.syncNow(account.id);
    // Moved, not deleted: still on the server, and not downloaded into INBOX again.
    expect(await onServer(id)).toBe(1);
    expect(await local('INBOX', id)).toEqual([]);
    expect(await local(folder.path, id)).toHaveLength(1);

    await service.deleteMessages([moved?.id ?? ''], true);
    await service.syncNow(account.id);
    expect(await onServer(id)).toBe(0);
    expect(await local(folder.path, id)).toEqual([]);
    expect(await local('INBOX', id)).toEqual([]);
  });

  it('flags, copies and folders change only the local copy, queue nothing, and a renamed folder keeps its messages', async () => {
    const id = await deliver('local');
    await service.syncNow(account.id);
    const [summary] = await local('INBOX', id);
    await service.setFlags([summary?.id ?? ''], { add: ['\\Flagged'], remove: [] });
    expect((await local('INBOX', id))[0]?.flags).toContain('\\Flagged');
    const folder = await service.createFolder(account.id, `Copies-${RUN}`);
    await service.copyMessages([summary?.id ?? ''], folder.id);
    const renamed = await service.renameFolder(folder.id, `Renamed-${RUN}`);
    expect(await local(renamed.path, id)).toHaveLength(1);
    expect((await service.listFolders(account.id)).some((f) => f.path === folder.path)).toBe(false);
    // The copy is not the server's message: deleting its folder deletes nothing there.
    await service.deleteFolder(renamed.id);
    await service.syncNow(account.id);
    expect(await onServer(id)).toBe(1);
    expect((await local('INBOX', id))[0]?.flags).toContain('\\Flagged');

    const queue = JSON.parse(await readFile(join(dir, 'accounts', account.id, 'state', 'queue.json'), 'utf8').catch(() => '{"entries":[]}')) as { entries: unknown[] };
    expect(queue.entries).toEqual([]);
    // Clean up: the original goes, as in the first test.
    await service.deleteMessages([summary?.id ?? ''], true);
    await service.syncNow(account.id);
    expect(await onServer(id)).toBe(0);
  });

  it('keeps the server copy when the account says deleting here is not deleting there', async () => {
    const { id: accountId, ...settings } = account;
    account = await service.updateAccount(accountId, { ...settings, pop3: { leaveOnServer: true, deleteAfterDays: null, deleteWhenDeletedHere: false }, verify: false });
    expect(account.pop3?.deleteWhenDeletedHere).toBe(false);
    const id = await deliver('kept');
    await service.syncNow(account.id);
    const [summary] = await local('INBOX', id);
    expect(summary).toBeDefined();
    await service.deleteMessages([summary?.id ?? ''], true);

    const before = (await pop3Commands()).length;
    await service.syncNow(account.id);
    expect((await pop3Commands()).slice(before).some((c) => c.startsWith('DELE'))).toBe(false);
    expect(await onServer(id)).toBe(1);
    // Deleted here, so not downloaded again either.
    expect(await local('INBOX', id)).toEqual([]);
  });
});
