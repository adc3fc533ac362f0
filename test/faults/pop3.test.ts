/**
 * POP3 against scripted servers that misbehave in ways Dovecot will not: dropped transfers,
 * terminators split across TCP segments, a missing CRLF before the terminator, bare LF, STLS
 * response injection, and servers without (or refusing) STLS.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Pop3Client } from '../../core/pop3/client.js';
import { atomicFileSink } from '../../core/pop3/file-sink.js';
import { encodeMultiline } from '../../core/pop3/multiline.js';
import { DownloadSession } from '../../core/pop3/session.js';
import { BufferSink, callbackSink } from '../../core/pop3/sink.js';
import { JsonFileStateStore } from '../../core/pop3/state-file.js';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useScriptedServers } from './support/fixture.js';
import { type ScriptedPeer, type ScriptedServer } from './support/scripted-server.js';
import { expectMailError } from '../support/mail-error.js';

let server: ScriptedServer | undefined;
const dirs: string[] = [];

const servers = useScriptedServers();

afterEach(async () => {
  server = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const MESSAGE = Buffer.from(
  ['From: fault@tegami.test', 'Subject: faults', '', '.one dot', '..two dots', '.', 'x'.repeat(2000), 'end', ''].join('\r\n'),
);

/** Greeting, CAPA, USER/PASS, then `transaction` runs; deletions only happen at QUIT. */
function pop3Script(transaction: (peer: ScriptedPeer) => Promise<void>, capa = ['USER', 'UIDL', 'TOP']) {
  return async (peer: ScriptedPeer): Promise<void> => {
    peer.sendLine('+OK scripted POP3 ready');
    await peer.expectLine('CAPA');
    peer.send(`+OK\r\n${capa.join('\r\n')}\r\n.\r\n`);
    await peer.expectLine('USER alice');
    peer.sendLine('+OK');
    await peer.expectLine('PASS pw');
    peer.sendLine('+OK logged in');
    await transaction(peer);
  };
}

async function login(options: { security?: 'none' | 'starttls' } = {}): Promise<Pop3Client> {
  if (!server) throw new Error('no server');
  const client = await Pop3Client.connect({ host: '127.0.0.1', port: server.port, security: options.security ?? 'none', allowInsecureAuth: true });
  await client.login('alice', 'pw');
  return client;
}

describe('POP3 transfers that go wrong', () => {
  it('a connection dropped mid-RETR aborts the sink, commits nothing and deletes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegami-pop3-fault-'));
    dirs.push(dir);
    let lines: string[] = [];
    server = await servers.start(
      pop3Script(async (peer) => {
        lines = peer.lines;
        await peer.expectLine('UIDL');
        peer.send('+OK\r\n1 uid-1\r\n.\r\n');
        await peer.expectLine('RETR 1');
        const wire = encodeMultiline(MESSAGE);
        peer.send(Buffer.concat([Buffer.from('+OK\r\n'), wire.subarray(0, wire.length >> 1)]));
        await pause(20);
        peer.destroy();
      }),
    );
    const client = await login();
    const store = new JsonFileStateStore(join(dir, 'state.json'));
    const session = await DownloadSession.begin(client, store, { kind: 'delete-after-download' });
    const sink = new BufferSink();
    const error = await expectMailError(session.downloadAndDeliver('uid-1', sink));
    expect(error.code).toBe('connection-closed');
    expect(sink.status).toBe('aborted');
    expect(sink.bytes.length).toBe(0);
    expect((await store.load()).uidls['uid-1']?.downloadedAt).toBeUndefined();
    await server.settled();
    expect(server.errors).toEqual([]);
    // The last thing the server heard was RETR: no DELE, no QUIT.
    expect(lines.slice(-2)).toEqual(['UIDL', 'RETR 1']);
  });

  it('a drop mid-RETR into a file sink leaves no file, not even a partial one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegami-pop3-fault-'));
    dirs.push(dir);
    server = await servers.start(
      pop3Script(async (peer) => {
        await peer.expectLine('RETR 1');
        const wire = encodeMultiline(MESSAGE);
        peer.send(Buffer.concat([Buffer.from('+OK\r\n'), wire.subarray(0, wire.length - 10)]));
        await pause(20);
        peer.destroy();
      }),
    );
    const client = await login();
    const sink = atomicFileSink(join(dir, 'message.eml'));
    expect((await expectMailError(client.retr(1, sink))).code).toBe('connection-closed');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('recovers the message when the terminator is split across TCP segments at every point', async () => {
    const wire = encodeMultiline(MESSAGE);
    // Split points inside the final "\r\n.\r\n" and inside the stuffed dot lines.
    const tail = wire.length;
    const splits = [tail - 5, tail - 4, tail - 3, tail - 2, tail - 1, wire.indexOf('\r\n..one') + 2, wire.indexOf('\r\n..one') + 3];
    server = await servers.start(
      pop3Script(async (peer) => {
        for (const split of splits) {
          await peer.expectLine('RETR 1');
          peer.send(Buffer.concat([Buffer.from('+OK message follows\r\n'), wire.subarray(0, split)]));
          await pause(15);
          peer.send(wire.subarray(split));
        }
        await peer.expectLine('QUIT');
        peer.sendLine('+OK bye');
      }),
    );
    const client = await login();
    for (const split of splits) {
      const sink = new BufferSink();
      await client.retr(1, sink);
      expect(sink.bytes.equals(MESSAGE), `split at ${split}`).toBe(true);
    }
    await client.quit();
  });

  it('accepts a server that omits the CRLF before the terminator when it announced the size', async () => {
    const content = 'Subject: no final newline\r\n\r\nlast line';
    server = await servers.start(
      pop3Script(async (peer) => {
        await peer.expectLine('RETR 1');
        peer.send(`+OK ${content.length} octets\r\n${content}.\r\n`);
        await peer.expectLine('NOOP');
        peer.sendLine('+OK');
      }),
    );
    const client = await login();
    const sink = new BufferSink();
    const result = await client.retr(1, sink);
    expect(sink.bytes.toString()).toBe(content);
    expect(result.announcedSize).toBe(content.length);
    // The session is still in step: the next command gets its own reply.
    await client.noop();
    client.close();
  });

  it('reads a bare-LF server', async () => {
    server = await servers.start(
      pop3Script(async (peer) => {
        await peer.expectLine('LIST');
        peer.send('+OK 2 messages\n1 100\n2 200\n.\n');
        await peer.expectLine('RETR 2');
        peer.send('+OK\nSubject: lf\n\n..dot\n.\n');
      }),
    );
    const client = await login();
    expect(await client.list()).toEqual([
      { msg: 1, size: 100 },
      { msg: 2, size: 200 },
    ]);
    const sink = new BufferSink();
    await client.retr(2, sink);
    expect(sink.bytes.toString()).toBe('Subject: lf\n\n.dot\n');
    client.close();
  });

  it('DELE followed by a dropped connection: the server is never told to update', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegami-pop3-fault-'));
    dirs.push(dir);
    let lines: string[] = [];
    server = await servers.start(
      pop3Script(async (peer) => {
        lines = peer.lines;
        await peer.expectLine('UIDL');
        peer.send('+OK\r\n1 uid-1\r\n.\r\n');
        await peer.expectLine('RETR 1');
        peer.send(Buffer.concat([Buffer.from('+OK\r\n'), encodeMultiline(MESSAGE)]));
        await peer.expectLine('DELE 1');
        peer.sendLine('+OK marked');
        await peer.closed;
      }),
    );
    const client = await login();
    const session = await DownloadSession.begin(client, new JsonFileStateStore(join(dir, 's.json')), { kind: 'delete-after-download' });
    await session.downloadAndDeliver('uid-1', new BufferSink());
    expect(session.markedForDeletion).toEqual(['uid-1']);
    client.close();
    await server.settled();
    expect(server.errors).toEqual([]);
    // No QUIT reached the server, so per RFC 1939 §6 it never enters UPDATE and keeps the message.
    expect(lines.at(-1)).toBe('DELE 1');
    expect(lines).not.toContain('QUIT');
  });

  it('streams a 50 MB RETR into the sink in bounded chunks, never assembling it', async () => {
    // Every line starts with a dot, so every line is stuffed on the wire ("..yyy").
    const line = Buffer.from(`.${'y'.repeat(76)}\r\n`);
    const lines = Math.ceil((50 * 1024 * 1024) / line.length);
    server = await servers.start(
      pop3Script(async (peer) => {
        await peer.expectLine('RETR 1');
        peer.send('+OK message follows\r\n');
        const stuffed = Buffer.concat([Buffer.from('.'), line]);
        const block = Buffer.concat(Array.from({ length: 4096 }, () => stuffed));
        for (let sent = 0; sent < lines; sent += 4096) {
          const count = Math.min(4096, lines - sent);
          peer.send(count === 4096 ? block : block.subarray(0, count * stuffed.length));
          // Let the client drain instead of queueing 50 MB in the server's socket buffer.
          await new Promise((resolve) => setImmediate(resolve));
        }
        peer.send('.\r\n');
        await peer.expectLine('QUIT');
        peer.sendLine('+OK');
      }),
    );
    const client = await login();
    let bytes = 0;
    let largest = 0;
    let writes = 0;
    let head = '';
    const result = await client.retr(
      1,
      callbackSink((chunk) => {
        bytes += chunk.length;
        writes += 1;
        largest = Math.max(largest, chunk.length);
        if (head.length < 3) head += chunk.subarray(0, 3 - head.length).toString('latin1');
      }),
    );
    await client.quit();
    expect(bytes).toBe(lines * line.length);
    expect(result.bytes).toBe(bytes);
    expect(head).toBe('.yy');
    // Handed over as it arrived: many writes, none anywhere near the message size.
    expect(writes).toBeGreaterThan(50);
    expect(largest).toBeLessThan(8 * 1024 * 1024);
  });

  it('a hostile endless status line is line-too-long, not memory exhaustion', async () => {
    server = await servers.start(async (peer) => {
      peer.send('+OK ' + 'x'.repeat(200_000));
      await peer.closed;
    });
    const error = await expectMailError(Pop3Client.connect({ host: '127.0.0.1', port: server.port, security: 'none' }));
    expect(error.code).toBe('line-too-long');
  });

  it('garbage instead of a status line is a protocol error', async () => {
    server = await servers.start(async (peer) => {
      peer.sendLine('220 smtp.example ESMTP');
      await peer.closed;
    });
    expect((await expectMailError(Pop3Client.connect({ host: '127.0.0.1', port: server.port, security: 'none' }))).code).toBe('protocol-error');
  });
});

describe('STLS (RFC 2595)', () => {
  const tlsOptions = () => ({ tls: servers.certs.valid });

  it('upgrades, verifies the certificate, and asks for the capabilities again', async () => {
    server = await servers.start(async (peer) => {
      peer.sendLine('+OK ready');
      await peer.expectLine('CAPA');
      peer.send('+OK\r\nSTLS\r\nUIDL\r\n.\r\n');
      await peer.expectLine('STLS');
      peer.sendLine('+OK Begin TLS negotiation now.');
      await peer.startTls();
      await peer.expectLine('CAPA');
      peer.send('+OK\r\nUSER\r\nUIDL\r\nSASL PLAIN\r\n.\r\n');
      await peer.expectLine('USER alice');
      peer.sendLine('+OK');
      await peer.expectLine('PASS pw');
      peer.sendLine('+OK');
      await peer.expectLine('QUIT');
      peer.sendLine('+OK');
    }, tlsOptions());
    const client = await Pop3Client.connect({ host: 'localhost', port: server.port, security: 'starttls', ca: servers.certs.caCert });
    expect(client.encrypted).toBe(true);
    expect(client.tls?.verified).toBe(true);
    // Pre-TLS capabilities are forgotten; these are the ones read over TLS.
    expect(client.capabilities.stls).toBe(false);
    expect(client.capabilities.saslMechanisms).toEqual(['PLAIN']);
    await client.login('alice', 'pw');
    await client.quit();
    await server.settled();
    expect(server.errors).toEqual([]);
  });

  it('data injected after the STLS reply fails with starttls-injection before any credentials', async () => {
    server = await servers.start(async (peer) => {
      peer.sendLine('+OK ready');
      await peer.expectLine('CAPA');
      peer.send('+OK\r\nSTLS\r\nUSER\r\n.\r\n');
      await peer.expectLine('STLS');
      // The reply and an attacker's extra line in one segment.
      peer.send('+OK Begin TLS\r\n+OK you are logged in\r\n');
      await peer.closed;
    }, tlsOptions());
    const error = await expectMailError(Pop3Client.connect({ host: 'localhost', port: server.port, security: 'starttls', ca: servers.certs.caCert }));
    expect(error.code).toBe('starttls-injection');
    await server.settled();
    expect(server.errors).toEqual([]);
  });

  it('a server without STLS when it is required is starttls-unavailable, and no credentials are sent', async () => {
    let lines: string[] = [];
    server = await servers.start(async (peer) => {
      lines = peer.lines;
      peer.sendLine('+OK ready');
      await peer.expectLine('CAPA');
      peer.send('+OK\r\nUSER\r\nUIDL\r\n.\r\n');
      await peer.closed;
    });
    const error = await expectMailError(Pop3Client.connect({ host: '127.0.0.1', port: server.port, security: 'starttls' }));
    expect(error.code).toBe('starttls-unavailable');
    await server.settled();
    expect(lines).toEqual(['CAPA']);
  });

  it('a server that refuses STLS is starttls-unavailable', async () => {
    server = await servers.start(async (peer) => {
      peer.sendLine('+OK ready');
      await peer.expectLine('CAPA');
      peer.sendLine('-ERR unknown command');
      await peer.expectLine('STLS');
      peer.sendLine('-ERR [SYS/TEMP] TLS not available right now');
      await peer.closed;
    });
    const error = await expectMailError(Pop3Client.connect({ host: '127.0.0.1', port: server.port, security: 'starttls' }));
    expect(error.code).toBe('starttls-unavailable');
    expect(error.reply?.text).toBe('TLS not available right now');
  });

  it('plain-text credentials are refused on an unencrypted session unless allowed', async () => {
    let lines: string[] = [];
    server = await servers.start(async (peer) => {
      lines = peer.lines;
      peer.sendLine('+OK ready');
      await peer.expectLine('CAPA');
      peer.send('+OK\r\nUSER\r\n.\r\n');
      await peer.closed;
    });
    const client = await Pop3Client.connect({ host: '127.0.0.1', port: server.port, security: 'none' });
    expect((await expectMailError(client.login('alice', 'pw'))).code).toBe('auth-insecure');
    client.close();
    await server.settled();
    expect(lines).toEqual(['CAPA']);
  });
});
