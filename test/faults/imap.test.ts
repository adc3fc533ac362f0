/**
 * IMAP against scripted servers that misbehave in ways Dovecot will not: a connection dropped
 * in the middle of a literal, a literal over the limit, STARTTLS response injection, PREAUTH
 * when STARTTLS is required, a server that goes silent during IDLE, unreadable responses and
 * a dropped connection that the client must recover from.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ImapClient, type ImapClientOptions } from '../../core/imap/client.js';
import type { ImapEvent } from '../../core/imap/events.js';
import { useScriptedServers } from './support/fixture.js';
import { type ScriptedPeer, type ScriptedServer } from './support/scripted-server.js';
import { expectMailError } from '../support/mail-error.js';

let server: ScriptedServer | undefined;
const clients: ImapClient[] = [];

const servers = useScriptedServers();

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  server = undefined;
});

async function connect(s: ScriptedServer, options: Partial<ImapClientOptions> = {}): Promise<ImapClient> {
  const client = await ImapClient.connect({
    host: s.host,
    port: s.port,
    security: 'none',
    allowInsecureAuth: true,
    auth: { user: 'alice', password: 'secret' },
    ...options,
  });
  clients.push(client);
  return client;
}

async function loginAndSelect(peer: ScriptedPeer, capabilities = 'IMAP4rev1 IDLE UIDPLUS'): Promise<void> {
  peer.sendLine(`* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] ready`);
  await peer.expectLine(/^T1 AUTHENTICATE PLAIN /);
  peer.sendLine(`T1 OK [CAPABILITY ${capabilities}] in`);
  await peer.expectLine('T2 SELECT "INBOX"');
  peer.sendLine('* 2 EXISTS');
  peer.sendLine('* OK [UIDVALIDITY 7] ok');
  peer.sendLine('T2 OK [READ-WRITE] done');
}

describe('IMAP faults', () => {
  it('a connection dropped in the middle of a literal fails every in-flight command, typed', async () => {
    server = await servers.start(async (peer) => {
      await loginAndSelect(peer);
      await peer.expectLine('T3 UID FETCH 1 (UID BODY.PEEK[])');
      await peer.expectLine('T4 UID FETCH 2 (UID FLAGS)');
      peer.send('* 1 FETCH (UID 1 BODY[] {1000}\r\n' + 'x'.repeat(300));
      await new Promise((r) => setTimeout(r, 20));
      peer.destroy();
    });
    const client = await connect(server);
    await client.run('select', 'INBOX');
    const a = client.run('fetch', '1', { source: true });
    const b = client.run('fetch', '2', { flags: true });
    const [ea, eb] = await Promise.all([expectMailError(a), expectMailError(b)]);
    expect(ea.code).toBe('connection-closed');
    expect(ea.transient).toBe(true);
    expect(eb.code).toBe('connection-closed');
    expect(client.connected).toBe(false);
  });

  it('a literal over the limit fails with literal-too-large instead of buffering it', async () => {
    server = await servers.start(async (peer) => {
      await loginAndSelect(peer);
      await peer.expectLine('T3 UID FETCH 1 (UID BODY.PEEK[])');
      peer.send('* 1 FETCH (UID 1 BODY[] {9999999999}\r\nxxxx');
      await peer.closed;
    });
    const client = await connect(server, { maxLiteralSize: 1024 * 1024 });
    await client.run('select', 'INBOX');
    const error = await expectMailError(client.run('fetch', '1', { source: true }));
    expect(error.code).toBe('literal-too-large');
    expect(client.connected).toBe(false);
  });

  it('refuses data injected after the STARTTLS OK', async () => {
    let sentCredentials = false;
    server = await servers.start(
      async (peer) => {
        peer.sendLine('* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready');
        await peer.expectLine('T1 STARTTLS');
        // The attacker's line arrives in the same packet as the OK.
        peer.send('T1 OK Begin TLS negotiation now\r\n* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] injected\r\n');
        const next = await peer.readLine().catch(() => '');
        if (next !== '') sentCredentials = true;
      },
      { tls: servers.certs.valid },
    );
    const error = await expectMailError(connect(server, { security: 'starttls', ca: servers.certs.caCert, servername: 'localhost' }));
    expect(error.code).toBe('starttls-injection');
    await server.settled();
    expect(sentCredentials).toBe(false);
  });

  it('upgrades with STARTTLS, forgets the old capabilities and asks again', async () => {
    server = await servers.start(
      async (peer) => {
        peer.sendLine('* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED X-BEFORE-TLS] ready');
        await peer.expectLine('T1 STARTTLS');
        peer.sendLine('T1 OK Begin TLS');
        await peer.startTls();
        await peer.expectLine('T2 CAPABILITY');
        peer.sendLine('* CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR');
        peer.sendLine('T2 OK done');
        await peer.expectLine('T3 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==');
        peer.sendLine('T3 OK [CAPABILITY IMAP4rev1 IDLE] in');
        await peer.expectLine('T4 LOGOUT');
        peer.sendLine('* BYE');
        peer.sendLine('T4 OK');
        peer.end();
      },
      { tls: servers.certs.valid },
    );
    const client = await connect(server, { security: 'starttls', ca: servers.certs.caCert, servername: 'localhost' });
    expect(client.capabilities.has('X-BEFORE-TLS')).toBe(false);
    expect(client.capabilities.list()).toEqual(['IDLE', 'IMAP4REV1']);
    await client.logout();
    await server.settled();
    expect(server.errors).toEqual([]);
  });

  it('refuses a PREAUTH greeting when STARTTLS is required', async () => {
    let clientSpoke = false;
    server = await servers.start(async (peer) => {
      peer.sendLine('* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] logged in already');
      const line = await peer.readLine().catch(() => '');
      clientSpoke = line !== '';
    });
    const error = await expectMailError(connect(server, { security: 'starttls', ca: servers.certs.caCert, servername: 'localhost' }));
    expect(error.code).toBe('tls-required');
    await server.settled();
    expect(clientSpoke).toBe(false);
  });

  it('refuses to continue when STARTTLS is required but not offered', async () => {
    server = await servers.start(async (peer) => {
      peer.sendLine('* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready');
      await peer.closed;
    });
    expect((await expectMailError(connect(server, { security: 'starttls' }))).code).toBe('starttls-unavailable');
  });

  it('notices a server that goes silent during IDLE', async () => {
    server = await servers.start(async (peer) => {
      await loginAndSelect(peer);
      await peer.expectLine('T3 IDLE');
      peer.sendLine('+ idling');
      await peer.closed; // never answers DONE, never closes
    });
    const client = await connect(server);
    const events: ImapEvent[] = [];
    client.on((e) => events.push(e));
    await client.run('select', 'INBOX');
    const stop = new AbortController();
    const error = await expectMailError(client.run('idle', { signal: stop.signal, watchdogMs: 100, watchdogTimeoutMs: 150 }));
    expect(error.code).toBe('idle-timeout');
    expect(events.at(-1)).toMatchObject({ type: 'disconnected', error: { code: 'idle-timeout' } });
  });

  it('reports IDLE news as events and gives way to a queued command', async () => {
    server = await servers.start(async (peer) => {
      await loginAndSelect(peer);
      await peer.expectLine('T3 IDLE');
      peer.sendLine('+ idling');
      peer.sendLine('* 3 EXISTS');
      await peer.expectLine('DONE');
      peer.sendLine('T3 OK IDLE terminated');
      await peer.expectLine('T4 UID FETCH 3 (UID FLAGS)');
      peer.sendLine('* 3 FETCH (UID 3 FLAGS ())');
      peer.sendLine('T4 OK done');
      await peer.expectLine('T5 IDLE');
      peer.sendLine('+ idling');
      await peer.expectLine('DONE');
      peer.sendLine('T5 OK IDLE terminated');
    });
    const client = await connect(server);
    await client.run('select', 'INBOX');
    const stop = new AbortController();
    const exists = new Promise<ImapEvent>((resolve) => client.on((e) => e.type === 'exists' && resolve(e)));
    const idling = client.run('idle', { signal: stop.signal });
    expect(await exists).toEqual({ type: 'exists', mailbox: 'INBOX', count: 3 });
    const fetched = await client.run('fetch', '3', { flags: true });
    expect(fetched.messages[0]?.attributes.uid).toBe(3);
    await new Promise((r) => setTimeout(r, 50));
    stop.abort();
    await idling;
    await server.settled();
    expect(server.errors).toEqual([]);
  });

  it('re-issues IDLE before the limit and runs a NOOP when the watchdog is due', async () => {
    server = await servers.start(async (peer) => {
      await loginAndSelect(peer);
      await peer.expectLine('T3 IDLE');
      peer.sendLine('+ idling');
      await peer.expectLine('DONE');
      peer.sendLine('T3 OK IDLE terminated');
      await peer.expectLine('T4 IDLE');
      peer.sendLine('+ idling');
      await peer.expectLine('DONE');
      peer.sendLine('T4 OK IDLE terminated');
      // Two re-issues of 60 ms make the 100 ms watchdog due: a NOOP proves the link is alive.
      await peer.expectLine('T5 NOOP');
      peer.sendLine('T5 OK done');
      await peer.expectLine('T6 IDLE');
      peer.sendLine('+ idling');
      peer.sendLine('* 4 EXISTS');
      await peer.expectLine('DONE');
      peer.sendLine('T6 OK IDLE terminated');
    });
    const client = await connect(server);
    await client.run('select', 'INBOX');
    const stop = new AbortController();
    const exists = new Promise<void>((resolve) => client.on((e) => e.type === 'exists' && e.count === 4 && resolve()));
    const idling = client.run('idle', { signal: stop.signal, reissueMs: 60, watchdogMs: 100 });
    await exists;
    stop.abort();
    await idling;
    await server.settled();
    expect(server.errors).toEqual([]);
  });

  it('gives up on a server that never greets, and on one that greets with BYE', async () => {
    server = await servers.start(async (peer) => {
      await peer.closed;
    });
    const silent = await expectMailError(connect(server, { greetingTimeoutMs: 100 }));
    expect(silent).toMatchObject({ code: 'greeting-timeout', transient: true });
    await server.close();
    server = await servers.start(async (peer) => {
      peer.sendLine('* BYE Too many connections from your IP');
      peer.end();
    });
    const bye = await expectMailError(connect(server));
    expect(bye).toMatchObject({ code: 'temporary-failure', transient: true });
    expect(bye.message).toContain('Too many connections');
  });

  it('fails only the command whose tagged response is unreadable', async () => {
    server = await servers.start(async (peer) => {
      await loginAndSelect(peer);
      await peer.expectLine('T3 NOOP');
      peer.sendLine('T3 MAYBE later');
      await peer.expectLine('T4 NOOP');
      peer.sendLine('T4 OK fine');
      await peer.closed;
    });
    const client = await connect(server);
    await client.run('select', 'INBOX');
    expect((await expectMailError(client.run('noop'))).code).toBe('protocol-error');
    await client.run('noop');
  });

  it('reconnects with backoff after a drop and selects the mailbox again', async () => {
    let connections = 0;
    server = await servers.start(async (peer) => {
      connections++;
      await loginAndSelect(peer);
      if (connections === 1) {
        peer.destroy();
        return;
      }
      await peer.closed;
    });
    const client = await connect(server, { reconnect: { initialMs: 10, maxMs: 50 } });
    const events: ImapEvent[] = [];
    const reconnected = new Promise<void>((resolve) =>
      client.on((e) => {
        events.push(e);
        if (e.type === 'reconnected') resolve();
      }),
    );
    await client.run('select', 'INBOX').catch(() => undefined);
    await reconnected;
    expect(events.map((e) => e.type)).toEqual(['disconnected', 'reconnecting', 'reconnected']);
    expect(client.state.selected?.path).toBe('INBOX');
    expect(connections).toBe(2);
  });

  // RFC 3501 §5.5 lets a server work on pipelined commands together, and Dovecot does: the
  // FETCH responses of two UID FETCHes may come in any order before either tagged OK. The
  // sync pipelines the small messages' BODY[] with the large ones' headers; a header answer
  // taken by the BODY[] command was stored as if it were the whole message.
  it('routes interleaved FETCH responses of pipelined UID FETCHes to the command that asked for that UID', async () => {
    server = await servers.start(async (peer) => {
      await loginAndSelect(peer);
      await peer.expectLine('T3 UID FETCH 1 (UID BODY.PEEK[])');
      await peer.expectLine('T4 UID FETCH 2:3 (UID BODY.PEEK[HEADER])');
      peer.send('* 2 FETCH (UID 2 BODY[HEADER] {8}\r\nA: 2\r\n\r\n)\r\n');
      peer.send('* 1 FETCH (UID 1 BODY[] {11}\r\nA: 1\r\n\r\nx\r\n)\r\n');
      peer.send('* 3 FETCH (UID 3 BODY[HEADER] {8}\r\nA: 3\r\n\r\n)\r\n');
      peer.sendLine('T3 OK done');
      peer.sendLine('T4 OK done');
      await peer.closed;
    });
    const client = await connect(server);
    await client.run('select', 'INBOX');
    const [whole, headers] = await Promise.all([client.run('fetch', '1', { source: true }), client.run('fetch', '2:3', { headers: true })]);
    expect(whole.messages.map((m) => m.attributes.uid)).toEqual([1]);
    expect(headers.messages.map((m) => m.attributes.uid)).toEqual([2, 3]);
  });
});
