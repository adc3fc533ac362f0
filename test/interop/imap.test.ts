/**
 * The IMAP client against the real Dovecot of the test stack (mail delivered through the real
 * Postfix). Every folder this file creates carries the run id, and messages are found by their
 * own Message-ID, never by counting a shared mailbox.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImapClient } from '../../core/imap/client.js';
import type { ImapEvent } from '../../core/imap/events.js';
import { MailError } from '../../core/net/mail-error.js';
import { loadServers, type ServersDescriptor, type TestUser } from '../servers/descriptor.js';

let servers: ServersDescriptor;
let ca: string;
let alice: TestUser;
const RUN = randomUUID().slice(0, 8);
const ROOT = `imap-${RUN}`;
const open: ImapClient[] = [];

beforeAll(async () => {
  servers = loadServers();
  ca = readFileSync(servers.caFile, 'utf8');
  alice = servers.users.alice;
  const c = await client();
  await c.run('create', ROOT);
  await c.logout();
});

afterAll(async () => {
  for (const c of open.splice(0)) c.close();
  const c = await client();
  const mine = (await c.run('list', { pattern: `${ROOT}*` })).map((f) => f.path).sort().reverse();
  for (const path of mine) await c.run('delete', path).catch(() => undefined);
  await c.logout();
});

async function client(kind: 'tls' | 'starttls' = 'tls', extra: Partial<Parameters<typeof ImapClient.connect>[0]> = {}): Promise<ImapClient> {
  const endpoint = servers.imap[kind];
  const c = await ImapClient.connect({
    host: endpoint.host,
    port: endpoint.port,
    security: endpoint.security,
    ca,
    auth: { user: alice.address, password: alice.password },
    ...extra,
  });
  open.push(c);
  return c;
}

function message(id: string, subject: string, body = 'hello\r\n'): Uint8Array {
  return Buffer.from(
    [`From: bob@tegami.test`, `To: ${alice.address}`, `Subject: ${subject}`, `Message-ID: ${id}`, `Date: Thu, 05 Feb 2026 10:20:30 +0000`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', body].join('\r\n'),
  );
}

const byId = (id: string) => ({ header: 'Message-ID', value: id }) as const;

describe('Dovecot over IMAP', () => {
  it.each(['tls', 'starttls'] as const)('logs in over %s, re-reads capabilities and keeps the password out of the transcript', async (kind) => {
    const c = await client(kind);
    expect(c.state.name).toBe('authenticated');
    expect(c.capabilities.has('IMAP4REV1')).toBe(true);
    // Post-login capabilities, not the pre-login list (which had AUTH= and, before TLS, LOGINDISABLED).
    expect(c.capabilities.has('LOGINDISABLED')).toBe(false);
    expect(c.capabilities.has('CONDSTORE')).toBe(true);
    expect(c.transcript?.format()).not.toContain(alice.password);
    await c.logout();
  });

  it('refuses a wrong password with auth-failed', async () => {
    const endpoint = servers.imap.tls;
    const error = await ImapClient.connect({ host: endpoint.host, port: endpoint.port, security: 'tls', ca, auth: { user: alice.address, password: 'wrong' } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MailError);
    expect((error as MailError).code).toBe('auth-failed');
  });

  it('lists namespaces and special-use folders', async () => {
    const c = await client();
    const ns = await c.run('namespace');
    expect(ns.personal[0]?.delimiter).toMatch(/^[./]$/);
    const folders = await c.run('list');
    const special = Object.fromEntries(folders.filter((f) => f.specialUse !== undefined).map((f) => [f.specialUse, f.path]));
    expect(special).toMatchObject({ '\\Sent': 'Sent', '\\Trash': 'Trash', '\\Drafts': 'Drafts', '\\Junk': 'Junk' });
    expect(folders.find((f) => f.path === 'INBOX')?.selectable).toBe(true);
    // The special-use folders are auto-subscribed in the stack's Dovecot configuration.
    expect(folders.find((f) => f.specialUse === '\\Sent')?.subscribed).toBe(true);
    await c.logout();
  });

  it('creates, renames and deletes folders with Japanese names', async () => {
    const c = await client();
    const delimiter = (await c.run('list', { pattern: 'INBOX' }))[0]?.delimiter ?? '/';
    const a = `${ROOT}${delimiter}日本語フォルダ`;
    const b = `${ROOT}${delimiter}送信済み・テスト`;
    await c.run('create', a);
    expect((await c.run('list', { pattern: `${ROOT}${delimiter}*` })).map((f) => f.path)).toContain(a);
    await c.run('rename', a, b);
    const after = (await c.run('list', { pattern: `${ROOT}${delimiter}*` })).map((f) => f.path);
    expect(after).toContain(b);
    expect(after).not.toContain(a);
    expect(await c.run('status', b, ['MESSAGES'])).toEqual({ path: b, messages: 0 });
    await c.run('delete', b);
    expect((await c.run('list', { pattern: `${ROOT}${delimiter}*` })).map((f) => f.path)).not.toContain(b);
    const missing = await c.run('select', `${ROOT}${delimiter}存在しない`).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((missing as MailError).code).toBe('mailbox-not-found');
    await c.logout();
  });

  it('appends with flags and date, searches, stores, moves and expunges', async () => {
    const c = await client();
    const box = `${ROOT}-a`;
    const other = `${ROOT}-b`;
    await c.run('create', box);
    await c.run('create', other);
    const id1 = `<imap-1-${RUN}@tegami.test>`;
    const id2 = `<imap-2-${RUN}@tegami.test>`;
    const date = new Date(Date.UTC(2026, 1, 5, 10, 20, 30));
    const appended = await c.run('append', box, [
      { content: message(id1, '日本語の件名'), flags: ['\\Seen', '$Tegami'], date },
      { content: message(id2, 'second') },
    ]);
    expect(appended.uids).toHaveLength(2);
    await c.run('select', box);
    const uid1 = (await c.run('search', byId(id1))).ids;
    expect(uid1).toEqual([appended.uids[0]]);
    const meta = await c.run('fetch', String(uid1[0]), { flags: true, internalDate: true, envelope: true, size: true });
    expect(meta.messages[0]?.attributes).toMatchObject({ flags: expect.arrayContaining(['\\Seen', '$Tegami']), internalDateMs: date.getTime() });
    expect(meta.messages[0]?.attributes.envelope?.messageId).toBe(id1);
    expect((await c.run('search', { field: 'SUBJECT', value: '日本語' })).ids).toEqual(uid1);
    expect((await c.run('search', { flag: 'UNSEEN' })).ids).toEqual([appended.uids[1]]);

    const stored = await c.run('store', String(appended.uids[1]), { operation: 'add', flags: ['\\Flagged'] }, { returnFlags: true });
    expect(stored.updated[0]?.attributes.flags).toContain('\\Flagged');

    const moved = await c.run('move', String(appended.uids[1]), other);
    expect(moved.expunged).toBe(true);
    expect(moved.sourceUids).toBe(String(appended.uids[1]));
    expect((await c.run('search', byId(id2))).ids).toEqual([]);

    await c.run('store', String(uid1[0]), { operation: 'add', flags: ['\\Deleted'] });
    const expunged = await c.run('expunge', String(uid1[0]));
    expect(expunged.sequenceNumbers).toEqual([1]);
    expect((await c.run('status', other, ['MESSAGES'])).messages).toBe(1);
    await c.run('select', other);
    expect((await c.run('search', byId(id2))).ids).toHaveLength(1);
    await c.logout();
  });

  it('resynchronises with CONDSTORE/QRESYNC after changes by a second connection', async () => {
    const box = `${ROOT}-sync`;
    const a = await client('tls', { enable: ['QRESYNC'] });
    const b = await client();
    await a.run('create', box);
    const { uids } = await a.run('append', box, [1, 2, 3].map((n) => ({ content: message(`<sync-${n}-${RUN}@tegami.test>`, `sync ${n}`) })));
    const first = await a.run('select', box, { condstore: true });
    const { uidValidity } = first.mailbox;
    const modseq = first.mailbox.highestModseq;
    if (uidValidity === undefined || modseq === undefined) throw new Error('no CONDSTORE state');
    await a.run('unselect');

    await b.run('select', box);
    await b.run('store', String(uids[0]), { operation: 'add', flags: ['\\Flagged'] });
    await b.run('store', String(uids[1]), { operation: 'add', flags: ['\\Deleted'] });
    await b.run('expunge', String(uids[1]));

    const resync = await a.run('select', box, { qresync: { uidValidity, modseq } });
    expect(resync.vanished.join(',')).toBe(String(uids[1]));
    expect(resync.changed.map((m) => [m.attributes.uid, m.attributes.flags])).toEqual([[uids[0], ['\\Flagged']]]);
    expect(resync.mailbox.highestModseq).toBeGreaterThan(modseq);
    const since = await a.run('fetch', '1:*', { flags: true }, { changedSince: modseq, vanished: true });
    expect(since.messages.map((m) => m.attributes.uid)).toEqual([uids[0]]);
    await a.logout();
    await b.logout();
  });

  it('IDLE reports a message delivered through Postfix within a second of it landing', async () => {
    const c = await client();
    await c.run('select', 'INBOX');
    const events: Array<{ at: number; event: ImapEvent }> = [];
    c.on((event) => events.push({ at: Date.now(), event }));
    const stop = new AbortController();
    const idling = c.run('idle', { signal: stop.signal });
    await new Promise((r) => setTimeout(r, 100));

    const id = `<imap-idle-${RUN}@tegami.test>`;
    // Dovecot's LMTP writes into new/; a session that syncs the mailbox may move the file to
    // cur/ right after announcing it, so both are watched.
    const dirs = ['new', 'cur'].map((d) => join(alice.maildir, d));
    const seenNames = new Set(dirs.flatMap((d) => readdirSync(d)));
    const sent = Date.now();
    const inject = servers.smtp.inject;
    const transport = nodemailer.createTransport({ host: inject.host, port: inject.port, secure: false, ignoreTLS: true });
    await transport.sendMail({ envelope: { from: 'bob@tegami.test', to: [alice.address] }, raw: Buffer.from(message(id, 'idle')) });
    transport.close();

    // The clock starts when the file is in the Maildir (found in new/), or, if a sync already
    // moved it to cur/ before we looked, when the SMTP submission began.
    let landed: number | undefined;
    for (let i = 0; i < 1000 && landed === undefined; i++) {
      for (const [k, dir] of dirs.entries()) {
        for (const name of readdirSync(dir)) {
          if (seenNames.has(name)) continue;
          let text: string;
          try {
            text = readFileSync(join(dir, name), 'utf8');
          } catch {
            continue; // moved from new/ to cur/ meanwhile: it shows up there under a new name
          }
          seenNames.add(name);
          if (landed === undefined && text.includes(id)) landed = k === 0 ? Date.now() : sent;
        }
      }
      if (landed === undefined) await new Promise((r) => setTimeout(r, 10));
    }
    if (landed === undefined) throw new Error('the message never reached the Maildir');
    const t0 = landed;
    const deadline = Date.now() + 5000;
    let seen: number | undefined;
    while (seen === undefined && Date.now() < deadline) {
      seen = events.find((e) => e.event.type === 'exists' && e.at >= t0 - 50)?.at;
      if (seen === undefined) await new Promise((r) => setTimeout(r, 5));
    }
    stop.abort();
    await idling;
    expect(seen).toBeDefined();
    expect((seen ?? Infinity) - t0).toBeLessThan(1000);
    expect((await c.run('search', byId(id))).ids).toHaveLength(1);
    await c.logout();
  });

  it('fetches a 25 MB message whole, streamed and in ranges', async () => {
    const c = await client();
    const box = `${ROOT}-big`;
    await c.run('create', box);
    const id = `<imap-big-${RUN}@tegami.test>`;
    const body = randomBytes(18_750_000).toString('base64').replace(/(.{76})/g, '$1\r\n');
    const raw = message(id, 'big', body);
    expect(raw.length).toBeGreaterThan(25_000_000);
    const { uids } = await c.run('append', box, { content: raw });
    await c.run('examine', box);
    const uid = String(uids[0]);
    const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

    const whole = await c.run('fetch', uid, { size: true, source: true });
    const data = whole.messages[0]?.attributes.sections?.[0]?.data;
    if (!(data instanceof Uint8Array)) throw new Error('no body');
    expect(whole.messages[0]?.attributes.size).toBe(raw.length);
    expect(sha(data)).toBe(sha(raw));

    const hash = createHash('sha256');
    let streamed = 0;
    const viaSink = await c.run('fetch', uid, { source: true }, {
      stream: { threshold: 1024 * 1024, sink: () => ({ write: (chunk) => { hash.update(chunk); streamed += chunk.length; }, end: () => undefined }) },
    });
    expect(viaSink.messages[0]?.attributes.sections?.[0]?.data).toEqual({ streamed: true, size: raw.length });
    expect(streamed).toBe(raw.length);
    expect(hash.digest('hex')).toBe(sha(raw));

    for (const start of [0, 12_345_678, raw.length - 1000]) {
      const part = await c.run('fetch', uid, { source: { start, length: 1_000_000 } });
      const bytes = part.messages[0]?.attributes.sections?.[0];
      expect(bytes?.origin).toBe(start);
      expect(Buffer.from(bytes?.data as Uint8Array).equals(Buffer.from(raw.subarray(start, start + 1_000_000)))).toBe(true);
    }
    await c.logout();
  });
});
