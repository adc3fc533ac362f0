/**
 * The connection log after a refused login, against the real Dovecot and Postfix: a wrong
 * password leaves no session behind, yet the log must show the server's refusal (IMAP NO,
 * POP3 -ERR, SMTP 535) and never the password, in clear or base64 (SASL PLAIN).
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account, ConnectionLogEntry } from '../../core/api/contract.js';
import { buildMessage } from '../../core/mime/index.js';
import { AccountEngine } from '../../core/sync/engine.js';
import { loadServers, type ServersDescriptor } from '../servers/descriptor.js';

const RUN = randomUUID().slice(0, 8);
const WRONG = `wrong-${RUN}-Pässwort`;
let servers: ServersDescriptor;
let dir: string;
const engines: AccountEngine[] = [];

function account(protocol: 'imap' | 'pop3'): Account {
  const incoming = protocol === 'imap' ? servers.imap.tls : servers.pop3.tls;
  const smtp = servers.smtp.submission;
  const user = servers.users.alice.address;
  return {
    id: `acct-log-${protocol}-${RUN}`,
    name: 'Alice',
    email: user,
    incoming: { protocol, host: incoming.host, port: incoming.port, security: incoming.security, username: user },
    outgoing: { host: smtp.host, port: smtp.port, security: smtp.security, username: user },
    pop3: protocol === 'pop3' ? { leaveOnServer: true, deleteAfterDays: null } : null,
    caFile: servers.caFile,
  };
}

async function open(protocol: 'imap' | 'pop3'): Promise<AccountEngine> {
  const engine = await AccountEngine.open(account(protocol), join(dir, protocol), async () => WRONG);
  engines.push(engine);
  return engine;
}

/** Every way the password could appear: as typed, and inside a SASL PLAIN or LOGIN response. */
function leaks(log: readonly ConnectionLogEntry[]): string[] {
  const user = servers.users.alice.address;
  const forms = [WRONG, Buffer.from(WRONG).toString('base64'), Buffer.from(`\0${user}\0${WRONG}`).toString('base64'), Buffer.from(`${user}\0${user}\0${WRONG}`).toString('base64')];
  return log.filter((e) => forms.some((f) => e.text.includes(f))).map((e) => e.text);
}

beforeAll(async () => {
  servers = loadServers();
  dir = await mkdtemp(join(tmpdir(), 'tegami-connlog-'));
});

afterAll(async () => {
  for (const engine of engines) await engine.close();
  await rm(dir, { recursive: true, force: true });
});

describe('connection log of failed logins', () => {
  it('keeps the IMAP attempt with the server NO and without the password', async () => {
    const engine = await open('imap');
    expect(engine.connectionLog).toEqual([]);
    await expect(engine.syncNow()).rejects.toMatchObject({ code: 'auth-failed' });
    const log = engine.connectionLog;
    expect(log.every((e) => e.protocol === 'imap')).toBe(true);
    expect(log.some((e) => e.direction === 'server' && /^\S+ NO\b/u.test(e.text))).toBe(true);
    expect(log.some((e) => e.direction === 'client' && /AUTHENTICATE|LOGIN/iu.test(e.text))).toBe(true);
    expect(leaks(log)).toEqual([]);
    // A second attempt adds to the log instead of replacing it.
    await expect(engine.syncNow()).rejects.toMatchObject({ code: 'auth-failed' });
    expect(engine.connectionLog.filter((e) => e.direction === 'server' && /^\S+ NO\b/u.test(e.text)).length).toBe(2 * log.filter((e) => e.direction === 'server' && /^\S+ NO\b/u.test(e.text)).length);
  });

  it('keeps the POP3 attempt with the server -ERR and without the password', async () => {
    const engine = await open('pop3');
    await expect(engine.syncNow()).rejects.toMatchObject({ code: 'auth-failed' });
    const log = engine.connectionLog;
    expect(log.length).toBeGreaterThan(0);
    expect(log.every((e) => e.protocol === 'pop3')).toBe(true);
    expect(log.some((e) => e.direction === 'server' && e.text.startsWith('-ERR'))).toBe(true);
    expect(leaks(log)).toEqual([]);
  });

  it('keeps the refused submission login of an outbox send, without the password', async () => {
    const engine = await open('imap');
    const bytes = await buildMessage({ from: servers.users.alice.address, to: [servers.users.bob.address], subject: `connection log ${RUN}`, text: 'never sent', messageId: `${RUN}.connlog@tegami.test` });
    await engine.outbox.enqueue(bytes, { from: servers.users.alice.address, to: [servers.users.bob.address] });
    const report = await engine.sendOutbox();
    expect(report).toMatchObject({ sent: 0, waiting: 1 });
    const log = engine.connectionLog.filter((e) => e.protocol === 'smtp');
    expect(log.some((e) => e.direction === 'client' && /^EHLO /u.test(e.text))).toBe(true);
    expect(log.some((e) => e.direction === 'server' && /^535[ -]/u.test(e.text))).toBe(true);
    expect(leaks(log)).toEqual([]);
  });
});
