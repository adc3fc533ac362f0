/**
 * Service requests that need the real servers: server-side search (UID SEARCH TEXT in Dovecot,
 * ASCII and Japanese), the submission server's SIZE limit from Postfix's EHLO (remembered from the
 * account check), and a file staged by the page sent as an attachment through the Outbox.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account, ChosenFile, NewAccount, QueuedMessage } from '../../core/api/contract.js';
import { MemoryCredentialStore } from '../../core/api/memory-credentials.js';
import { createTegamiService, type TegamiService } from '../../core/api/service.js';
import type { ImapClient } from '../../core/imap/client.js';
import { connect, type Connector } from '../../core/net/index.js';
import { connectImap } from '../../core/sync/imap-connect.js';
import { waitForMessage } from '../servers/deliver.js';
import { loadServers, type ServersDescriptor } from '../servers/descriptor.js';
import { MESSAGE_SIZE_LIMIT } from '../servers/layout.js';
import { stackAccount } from '../servers/stack-accounts.js';

const RUN = randomUUID().slice(0, 8);
const FOLDER = `search-${RUN}`;
const ASCII_TOKEN = `needle${RUN}`;
const JAPANESE_TOKEN = `検索語${RUN}`;
let servers: ServersDescriptor;
let raw: ImapClient;
let dir: string;
let service: TegamiService;
let account: Account;
/** SMTP connections the service opened for the size check. */
let smtpConnections = 0;
const counting: Connector = async (options) => {
  smtpConnections++;
  return connect(options);
};

function bobAccount(overrides: Partial<NewAccount> = {}): NewAccount {
  return stackAccount(servers, 'bob', overrides);
}

/** A plain message to alice from `accountId`, with a staged file attached when given. */
function sendToAlice(accountId: string, subject: string, text: string, attachment?: ChosenFile): Promise<QueuedMessage> {
  return service.sendMessage({
    accountId,
    to: [{ name: 'Alice', address: servers.users.alice.address }],
    cc: [],
    bcc: [],
    subject,
    text,
    html: null,
    inReplyTo: null,
    references: [],
    attachments: attachment === undefined ? [] : [{ path: attachment.path, filename: attachment.filename, contentType: attachment.contentType }],
    draftId: null,
  });
}

function message(id: string, subject: string, body: string): Buffer {
  return Buffer.from(
    [`From: Alice <alice@tegami.test>`, 'To: bob@tegami.test', `Subject: ${subject}`, `Message-ID: <${id}@tegami.test>`, 'Date: Thu, 05 Feb 2026 10:20:30 +0000', 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', body, ''].join('\r\n'),
  );
}

beforeAll(async () => {
  servers = loadServers();
  const e = servers.imap.tls;
  raw = await connectImap({ host: e.host, port: e.port, security: e.security, user: servers.users.bob.address, password: servers.users.bob.password, caFile: servers.caFile });
  await raw.run('create', FOLDER);
  await raw.run('append', FOLDER, { content: message(`${RUN}.ascii`, 'plain one', `The body hides ${ASCII_TOKEN} in the middle.`) });
  await raw.run('append', FOLDER, { content: message(`${RUN}.ja`, '日本語', `本文に${JAPANESE_TOKEN}があります。`) });
  await raw.run('append', FOLDER, { content: message(`${RUN}.other`, 'unrelated', 'nothing to see') });
  dir = await mkdtemp(join(tmpdir(), 'tegami-search-'));
  service = createTegamiService({ dataDir: dir, host: 'web', credentials: new MemoryCredentialStore(), backgroundSync: false, smtpConnector: counting });
  account = await service.addAccount(bobAccount());
  await service.syncNow(account.id);
});

afterAll(async () => {
  await service.close();
  await raw.run('delete', FOLDER).catch(() => undefined);
  await raw.logout();
  await rm(dir, { recursive: true, force: true });
});

describe('searchServer', () => {
  it('finds messages by text in the body on the server and answers with their local ids', async () => {
    const folderId = `${account.id}/${FOLDER}`;
    const listed = (await service.listMessages(folderId, { offset: 0, limit: 10 })).messages;
    const idOf = (messageId: string) => listed.find((m) => m.messageId === `${messageId}@tegami.test`)?.id;
    expect(await service.searchServer(folderId, ASCII_TOKEN)).toEqual([idOf(`${RUN}.ascii`)]);
    expect(await service.searchServer(folderId, JAPANESE_TOKEN)).toEqual([idOf(`${RUN}.ja`)]);
    expect(await service.searchServer(folderId, `absent${RUN}`)).toEqual([]);
    // A quote and a backslash travel as a literal or an escaped string, never breaking the command.
    expect(await service.searchServer(folderId, `"${RUN}\\`)).toEqual([]);
  });

  it('says the server cannot be reached instead of pretending nothing matched', async () => {
    const offline = await service.addAccount(bobAccount({ email: `offline-${RUN}@tegami.test`, incoming: { ...bobAccount().incoming, host: '127.0.0.1', port: 1 }, verify: false }));
    const error = await service.searchServer(`${offline.id}/INBOX`, 'anything').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'offline' });
    expect((error as Error).message).toMatch(/cannot be reached.*try again/u);
    await service.removeAccount(offline.id);
  });
});

describe('getSendLimits', () => {
  it("reports Postfix's message_size_limit from the EHLO of the account check, without a connection of its own", async () => {
    const before = smtpConnections;
    expect(await service.getSendLimits(account.id)).toEqual({ maxMessageSize: MESSAGE_SIZE_LIMIT });
    expect(await service.getSendLimits(account.id)).toEqual({ maxMessageSize: MESSAGE_SIZE_LIMIT });
    expect(smtpConnections).toBe(before);
    // Remembered on disk: the next start knows it too.
    const again = createTegamiService({ dataDir: dir, host: 'web', credentials: new MemoryCredentialStore(), backgroundSync: false, smtpConnector: counting });
    try {
      expect(await again.getSendLimits(account.id)).toEqual({ maxMessageSize: MESSAGE_SIZE_LIMIT });
    } finally {
      await again.close();
    }
    expect(smtpConnections).toBe(before);
  });

  it('asks the server once, with EHLO only, for an account added without a check, and remembers it', async () => {
    const unchecked = await service.addAccount(bobAccount({ email: `unchecked-${RUN}@tegami.test`, verify: false }));
    const before = smtpConnections;
    expect(await service.getSendLimits(unchecked.id)).toEqual({ maxMessageSize: MESSAGE_SIZE_LIMIT });
    expect(smtpConnections).toBe(before + 1);
    expect(await service.getSendLimits(unchecked.id)).toEqual({ maxMessageSize: MESSAGE_SIZE_LIMIT });
    expect(smtpConnections).toBe(before + 1);
    await service.removeAccount(unchecked.id);
  });

  it('remembers the SIZE of the last delivery for the next start', async () => {
    const unchecked = await service.addAccount(bobAccount({ email: `delivered-${RUN}@tegami.test`, verify: false }));
    const queued = await sendToAlice(unchecked.id, `size ${RUN}`, 'hello');
    await waitForMessage('alice', `<${queued.messageId}>`);
    const file = join(dir, 'accounts', unchecked.id, 'submission.json');
    await expect.poll(() => readFile(file, 'utf8').then((text) => JSON.parse(text) as unknown, () => null)).toMatchObject({ maxMessageSize: MESSAGE_SIZE_LIMIT });
    const again = createTegamiService({ dataDir: dir, host: 'web', credentials: new MemoryCredentialStore(), backgroundSync: false, smtpConnector: counting });
    const before = smtpConnections;
    try {
      expect(await again.getSendLimits(unchecked.id)).toEqual({ maxMessageSize: MESSAGE_SIZE_LIMIT });
    } finally {
      await again.close();
    }
    expect(smtpConnections).toBe(before);
    await service.removeAccount(unchecked.id);
  });

  it('answers null while the submission server cannot be reached', async () => {
    const offline = await service.addAccount(bobAccount({ email: `nosmtp-${RUN}@tegami.test`, outgoing: { ...bobAccount().outgoing, host: '127.0.0.1', port: 1 }, verify: false }));
    expect(await service.getSendLimits(offline.id)).toEqual({ maxMessageSize: null });
    await service.removeAccount(offline.id);
  });
});

describe('stageMessageAttachment', () => {
  it('forwards an 8-bit Shift_JIS message through Postfix byte for byte, as message/rfc822 8bit', async () => {
    // 日本語の表示 in Shift_JIS (0x5C second bytes, nothing of it UTF-8), sent 8bit.
    const body = Buffer.from([0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea, 0x82, 0xcc, 0x95, 0x5c, 0x8e, 0xa6]);
    const original = Buffer.concat([
      Buffer.from(`From: yamada@example.jp\r\nSubject: sjis ${RUN}\r\nMessage-ID: <sjis.${RUN}@example.jp>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=Shift_JIS\r\nContent-Transfer-Encoding: 8bit\r\n\r\n`),
      body,
      Buffer.from('\r\n'),
    ]);
    const path = join(dir, 'sjis.eml');
    await writeFile(path, original);
    service.allowMessageFile(path);
    const opened = await service.openMessageFile(path);
    const staged = await service.stageMessageAttachment(opened.summary.id, 'sjis.eml');
    const queued = await sendToAlice(account.id, `forwarded ${RUN}`, 'the original is attached', staged);
    const delivered = await waitForMessage('alice', `<${queued.messageId}>`);
    // Dovecot stores lines with LF; every other byte is the original's.
    expect(delivered.raw.toString('latin1')).toMatch(/Content-Type: message\/rfc822; name=sjis\.eml\r?\nContent-Transfer-Encoding: 8bit\r?\n/u);
    const stored = delivered.raw.includes(Buffer.from('\r\n')) ? original : Buffer.from(original.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
    expect(delivered.raw.includes(stored)).toBe(true);
  });
});

describe('stageAttachment', () => {
  it('stages a file the page holds and sends it as an attachment', async () => {
    const content = Buffer.from(`staged content ${RUN}\n`);
    const staged = await service.stageAttachment({ filename: 'メモ.txt', contentType: 'text/plain', base64: content.toString('base64') });
    const queued = await sendToAlice(account.id, `staged ${RUN}`, 'with a staged file', staged);
    const delivered = await waitForMessage('alice', `<${queued.messageId}>`);
    const text = delivered.raw.toString('latin1');
    expect(text).toContain(content.toString('base64').trim());
    expect(text).toMatch(/filename\*?=/u);
  });
});
