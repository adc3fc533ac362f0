/**
 * The SMTP client against the real Postfix submission ports of the test stack: every message is
 * then looked up by its unique Message-ID in the recipient's Maildir and compared byte for byte
 * where it matters (subject, body, attachment digest).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { simpleParser } from 'mailparser';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../core/cli/main.js';
import { sendCommand } from '../../core/cli/send.js';
import { MailError } from '../../core/net/mail-error.js';
import { openSmtp, type SmtpOpenOptions } from '../../core/smtp/client.js';
import { loadServers, type Endpoint, type ServersDescriptor, type TestUser } from '../servers/descriptor.js';

let servers: ServersDescriptor;
let ca: string;

beforeAll(() => {
  servers = loadServers();
  ca = readFileSync(servers.caFile, 'utf8');
});

function options(endpoint: Endpoint, user: TestUser, extra: Partial<SmtpOpenOptions> = {}): SmtpOpenOptions {
  return {
    host: endpoint.host,
    port: endpoint.port,
    security: endpoint.security,
    ca,
    credentials: { username: user.user, password: user.password },
    ...extra,
  };
}

interface Draft {
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly attachment?: { readonly name: string; readonly data: Buffer };
}

/** A raw RFC 5322 message for the test (the client under test sends bytes; it does not compose). */
function rawMessage(draft: Draft, messageId: string): Buffer {
  const boundary = `b-${randomUUID()}`;
  const subject = `=?UTF-8?B?${Buffer.from(draft.subject, 'utf8').toString('base64')}?=`;
  const head = [
    `From: ${draft.from}`,
    `To: ${draft.to.join(', ')}`,
    `Subject: ${subject}`,
    `Message-ID: <${messageId}>`,
    `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
    'MIME-Version: 1.0',
  ];
  const textPart = ['Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: 8bit', '', draft.text];
  // The text ends with its own line break; the client adds one if it does not.
  if (!draft.attachment) return Buffer.from([...head, ...textPart].join('\r\n'), 'utf8');
  const b64 = draft.attachment.data.toString('base64').replace(/.{76}/g, '$&\r\n');
  return Buffer.from(
    [
      ...head,
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      ...textPart,
      `--${boundary}`,
      `Content-Type: application/octet-stream; name="${draft.attachment.name}"`,
      `Content-Disposition: attachment; filename="${draft.attachment.name}"`,
      'Content-Transfer-Encoding: base64',
      '',
      b64,
      `--${boundary}--`,
      '',
    ].join('\r\n'),
    'utf8',
  );
}

/** The first bytes of a file (enough for its header), or undefined when it moved away. */
function head(path: string, bytes = 64 * 1024): Buffer | undefined {
  try {
    const fd = openSync(path, 'r');
    try {
      const buffer = Buffer.alloc(bytes);
      return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/** Polls the Maildir (new/ and cur/) until a file with this Message-ID arrives; returns it whole. */
async function findDelivered(maildir: string, messageId: string, timeoutMs = 60_000): Promise<Buffer> {
  const needle = `message-id: <${messageId.toLowerCase()}>`;
  const deadline = Date.now() + timeoutMs;
  const checked = new Set<string>();
  for (;;) {
    for (const [key, path] of maildirFiles(maildir)) {
      if (checked.has(key)) continue;
      const start = head(path);
      if (start === undefined) continue; // renamed new/ → cur/ meanwhile; seen again next round
      checked.add(key);
      const end = start.indexOf('\r\n\r\n') === -1 ? start.indexOf('\n\n') : start.indexOf('\r\n\r\n');
      const header = start.subarray(0, end === -1 ? start.length : end).toString('latin1').toLowerCase();
      if (header.includes(needle)) {
        try {
          return readFileSync(path);
        } catch {
          const moved = maildirFiles(maildir).get(key);
          if (moved) return readFileSync(moved);
        }
      }
    }
    if (Date.now() > deadline) throw new Error(`message ${messageId} not delivered to ${maildir} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Files in new/ and cur/, keyed by the unique part of the name (before ":2,flags"). */
function maildirFiles(maildir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const sub of ['new', 'cur']) {
    let names: string[] = [];
    try {
      names = readdirSync(join(maildir, sub));
    } catch {
      // not created before the first delivery
    }
    for (const name of names) files.set(name.split(':')[0] ?? name, join(maildir, sub, name));
  }
  return files;
}

function uniqueId(tag: string): string {
  return `${tag}.${randomUUID()}@tegami.test`;
}

describe('SMTP submission against Postfix', () => {
  it('STARTTLS + AUTH PLAIN delivers a Japanese subject and body intact', async () => {
    const { alice, bob } = servers.users;
    const client = await openSmtp(options(servers.smtp.submission, alice));
    expect(client.connection.tls?.verified).toBe(true);
    expect(client.connection.transcript.format()).toContain('AUTH PLAIN ****');
    const id = uniqueId('plain');
    const draft = { from: alice.address, to: [bob.address], subject: '日本語の件名テスト ✉', text: 'こんにちは、世界。\r\n.先頭のドット\r\n' };
    const result = await client.send({ from: alice.address, to: [bob.address] }, rawMessage(draft, id));
    await client.quit();
    expect(result.accepted).toEqual([bob.address]);
    expect(result.rejected).toEqual([]);
    expect(result.reply.code).toBe(250);
    const parsed = await simpleParser(await findDelivered(bob.maildir, id));
    expect(parsed.subject).toBe(draft.subject);
    expect(parsed.text).toBe('こんにちは、世界。\n.先頭のドット\n');
  });

  it('STARTTLS + AUTH LOGIN when the account fixes LOGIN', async () => {
    const { alice, bob } = servers.users;
    const client = await openSmtp(options(servers.smtp.submission, alice, { mechanism: 'LOGIN' }));
    const id = uniqueId('login');
    const result = await client.send({ from: alice.address, to: [bob.address] }, rawMessage({ from: alice.address, to: [bob.address], subject: 'login', text: 'via LOGIN' }, id));
    await client.quit();
    expect(result.accepted).toEqual([bob.address]);
    const transcript = client.connection.transcript.format();
    expect(transcript).toContain('AUTH LOGIN');
    expect(transcript).not.toContain(Buffer.from(alice.password).toString('base64'));
    await findDelivered(bob.maildir, id);
  });

  it('implicit TLS delivers to Bcc recipients without a Bcc header', async () => {
    const { alice, bob } = servers.users;
    const client = await openSmtp(options(servers.smtp.submissions, alice));
    expect(client.connection.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
    const id = uniqueId('bcc');
    const raw = rawMessage({ from: alice.address, to: [alice.address], subject: 'bcc test', text: 'to alice, bcc bob' }, id);
    const result = await client.send({ from: alice.address, to: [alice.address, bob.address] }, raw);
    await client.quit();
    expect(result.accepted).toEqual([alice.address, bob.address]);
    const atBob = await findDelivered(bob.maildir, id);
    await findDelivered(alice.maildir, id);
    expect(atBob.toString('latin1')).not.toMatch(/^Bcc:/im);
    expect((await simpleParser(atBob)).to).toMatchObject({ text: alice.address });
  });

  it('reports a wrong password as auth-failed', async () => {
    const { alice } = servers.users;
    const error = await openSmtp(options(servers.smtp.submission, { ...alice, password: 'not-the-password' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailError);
    expect((error as MailError).code).toBe('auth-failed');
    expect((error as MailError).reply?.status).toBe('535');
  });

  it('refuses credentials in plain text, because the server only offers AUTH after TLS', async () => {
    const { alice } = servers.users;
    const error = await openSmtp(options(servers.smtp.submission, alice, { security: 'none' })).catch((e: unknown) => e);
    expect((error as MailError).code).toBe('auth-insecure');
  });

  it('delivers to the known recipients and names the unknown one', async () => {
    const { alice, bob } = servers.users;
    const nobody = `nobody-${randomBytes(4).toString('hex')}@${servers.domain}`;
    const client = await openSmtp(options(servers.smtp.submission, alice));
    const id = uniqueId('unknown');
    const result = await client.send(
      { from: alice.address, to: [bob.address, nobody, alice.address] },
      rawMessage({ from: alice.address, to: [bob.address, nobody, alice.address], subject: 'one unknown', text: 'x' }, id),
    );
    await client.quit();
    expect(result.accepted).toEqual([bob.address, alice.address]);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]).toMatchObject({ address: nobody, code: 550, error: 'recipient-unknown', enhancedCode: '5.1.1' });
    await findDelivered(bob.maildir, id);
  });

  it('reports every recipient unknown as recipient-unknown and sends nothing', async () => {
    const { alice } = servers.users;
    const client = await openSmtp(options(servers.smtp.submission, alice));
    const nobody = `nobody-${randomBytes(4).toString('hex')}@${servers.domain}`;
    const error = await client.send({ from: alice.address, to: [nobody] }, 'Subject: x\r\n\r\nx\r\n').catch((e: unknown) => e);
    expect((error as MailError).code).toBe('recipient-unknown');
    // The session stays usable: RSET then a good transaction.
    const id = uniqueId('after-reject');
    const ok = await client.send({ from: alice.address, to: [alice.address] }, rawMessage({ from: alice.address, to: [alice.address], subject: 'after', text: 'y' }, id));
    expect(ok.accepted).toEqual([alice.address]);
    await client.quit();
    await findDelivered(alice.maildir, id);
  });

  it('streams a 20 MB attachment that arrives intact', async () => {
    const { alice, bob } = servers.users;
    const data = randomBytes(20 * 1024 * 1024);
    const id = uniqueId('big');
    const raw = rawMessage({ from: alice.address, to: [bob.address], subject: '20 MB', text: 'attached', attachment: { name: 'big.bin', data } }, id);
    const client = await openSmtp(options(servers.smtp.submission, alice));
    const result = await client.send({ from: alice.address, to: [bob.address] }, raw);
    await client.quit();
    expect(result.reply.code).toBe(250);
    const parsed = await simpleParser(await findDelivered(bob.maildir, id, 90_000));
    const attachment = parsed.attachments[0];
    expect(attachment?.filename).toBe('big.bin');
    expect(createHash('sha256').update(attachment?.content ?? Buffer.alloc(0)).digest('hex')).toBe(createHash('sha256').update(data).digest('hex'));
  });

  it('sends several messages over one connection with DATA when BDAT is not wanted', async () => {
    const { alice, bob } = servers.users;
    const client = await openSmtp(options(servers.smtp.submission, alice));
    const ids = [uniqueId('multi'), uniqueId('multi'), uniqueId('multi')];
    for (const id of ids) {
      const result = await client.send({ from: alice.address, to: [bob.address] }, rawMessage({ from: alice.address, to: [bob.address], subject: 'multi', text: '.\r\n..\r\n' }, id), {
        preferBdat: false,
      });
      expect(result.method).toBe('DATA');
    }
    await client.quit();
    for (const id of ids) expect((await simpleParser(await findDelivered(bob.maildir, id))).text).toBe('.\n..\n');
  });

  it('tegami send composes a Japanese message with an attachment and a Bcc', async () => {
    const { alice, bob } = servers.users;
    const dir = mkdtempSync(join(tmpdir(), 'tegami-send-'));
    const attachment = randomBytes(300_000);
    writeFileSync(join(dir, '見積書.pdf'), attachment);
    const subject = `見積書の送付 ${randomUUID()}`;
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    stdout.on('data', (c: Buffer) => out.push(c));
    stderr.on('data', (c: Buffer) => err.push(c));
    const endpoint = servers.smtp.submission;
    const before = [...maildirFiles(bob.maildir).keys()];
    const code = await runCli(
      {
        args: ['send', '--host', endpoint.host, '--port', String(endpoint.port), '--security', endpoint.security, '--ca', servers.caFile,
          '--user', alice.user, '--password-env', 'TEGAMI_TEST_PASSWORD', '--from', alice.address, '--to', alice.address,
          '--bcc', bob.address, '--subject', subject, '--text', 'お世話になっております。\n見積書を添付します。\n', '--attach', join(dir, '見積書.pdf'), '--json'],
        stdout,
        stderr,
        stdin: new PassThrough(),
        env: { TEGAMI_TEST_PASSWORD: alice.password },
      },
      { send: sendCommand },
    );
    expect(Buffer.concat(err).toString()).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(Buffer.concat(out).toString()) as { accepted: string[] };
    expect(json.accepted).toEqual([alice.address, bob.address]);
    // Find it at bob (the Bcc) by its unique subject, parsing each new file once.
    const deadline = Date.now() + 60_000;
    let found: Awaited<ReturnType<typeof simpleParser>> | undefined;
    const seen = new Set(before);
    while (!found && Date.now() < deadline) {
      for (const [key, path] of maildirFiles(bob.maildir)) {
        if (seen.has(key)) continue;
        seen.add(key);
        let data: Buffer;
        try {
          data = readFileSync(path);
        } catch {
          seen.delete(key);
          continue;
        }
        const parsed = await simpleParser(data);
        if (parsed.subject === subject) {
          expect(data.toString('latin1')).not.toMatch(/^Bcc:/im);
          found = parsed;
          break;
        }
      }
      if (!found) await new Promise((r) => setTimeout(r, 200));
    }
    expect(found?.text?.trim()).toBe('お世話になっております。\n見積書を添付します。');
    expect(found?.attachments[0]?.filename).toBe('見積書.pdf');
    expect(Buffer.compare(found?.attachments[0]?.content ?? Buffer.alloc(0), attachment)).toBe(0);
  });
});
