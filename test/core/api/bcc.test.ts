/**
 * Bcc through the service's send: the message waiting in the Outbox keeps its Bcc recipients for
 * the sender (getMessage shows them), the submission server gets the data without a Bcc field,
 * and the Bcc recipient is still in the envelope.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryCredentialStore } from '../../../core/api/memory-credentials.js';
import { createTegamiService, type TegamiService } from '../../../core/api/service.js';
import { useScriptedServers } from '../../faults/support/fixture.js';
import { submissionScript } from '../../faults/support/submission-server.js';
import { closedPort } from '../../support/ports.js';

const servers = useScriptedServers();
let dir: string;
let service: TegamiService;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tegami-bcc-'));
  service = createTegamiService({ dataDir: dir, host: 'web', credentials: new MemoryCredentialStore(), backgroundSync: false });
});
afterEach(async () => {
  await service.close();
  await rm(dir, { recursive: true, force: true });
});

describe('Bcc in sendMessage', () => {
  it('keeps Bcc in the Outbox copy and submits the message without it', async () => {
    const smtp = submissionScript();
    smtp.open = false;
    const server = await servers.start(smtp.script, { tls: servers.certs.valid, implicitTls: true });
    const caFile = join(dir, 'ca.pem');
    await writeFile(caFile, servers.certs.caCert);
    const account = await service.addAccount({
      name: 'Sender',
      email: 'sender@tegami.test',
      incoming: { protocol: 'imap', host: '127.0.0.1', port: await closedPort(), security: 'tls', username: 'sender' },
      outgoing: { host: '127.0.0.1', port: server.port, security: 'tls', username: 'sender' },
      pop3: null,
      caFile,
      password: 'secret',
      outgoingPassword: null,
      verify: false,
    });
    const bcc = [{ name: '鈴木 一郎', address: 'hidden@tegami.test' }];
    const message = {
      accountId: account.id,
      to: [{ name: '', address: 'rcpt@tegami.test' }],
      cc: [],
      bcc,
      subject: 'with bcc',
      text: 'body',
      html: null,
      inReplyTo: null,
      references: [],
      attachments: [],
      draftId: null,
    };
    const queued = await service.sendMessage(message);
    // The server is down: the message waits in the Outbox, where the sender still sees the Bcc.
    await vi.waitFor(async () => expect((await service.getSyncStatus())[0]?.phase).toBe('failed'));
    expect((await service.getMessage(queued.id)).bcc).toEqual(bcc);

    // A second send delivers what waits, the first message first.
    smtp.open = true;
    await service.sendMessage({ ...message, bcc: [], subject: 'without bcc' });
    await vi.waitFor(() => expect(smtp.accepted).toHaveLength(2));
    const data = smtp.accepted[0] ?? [];
    expect(data).toContain('Subject: with bcc');
    expect(data.slice(0, data.indexOf(''))).not.toContainEqual(expect.stringMatching(/^bcc:/i));
    expect(data.join('\n')).not.toContain('hidden@tegami.test');
  });
});
