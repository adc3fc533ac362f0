/**
 * 'sync-progress' from the background sync against the real stack: an account just added
 * reports its first sync on its own (nobody calls syncNow), folder by folder with counts, and
 * the run ends in exactly one 'done' once every folder was compared and the Outbox tried. A
 * message queued for sending lands in an Outbox folder the journal announces.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SyncProgress, TegamiEvent } from '../../core/api/contract.js';
import { MemoryCredentialStore } from '../../core/api/memory-credentials.js';
import { eventSchema } from '../../core/api/schemas.js';
import { createTegamiService, type TegamiService } from '../../core/api/service.js';
import { deliverMessage } from '../servers/deliver.js';
import { loadServers, type ServersDescriptor } from '../servers/descriptor.js';
import { stackAccount } from '../servers/stack-accounts.js';

const RUN = randomUUID().slice(0, 8);
let servers: ServersDescriptor;
let dir: string;
let service: TegamiService;
const events: TegamiEvent[] = [];

beforeAll(async () => {
  servers = loadServers();
  dir = await mkdtemp(join(tmpdir(), 'tegami-progress-'));
  service = createTegamiService({ dataDir: dir, host: 'web', credentials: new MemoryCredentialStore(), backgroundSync: true });
  service.onEvent((event) => events.push(event));
});

afterAll(async () => {
  await service.close();
  await rm(dir, { recursive: true, force: true });
});

function progressOf(accountId: string): SyncProgress[] {
  return events.flatMap((e) => (e.type === 'sync-progress' && e.progress.accountId === accountId ? [e.progress] : []));
}

describe('background sync progress', () => {
  it("reports an added account's first sync folder by folder and ends it with one done", async () => {
    await deliverMessage('bob', `From: Old <old@example.org>\r\nTo: bob@tegami.test\r\nSubject: progress ${RUN}\r\nMessage-ID: <${RUN}.progress@example.org>\r\n\r\nbody\r\n`);
    const account = await service.addAccount(stackAccount(servers, 'bob'));

    await vi.waitFor(() => expect(progressOf(account.id).some((p) => p.phase === 'done')).toBe(true), { timeout: 60_000, interval: 100 });
    // The first run, up to its done (mail for bob from other test files may start another one after it).
    const all = progressOf(account.id);
    const reports = all.slice(0, all.findIndex((p) => p.phase === 'done') + 1);
    const phases = reports.map((p) => p.phase);
    expect(phases[0]).toBe('connecting');
    expect(phases).toContain('folders');
    // Per folder: its name, where it stands among all folders, and its new messages fetched of how many.
    const inbox = reports.find((p) => p.phase === 'messages' && p.folder === 'INBOX' && p.messagesTotal > 0 && p.messagesDone === p.messagesTotal);
    expect(inbox).toBeDefined();
    expect(inbox?.foldersTotal).toBeGreaterThan(0);
    expect(inbox?.foldersDone).toBe(0);
    // The done comes after every folder reported (the folder pass's own done was held back).
    const done = reports.at(-1);
    expect(new Set(reports.filter((p) => p.phase === 'messages').map((p) => p.folder)).size).toBe(done?.foldersTotal);
    expect(done?.foldersTotal).toBe(inbox?.foldersTotal);
    expect(done?.foldersDone).toBe(done?.foldersTotal);
    expect(done?.error).toBeNull();
    for (const e of events) expect(eventSchema.safeParse(e).success).toBe(true);
  });

  it('announces the Outbox folder a queued message waits in', async () => {
    const [account] = await service.listAccounts();
    if (account === undefined) throw new Error('the first test adds the account');
    const before = await service.getChanges(0);
    if (before.resync) throw new Error('the journal should hold everything');
    await service.sendMessage({
      accountId: account.id,
      to: [{ name: '', address: servers.users.bob.address }],
      cc: [],
      bcc: [],
      subject: `queued ${RUN}`,
      text: 'waiting to be sent',
      html: null,
      inReplyTo: null,
      references: [],
      attachments: [],
      draftId: null,
    });
    const after = await service.getChanges(before.lastSeq);
    if (after.resync) throw new Error('the journal should hold everything');
    const outbox = after.changes.find((c) => c.kind === 'folder-upsert' && c.folder.role === 'outbox');
    expect(outbox).toMatchObject({ folder: { accountId: account.id, role: 'outbox' } });
    expect(after.changes.some((c) => c.kind === 'message-upsert' && c.message.folderId === (outbox?.kind === 'folder-upsert' ? outbox.folder.id : '') && c.message.delivery !== null)).toBe(true);
  });
});
