/**
 * Forwarding as an attachment through the service without a mail server: the original is staged
 * from its stored bytes and built into the queued message unchanged — an 8-bit Shift_JIS message
 * (bytes that are not UTF-8) survives byte for byte, as message/rfc822 8bit when the submission
 * server is known to take 8BITMIME, else as application/octet-stream in base64 (RFC 2046 §5.2.1).
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../../core/api/contract.js';
import { MemoryCredentialStore } from '../../../core/api/memory-credentials.js';
import { createTegamiService, type TegamiService } from '../../../core/api/service.js';

/** 日本語の表示テスト in Shift_JIS: 表 and ソ-like second bytes are 0x5C, and none of it is UTF-8. */
const SJIS_BODY = Buffer.from([0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea, 0x82, 0xcc, 0x95, 0x5c, 0x8e, 0xa6, 0x83, 0x65, 0x83, 0x58, 0x83, 0x67]);

function original(run: string): Buffer {
  return Buffer.concat([
    Buffer.from(
      [
        'From: =?ISO-2022-JP?B?GyRCOzMFRBsoQg==?= <yamada@example.jp>',
        'To: bob@tegami.test',
        `Subject: sjis ${run}`,
        `Message-ID: <sjis.${run}@example.jp>`,
        'Date: Thu, 05 Feb 2026 10:20:30 +0900',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=Shift_JIS',
        'Content-Transfer-Encoding: 8bit',
        '',
        '',
      ].join('\r\n'),
    ),
    SJIS_BODY,
    Buffer.from('\r\n'),
  ]);
}

let dir: string;
let dataDir: string;
let service: TegamiService;
let account: Account;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tegami-fwd-'));
  dataDir = join(dir, 'data');
  service = createTegamiService({ dataDir, host: 'web', credentials: new MemoryCredentialStore(), backgroundSync: false });
  // Unreachable servers: the message stays in the Outbox, where the test reads it.
  account = await service.addAccount({
    name: 'Bob',
    email: 'bob@tegami.test',
    incoming: { protocol: 'imap', host: '127.0.0.1', port: 1, security: 'tls', username: 'bob' },
    outgoing: { host: '127.0.0.1', port: 1, security: 'tls', username: 'bob' },
    pop3: null,
    caFile: null,
    password: 'secret',
    outgoingPassword: null,
    verify: false,
  });
});

afterEach(async () => {
  await service.close();
  await rm(dir, { recursive: true, force: true });
});

async function openOriginal(bytes: Buffer): Promise<string> {
  const path = join(dir, 'original.eml');
  await writeFile(path, bytes);
  service.allowMessageFile(path);
  return (await service.openMessageFile(path)).summary.id;
}

/**
 * Every file under `root` whose bytes contain `marker`. The service goes on writing meanwhile
 * (its state files are written to a temporary name and renamed), so a file listed a moment ago
 * may be gone when it is read: that one is skipped.
 */
async function filesContaining(root: string, marker: string): Promise<Buffer[]> {
  const found: Buffer[] = [];
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const bytes = await readFile(join(entry.parentPath, entry.name)).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    });
    if (bytes?.includes(marker) === true) found.push(bytes);
  }
  return found;
}

async function forward(id: string, run: string): Promise<Buffer> {
  const staged = await service.stageMessageAttachment(id, 'original.eml');
  await service.sendMessage({
    accountId: account.id,
    to: [{ name: '', address: 'alice@tegami.test' }],
    cc: [],
    bcc: [],
    subject: `Fwd: ${run}`,
    text: 'forwarded',
    html: null,
    inReplyTo: null,
    references: [],
    attachments: [{ path: staged.path, filename: staged.filename, contentType: staged.contentType }],
    draftId: null,
  });
  const queued = await filesContaining(join(dataDir, 'accounts', account.id), `Subject: Fwd: ${run}`);
  expect(queued).toHaveLength(1);
  return queued[0] as Buffer;
}

/** The headers and the body of the MIME part named original.eml. */
function forwardedPart(message: Buffer): { readonly headers: string; readonly body: Buffer } {
  const text = message.toString('latin1');
  const at = text.search(/filename="?original\.eml/);
  expect(at).toBeGreaterThan(0);
  const start = text.lastIndexOf('\r\n--', at) + 2;
  const headersEnd = text.indexOf('\r\n\r\n', at);
  const boundaryLine = text.slice(start, text.indexOf('\r\n', start));
  const end = text.indexOf(`\r\n${boundaryLine}`, headersEnd);
  return { headers: text.slice(start, headersEnd), body: message.subarray(headersEnd + 4, end) };
}

describe('forward as attachment', () => {
  it('stages the stored message byte for byte, not as text', async () => {
    const bytes = original('stage');
    const staged = await service.stageMessageAttachment(await openOriginal(bytes), 'original.eml');
    expect(staged).toMatchObject({ filename: 'original.eml', contentType: 'message/rfc822', size: bytes.length });
    expect((await readFile(staged.path)).equals(bytes)).toBe(true);
  });

  it('sends an 8-bit Shift_JIS original unchanged as message/rfc822 8bit when the server takes 8BITMIME', async () => {
    await mkdir(join(dataDir, 'accounts', account.id), { recursive: true });
    await writeFile(join(dataDir, 'accounts', account.id, 'submission.json'), JSON.stringify({ version: 1, maxMessageSize: 10_240_000, eightBitMime: true }));
    const bytes = original('8bit');
    const part = forwardedPart(await forward(await openOriginal(bytes), '8bit'));
    expect(part.headers).toMatch(/^Content-Type: message\/rfc822;/m);
    expect(part.headers).toMatch(/^Content-Transfer-Encoding: 8bit$/m);
    expect(part.body.equals(bytes)).toBe(true);
  });

  it('sends it as application/octet-stream in base64, still byte for byte, while 8BITMIME is not known', async () => {
    const bytes = original('7bit');
    const part = forwardedPart(await forward(await openOriginal(bytes), '7bit'));
    expect(part.headers).toMatch(/^Content-Type: application\/octet-stream;/m);
    expect(part.headers).toMatch(/^Content-Transfer-Encoding: base64$/m);
    expect(Buffer.from(part.body.toString('latin1'), 'base64').equals(bytes)).toBe(true);
  });

  it('sends an ASCII original as message/rfc822 7bit either way', async () => {
    const bytes = Buffer.from('From: a@example.org\r\nSubject: plain\r\nMessage-ID: <plain.1@example.org>\r\n\r\nplain body\r\n');
    const part = forwardedPart(await forward(await openOriginal(bytes), 'ascii'));
    expect(part.headers).toMatch(/^Content-Type: message\/rfc822;/m);
    expect(part.headers).toMatch(/^Content-Transfer-Encoding: 7bit$/m);
    expect(part.body.equals(bytes)).toBe(true);
  });
});
