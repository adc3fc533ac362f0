/**
 * POP3 → Maildir INBOX against the real Dovecot, leaving the mail on the server (the INBOX is
 * shared with other test files, so nothing is ever deleted here). The message is found by its
 * own Message-ID, never by counting.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSync, type SyncCliOptions } from '../../core/cli/sync.js';
import { MaildirStore } from '../../core/maildir/index.js';
import { deliverMessage, findByMessageId } from '../servers/deliver.js';
import { loadServers, type ServersDescriptor } from '../servers/descriptor.js';

const RUN = randomUUID().slice(0, 8);
let servers: ServersDescriptor;
let dir: string;

beforeAll(async () => {
  servers = loadServers();
  dir = await mkdtemp(join(tmpdir(), 'tegami-pop3sync-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function copiesOf(messageId: string): Promise<number> {
  const store = await MaildirStore.open(dir);
  let count = 0;
  for (const entry of await store.inbox.list()) {
    if ((await readFile(entry.path, 'latin1')).includes(messageId)) count++;
  }
  return count;
}

describe('POP3 sync', () => {
  it('downloads into INBOX once, leaves the message on the server, and a second run does not fetch it again', async () => {
    const id = `<${RUN}.pop3sync@tegami.test>`;
    await deliverMessage('alice', `From: bob@tegami.test\r\nTo: alice@tegami.test\r\nSubject: pop3 sync ${RUN}\r\nMessage-ID: ${id}\r\n\r\nvia POP3\r\n`);
    const pop = servers.pop3.tls;
    const options: SyncCliOptions = { protocol: 'pop3', host: pop.host, port: pop.port, security: pop.security, user: servers.users.alice.address, password: servers.users.alice.password, ca: servers.caFile, maildir: dir, folders: undefined, json: true };
    const first = await runSync(options);
    expect(first.reports[0]?.added).toBeGreaterThanOrEqual(1);
    expect(await copiesOf(id)).toBe(1);
    await runSync(options);
    expect(await copiesOf(id)).toBe(1);
    expect(await findByMessageId('alice', id)).toHaveLength(1);
  });
});
