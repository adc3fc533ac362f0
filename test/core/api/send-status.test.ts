/**
 * The composer's send reports like a sync does: a delivery that could not reach the submission
 * server is the account's failure (with the SMTP session in its connection log), and one that
 * delivered ends that failure, in the events and in getSyncStatus.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ComposedMessage, SyncProgress, TegamiEvent } from '../../../core/api/contract.js';
import { MemoryCredentialStore } from '../../../core/api/memory-credentials.js';
import { METHODS } from '../../../core/api/schemas.js';
import { createTegamiService, type TegamiService } from '../../../core/api/service.js';
import { useScriptedServers } from '../../faults/support/fixture.js';
import { submissionScript } from '../../faults/support/submission-server.js';
import { closedPort } from '../../support/ports.js';

const servers = useScriptedServers();
let dir: string;
let service: TegamiService;
let reports: SyncProgress[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tegami-send-status-'));
  service = createTegamiService({ dataDir: dir, host: 'web', credentials: new MemoryCredentialStore(), backgroundSync: false });
  reports = [];
  service.onEvent((e: TegamiEvent) => {
    if (e.type === 'sync-progress') reports.push(e.progress);
  });
});
afterEach(async () => {
  await service.close();
  await rm(dir, { recursive: true, force: true });
});


/** An account whose IMAP server is never asked here (no sync runs) and whose submission server listens on `smtpPort`. */
async function addAccount(smtpPort: number): Promise<string> {
  const caFile = join(dir, 'ca.pem');
  await writeFile(caFile, servers.certs.caCert);
  const account = await service.addAccount({
    name: 'Sender',
    email: 'sender@tegami.test',
    incoming: { protocol: 'imap', host: '127.0.0.1', port: await closedPort(), security: 'tls', username: 'sender' },
    outgoing: { host: '127.0.0.1', port: smtpPort, security: 'tls', username: 'sender' },
    pop3: null,
    caFile,
    password: 'secret',
    outgoingPassword: null,
    verify: false,
  });
  return account.id;
}

function message(accountId: string, subject: string): ComposedMessage {
  return { accountId, to: [{ name: '', address: 'rcpt@tegami.test' }], cc: [], bcc: [], subject, text: 'body', html: null, inReplyTo: null, references: [], attachments: [], draftId: null };
}

describe('the status of the composer\'s send', () => {
  it('a send that cannot reach the submission server is reported as the account\'s failure, with the SMTP session as details', async () => {
    const accountId = await addAccount(await closedPort());
    await service.sendMessage(message(accountId, 'unreachable'));
    await vi.waitFor(() => expect(reports.at(-1)).toMatchObject({ accountId, phase: 'failed', error: { code: 'connect-failed' } }));
    expect(await service.getSyncStatus()).toEqual([reports.at(-1)]);
    expect(METHODS.getSyncStatus.result.safeParse(await service.getSyncStatus()).success).toBe(true);
    expect((await service.getConnectionLog(accountId)).filter((e) => e.protocol === 'smtp')).not.toEqual([]);
  });

  it('a send that delivers ends the failure of an earlier one, in the events and for a window that opens later', async () => {
    const smtp = submissionScript();
    smtp.open = false;
    const server = await servers.start(smtp.script, { tls: servers.certs.valid, implicitTls: true });
    const accountId = await addAccount(server.port);
    await service.sendMessage(message(accountId, 'first'));
    await vi.waitFor(() => expect(reports.at(-1)).toMatchObject({ accountId, phase: 'failed' }));

    smtp.open = true;
    await service.sendMessage(message(accountId, 'second'));
    await vi.waitFor(() => expect(reports.at(-1)).toMatchObject({ accountId, phase: 'done', error: null }));
    // The round sent the message that waited too.
    expect(smtp.accepted).toHaveLength(2);
    const status = await service.getSyncStatus();
    expect(status).toEqual([reports.at(-1)]);
    // Numbered in the order they were made, so a window can tell the newer of two reports.
    const seqs = reports.map((r) => r.seq ?? 0);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
  });
});
