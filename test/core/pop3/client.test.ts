import { describe, expect, it } from 'vitest';
import { MailError } from '../../../core/net/mail-error.js';
import { Pop3Client } from '../../../core/pop3/client.js';
import { DeletionGrant } from '../../../core/pop3/grants.js';
import { encodeMultiline } from '../../../core/pop3/multiline.js';
import { BufferSink, callbackSink } from '../../../core/pop3/sink.js';
import { fakeConnection, type FakePeer } from './support/fake-peer.js';
import { expectMailError } from '../../support/mail-error.js';

const CAPA = ['+OK', 'CAPA', 'TOP', 'UIDL', 'RESP-CODES', 'AUTH-RESP-CODE', 'USER', 'SASL PLAIN LOGIN', '.'];

/** Greets, answers CAPA, and returns the started client. */
async function started(options: { encrypted?: boolean; allowInsecureAuth?: boolean; greeting?: string } = { encrypted: true }) {
  const { connection, peer } = fakeConnection(options);
  peer.send(`${options.greeting ?? '+OK Dovecot ready.'}\r\n`);
  const starting = Pop3Client.start(connection);
  await peer.expect('CAPA', ...CAPA);
  return { client: await starting, peer, connection };
}

async function loggedIn() {
  const s = await started();
  const login = s.client.login('alice', 'secret');
  await s.peer.expect('USER alice', '+OK');
  await s.peer.expect('PASS secret', '+OK Logged in.');
  await login;
  return s;
}

/** Runs `action` while the peer plays `script`, and returns the action's result. */
async function converse<T>(peer: FakePeer, action: Promise<T>, script: (peer: FakePeer) => Promise<void>): Promise<T> {
  const [result] = await Promise.all([action, script(peer)]);
  return result;
}

describe('Pop3Client session', () => {
  it('reads the greeting and capabilities', async () => {
    const { client } = await started();
    expect(client.state).toBe('authorization');
    expect(client.capabilities.saslMechanisms).toEqual(['PLAIN', 'LOGIN']);
    expect(client.apopTimestamp).toBeUndefined();
  });

  it('treats -ERR to CAPA as a server without extensions', async () => {
    const { connection, peer } = fakeConnection({ encrypted: true });
    peer.send('+OK hello\r\n');
    const starting = Pop3Client.start(connection);
    await peer.expect('CAPA', '-ERR unknown command');
    const client = await starting;
    expect(client.capaAvailable).toBe(false);
    expect(client.capabilities.names).toEqual([]);
  });

  it('refuses a -ERR greeting with the server text and code', async () => {
    const { connection, peer } = fakeConnection({ encrypted: true });
    peer.send('-ERR [SYS/TEMP] Server overloaded\r\n');
    const error = await expectMailError(Pop3Client.start(connection));
    expect(error.code).toBe('temporary-failure');
    expect(error.reply?.text).toBe('Server overloaded');
  });

  it('logs in with USER/PASS and keeps the password out of the transcript', async () => {
    const { client } = await loggedIn();
    expect(client.state).toBe('transaction');
    const text = client.transcript.format();
    expect(text).toContain('USER alice');
    expect(text).not.toContain('secret');
    expect(text).toContain('PASS ****');
  });

  it('maps a refused PASS to a typed error carrying the server text', async () => {
    const { client, peer } = await started();
    const error = await converse(peer, expectMailError(client.login('alice', 'wrong')), async (p) => {
      await p.expect('USER alice', '+OK');
      await p.expect('PASS wrong', '-ERR [AUTH] Authentication failed.');
    });
    expect(error.code).toBe('auth-failed');
    expect(error.reply).toEqual({ status: '-ERR', text: 'Authentication failed.', responseCode: 'AUTH' });
    expect(client.state).toBe('authorization');
  });

  it.each([
    ['-ERR [IN-USE] Mailbox is locked', 'mailbox-in-use'],
    ['-ERR [LOGIN-DELAY] Wait 10 minutes', 'login-delay'],
    ['-ERR [SYS/TEMP] Try later', 'temporary-failure'],
    ['-ERR [SYS/PERM] Mailbox damaged', 'permanent-failure'],
  ])('PASS answered %s is %s', async (reply, code) => {
    const { client, peer } = await started();
    const error = await converse(peer, expectMailError(client.login('alice', 'x')), async (p) => {
      await p.expect('USER alice', '+OK');
      await p.expect('PASS x', reply);
    });
    expect(error.code).toBe(code);
  });

  it('never sends credentials over an unencrypted connection unless allowed', async () => {
    const { client, peer } = await started({ encrypted: false, allowInsecureAuth: false });
    expect((await expectMailError(client.login('alice', 'secret'))).code).toBe('auth-insecure');
    expect((await expectMailError(client.authenticate({ username: 'alice', password: 'secret' }, 'PLAIN'))).code).toBe('auth-insecure');
    // Nothing left the client, and the session is still usable.
    await new Promise((resolve) => setImmediate(resolve));
    expect(peer.unread).toBe('');
    const quitting = client.quit();
    await peer.expect('QUIT', '+OK bye');
    await quitting;
  });

  it('refuses CR/LF in a user name before writing anything', async () => {
    const { client } = await started();
    expect((await expectMailError(client.login('alice\r\nDELE 1', 'x'))).code).toBe('invalid-argument');
  });

  it('APOP sends the RFC 1939 digest and redacts it', async () => {
    const { client, peer } = await started({ encrypted: true, greeting: '+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>' });
    expect(client.apopTimestamp).toBe('<1896.697170952@dbc.mtview.ca.us>');
    await converse(peer, client.apop('mrose', 'tanstaaf'), (p) =>
      p.expect('APOP mrose c4c9334bac560ecc979e58001b3e22fb', "+OK mrose's maildrop has 2 messages (320 octets)"),
    );
    expect(client.state).toBe('transaction');
    expect(client.transcript.format()).not.toContain('c4c9334b');
  });

  it('APOP without a greeting timestamp is auth-unsupported', async () => {
    const { client } = await started();
    expect((await expectMailError(client.apop('mrose', 'tanstaaf'))).code).toBe('auth-unsupported');
  });

  it('AUTH PLAIN sends the initial response on the command line (RFC 5034 §4)', async () => {
    const { client, peer } = await started();
    const ir = Buffer.from('\0alice\0secret').toString('base64');
    await converse(peer, client.authenticate({ username: 'alice', password: 'secret' }), (p) => p.expect(`AUTH PLAIN ${ir}`, '+OK Logged in.'));
    expect(client.state).toBe('transaction');
    expect(client.transcript.format()).not.toContain(ir);
  });

  it('AUTH sends an initial response too long for the 255-octet line after an empty challenge', async () => {
    const { client, peer } = await started();
    const password = 'p'.repeat(300);
    const ir = Buffer.from(`\0alice\0${password}`).toString('base64');
    await converse(peer, client.authenticate({ username: 'alice', password }, 'PLAIN'), async (p) => {
      await p.expect('AUTH PLAIN', '+ ');
      await p.expect(ir, '+OK Logged in.');
    });
    expect(client.transcript.format()).not.toContain(ir.slice(0, 40));
  });

  it('AUTH LOGIN answers challenges; a refusal is auth-failed', async () => {
    const { client, peer } = await started();
    const b64 = (s: string): string => Buffer.from(s).toString('base64');
    const error = await converse(peer, expectMailError(client.authenticate({ username: 'alice', password: 'pw' }, 'LOGIN')), async (p) => {
      await p.expect('AUTH LOGIN', `+ ${b64('Username:')}`);
      await p.expect(b64('alice'), `+ ${b64('Password:')}`);
      await p.expect(b64('pw'), '-ERR [AUTH] Authentication failed.');
    });
    expect(error.code).toBe('auth-failed');
    expect(client.state).toBe('authorization');
  });

  it('STAT, LIST, UIDL (all and single), TOP, NOOP, RSET', async () => {
    const { client, peer } = await loggedIn();
    expect(await converse(peer, client.stat(), (p) => p.expect('STAT', '+OK 2 320'))).toEqual({ count: 2, size: 320 });
    expect(await converse(peer, client.list(), (p) => p.expect('LIST', '+OK 2 messages (320 octets)', '1 120', '2 200', '.'))).toEqual([
      { msg: 1, size: 120 },
      { msg: 2, size: 200 },
    ]);
    expect(await converse(peer, client.list(2), (p) => p.expect('LIST 2', '+OK 2 200'))).toEqual({ msg: 2, size: 200 });
    expect(await converse(peer, client.uidl(), (p) => p.expect('UIDL', '+OK', '1 whqtswO00WBw418f9t5JxYwZ', '2 QhdPYR:00WBw1Ph7x7', '.'))).toEqual([
      { msg: 1, uidl: 'whqtswO00WBw418f9t5JxYwZ' },
      { msg: 2, uidl: 'QhdPYR:00WBw1Ph7x7' },
    ]);
    expect(await converse(peer, client.uidl(2), (p) => p.expect('UIDL 2', '+OK 2 QhdPYR:00WBw1Ph7x7'))).toEqual({ msg: 2, uidl: 'QhdPYR:00WBw1Ph7x7' });
    const top = await converse(peer, client.top(1, 0), (p) => p.expect('TOP 1 0', '+OK', 'Subject: hi', '..dot header', '', '.'));
    expect(top.toString()).toBe('Subject: hi\r\n.dot header\r\n\r\n');
    await converse(peer, client.noop(), (p) => p.expect('NOOP', '+OK'));
    await converse(peer, client.rset(), (p) => p.expect('RSET', '+OK'));
  });

  it('a -ERR to a transaction command is server-rejected and the session goes on', async () => {
    const { client, peer } = await loggedIn();
    const error = await converse(peer, expectMailError(client.list(9)), (p) => p.expect('LIST 9', '-ERR no such message, only 2 messages in maildrop'));
    expect(error.code).toBe('server-rejected');
    expect(error.reply?.text).toBe('no such message, only 2 messages in maildrop');
    await converse(peer, client.noop(), (p) => p.expect('NOOP', '+OK'));
  });

  it('refuses commands in the wrong state', async () => {
    const { client } = await started();
    expect((await expectMailError(client.stat())).code).toBe('protocol-error');
    expect((await expectMailError(client.top(1, -1))).code).toBe('invalid-argument');
  });

  it('RETR streams chunks into the sink, then commits', async () => {
    const { client, peer } = await loggedIn();
    const content = Buffer.from('Subject: x\r\n\r\n.hidden dot\r\nbody\r\n');
    const events: string[] = [];
    const chunks: Buffer[] = [];
    const sink = callbackSink(
      (chunk) => {
        events.push('write');
        chunks.push(Buffer.from(chunk));
      },
      { commit: () => void events.push('commit'), abort: () => void events.push('abort') },
    );
    const retr = client.retr(1, sink);
    await peer.expect('RETR 1');
    const wire = Buffer.concat([Buffer.from(`+OK ${content.length} octets\r\n`), encodeMultiline(content)]);
    // Dribble it out in 7-byte pieces so the sink sees several writes.
    for (let i = 0; i < wire.length; i += 7) {
      peer.send(wire.subarray(i, i + 7));
      await new Promise((resolve) => setImmediate(resolve));
    }
    const result = await retr;
    expect(Buffer.concat(chunks).equals(content)).toBe(true);
    expect(result).toEqual({ msg: 1, bytes: content.length, announcedSize: content.length });
    expect(events.filter((e) => e !== 'write')).toEqual(['commit']);
    expect(events.length).toBeGreaterThan(3);
  });

  it('RETR answered -ERR aborts the sink and keeps the session', async () => {
    const { client, peer } = await loggedIn();
    const sink = new BufferSink();
    const error = await converse(peer, expectMailError(client.retr(5, sink)), (p) => p.expect('RETR 5', '-ERR no such message'));
    expect(error.code).toBe('server-rejected');
    expect(sink.status).toBe('aborted');
    await converse(peer, client.noop(), (p) => p.expect('NOOP', '+OK'));
  });

  it('a sink that fails closes the session instead of leaving a half-read response', async () => {
    const { client, peer } = await loggedIn();
    let aborted: MailError | undefined;
    const sink = callbackSink(
      () => {
        throw new MailError('disk-full', 'No space left.');
      },
      { abort: (reason) => void (aborted = reason) },
    );
    const error = await converse(peer, expectMailError(client.retr(1, sink)), (p) => p.expect('RETR 1', '+OK', 'line', '.'));
    expect(error.code).toBe('disk-full');
    expect(aborted?.code).toBe('disk-full');
    expect(client.state).toBe('closed');
  });

  it('data after a terminator is a protocol error', async () => {
    const { client, peer } = await loggedIn();
    const error = await converse(peer, expectMailError(client.list()), (p) => p.expect('LIST', '+OK', '1 10', '.', '+OK surprise'));
    expect(error.code).toBe('protocol-error');
    expect(client.state).toBe('closed');
  });

  it('dele() only accepts a genuine grant for this session', async () => {
    const { client } = await loggedIn();
    const fake = Object.create(DeletionGrant.prototype) as DeletionGrant;
    expect((await expectMailError(client.dele(fake))).code).toBe('invalid-argument');
    expect((await expectMailError(client.dele({ session: client, msg: 1, uidl: 'x', durableAt: '' } as unknown as DeletionGrant))).code).toBe('invalid-argument');
    // The constructor needs the module's own token; a look-alike symbol is refused.
    expect(() => new DeletionGrant(Symbol('DeletionGrant') as never, client, 1, 'x', '')).toThrow(TypeError);
  });

  it('QUIT enters the UPDATE state and closes; -ERR there is reported', async () => {
    const { client, peer } = await loggedIn();
    const error = await converse(peer, expectMailError(client.quit()), (p) => p.expect('QUIT', '-ERR some deleted messages not removed'));
    expect(error.code).toBe('server-rejected');
    expect(client.state).toBe('closed');
  });
});
