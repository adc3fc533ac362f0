import { describe, expect, it } from 'vitest';
import { Connection } from '../../../core/net/connection.js';
import { MailError } from '../../../core/net/mail-error.js';
import { MAX_LINE_LENGTH } from '../../../core/net/limits.js';
import { socketPair } from '../../faults/support/socket-pair.js';

function pair(options: Partial<ConstructorParameters<typeof Connection>[1]> = {}) {
  const [client, server] = socketPair();
  const connection = new Connection(client, { host: 'fake.test', security: 'none', ...options });
  return { connection, client, server };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MailError) return error.code;
    throw error;
  }
  throw new Error('expected a MailError');
}

describe('Connection line reader', () => {
  it('frames CRLF lines split across chunks and tolerates bare LF', async () => {
    const { connection, server } = pair();
    const first = connection.readLine();
    const second = connection.readLine();
    const third = connection.readLine();
    server.write('220 hel');
    server.write('lo\r');
    server.write('\n250 bare\n250-');
    server.write('last\r\n');
    expect(await first).toBe('220 hello');
    expect(await second).toBe('250 bare');
    expect(await third).toBe('250-last');
  });

  it('keeps a CR that is not part of the line ending', async () => {
    const { connection, server } = pair();
    server.write('a\rb\r\n');
    expect(await connection.readLine()).toBe('a\rb');
  });

  it('decodes UTF-8 and offers raw bytes', async () => {
    const { connection, server } = pair();
    server.write(Buffer.from('250 日本語\r\n\xff\r\n', 'utf8'));
    expect(await connection.readLine()).toBe('250 日本語');
    expect((await connection.readLineBuffer()).length).toBeGreaterThan(0);
  });

  it('fails with line-too-long instead of buffering an endless line', async () => {
    const { connection, server } = pair({ maxLineLength: 100 });
    const read = connection.readLine();
    server.write('x'.repeat(150));
    expect(await codeOf(read)).toBe('line-too-long');
    expect(connection.open).toBe(false);
  });

  it('accepts a line of exactly the maximum length', async () => {
    const { connection, server } = pair({ maxLineLength: 100 });
    server.write(`${'y'.repeat(100)}\r\n`);
    expect((await connection.readLine()).length).toBe(100);
    expect(MAX_LINE_LENGTH).toBeGreaterThan(512);
  });
});

describe('Connection byte reads', () => {
  it('reads an exact literal spread over chunks, then the next line', async () => {
    const { connection, server } = pair();
    const header = connection.readLine();
    const literal = connection.readBytes(10);
    const tail = connection.readLine();
    server.write('* 1 FETCH (BODY[] {10}\r\n01234');
    server.write('56789)\r\n');
    expect(await header).toBe('* 1 FETCH (BODY[] {10}');
    expect((await literal).toString()).toBe('0123456789');
    expect(await tail).toBe(')');
  });

  it('streams a byte range chunk by chunk and stops at its end', async () => {
    const { connection, server } = pair();
    const payload = Buffer.alloc(100_000, 7);
    server.write(payload.subarray(0, 40_000));
    server.write(payload.subarray(40_000));
    server.write('next\r\n');
    let total = 0;
    let chunks = 0;
    for await (const chunk of connection.readStream(100_000)) {
      total += chunk.length;
      chunks += 1;
    }
    expect(total).toBe(100_000);
    expect(chunks).toBeGreaterThanOrEqual(1);
    expect(await connection.readLine()).toBe('next');
  });

  it('fails a byte stream with connection-closed when the peer drops mid-way', async () => {
    const { connection, server } = pair();
    server.write(Buffer.alloc(500, 1));
    const seen: number[] = [];
    const consume = (async () => {
      for await (const chunk of connection.readStream(1000)) seen.push(chunk.length);
    })();
    await new Promise((r) => setTimeout(r, 10));
    server.destroy();
    expect(await codeOf(consume)).toBe('connection-closed');
    expect(seen.reduce((a, b) => a + b, 0)).toBe(500);
  });

  it('rejects negative and oversized byte counts', async () => {
    const { connection } = pair();
    expect(await codeOf(connection.readBytes(-1))).toBe('invalid-argument');
    expect(await codeOf(connection.readBytes(10 ** 10))).toBe('literal-too-large');
  });
});

describe('Connection writes', () => {
  it('refuses CR or LF inside a command line (injection)', async () => {
    const { connection, client } = pair();
    expect(await codeOf(connection.writeLine('MAIL FROM:<a@b>\r\nRCPT TO:<x@y>'))).toBe('invalid-argument');
    expect(await codeOf(connection.writeLine('NOOP\n'))).toBe('invalid-argument');
    expect(client.written.length).toBe(0);
  });

  it('writes CRLF-terminated lines and records them redacted in the transcript', async () => {
    const { connection, client } = pair();
    await connection.writeLine('EHLO me');
    await connection.writeLine('AUTH PLAIN AGFsaWNlAHNlY3JldA==');
    await connection.writeLine('c2VjcmV0', { redact: '****' });
    await connection.write('body bytes\r\n', { transcript: 'summary' });
    expect(client.writtenText()).toBe('EHLO me\r\nAUTH PLAIN AGFsaWNlAHNlY3JldA==\r\nc2VjcmV0\r\nbody bytes\r\n');
    const text = connection.transcript.entries.map((e) => `${e.direction}:${e.text}`);
    expect(text).toEqual(['client:EHLO me', 'client:AUTH PLAIN ****', 'client:****', 'client:[12 bytes]']);
    expect(connection.transcript.format()).not.toContain('AGFsaWNl');
  });
});

describe('Connection failures', () => {
  it('fails every pending read with connection-closed when the peer goes away', async () => {
    const { connection, server } = pair();
    const a = connection.readLine();
    const b = connection.readBytes(5);
    server.end();
    expect(await codeOf(a)).toBe('connection-closed');
    expect(await codeOf(b)).toBe('connection-closed');
    expect(await codeOf(connection.readLine())).toBe('connection-closed');
    expect(await codeOf(connection.writeLine('NOOP'))).toBe('connection-closed');
  });

  it('serves data that arrived before the close, then fails', async () => {
    const { connection, server } = pair();
    server.write('221 bye\r\n');
    server.end();
    expect(await connection.readLine()).toBe('221 bye');
    expect(await codeOf(connection.readLine())).toBe('connection-closed');
  });

  it('fires the greeting, command and idle timeouts as distinct codes', async () => {
    for (const [kind, code] of [
      ['greeting', 'greeting-timeout'],
      ['command', 'command-timeout'],
      ['idle', 'idle-timeout'],
    ] as const) {
      const { connection } = pair({ timeouts: { greeting: 30, command: 30, idle: 30 } });
      const error = await connection.readLine({ timeout: kind }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MailError);
      expect((error as MailError).code).toBe(code);
      expect((error as MailError).transient).toBe(true);
    }
  });

  it('restarts the command timer whenever bytes arrive', async () => {
    const { connection, server } = pair({ timeouts: { command: 80 } });
    const read = connection.readLine();
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 40));
      server.write('x');
    }
    server.write('\r\n');
    expect(await read).toBe('xxxx');
  });

  it('cancels pending reads through an AbortSignal', async () => {
    const controller = new AbortController();
    const { connection } = pair({ signal: controller.signal });
    const read = connection.readLine();
    controller.abort();
    expect(await codeOf(read)).toBe('cancelled');
  });

  it('refuses credentials on a plain connection unless explicitly allowed', () => {
    expect(() => pair().connection.assertCredentialsAllowed()).toThrow(expect.objectContaining({ code: 'auth-insecure' }));
    expect(() => pair({ allowInsecureAuth: true }).connection.assertCredentialsAllowed()).not.toThrow();
  });

  it('refuses STARTTLS when the server already sent more data (response injection)', async () => {
    const { connection, server } = pair();
    server.write('220 Ready to start TLS\r\n250 injected\r\n');
    expect(await connection.readLine()).toBe('220 Ready to start TLS');
    await expect(connection.upgradeToTls()).rejects.toMatchObject({ code: 'starttls-injection' });
    expect(connection.open).toBe(false);
  });
});
