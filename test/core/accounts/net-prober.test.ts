/**
 * The real prober against scripted servers for the faults the real stack never shows (it always
 * offers STARTTLS and greets properly): a missing STARTTLS must fail, never fall back to plain
 * text; a silent server must time out; a server of another protocol must be refused. The happy
 * paths run against Postfix and Dovecot in test/interop/autoconfig.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server, type Socket } from 'node:net';
import { createNetProber } from '../../../core/accounts/net-prober.js';
import type { ProbeRequest } from '../../../core/accounts/prober.js';

const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

/** A plain-text server that answers each received line from a script. */
async function scripted(greeting: string | null, reply: (line: string) => string | null, seen: string[] = []): Promise<number> {
  const server = createServer((socket: Socket) => {
    if (greeting !== null) socket.write(greeting);
    let buffer = '';
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      for (let i = buffer.indexOf('\r\n'); i >= 0; i = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        seen.push(line);
        const answer = reply(line);
        if (answer !== null) socket.write(answer);
      }
    });
    socket.on('error', () => undefined);
  });
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

function request(protocol: ProbeRequest['protocol'], port: number, security: ProbeRequest['security'], timeoutMs = 5000): ProbeRequest {
  return { protocol, host: '127.0.0.1', port, security, timeoutMs, signal: new AbortController().signal };
}

const prober = createNetProber();

describe('net prober faults', () => {
  it('refuses an IMAP server without STARTTLS and never logs in', async () => {
    const seen: string[] = [];
    const port = await scripted('* OK IMAP4rev1 ready\r\n', (line) => (line.endsWith('CAPABILITY') ? `* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n${line.split(' ')[0]} OK done\r\n` : null), seen);
    const result = await prober.probe(request('imap', port, 'starttls'));
    expect(result).toMatchObject({ ok: false, code: 'starttls-unavailable' });
    expect(seen).toEqual(['p1 CAPABILITY']);
  });

  it('refuses a POP3 server without STLS', async () => {
    const port = await scripted('+OK POP3 ready\r\n', (line) => (line === 'CAPA' ? '+OK\r\nUSER\r\nSASL PLAIN\r\n.\r\n' : null));
    expect(await prober.probe(request('pop3', port, 'starttls'))).toMatchObject({ ok: false, code: 'starttls-unavailable' });
  });

  it('refuses an SMTP server without STARTTLS', async () => {
    const port = await scripted('220 mail.example ESMTP\r\n', (line) => (line.startsWith('EHLO') ? '250-mail.example\r\n250 AUTH PLAIN\r\n' : '221 bye\r\n'));
    expect(await prober.probe(request('smtp', port, 'starttls'))).toMatchObject({ ok: false, code: 'starttls-unavailable' });
  });

  it('refuses a server speaking another protocol', async () => {
    const port = await scripted('220 mail.example ESMTP\r\n', () => '500 what\r\n');
    expect(await prober.probe(request('imap', port, 'starttls'))).toMatchObject({ ok: false, code: 'server-rejected' });
    expect(await prober.probe(request('pop3', port, 'starttls'))).toMatchObject({ ok: false, code: 'server-rejected' });
  });

  it('refuses an SMTP server that rejects the session', async () => {
    const port = await scripted('554 no service for you\r\n', () => null);
    expect(await prober.probe(request('smtp', port, 'starttls'))).toMatchObject({ ok: false, code: 'server-rejected' });
  });

  it('times out on a silent server', async () => {
    const port = await scripted(null, () => null);
    const started = Date.now();
    const result = await prober.probe(request('imap', port, 'starttls', 300));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(['greeting-timeout', 'connect-timeout']).toContain(result.code);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('fails TLS against a plain-text server on an implicit-TLS port', async () => {
    const port = await scripted('* OK IMAP4rev1 ready\r\n', () => null);
    const result = await prober.probe(request('imap', port, 'tls', 2000));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(['tls-failed', 'connect-timeout']).toContain(result.code);
  });

  it('is cancelled by the caller', async () => {
    const port = await scripted(null, () => null);
    const controller = new AbortController();
    const pending = prober.probe({ ...request('imap', port, 'starttls', 10_000), signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toMatchObject({ ok: false, code: 'cancelled' });
  });
});
