/**
 * The POP3 client against the real Dovecot of the test stack, with mail delivered through the
 * real Postfix. The INBOX is shared with other test files running in parallel, so every message
 * here carries its own unique Message-ID, is found through TOP, and only those are ever deleted.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../core/cli/main.js';
import { pop3Command } from '../../core/cli/pop3.js';
import { Pop3Client, type Pop3ConnectOptions } from '../../core/pop3/client.js';
import { DownloadSession } from '../../core/pop3/session.js';
import { atomicFileSink } from '../../core/pop3/file-sink.js';
import { BufferSink, type MessageSink } from '../../core/pop3/sink.js';
import { JsonFileStateStore } from '../../core/pop3/state-file.js';
import { deliverMessage } from '../servers/deliver.js';
import { loadServers, type ServersDescriptor, type TestUser } from '../servers/descriptor.js';
import { expectMailError } from '../support/mail-error.js';

let servers: ServersDescriptor;
let ca: string;
let alice: TestUser;
const dirs: string[] = [];
const RUN = randomUUID().slice(0, 8);

interface Mine {
  readonly id: string;
  raw: Buffer;
}

/** Messages this file delivers, by role. */
const mine: Record<'dots' | 'plain' | 'remove' | 'dropped' | 'large', Mine> = {
  dots: { id: `<pop3-dots-${RUN}@tegami.test>`, raw: Buffer.alloc(0) },
  plain: { id: `<pop3-plain-${RUN}@tegami.test>`, raw: Buffer.alloc(0) },
  remove: { id: `<pop3-remove-${RUN}@tegami.test>`, raw: Buffer.alloc(0) },
  dropped: { id: `<pop3-dropped-${RUN}@tegami.test>`, raw: Buffer.alloc(0) },
  large: { id: `<pop3-large-${RUN}@tegami.test>`, raw: Buffer.alloc(0) },
};

function build(id: string, subject: string, body: string): Buffer {
  return Buffer.from(
    [
      `From: POP3 interop <bob@tegami.test>`,
      `To: alice@tegami.test`,
      `Subject: ${subject}`,
      `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
      `Message-ID: ${id}`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      body,
    ].join('\r\n'),
  );
}

function options(kind: 'tls' | 'starttls'): Pop3ConnectOptions {
  const endpoint = servers.pop3[kind];
  return { host: endpoint.host, port: endpoint.port, security: endpoint.security, ca, servername: 'localhost' };
}

async function session(kind: 'tls' | 'starttls' = 'tls'): Promise<Pop3Client> {
  const client = await Pop3Client.connect(options(kind));
  await client.login(alice.user, alice.password);
  return client;
}

function messageIdOf(header: Buffer): string | undefined {
  const unfolded = header.toString('utf8').replace(/\r?\n[ \t]+/g, ' ');
  return /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(unfolded)?.[1];
}

/**
 * Message-ID → message for this run's messages, found with TOP n 0 (cached by UIDL). The scan
 * runs from the newest message backwards and stops once every wanted id is found, so a shared
 * INBOX full of other tests' mail costs little.
 */
const idByUidl = new Map<string, string | undefined>();
async function findMine(client: Pop3Client, wanted: readonly string[] = Object.values(mine).map((m) => m.id)): Promise<Map<string, { msg: number; uidl: string }>> {
  const found = new Map<string, { msg: number; uidl: string }>();
  const listing = await client.uidl();
  for (let i = listing.length - 1; i >= 0 && found.size < wanted.length; i--) {
    const item = listing[i];
    if (item === undefined) continue;
    if (!idByUidl.has(item.uidl)) idByUidl.set(item.uidl, messageIdOf(await client.top(item.msg, 0)));
    const id = idByUidl.get(item.uidl);
    if (id !== undefined && wanted.includes(id)) found.set(id, { msg: item.msg, uidl: item.uidl });
  }
  return found;
}

/** Polls (new sessions see new mail) until every wanted Message-ID is in the maildrop. */
async function waitFor(ids: readonly string[]): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const client = await session();
    const found = await findMine(client, ids);
    await client.quit();
    if (ids.every((id) => found.has(id))) return;
    if (Date.now() > deadline) throw new Error(`messages not delivered in time: ${ids.filter((id) => !found.has(id)).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function stateStore(): JsonFileStateStore {
  const dir = mkdtempSync(join(tmpdir(), 'tegami-pop3-interop-'));
  dirs.push(dir);
  return new JsonFileStateStore(join(dir, 'state.json'));
}

beforeAll(async () => {
  servers = loadServers();
  ca = readFileSync(servers.caFile, 'utf8');
  alice = servers.users.alice;
  mine.dots.raw = build(
    mine.dots.id,
    `dots ${RUN}`,
    ['.leading dot', '..two leading dots', '.', 'a line with . in it', '...', '. space after dot', 'last line', ''].join('\r\n'),
  );
  mine.plain.raw = build(mine.plain.id, `plain ${RUN}`, ['first body line', 'second body line', 'third body line', ''].join('\r\n'));
  mine.remove.raw = build(mine.remove.id, `remove ${RUN}`, 'delete me\r\n');
  mine.dropped.raw = build(mine.dropped.id, `dropped ${RUN}`, 'DELE then drop\r\n');
  // About 8 MB, every seventh line starting with a dot.
  const lines = Array.from({ length: 100_000 }, (_, i) => `${i % 7 === 0 ? '.' : ''}line ${i} ${'z'.repeat(64)}`);
  mine.large.raw = build(mine.large.id, `large ${RUN}`, `${lines.join('\r\n')}\r\n`);
  // Through Postfix (SMTP inject port → LMTP → Dovecot); resolves once in alice's Maildir.
  for (const m of Object.values(mine)) await deliverMessage('alice', m.raw, { from: 'bob@tegami.test', servers });
  await waitFor(Object.values(mine).map((m) => m.id));
});

afterAll(async () => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('POP3 against Dovecot', () => {
  it('implicit TLS: verifies the certificate, logs in with USER/PASS, STAT and LIST agree', async () => {
    const client = await session('tls');
    expect(client.encrypted).toBe(true);
    expect(client.tls?.verified).toBe(true);
    expect(client.capabilities.uidl).toBe(true);
    expect(client.capabilities.top).toBe(true);
    const stat = await client.stat();
    const list = await client.list();
    expect(list).toHaveLength(stat.count);
    expect(list.reduce((sum, l) => sum + l.size, 0)).toBe(stat.size);
    const first = list[0];
    if (first) expect(await client.list(first.msg)).toEqual(first);
    await client.quit();
  });

  it('STLS: upgrades, re-reads CAPA, and authenticates with SASL PLAIN', async () => {
    const client = await Pop3Client.connect(options('starttls'));
    expect(client.encrypted).toBe(true);
    expect(client.tls?.verified).toBe(true);
    // The CAPA read again over TLS (RFC 2595 §4) lists USER and the SASL mechanisms.
    expect(client.capabilities.user).toBe(true);
    expect(client.capabilities.saslMechanisms).toContain('PLAIN');
    await client.authenticate({ username: alice.user, password: alice.password }, 'PLAIN');
    expect(client.state).toBe('transaction');
    expect(client.transcript.format()).not.toContain(Buffer.from(`\0${alice.user}\0${alice.password}`).toString('base64'));
    await client.quit();
  });

  it('UIDL single and all agree; TOP returns the header and the first lines', async () => {
    const client = await session();
    const plain = (await findMine(client, [mine.plain.id])).get(mine.plain.id);
    if (!plain) throw new Error('plain message not found');
    expect(await client.uidl(plain.msg)).toEqual(plain);
    const top = (await client.top(plain.msg, 2)).toString('utf8');
    expect(top).toContain(`Message-ID: ${mine.plain.id}`);
    expect(top.endsWith('\r\n\r\nfirst body line\r\nsecond body line\r\n')).toBe(true);
    await client.quit();
  });

  it('RETR returns a message with dot lines byte-identical to what was submitted', async () => {
    const client = await session();
    const dots = (await findMine(client, [mine.dots.id])).get(mine.dots.id);
    if (!dots) throw new Error('dots message not found');
    const sink = new BufferSink();
    const result = await client.retr(dots.msg, sink);
    const got = sink.bytes;
    // The server prepends Return-Path, Delivered-To and Received; everything we wrote follows.
    expect(got.subarray(got.length - mine.dots.raw.length).equals(mine.dots.raw)).toBe(true);
    const prepended = got.subarray(0, got.length - mine.dots.raw.length).toString('utf8');
    for (const line of prepended.split('\r\n').filter((l) => l !== '' && !/^[ \t]/.test(l))) {
      expect(line).toMatch(/^(Return-Path|Delivered-To|Received):/);
    }
    expect(result.bytes).toBe(got.length);
    expect(sink.status).toBe('committed');
    await client.quit();
  });

  it('streams a large message into a durable file, byte-identical', async () => {
    const client = await session();
    const large = (await findMine(client, [mine.large.id])).get(mine.large.id);
    if (!large) throw new Error('large message not found');
    const dir = mkdtempSync(join(tmpdir(), 'tegami-pop3-interop-'));
    dirs.push(dir);
    const path = join(dir, 'large.eml');
    const file = atomicFileSink(path);
    let writes = 0;
    const counting: MessageSink = {
      write: (chunk) => {
        writes += 1;
        return file.write(chunk);
      },
      commit: () => file.commit(),
      abort: (reason) => file.abort(reason),
    };
    const result = await client.retr(large.msg, counting);
    await client.quit();
    const got = readFileSync(path);
    expect(got.length).toBe(result.bytes);
    expect(got.subarray(got.length - mine.large.raw.length).equals(mine.large.raw)).toBe(true);
    expect(writes).toBeGreaterThan(10);
  });

  it('tegami pop3 lists and retrieves over implicit TLS', async () => {
    const client = await session();
    const dots = (await findMine(client, [mine.dots.id])).get(mine.dots.id);
    await client.quit();
    if (!dots) throw new Error('dots message not found');
    const endpoint = servers.pop3.tls;
    const base = ['pop3', '--host', endpoint.host, '--port', String(endpoint.port), '--security', 'tls', '--ca', servers.caFile, '--user', alice.user, '--password-env', 'TEGAMI_TEST_PW'];
    const run = async (args: string[]): Promise<{ code: number; stdout: Buffer; stderr: string }> => {
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      stdout.on('data', (c: Buffer) => out.push(c));
      stderr.on('data', (c: Buffer) => err.push(c));
      const code = await runCli({ args: [...base, ...args], stdout, stderr, stdin: new PassThrough(), env: { TEGAMI_TEST_PW: alice.password } }, { pop3: pop3Command });
      return { code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') };
    };
    const uidl = await run(['uidl', '--json']);
    expect(uidl.stderr).toBe('');
    expect(uidl.code).toBe(0);
    expect(JSON.parse(uidl.stdout.toString('utf8'))).toContainEqual(dots);
    const retr = await run(['retr', String(dots.msg)]);
    expect(retr.code).toBe(0);
    expect(retr.stdout.subarray(retr.stdout.length - mine.dots.raw.length).equals(mine.dots.raw)).toBe(true);
  });

  it('DELE and a dropped connection: the message is still there afterwards', async () => {
    const client = await session();
    const dropped = (await findMine(client, [mine.dropped.id])).get(mine.dropped.id);
    if (!dropped) throw new Error('message not found');
    const download = await DownloadSession.begin(client, stateStore(), { kind: 'delete-after-download' });
    await download.downloadAndDeliver(dropped.uidl, new BufferSink());
    expect(download.markedForDeletion).toEqual([dropped.uidl]);
    // Drop without QUIT: RFC 1939 §6, the server never enters UPDATE.
    client.close();

    const again = await session();
    const uidls = (await again.uidl()).map((u) => u.uidl);
    expect(uidls).toContain(dropped.uidl);
    await again.quit();
  });

  it('deletes through a download session and QUIT, and only that message', async () => {
    const client = await session();
    const before = await findMine(client, [mine.remove.id, mine.dots.id, mine.plain.id]);
    const remove = before.get(mine.remove.id);
    if (!remove) throw new Error('message not found');
    const others = (await client.uidl()).map((u) => u.uidl).filter((u) => u !== remove.uidl);
    const download = await DownloadSession.begin(client, stateStore(), { kind: 'delete-after-download' });
    const sink = new BufferSink();
    await download.downloadAndDeliver(remove.uidl, sink);
    expect(sink.bytes.subarray(sink.bytes.length - mine.remove.raw.length).equals(mine.remove.raw)).toBe(true);
    expect(await download.finish()).toEqual([remove.uidl]);

    const again = await session();
    const after = (await again.uidl()).map((u) => u.uidl);
    expect(after).not.toContain(remove.uidl);
    // Nothing else was removed by us (others may have removed their own in the meantime, but
    // our own remaining messages are all still there).
    for (const id of [mine.dots.id, mine.plain.id]) {
      const uidl = before.get(id)?.uidl;
      expect(uidl && others.includes(uidl) && after.includes(uidl)).toBe(true);
    }
    await again.quit();
  });

  it('cleans up: removes the remaining messages of this run, and only those', async () => {
    const client = await session();
    const found = await findMine(client, [mine.dots.id, mine.plain.id, mine.dropped.id, mine.large.id]);
    expect(found.size).toBe(4);
    const download = await DownloadSession.begin(client, stateStore(), { kind: 'delete-after-download' });
    for (const { uidl } of found.values()) await download.downloadAndDeliver(uidl, new BufferSink());
    expect((await download.finish()).sort()).toEqual([...found.values()].map((f) => f.uidl).sort());
    const again = await session();
    const left = (await again.uidl()).map((u) => u.uidl);
    for (const { uidl } of found.values()) expect(left).not.toContain(uidl);
    await again.quit();
  });
  it('without TLS the client refuses to send the password, and Dovecot refuses it too', async () => {
    const endpoint = servers.pop3.starttls;
    const plain = await Pop3Client.connect({ host: endpoint.host, port: endpoint.port, security: 'none' });
    expect((await expectMailError(plain.login(alice.user, alice.password))).code).toBe('auth-insecure');
    plain.close();
    // With explicit consent the client sends it; Dovecot (disable_plaintext_auth) still says no.
    const consenting = await Pop3Client.connect({ host: endpoint.host, port: endpoint.port, security: 'none', allowInsecureAuth: true });
    expect(consenting.capabilities.stls).toBe(true);
    const error = await expectMailError(consenting.login(alice.user, alice.password));
    expect(error.code).toBe('auth-failed');
    expect(error.reply?.text).toMatch(/plaintext/i);
    consenting.close();
  });

  // Last: Dovecot may slow down the next logins from this address after a failure.
  it('a wrong password is a typed auth-failed error with the server text', async () => {
    const client = await Pop3Client.connect(options('tls'));
    const error = await expectMailError(client.login(alice.user, `${alice.password}-wrong`));
    expect(error.code).toBe('auth-failed');
    expect(error.reply?.status).toBe('-ERR');
    expect(error.reply?.text.length).toBeGreaterThan(0);
    expect(client.transcript.format()).not.toContain(`${alice.password}-wrong`);
    client.close();
  });
});
