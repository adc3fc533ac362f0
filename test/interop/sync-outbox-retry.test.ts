/**
 * The background engine sends a queued message once the submission server is back, without
 * waiting for a change in the Inbox or the periodic check. The account's submission port is a
 * relay in this file: closed at first (the server unreachable, as when Postfix holds its
 * connections or its SASL server is down), then forwarding to the real Postfix. IMAP stays up
 * all along, so the background engine sits in IDLE while the message waits.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../core/api/contract.js';
import { buildMessage } from '../../core/mime/index.js';
import { AccountEngine } from '../../core/sync/engine.js';
import { OUTBOX_RETRY_INITIAL_MS } from '../../core/sync/limits.js';
import type { Progress } from '../../core/sync/progress.js';
import { findByMessageId, waitForMessage } from '../servers/deliver.js';
import { loadServers, type ServersDescriptor } from '../servers/descriptor.js';

const RUN = randomUUID().slice(0, 8);
let servers: ServersDescriptor;
let dir: string;
let relayPort: number;
let relay: Server | undefined;
const sockets = new Set<Socket>();

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Opens the relay port: every connection is piped to the real submission port. */
async function openRelay(): Promise<void> {
  const target = servers.smtp.submission;
  relay = createServer((client) => {
    const upstream = createConnection({ host: target.host, port: target.port });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => relay?.listen(relayPort, '127.0.0.1', resolve));
}

function account(): Account {
  const imap = servers.imap.tls;
  const smtp = servers.smtp.submission;
  return {
    id: 'acct-outbox-retry',
    name: 'Alice',
    email: servers.users.alice.address,
    incoming: { protocol: 'imap', host: imap.host, port: imap.port, security: imap.security, username: servers.users.alice.address },
    // The certificate names 127.0.0.1, which is where the relay listens.
    outgoing: { host: smtp.host, port: relayPort, security: smtp.security, username: servers.users.alice.address },
    pop3: null,
    caFile: servers.caFile,
  };
}

beforeAll(async () => {
  servers = loadServers();
  relayPort = await freePort();
  dir = await mkdtemp(join(tmpdir(), 'tegami-outbox-retry-'));
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => (relay === undefined ? resolve(undefined) : relay.close(resolve)));
  await rm(dir, { recursive: true, force: true });
});

describe('the background engine and the Outbox', () => {
  it('sends a message queued while the submission server was unreachable soon after it is back, while IMAP idles, and reports it', async () => {
    const engine = await AccountEngine.open(account(), dir, async () => servers.users.alice.password);
    const heard: Progress[] = [];
    try {
      engine.startBackground(() => undefined, undefined, (p) => heard.push(p));
      // Joins the background engine's first sync: after it, the engine waits in IDLE.
      await engine.syncNow();

      const messageId = `${RUN}.retry@tegami.test`;
      const bytes = await buildMessage({ from: servers.users.alice.address, to: [servers.users.bob.address], subject: `outbox retry ${RUN}`, text: 'queued while the submission server was away', messageId });
      await engine.outbox.enqueue(bytes, { from: servers.users.alice.address, to: [servers.users.bob.address] });
      // What the composer's send does: one attempt, which finds the port closed and fails
      // (the service reports that as the account's failure).
      await expect(engine.deliver((p) => heard.push(p))).rejects.toMatchObject({ code: 'connect-failed' });
      expect(engine.outbox.records[0]?.reason).toMatch(/^Not sent yet: Could not connect/u);
      const before = heard.length;

      await openRelay();
      const started = Date.now();
      await waitForMessage('bob', `<${messageId}>`, { timeoutMs: OUTBOX_RETRY_INITIAL_MS + 20_000 });
      // The first retry did it, not the periodic check minutes later.
      expect(Date.now() - started).toBeLessThan(OUTBOX_RETRY_INITIAL_MS + 20_000);
      await expect.poll(() => engine.outbox.records.length, { timeout: 10_000 }).toBe(0);
      expect(await findByMessageId('bob', `<${messageId}>`)).toHaveLength(1);
      // The retry's delivery reported: the failure of the composer's attempt is over.
      await expect.poll(() => heard.slice(before).map((p) => p.phase), { timeout: 10_000 }).toContain('done');
    } finally {
      await engine.close();
    }
  }, 90_000);
});
