/** `tegami send` and `tegami probe` against scripted servers (the real stack is in test/interop). */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { simpleParser } from 'mailparser';
import { runCli } from '../../../core/cli/main.js';
import { probeCommand } from '../../../core/cli/probe.js';
import { sendCommand } from '../../../core/cli/send.js';
import { makeTestCertificates, type TestCertificates } from '../support/certs.js';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';

let certs: TestCertificates;
let dir: string;
let server: ScriptedServer | undefined;

beforeAll(() => {
  certs = makeTestCertificates();
  dir = mkdtempSync(join(tmpdir(), 'tegami-cli-'));
  writeFileSync(join(dir, 'ca.pem'), certs.caCert);
  writeFileSync(join(dir, 'msg.eml'), 'From: a@cli.test\r\nTo: b@cli.test\r\nSubject: =?UTF-8?B?5pel5pys6Kqe?=\r\n\r\n.leading dot\r\n本文\r\n');
});

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const code = await runCli({ args, stdout, stderr, stdin: new PassThrough(), env }, { send: sendCommand, probe: probeCommand });
  return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}

/** A STARTTLS submission server that accepts AUTH PLAIN and records the message. */
async function submissionServer(received: { lines: string[]; body: string[] }, rcptReply = (to: string) => (to.includes('nobody') ? '550 5.1.1 User unknown' : '250 2.1.5 Ok')) {
  return startScriptedServer(
    async (peer) => {
      peer.sendLine('220 cli.test ESMTP');
      await peer.expectLine(/^EHLO /);
      peer.send('250-cli.test\r\n250-STARTTLS\r\n250 8BITMIME\r\n');
      await peer.expectLine('STARTTLS');
      peer.sendLine('220 2.0.0 Ready');
      await peer.startTls();
      await peer.expectLine(/^EHLO /);
      peer.send('250-cli.test\r\n250-8BITMIME\r\n250-ENHANCEDSTATUSCODES\r\n250 AUTH PLAIN LOGIN\r\n');
      const auth = await peer.expectLine(/^AUTH PLAIN /);
      peer.sendLine(Buffer.from(auth.slice(11), 'base64').toString() === '\0alice\0pw' ? '235 2.7.0 Ok' : '535 5.7.8 Error: authentication failed');
      for (;;) {
        const line = await peer.readLine();
        received.lines.push(line);
        if (line.startsWith('MAIL')) peer.sendLine('250 2.1.0 Ok');
        else if (line.startsWith('RCPT')) peer.sendLine(rcptReply(line));
        else if (line === 'DATA') {
          peer.sendLine('354 go');
          received.body.push(...(await peer.readUntil('.')));
          peer.sendLine('250 2.0.0 Ok: queued as CLI1');
        } else if (line === 'QUIT') {
          peer.sendLine('221 bye');
          return;
        } else peer.sendLine('502 5.5.2 no');
      }
    },
    { tls: certs.valid },
  );
}

describe('tegami send', () => {
  it('sends an .eml over STARTTLS with AUTH and reports accepted and rejected recipients as JSON', async () => {
    const received = { lines: [] as string[], body: [] as string[] };
    server = await submissionServer(received);
    const result = await run(
      ['send', '--host', 'localhost', '--port', String(server.port), '--security', 'starttls', '--ca', join(dir, 'ca.pem'),
        '--user', 'alice', '--password-env', 'TEGAMI_PW', '--from', 'a@cli.test', '--to', 'b@cli.test', '--to', 'nobody@cli.test',
        '--bcc', 'hidden@cli.test', '--eml', join(dir, 'msg.eml'), '--json', '--transcript'],
      { TEGAMI_PW: 'pw' },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(json['accepted']).toEqual(['b@cli.test', 'hidden@cli.test']);
    expect(json['rejected']).toMatchObject([{ address: 'nobody@cli.test', code: 550, error: 'recipient-unknown' }]);
    expect(json['queueId']).toBe('CLI1');
    expect(String(json['transcript'])).toContain('AUTH PLAIN ****');
    expect(String(json['transcript'])).not.toContain(Buffer.from('\0alice\0pw').toString('base64'));
    expect(received.lines[0]).toBe('MAIL FROM:<a@cli.test> BODY=8BITMIME');
    expect(received.body).toContain('..leading dot');
  });

  it('composes a Japanese message with an attachment through the MIME builder; Bcc only in the envelope', async () => {
    const received = { lines: [] as string[], body: [] as string[] };
    server = await submissionServer(received);
    const attachment = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 256));
    writeFileSync(join(dir, 'data.bin'), attachment);
    const result = await run(
      ['send', '--host', 'localhost', '--port', String(server.port), '--security', 'starttls', '--ca', join(dir, 'ca.pem'),
        '--user', 'alice', '--password-env', 'TEGAMI_PW', '--from', 'a@cli.test', '--to', 'b@cli.test', '--cc', 'c@cli.test',
        '--bcc', 'hidden@cli.test', '--subject', '会議の件について', '--text', 'こんにちは。\n.ドットで始まる行\n', '--attach', join(dir, 'data.bin')],
      { TEGAMI_PW: 'pw' },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Accepted: b@cli.test, c@cli.test, hidden@cli.test');
    const raw = received.body.map((l) => (l.startsWith('.') ? l.slice(1) : l)).join('\r\n') + '\r\n';
    expect(raw).not.toMatch(/^Bcc:/im);
    const parsed = await simpleParser(Buffer.from(raw, 'utf8'));
    expect(parsed.subject).toBe('会議の件について');
    expect(parsed.text?.replace(/\r\n/g, '\n').trim()).toBe('こんにちは。\n.ドットで始まる行');
    expect(parsed.attachments[0]?.filename).toBe('data.bin');
    expect(Buffer.compare(parsed.attachments[0]?.content ?? Buffer.alloc(0), attachment)).toBe(0);
  });

  it('exits 1 with a one-line typed reason on a wrong password', async () => {
    server = await submissionServer({ lines: [], body: [] });
    const result = await run(
      ['send', '--host', 'localhost', '--port', String(server.port), '--security', 'starttls', '--ca', join(dir, 'ca.pem'),
        '--user', 'alice', '--password-env', 'TEGAMI_PW', '--from', 'a@cli.test', '--to', 'b@cli.test', '--eml', join(dir, 'msg.eml')],
      { TEGAMI_PW: 'wrong' },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^tegami send: auth-failed: /);
  });

  it('authenticates with an OAuth token from --token-env (XOAUTH2) and never prints it', async () => {
    server = await startScriptedServer(async (peer) => {
      peer.sendLine('220 oauth.test ESMTP');
      await peer.expectLine(/^EHLO /);
      peer.send('250-oauth.test\r\n250-8BITMIME\r\n250 AUTH PLAIN XOAUTH2\r\n');
      const auth = await peer.expectLine(/^AUTH XOAUTH2 /);
      const ok = Buffer.from(auth.slice(13), 'base64').toString() === 'user=alice@oauth.test\x01auth=Bearer ya29.token\x01\x01';
      peer.sendLine(ok ? '235 2.7.0 Accepted' : '535 5.7.8 bad token');
      // No PIPELINING offered: every command waits for its reply.
      await peer.expectLine(/^MAIL FROM/);
      peer.sendLine('250 Ok');
      await peer.expectLine(/^RCPT TO/);
      peer.sendLine('250 Ok');
      await peer.expectLine('DATA');
      peer.sendLine('354 go');
      await peer.readUntil('.');
      peer.sendLine('250 Ok: queued as OA1');
      await peer.expectLine('QUIT');
      peer.sendLine('221 bye');
    });
    const result = await run(
      ['send', '--host', '127.0.0.1', '--port', String(server.port), '--security', 'none', '--allow-insecure-auth', '--user', 'alice@oauth.test',
        '--token-env', 'TOKEN', '--from', 'alice@oauth.test', '--to', 'b@oauth.test', '--eml', join(dir, 'msg.eml'), '--transcript'],
      { TOKEN: 'ya29.token' },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('queued as OA1');
    expect(result.stderr).toContain('AUTH XOAUTH2 ****');
    expect(result.stderr + result.stdout).not.toContain(Buffer.from('user=alice@oauth.test\x01auth=Bearer ya29.token\x01\x01').toString('base64'));
  });

  it('rejects bad arguments with the usage and exit 2', async () => {
    const missing = await run(['send', '--host', 'h', '--security', 'tls', '--from', 'a@b', '--to', 'c@d', '--eml', 'x', '--user', 'u', '--password-env', 'NOPE']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('NOPE is not set');
    const both = await run(['send', '--host', 'h', '--security', 'tls', '--from', 'a@b', '--to', 'c@d', '--eml', 'x', '--subject', 's']);
    expect(both.code).toBe(2);
  });
});

describe('tegami probe', () => {
  it('shows greeting, capabilities before and after STARTTLS and the certificate', async () => {
    server = await startScriptedServer(
      async (peer) => {
        peer.sendLine('220 probe.test ESMTP ready');
        await peer.expectLine(/^EHLO /);
        peer.send('250-probe.test\r\n250-SIZE 1000\r\n250 STARTTLS\r\n');
        await peer.expectLine('STARTTLS');
        peer.sendLine('220 go');
        await peer.startTls();
        await peer.expectLine(/^EHLO /);
        peer.send('250-probe.test\r\n250-SIZE 1000\r\n250 AUTH PLAIN LOGIN\r\n');
        await peer.expectLine('QUIT');
        peer.sendLine('221 bye');
      },
      { tls: certs.valid },
    );
    const text = await run(['probe', 'smtp', '--host', 'localhost', '--port', String(server.port), '--security', 'starttls', '--ca', join(dir, 'ca.pem'), '--json']);
    expect(text.code).toBe(0);
    const report = JSON.parse(text.stdout) as { greeting: string; capabilitiesBeforeTls: string[]; capabilitiesAfterTls: string[]; tls: { protocol: string; certificate: { subject: string; sha256Fingerprint: string } } };
    expect(report.greeting).toBe('probe.test ESMTP ready');
    expect(report.capabilitiesBeforeTls).toEqual(['SIZE 1000', 'STARTTLS']);
    expect(report.capabilitiesAfterTls).toEqual(['SIZE 1000', 'AUTH PLAIN LOGIN']);
    expect(report.tls.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(report.tls.certificate.subject).toContain('localhost');
  });

  it('probes IMAP and POP3 through STARTTLS/STLS, asking for capabilities again after TLS', async () => {
    server = await startScriptedServer(
      async (peer) => {
        peer.sendLine('* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready');
        await peer.expectLine('P1 CAPABILITY');
        peer.send('* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\r\nP1 OK done\r\n');
        await peer.expectLine('P2 STARTTLS');
        peer.sendLine('P2 OK Begin TLS negotiation now');
        await peer.startTls();
        await peer.expectLine('P3 CAPABILITY');
        peer.send('* CAPABILITY IMAP4rev1 AUTH=PLAIN IDLE\r\nP3 OK done\r\n');
        await peer.expectLine('P4 LOGOUT');
        peer.send('* BYE\r\nP4 OK\r\n');
      },
      { tls: certs.valid },
    );
    const imap = await run(['probe', 'imap', '--host', 'localhost', '--port', String(server.port), '--security', 'starttls', '--ca', join(dir, 'ca.pem')]);
    expect(imap.stderr).toBe('');
    expect(imap.code).toBe(0);
    expect(imap.stdout).toContain('Capabilities before TLS:\n  IMAP4rev1\n  STARTTLS\n  LOGINDISABLED');
    expect(imap.stdout).toContain('Capabilities after TLS:\n  IMAP4rev1\n  AUTH=PLAIN\n  IDLE');
    expect(imap.stdout).toMatch(/SHA-256: {2}([0-9A-F]{2}:){31}[0-9A-F]{2}/);
    await server.close();

    server = await startScriptedServer(
      async (peer) => {
        peer.sendLine('+OK POP3 ready');
        await peer.expectLine('CAPA');
        peer.send('+OK\r\nUSER\r\nSTLS\r\n.\r\n');
        await peer.expectLine('STLS');
        peer.sendLine('+OK Begin TLS');
        await peer.startTls();
        await peer.expectLine('CAPA');
        peer.send('+OK\r\nUSER\r\nSASL PLAIN\r\nUIDL\r\n.\r\n');
        await peer.expectLine('QUIT');
        peer.sendLine('+OK bye');
      },
      { tls: certs.valid },
    );
    const pop3 = await run(['probe', 'pop3', '--host', 'localhost', '--port', String(server.port), '--security', 'starttls', '--ca', join(dir, 'ca.pem'), '--json']);
    expect(pop3.code).toBe(0);
    const report = JSON.parse(pop3.stdout) as { capabilitiesBeforeTls: string[]; capabilitiesAfterTls: string[] };
    expect(report.capabilitiesBeforeTls).toEqual(['USER', 'STLS']);
    expect(report.capabilitiesAfterTls).toEqual(['USER', 'SASL PLAIN', 'UIDL']);
  });

  it('fails a probe with starttls-unavailable when STARTTLS is required but missing', async () => {
    server = await startScriptedServer(async (peer) => {
      peer.sendLine('+OK POP3 ready');
      await peer.expectLine('CAPA');
      peer.send('+OK\r\nUSER\r\n.\r\n');
      await peer.closed;
    });
    const result = await run(['probe', 'pop3', '--host', '127.0.0.1', '--port', String(server.port), '--security', 'starttls']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('does not offer STLS');
  });

  it('prints an untrusted certificate\'s fingerprint so the user can pin it', async () => {
    server = await startScriptedServer(
      async (peer) => {
        peer.sendLine('* OK IMAP ready');
        await peer.closed;
      },
      { tls: certs.selfSigned, implicitTls: true },
    );
    const result = await run(['probe', 'imap', '--host', 'localhost', '--port', String(server.port), '--security', 'tls']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/SHA-256: {2}([0-9A-F]{2}:){31}[0-9A-F]{2}/);
    expect(result.stderr).toContain('--pin');
  });
});
