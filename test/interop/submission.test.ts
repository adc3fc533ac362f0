/**
 * The real stack end to end, in raw conversations: submission with STARTTLS and implicit TLS
 * (RFC 6409, RFC 3207, RFC 8314), AUTH only after TLS (RFC 4954 section 4), delivery into the
 * recipient's Maildir, relay refusal, and IMAP/POP3 logins over STARTTLS/STLS and implicit TLS.
 * The global setup started the servers; every message is found by its own Message-ID.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { loadServers, type Endpoint, type TestUser } from '../servers/descriptor.js';
import { DeliveryError, deliverMessage, findByMessageId, waitForMessage } from '../servers/deliver.js';
import { WireSession } from '../servers/wire.js';

const servers = loadServers();
const ca = readFileSync(servers.caFile, 'utf8');
const { alice, bob } = servers.users;
const open: WireSession[] = [];

async function connect(endpoint: Endpoint): Promise<WireSession> {
  const session = await WireSession.open(endpoint, ca);
  open.push(session);
  return session;
}

afterEach(() => {
  for (const session of open.splice(0)) session.close();
});

function authPlain(user: TestUser, password = user.password): string {
  return Buffer.from(`\0${user.user}\0${password}`, 'utf8').toString('base64');
}

function uniqueMessage(from: TestUser, to: TestUser): { id: string; raw: string } {
  const id = `<submission-${randomUUID()}@tegami.test>`;
  const raw = [
    `From: ${from.address}`,
    `To: ${to.address}`,
    `Subject: submission test ${id}`,
    `Message-ID: ${id}`,
    'Date: Sat, 28 Nov 2026 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Hello over submission.',
    '.a line that needs dot-stuffing',
    '',
  ].join('\r\n');
  return { id, raw };
}

/** Greeting + EHLO (+ STARTTLS + EHLO when the port needs it); returns the EHLO keywords. */
async function readyToAuth(session: WireSession, starttls: boolean): Promise<string[]> {
  expect((await session.readReply()).code).toBe(220);
  let ehlo = await session.command('EHLO client.tegami.test');
  expect(ehlo.code).toBe(250);
  if (starttls) {
    expect(ehlo.lines).toContain('STARTTLS');
    expect((await session.command('STARTTLS')).code).toBe(220);
    await session.startTls();
    ehlo = await session.command('EHLO client.tegami.test');
    expect(ehlo.code).toBe(250);
  }
  return ehlo.lines.slice(1);
}

async function sendMessage(session: WireSession, from: TestUser, to: TestUser, raw: string): Promise<void> {
  expect((await session.command(`AUTH PLAIN ${authPlain(from)}`)).code).toBe(235);
  expect((await session.command(`MAIL FROM:<${from.address}>`)).code).toBe(250);
  expect((await session.command(`RCPT TO:<${to.address}>`)).code).toBe(250);
  expect((await session.command('DATA')).code).toBe(354);
  const stuffed = raw.replace(/^\./gm, '..');
  const end = await (async () => {
    await session.write(`${stuffed}\r\n.\r\n`);
    return session.readReply();
  })();
  expect(end.code).toBe(250);
  expect((await session.command('QUIT')).code).toBe(221);
}

/** The one copy of `id` in the user's INBOX (a second copy would be a duplicate delivery). */
async function delivered(user: TestUser, id: string): Promise<Buffer> {
  const message = await waitForMessage(user.address, id);
  expect(await findByMessageId(user.address, id)).toHaveLength(1);
  return message.raw;
}

describe('SMTP submission', () => {
  it('sends through STARTTLS + AUTH PLAIN and the message lands in the recipient Maildir', async () => {
    const session = await connect(servers.smtp.submission);
    await readyToAuth(session, true);
    // The certificate verified against the throwaway CA for "localhost" (no rejectUnauthorized: false).
    expect(session.tlsSocket?.authorized).toBe(true);
    const { id, raw } = uniqueMessage(alice, bob);
    await sendMessage(session, alice, bob, raw);
    const stored = (await delivered(bob, id)).toString('utf8');
    expect(stored).toContain(`Message-ID: ${id}`);
    expect(stored).toMatch(/\r?\n\.a line that needs dot-stuffing\r?\n/);
  });

  it('does not offer AUTH before STARTTLS, and offers it after', async () => {
    const session = await connect(servers.smtp.submission);
    expect((await session.readReply()).code).toBe(220);
    const before = await session.command('EHLO client.tegami.test');
    expect(before.lines.some((line) => /^AUTH\b/i.test(line))).toBe(false);
    // RFC 3207 section 4: with smtpd_tls_security_level=encrypt, mail before TLS is refused.
    expect((await session.command(`AUTH PLAIN ${authPlain(alice)}`)).code).toBeGreaterThanOrEqual(500);
    expect((await session.command(`MAIL FROM:<${alice.address}>`)).code).toBe(530);
    expect((await session.command('STARTTLS')).code).toBe(220);
    await session.startTls();
    const after = await session.command('EHLO client.tegami.test');
    expect(after.lines.find((line) => /^AUTH\b/i.test(line))).toMatch(/\bPLAIN\b/);
  });

  it('answers a wrong password with 535', async () => {
    const session = await connect(servers.smtp.submission);
    await readyToAuth(session, true);
    const reply = await session.command(`AUTH PLAIN ${authPlain(alice, 'not-the-password')}`);
    expect(reply.code).toBe(535);
  });

  it('refuses recipients before AUTH even over TLS', async () => {
    const session = await connect(servers.smtp.submission);
    await readyToAuth(session, true);
    expect((await session.command(`MAIL FROM:<${alice.address}>`)).code).toBe(250);
    expect((await session.command(`RCPT TO:<${bob.address}>`)).code).toBe(554);
  });

  it('sends over implicit TLS (submissions)', async () => {
    const session = await connect(servers.smtp.submissions);
    expect(session.tlsSocket?.authorized).toBe(true);
    const keywords = await readyToAuth(session, false);
    expect(keywords.some((line) => /^AUTH\b.*\bPLAIN\b/i.test(line))).toBe(true);
    const { id, raw } = uniqueMessage(bob, alice);
    await sendMessage(session, bob, alice, raw);
    await delivered(alice, id);
  });

  it('refuses to relay to an outside domain on the inject port', async () => {
    const id = `<outside-${randomUUID()}@tegami.test>`;
    const attempt = deliverMessage('someone@example.com', `Message-ID: ${id}\r\nSubject: outside\r\n\r\nno\r\n`);
    await expect(attempt).rejects.toBeInstanceOf(DeliveryError);
    await expect(attempt).rejects.toMatchObject({ reply: { code: 554 } });
  });

  it('refuses to relay to an outside domain after AUTH on submission', async () => {
    const session = await connect(servers.smtp.submission);
    await readyToAuth(session, true);
    expect((await session.command(`AUTH PLAIN ${authPlain(alice)}`)).code).toBe(235);
    expect((await session.command(`MAIL FROM:<${alice.address}>`)).code).toBe(250);
    const reply = await session.command('RCPT TO:<someone@example.com>');
    expect(reply.code).toBe(554);
    expect(reply.text).toMatch(/Relay access denied/);
  });
});

describe('IMAP and POP3 logins', () => {
  async function imap(session: WireSession, tag: string, command: string): Promise<string[]> {
    await session.write(`${tag} ${command}\r\n`);
    return session.readUntil(new RegExp(`^${tag} `));
  }

  it('IMAP: LOGINDISABLED before STARTTLS (RFC 3501 section 6.2.3), LOGIN after it', async () => {
    const session = await connect(servers.imap.starttls);
    expect(await session.readLine()).toMatch(/^\* OK /);
    const caps = (await imap(session, 'a1', 'CAPABILITY')).join('\n');
    expect(caps).toMatch(/\bSTARTTLS\b/);
    expect(caps).toMatch(/\bLOGINDISABLED\b/);
    expect((await imap(session, 'a2', `LOGIN ${alice.user} ${alice.password}`)).at(-1)).toMatch(/^a2 NO /);
    expect((await imap(session, 'a3', 'STARTTLS')).at(-1)).toMatch(/^a3 OK /);
    await session.startTls();
    expect(session.tlsSocket?.authorized).toBe(true);
    expect((await imap(session, 'a4', `LOGIN ${alice.user} ${alice.password}`)).at(-1)).toMatch(/^a4 OK /);
    const folders = (await imap(session, 'a5', 'LIST "" "*"')).join('\n');
    for (const use of ['Drafts', 'Sent', 'Trash', 'Junk', 'Archive']) expect(folders).toContain(`\\${use}`);
    expect((await imap(session, 'a6', 'LOGOUT')).at(-1)).toMatch(/^a6 OK /);
  });

  it('IMAP over implicit TLS: login, CONDSTORE and QRESYNC advertised', async () => {
    const session = await connect(servers.imap.tls);
    expect(session.tlsSocket?.authorized).toBe(true);
    expect(await session.readLine()).toMatch(/^\* OK /);
    const login = await imap(session, 'b1', `LOGIN ${bob.user} ${bob.password}`);
    expect(login.at(-1)).toMatch(/^b1 OK /);
    const caps = (await imap(session, 'b2', 'CAPABILITY')).join('\n');
    expect(caps).toMatch(/\bCONDSTORE\b/);
    expect(caps).toMatch(/\bQRESYNC\b/);
    expect((await imap(session, 'b3', 'LOGIN x y')).at(-1)).toMatch(/^b3 BAD /);
  });

  it('POP3: no USER/PASS before STLS, login after it (RFC 2595 section 4)', async () => {
    const session = await connect(servers.pop3.starttls);
    expect(await session.readLine()).toMatch(/^\+OK /);
    await session.write(`USER ${alice.user}\r\n`);
    expect(await session.readLine()).toMatch(/^-ERR /);
    await session.write('STLS\r\n');
    expect(await session.readLine()).toMatch(/^\+OK /);
    await session.startTls();
    await session.write(`USER ${alice.user}\r\n`);
    expect(await session.readLine()).toMatch(/^\+OK/);
    await session.write(`PASS ${alice.password}\r\n`);
    expect(await session.readLine()).toMatch(/^\+OK /);
    await session.write('QUIT\r\n');
    expect(await session.readLine()).toMatch(/^\+OK/);
  });

  it('POP3 over implicit TLS: login, and a wrong password fails', async () => {
    const session = await connect(servers.pop3.tls);
    expect(session.tlsSocket?.authorized).toBe(true);
    expect(await session.readLine()).toMatch(/^\+OK /);
    await session.write(`USER ${bob.user}\r\nPASS wrong\r\n`);
    expect(await session.readLine()).toMatch(/^\+OK/);
    expect(await session.readLine()).toMatch(/^-ERR /);
    await session.write(`USER ${bob.user}\r\nPASS ${bob.password}\r\n`);
    expect(await session.readLine()).toMatch(/^\+OK/);
    expect(await session.readLine()).toMatch(/^\+OK /);
  });
});
