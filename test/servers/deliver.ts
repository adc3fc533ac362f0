/**
 * Putting test mail into the stack's mailboxes and reading it back from disk:
 *  - deliverMessage: the real path (SMTP on the inject port → Postfix → LMTP → Dovecot), then
 *    waits until the message is in each recipient's Maildir;
 *  - saveWithDoveadm: `doveadm save`, one message straight into a folder;
 *  - bulkLoad: thousands of messages written into the Maildir and indexed with one
 *    `doveadm force-resync`, for benchmarks that need a big INBOX;
 *  - findInMaildir: the files of a folder whose content matches a predicate.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chown, open, readFile, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadServers, type ServersDescriptor, type TestUser } from './descriptor.js';
import { run } from './exec.js';
import { WireSession, type SmtpReply } from './wire.js';

export type Recipient = 'alice' | 'bob' | (string & {});

export interface DeliverOptions {
  /** Envelope sender (MAIL FROM); default sender@example.org. */
  readonly from?: string;
  /** How long to wait for the message to appear in the Maildir; default 20 s. */
  readonly timeoutMs?: number;
  readonly servers?: ServersDescriptor;
}

export interface Delivered {
  readonly messageId: string;
  /** Path of the delivered file in each recipient's Maildir, keyed by address. */
  readonly files: Readonly<Record<string, string>>;
}

/** The SMTP server refused the message (the reply says why). */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    readonly stage: string,
    readonly reply: SmtpReply,
  ) {
    super(`SMTP ${stage} refused: ${reply.code} ${reply.text}`);
  }
}

const DEFAULT_TIMEOUT_MS = 20_000;
const HEADER_PEEK_BYTES = 64 * 1024;
const POLL_MS = 25;
const DATA_CHUNK = 1024 * 1024;

function toBuffer(raw: Uint8Array | string): Buffer {
  return typeof raw === 'string' ? Buffer.from(raw, 'utf8') : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
}

export function userFor(servers: ServersDescriptor, who: string): TestUser | undefined {
  if (who === 'alice' || who === 'bob') return servers.users[who];
  const wanted = who.toLowerCase();
  return Object.values(servers.users).find((user) => user.address.toLowerCase() === wanted);
}

function requireUser(servers: ServersDescriptor, who: string): TestUser {
  const user = userFor(servers, who);
  if (user === undefined) throw new Error(`${who} is not a user of the test stack (alice, bob)`);
  return user;
}

function headerBlock(raw: Buffer): string {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  const ends = [crlf, lf].filter((i) => i >= 0);
  const end = ends.length === 0 ? raw.length : Math.min(...ends);
  return raw.subarray(0, Math.min(end, HEADER_PEEK_BYTES)).toString('latin1');
}

/** The Message-ID (with angle brackets) of a raw message, undefined when it has none. */
export function messageIdOf(raw: Uint8Array | string): string | undefined {
  const unfolded = headerBlock(toBuffer(raw)).replace(/\r?\n[ \t]+/g, ' ');
  return /^message-id:\s*(<[^>\r\n]+>)/im.exec(unfolded)?.[1];
}

/**
 * CRLF line ends and dot-stuffing (RFC 5321 section 4.5.2) in chunks, followed by the
 * terminating "." line. Bare LF becomes CRLF, so fixtures written with \n are fine.
 */
export function* smtpDataChunks(raw: Buffer): Generator<Buffer> {
  let parts: Buffer[] = [];
  let size = 0;
  let start = 0;
  let lineStart = true;
  const push = (part: Buffer): Buffer | undefined => {
    parts.push(part);
    size += part.length;
    if (size < DATA_CHUNK) return undefined;
    const chunk = Buffer.concat(parts);
    parts = [];
    size = 0;
    return chunk;
  };
  while (start < raw.length) {
    if (lineStart && raw[start] === 0x2e) {
      const out = push(Buffer.from('.'));
      if (out !== undefined) yield out;
    }
    const lf = raw.indexOf(0x0a, start);
    const end = lf < 0 ? raw.length : lf;
    const body = raw.subarray(start, end > start && raw[end - 1] === 0x0d ? end - 1 : end);
    const out = push(lf < 0 ? body : Buffer.concat([body, Buffer.from('\r\n')]));
    if (out !== undefined) yield out;
    lineStart = lf >= 0;
    start = end + 1;
  }
  parts.push(Buffer.from(lineStart ? '.\r\n' : '\r\n.\r\n'));
  yield Buffer.concat(parts);
}

function expect2xx(stage: string, reply: SmtpReply, accept: (code: number) => boolean = (c) => c >= 200 && c < 300): void {
  if (!accept(reply.code)) throw new DeliveryError(stage, reply);
}

/** One SMTP transaction on the inject port (no auth, no TLS needed: loopback test mail). */
export async function injectMessage(servers: ServersDescriptor, from: string, recipients: readonly string[], raw: Buffer): Promise<void> {
  const ca = readFileSync(servers.caFile, 'utf8');
  const session = await WireSession.open(servers.smtp.inject, ca, 60_000);
  try {
    expect2xx('greeting', await session.readReply());
    expect2xx('EHLO', await session.command('EHLO tegami-tests.localhost'));
    const eightBit = raw.some((byte) => byte >= 0x80);
    const utf8Addresses = /[^\x00-\x7f]/.test([from, ...recipients].join(''));
    const params = `${eightBit ? ' BODY=8BITMIME' : ''}${utf8Addresses ? ' SMTPUTF8' : ''} SIZE=${raw.length}`;
    expect2xx('MAIL FROM', await session.command(`MAIL FROM:<${from}>${params}`));
    for (const rcpt of recipients) expect2xx(`RCPT TO ${rcpt}`, await session.command(`RCPT TO:<${rcpt}>`));
    expect2xx('DATA', await session.command('DATA'), (code) => code === 354);
    for (const chunk of smtpDataChunks(raw)) await session.write(chunk);
    expect2xx('end of DATA', await session.readReply());
    await session.command('QUIT').catch(() => undefined);
  } finally {
    session.close();
  }
}

async function names(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

/** Maildir file names without the ":2,flags" part, which changes when a client sets flags. */
function baseName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(0, colon);
}

async function snapshot(folder: string): Promise<Set<string>> {
  const [fresh, seen] = await Promise.all([names(join(folder, 'new')), names(join(folder, 'cur'))]);
  return new Set([...fresh, ...seen].map(baseName));
}

async function peekHeaders(file: string): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return undefined; // moved from new/ to cur/ between listing and opening
  }
  try {
    const buffer = Buffer.alloc(HEADER_PEEK_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEADER_PEEK_BYTES, 0);
    return headerBlock(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

async function findNewFile(folder: string, before: ReadonlySet<string>, messageId: string): Promise<string | undefined> {
  const needle = messageId.toLowerCase();
  for (const sub of ['new', 'cur']) {
    for (const name of await names(join(folder, sub))) {
      if (before.has(baseName(name))) continue;
      const path = join(folder, sub, name);
      const headers = await peekHeaders(path);
      if (headers === undefined) continue;
      const id = messageIdOf(headers + '\r\n\r\n');
      if (id !== undefined && id.toLowerCase() === needle) return path;
    }
  }
  return undefined;
}

/**
 * Sends `raw` through the inject port to each recipient ('alice', 'bob' or a full address) and
 * resolves once it sits in each recipient's Maildir INBOX. `raw` needs a Message-ID: that is
 * how the file is recognised among other tests' mail.
 */
export async function deliverMessage(to: Recipient | readonly Recipient[], raw: Uint8Array | string, options: DeliverOptions = {}): Promise<Delivered> {
  const servers = options.servers ?? loadServers();
  const message = toBuffer(raw);
  const messageId = messageIdOf(message);
  if (messageId === undefined) throw new Error('deliverMessage needs a message with a Message-ID header (it finds the delivery by it)');
  const targets = (typeof to === 'string' ? [to] : [...to]).map((who) => ({ who, user: userFor(servers, who) }));
  const addresses = targets.map(({ who, user }) => user?.address ?? who);
  const watched = await Promise.all(
    targets.flatMap(({ user }) => (user === undefined ? [] : [user])).map(async (user) => ({ user, before: await snapshot(user.maildir) })),
  );

  await injectMessage(servers, options.from ?? 'sender@example.org', addresses, message);

  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const files: Record<string, string> = {};
  for (const { user, before } of watched) {
    for (;;) {
      const path = await findNewFile(user.maildir, before, messageId);
      if (path !== undefined) {
        files[user.address] = path;
        break;
      }
      if (Date.now() > deadline) {
        throw new Error(`${messageId} was accepted but did not reach ${user.address}'s Maildir within ${timeoutMs} ms (see ${servers.postfix.log})`);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
  return { messageId, files };
}

function doveadm(servers: ServersDescriptor, args: readonly string[], input?: Buffer): Promise<{ stdout: string }> {
  return run('doveadm', ['-c', servers.dovecot.configFile, ...args], { input, timeoutMs: 120_000 });
}

/** Saves one message into a folder of `who` with `doveadm save` (no SMTP, no headers added). */
export async function saveWithDoveadm(who: Recipient, raw: Uint8Array | string, folder = 'INBOX', servers = loadServers()): Promise<void> {
  const user = requireUser(servers, who);
  await doveadm(servers, ['save', '-u', user.address, '-m', folder], toBuffer(raw));
}

/** The Maildir directory of a folder, as Dovecot names it (Maildir++ with mUTF-7 names). */
export async function folderPath(who: Recipient, folder = 'INBOX', servers = loadServers()): Promise<string> {
  const user = requireUser(servers, who);
  if (folder.toUpperCase() === 'INBOX') return user.maildir;
  const { stdout } = await doveadm(servers, ['mailbox', 'path', '-u', user.address, folder]);
  return stdout.trim();
}

export interface BulkOptions {
  readonly folder?: string;
  /** Maildir flag letters for every message (RFC-less Maildir convention: S seen, F flagged…). */
  readonly flags?: string;
  readonly servers?: ServersDescriptor;
}

/**
 * Loads many messages at once: each is written into the folder's cur/ as the dovecot user
 * would (tmp/ then rename, RFC-less Maildir rules), then one `doveadm force-resync` gives them
 * UIDs, so the first IMAP SELECT does not pay for it. About 100× faster than doveadm save per
 * message. Returns the number of messages loaded.
 */
export async function bulkLoad(who: Recipient, messages: Iterable<Uint8Array | string>, options: BulkOptions = {}): Promise<number> {
  const servers = options.servers ?? loadServers();
  const user = requireUser(servers, who);
  const folder = options.folder ?? 'INBOX';
  if (folder.toUpperCase() !== 'INBOX') {
    await doveadm(servers, ['mailbox', 'create', '-u', user.address, folder]).catch((error: unknown) => {
      if (!/exists/i.test(String(error))) throw error;
    });
  }
  const dir = await folderPath(user.address, folder, servers);
  const owner = await ownerOf(user.maildir);
  const flags = [...new Set(options.flags ?? '')].sort().join('');
  const stamp = `${Math.floor(Date.now() / 1000)}.M${randomBytes(4).toString('hex')}P${process.pid}`;
  let count = 0;
  const pending: Promise<void>[] = [];
  for (const raw of messages) {
    const data = toBuffer(raw);
    const name = `${stamp}Q${count}.tegami-bulk,S=${data.length}`;
    const temp = join(dir, 'tmp', name);
    pending.push(
      (async () => {
        await writeFile(temp, data, { mode: 0o600 });
        await chown(temp, owner.uid, owner.gid);
        await rename(temp, join(dir, 'cur', `${name}:2,${flags}`));
      })(),
    );
    count += 1;
    if (pending.length >= 64) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  await doveadm(servers, ['force-resync', '-u', user.address, folder]);
  return count;
}

async function ownerOf(path: string): Promise<{ uid: number; gid: number }> {
  const info = await stat(path);
  return { uid: info.uid, gid: info.gid };
}

export interface StoredMessage {
  readonly path: string;
  readonly raw: Buffer;
  /** Maildir flag letters from the file name (":2,FS" → "FS"). */
  readonly flags: string;
}

/** Every message of a folder (new/ and cur/) for which `predicate` holds. */
export async function findInMaildir(
  who: Recipient,
  predicate: (message: StoredMessage) => boolean,
  options: { readonly folder?: string; readonly servers?: ServersDescriptor } = {},
): Promise<StoredMessage[]> {
  const servers = options.servers ?? loadServers();
  const dir = await folderPath(who, options.folder ?? 'INBOX', servers);
  const found: StoredMessage[] = [];
  for (const sub of ['new', 'cur']) {
    for (const name of await names(join(dir, sub))) {
      const path = join(dir, sub, name);
      let raw: Buffer;
      try {
        raw = await readFile(path);
      } catch {
        continue; // renamed (flags changed) or expunged while we looked
      }
      const colon = name.indexOf(':2,');
      const message = { path, raw, flags: colon < 0 ? '' : name.slice(colon + 3) };
      if (predicate(message)) found.push(message);
    }
  }
  return found;
}

/**
 * The messages of a folder carrying this Message-ID. Only the headers of each file are read
 * until one matches, so this stays cheap in a folder of thousands of big messages.
 */
export async function findByMessageId(who: Recipient, messageId: string, folder = 'INBOX', servers = loadServers()): Promise<StoredMessage[]> {
  const wanted = messageId.toLowerCase();
  const dir = await folderPath(who, folder, servers);
  const found: StoredMessage[] = [];
  for (const sub of ['new', 'cur']) {
    for (const name of await names(join(dir, sub))) {
      const path = join(dir, sub, name);
      const headers = await peekHeaders(path);
      if (headers === undefined || messageIdOf(headers + '\r\n\r\n')?.toLowerCase() !== wanted) continue;
      let raw: Buffer;
      try {
        raw = await readFile(path);
      } catch {
        continue; // renamed (flags changed) or expunged while we looked
      }
      const colon = name.indexOf(':2,');
      found.push({ path, raw, flags: colon < 0 ? '' : name.slice(colon + 3) });
    }
  }
  return found;
}

/**
 * Waits until a message with this Message-ID is in the folder (e.g. after a test sent it
 * through submission) and returns it; throws after `timeoutMs` naming the Postfix log.
 */
export async function waitForMessage(
  who: Recipient,
  messageId: string,
  options: { readonly folder?: string; readonly timeoutMs?: number; readonly servers?: ServersDescriptor } = {},
): Promise<StoredMessage> {
  const servers = options.servers ?? loadServers();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [found] = await findByMessageId(who, messageId, options.folder, servers);
    if (found !== undefined) return found;
    if (Date.now() > deadline) {
      throw new Error(`${messageId} did not reach ${who}'s ${options.folder ?? 'INBOX'} within ${timeoutMs} ms (see ${servers.postfix.log})`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS * 2));
  }
}
