/**
 * 'new-mail' events from background sync against the real stack: the account's first sync
 * announces nothing (the mail was there before), a message delivered while the service runs
 * with background sync (IDLE) is announced once, with its sender and subject.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TegamiEvent } from '../../core/api/contract.js';
import { MemoryCredentialStore } from '../../core/api/memory-credentials.js';
import { eventSchema } from '../../core/api/schemas.js';
import { createTegamiService, type TegamiService } from '../../core/api/service.js';
import { deliverMessage } from '../servers/deliver.js';
import { loadServers, type ServersDescriptor } from '../servers/descriptor.js';

const RUN = randomUUID().slice(0, 8);
let servers: ServersDescriptor;
let dir: string;
let service: TegamiService;
const events: TegamiEvent[] = [];

beforeAll(async () => {
  servers = loadServers();
  dir = await mkdtemp(join(tmpdir(), 'tegami-newmail-'));
  service = createTegamiService({ dataDir: dir, host: 'web', credentials: new MemoryCredentialStore(), backgroundSync: true });
  service.onEvent((event) => events.push(event));
});

afterAll(async () => {
  await service.close();
  await rm(dir, { recursive: true, force: true });
});

type NewMailEvent = Extract<TegamiEvent, { type: 'new-mail' }>;

describe('new-mail events', () => {
  it('announces a message delivered during background sync, not the mail found by the first sync', async () => {
    const imap = servers.imap.tls;
    const smtp = servers.smtp.submission;
    const bob = servers.users.bob;
    // Unseen mail already in the Inbox before the account exists: the first sync must not announce it.
    await deliverMessage('bob', `From: Old <old@example.org>\r\nTo: bob@tegami.test\r\nSubject: before ${RUN}\r\nMessage-ID: <${RUN}.before@example.org>\r\n\r\nold\r\n`);
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
    // Joins the background loop's first sync (one sync at a time per account).
    await service.syncNow(account.id);
    const inbox = (await service.listFolders(account.id)).find((f) => f.role === 'inbox');
    expect(inbox).toBeDefined();
    const before = (await service.listMessages(inbox?.id ?? '', { offset: 0, limit: 1000 })).messages.find((m) => m.subject === `before ${RUN}`);
    expect(before).toBeDefined();

    const subject = `新着 ${RUN}`;
    await deliverMessage('bob', `From: =?UTF-8?B?${Buffer.from('差出人').toString('base64')}?= <sender-${RUN}@example.org>\r\nTo: bob@tegami.test\r\nSubject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=\r\nMessage-ID: <${RUN}.new@example.org>\r\n\r\nnew\r\n`);

    const mine = (): NewMailEvent[] => events.filter((e): e is NewMailEvent => e.type === 'new-mail' && e.messages.some((m) => m.subject === subject));
    await vi.waitFor(() => expect(mine()).toHaveLength(1), { timeout: 30_000, interval: 100 });
    const [event] = mine();
    expect(event).toMatchObject({ accountId: account.id, folderId: inbox?.id });
    expect(event?.messages.find((m) => m.subject === subject)?.from).toEqual([{ name: '差出人', address: `sender-${RUN}@example.org` }]);
    const announced = events.filter((e): e is NewMailEvent => e.type === 'new-mail').flatMap((e) => e.messages);
    expect(announced.some((m) => m.subject === `before ${RUN}`)).toBe(false);
    // Each message is announced at most once.
    expect(new Set(announced.map((m) => m.id)).size).toBe(announced.length);
    const id = event?.messages.find((m) => m.subject === subject)?.id ?? '';
    expect((await service.getMessage(id)).summary.subject).toBe(subject);
    for (const e of events) expect(eventSchema.safeParse(e).success).toBe(true);
  });
});
