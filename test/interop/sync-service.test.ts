/**
 * The mail API of the service over the real stack: an account added through the contract,
 * synced, read, flagged and sent from, with every change arriving as journal entries.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change, TegamiEvent } from '../../core/api/contract.js';
import { MemoryCredentialStore } from '../../core/api/memory-credentials.js';
import { changesResultSchema, eventSchema, messageContentSchema } from '../../core/api/schemas.js';
import { createTegamiService, type TegamiService } from '../../core/api/service.js';
import type { ImapClient } from '../../core/imap/client.js';
import { connectImap } from '../../core/sync/imap-connect.js';
import { findByMessageId, waitForMessage } from '../servers/deliver.js';
import { loadServers, type ServersDescriptor } from '../servers/descriptor.js';

const RUN = randomUUID().slice(0, 8);
const FOLDER = `syncsvc-${RUN}`;
let servers: ServersDescriptor;
let raw: ImapClient;
let dir: string;
let service: TegamiService;
const events: TegamiEvent[] = [];

beforeAll(async () => {
  servers = loadServers();
  const e = servers.imap.tls;
  raw = await connectImap({ host: e.host, port: e.port, security: e.security, user: servers.users.bob.address, password: servers.users.bob.password, caFile: servers.caFile });
  await raw.run('create', FOLDER);
  const attachment = Buffer.from('attached bytes\n').toString('base64');
  const mime = [
    'From: Alice <alice@tegami.test>',
    'To: bob@tegami.test',
    `Subject: =?UTF-8?B?${Buffer.from('添付のテスト').toString('base64')}?=`,
    `Message-ID: <${RUN}.svc@tegami.test>`,
    'Date: Thu, 05 Feb 2026 10:20:30 +0000',
    'Received: from mx.example.org (mx.example.org [192.0.2.1]) by mail.tegami.test (Postfix) with ESMTPS id ABC for <bob@tegami.test>; Thu, 05 Feb 2026 10:20:31 +0000',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'こんにちは',
    '--b1',
    'Content-Type: text/plain; name="a.txt"',
    'Content-Disposition: attachment; filename="a.txt"',
    'Content-Transfer-Encoding: base64',
    '',
    attachment,
    '--b1--',
    '',
  ].join('\r\n');
  await raw.run('append', FOLDER, { content: Buffer.from(mime) });
  dir = await mkdtemp(join(tmpdir(), 'tegami-svc-'));
  service = createTegamiService({ dataDir: dir, host: 'web', credentials: new MemoryCredentialStore(), backgroundSync: false });
  service.onEvent((event) => events.push(event));
});

afterAll(async () => {
  await service.close();
  await raw.run('delete', FOLDER).catch(() => undefined);
  await raw.logout();
  await rm(dir, { recursive: true, force: true });
});

describe('mail through the service contract', () => {
  it('adds an account, syncs, lists, reads, flags and sends; changes arrive in the journal', async () => {
    const imap = servers.imap.tls;
    const smtp = servers.smtp.submission;
    const bob = servers.users.bob;
    const account = await service.addAccount({
      name: 'Bob',
      email: bob.address,
      incoming: { protocol: 'imap', host: imap.host, port: imap.port, security: imap.security, username: bob.address },
      outgoing: { host: smtp.host, port: smtp.port, security: smtp.security, username: bob.address },
      pop3: null,
      caFile: servers.caFile,
      password: bob.password,
      outgoingPassword: null,
    });
    await service.syncNow(account.id);
    expect(events.some((e) => e.type === 'sync-progress' && e.progress.phase === 'done')).toBe(true);

    const folders = await service.listFolders(account.id);
    const mine = folders.find((f) => f.path === FOLDER);
    expect(mine).toMatchObject({ total: 1, unread: 1, role: null });
    expect(folders.find((f) => f.role === 'inbox')).toBeDefined();
    expect(folders.find((f) => f.role === 'outbox')).toBeDefined();

    const page = await service.listMessages(mine?.id ?? '', { offset: 0, limit: 50 });
    const [summary] = page.messages;
    expect(summary).toMatchObject({ subject: '添付のテスト', snippet: 'こんにちは', hasAttachments: true, messageId: `${RUN}.svc@tegami.test` });

    const content = await service.getMessage(summary?.id ?? '');
    expect(messageContentSchema.safeParse(content).success).toBe(true);
    expect(content.text).toContain('こんにちは');
    expect(content.attachments).toMatchObject([{ filename: 'a.txt', disposition: 'attachment' }]);
    expect(content.received[0]).toMatchObject({ ip: '192.0.2.1', with: 'ESMTPS', tls: true });
    const source = await service.getRawMessage(summary?.id ?? '');
    expect(source.text).toContain(`${RUN}.svc@tegami.test`);
    const saved = await service.saveAttachment(summary?.id ?? '', content.attachments[0]?.handle ?? '', join(dir, 'a.txt'));
    expect(await readFile(saved.path, 'utf8')).toBe('attached bytes\n');
    await expect(service.saveAttachment(summary?.id ?? '', content.attachments[0]?.handle ?? '', join(dir, 'a.txt'))).rejects.toMatchObject({ code: 'storage-failed' });

    const before = (await service.getChanges(0)) as { lastSeq: number };
    await service.setFlags([summary?.id ?? ''], { add: ['\\Seen'], remove: [] });
    const after = await service.getChanges(before.lastSeq);
    expect(changesResultSchema.safeParse(after).success).toBe(true);
    const upserts = after.resync ? [] : after.changes.filter((c): c is Extract<Change, { kind: 'message-upsert' }> => c.kind === 'message-upsert');
    expect(upserts.at(-1)?.message.flags).toContain('\\Seen');
    await service.syncNow(account.id);
    await raw.run('examine', FOLDER);
    const onServer = await raw.run('fetch', '1:*', { flags: true });
    expect(onServer.messages[0]?.attributes.flags).toContain('\\Seen');

    const queued = await service.sendMessage({
      accountId: account.id,
      to: [{ name: 'Alice', address: servers.users.alice.address }],
      cc: [],
      bcc: [],
      subject: `service send ${RUN}`,
      text: 'sent through the outbox',
      html: null,
      inReplyTo: `<${RUN}.svc@tegami.test>`,
      references: [`<${RUN}.svc@tegami.test>`],
      attachments: [],
      draftId: null,
    });
    expect(queued.id).toContain(':outbox#');
    const delivered = await waitForMessage('alice', `<${queued.messageId}>`);
    expect(delivered.raw.toString('latin1')).toContain('sent through the outbox');
    expect(await findByMessageId('alice', `<${queued.messageId}>`)).toHaveLength(1);

    for (const event of events) expect(eventSchema.safeParse(event).success).toBe(true);
    expect(events.some((e) => e.type === 'changes')).toBe(true);
  });

  it('saves a draft to the server Drafts folder and replaces it when saved again', async () => {
    const [account] = await service.listAccounts();
    const draft = {
      accountId: account?.id ?? '',
      to: [{ name: '', address: servers.users.alice.address }],
      cc: [],
      bcc: [],
      subject: `draft ${RUN}`,
      text: 'first version',
      html: null,
      inReplyTo: null,
      references: [],
      attachments: [],
      draftId: null,
    };
    const first = await service.saveDraft(draft);
    await service.syncNow(account?.id ?? null);
    const second = await service.saveDraft({ ...draft, text: 'second version', draftId: first.id });
    await service.syncNow(account?.id ?? null);
    await raw.run('examine', 'Drafts');
    const found = await raw.run('search', { header: 'Subject', value: `draft ${RUN}` });
    expect(found.ids).toHaveLength(1);
    const fetched = await raw.run('fetch', String(found.ids[0]), { flags: true, source: true });
    const data = fetched.messages[0]?.attributes.sections?.[0]?.data;
    expect(data instanceof Uint8Array ? Buffer.from(data).toString('utf8') : '').toContain('second version');
    expect(fetched.messages[0]?.attributes.flags).toContain('\\Draft');
    expect(second.messageId).not.toBe(first.messageId);
    // Locally too: one draft, the server's copy.
    const folders = await service.listFolders(account?.id ?? '');
    const drafts = folders.find((f) => f.role === 'drafts');
    const page = await service.listMessages(drafts?.id ?? '', { offset: 0, limit: 100 });
    const mine = page.messages.filter((m) => m.subject === `draft ${RUN}`);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.uid).toBe(found.ids[0]);
    await raw.run('select', 'Drafts');
    await raw.run('store', String(found.ids[0]), { operation: 'add', flags: ['\\Deleted'] });
    await raw.run('expunge', String(found.ids[0]));
  });
});
