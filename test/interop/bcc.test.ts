/**
 * Bcc over the real stack (RFC 5322 §3.6.3): a draft saved with Bcc recipients keeps them on the
 * server's Drafts and reads back with them; a message sent with a Bcc reaches the Bcc recipient,
 * while the copy the To recipient gets carries no Bcc field; the sender's Sent copy keeps it.
 *
 * Postfix's cleanup(8) removes Bcc fields itself, so the delivered bytes alone cannot show that
 * Tegami never submits one (and many servers do not remove it): the last test records the exact
 * bytes the Outbox hands the SMTP client on its way to the real submission server.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Account, ComposedMessage } from '../../core/api/contract.js';
import { MemoryCredentialStore } from '../../core/api/memory-credentials.js';
import { createTegamiService, type TegamiService } from '../../core/api/service.js';
import { buildMessage, draftEnvelope, flattenAddresses, parseMessage } from '../../core/mime/index.js';
import type { SmtpClient } from '../../core/smtp/index.js';
import { openEndpoint, Outbox, type SmtpEndpoint } from '../../core/sync/outbox.js';
import { waitForMessage } from '../servers/deliver.js';
import { loadServers, type ServersDescriptor } from '../servers/descriptor.js';
import { stackAccount } from '../servers/stack-accounts.js';

const RUN = randomUUID().slice(0, 8);
let servers: ServersDescriptor;
let dir: string;
let service: TegamiService;
let account: Account;

beforeAll(async () => {
  servers = loadServers();
  dir = await mkdtemp(join(tmpdir(), 'tegami-bcc-'));
  service = createTegamiService({ dataDir: dir, host: 'web', credentials: new MemoryCredentialStore(), backgroundSync: false });
  account = await service.addAccount(stackAccount(servers, 'alice'));
  await service.syncNow(account.id);
});

afterAll(async () => {
  await service.close();
  await rm(dir, { recursive: true, force: true });
});

function message(subject: string, overrides: Partial<ComposedMessage> = {}): ComposedMessage {
  return {
    accountId: account.id,
    to: [{ name: 'Bob', address: servers.users.bob.address }],
    cc: [],
    bcc: [{ name: '', address: servers.users.alice.address }],
    subject,
    text: 'Bcc test',
    html: null,
    inReplyTo: null,
    references: [],
    attachments: [],
    draftId: null,
    ...overrides,
  };
}

function headerOf(raw: Buffer): string {
  const text = raw.toString('latin1');
  return text.slice(0, text.search(/\r?\n\r?\n/));
}

describe('Bcc', () => {
  it('a saved draft keeps To, Cc and Bcc, non-ASCII names included, on the server and when read back', async () => {
    const to = [{ name: 'Smith, John', address: servers.users.bob.address }];
    const cc = [{ name: '佐藤 花子', address: 'hanako@tegami.test' }];
    const bcc = [
      { name: '鈴木 一郎', address: servers.users.alice.address },
      { name: '', address: 'quiet@tegami.test' },
    ];
    const saved = await service.saveDraft(message(`draft bcc ${RUN}`, { to, cc, bcc }));
    await service.syncNow(account.id);

    const onServer = await waitForMessage('alice', `<${saved.messageId}>`, { folder: 'Drafts' });
    expect(headerOf(onServer.raw)).toMatch(/^Bcc: /m);
    const parsed = parseMessage(onServer.raw);
    expect(flattenAddresses(parsed.bcc).map((m) => ({ name: m.name, address: m.address }))).toEqual(bcc);

    // Reopened from the local copy of the server's Drafts, as the composer does.
    const drafts = (await service.listFolders(account.id)).find((f) => f.role === 'drafts');
    const page = await service.listMessages(drafts?.id ?? '', { offset: 0, limit: 200 });
    const mine = page.messages.find((m) => m.messageId === saved.messageId);
    expect(mine?.uid).not.toBeNull();
    const content = await service.getMessage(mine?.id ?? '');
    expect(content.summary.to).toEqual(to);
    expect(content.summary.cc).toEqual(cc);
    expect(content.bcc).toEqual(bcc);
    await service.deleteMessages([mine?.id ?? ''], true);
    await service.syncNow(account.id);
  });

  it('a sent message reaches the Bcc recipient, the To recipient\'s copy has no Bcc field, and Sent keeps it', async () => {
    const queued = await service.sendMessage(message(`sent bcc ${RUN}`, { bcc: [{ name: '鈴木 一郎', address: servers.users.alice.address }] }));
    const atBob = await waitForMessage('bob', `<${queued.messageId}>`);
    expect(headerOf(atBob.raw)).not.toMatch(/^Bcc:/im);
    expect(atBob.raw.toString('utf8')).not.toContain('鈴木');
    expect(parseMessage(atBob.raw).bcc).toEqual([]);
    const atAlice = await waitForMessage('alice', `<${queued.messageId}>`);
    expect(headerOf(atAlice.raw)).not.toMatch(/^Bcc:/im);
    // The sender's own copy, filed in Sent after the server's 250: once the Outbox is empty the
    // copy is in the local Sent, and the next sync appends it on the server.
    const outbox = (await service.listFolders(account.id)).find((f) => f.role === 'outbox');
    await vi.waitFor(async () => expect((await service.listMessages(outbox?.id ?? '', { offset: 0, limit: 10 })).total).toBe(0), { timeout: 20_000 });
    await service.syncNow(account.id);
    const sent = await waitForMessage('alice', `<${queued.messageId}>`, { folder: 'Sent' });
    expect(flattenAddresses(parseMessage(sent.raw).bcc).map((m) => [m.name, m.address])).toEqual([['鈴木 一郎', servers.users.alice.address]]);
  });

  it('the bytes the Outbox submits to the real server carry no Bcc, and the Bcc recipient still gets the message', async () => {
    const stored = await buildMessage(
      { from: servers.users.alice.address, to: [servers.users.bob.address], bcc: [{ name: '鈴木 一郎', address: servers.users.alice.address }], subject: `outbox bcc ${RUN}`, text: 'x' },
      { keepBcc: true },
    );
    expect(headerOf(Buffer.from(stored))).toMatch(/^Bcc: /m);
    const outbox = await Outbox.open('bcc-test', await mkdtemp(join(dir, 'outbox-')));
    const record = await outbox.enqueue(stored, draftEnvelope({ from: servers.users.alice.address, to: [servers.users.bob.address], bcc: [servers.users.alice.address] }));
    const submitted: Buffer[] = [];
    const recording = async (e: SmtpEndpoint): Promise<SmtpClient> => {
      const client = await openEndpoint(e);
      const send = client.send.bind(client);
      client.send = async (envelope, source, options) => {
        submitted.push(Buffer.from(source instanceof Uint8Array ? source : String(source)));
        return send(envelope, source, options);
      };
      return client;
    };
    const smtp = servers.smtp.submission;
    const endpoint: SmtpEndpoint = { host: smtp.host, port: smtp.port, security: smtp.security, user: servers.users.alice.address, password: servers.users.alice.password, caFile: servers.caFile };
    const filed: Buffer[] = [];
    expect(await outbox.deliverAll(endpoint, async (bytes) => void filed.push(Buffer.from(bytes)), recording)).toMatchObject({ sent: 1, failed: 0 });
    expect(submitted).toHaveLength(1);
    expect(headerOf(submitted[0] ?? Buffer.alloc(0))).not.toMatch(/^Bcc:/im);
    expect(record.envelope.to).toEqual([servers.users.bob.address, servers.users.alice.address]);
    // Filed for the sender with the field.
    expect(headerOf(filed[0] ?? Buffer.alloc(0))).toMatch(/^Bcc: /m);
    expect(headerOf((await waitForMessage('bob', `<${record.messageId}>`)).raw)).not.toMatch(/^Bcc:/im);
    expect(headerOf((await waitForMessage('alice', `<${record.messageId}>`)).raw)).not.toMatch(/^Bcc:/im);
  });
});
