import { describe, expect, it } from 'vitest';
import { Connection } from '../../../core/net/connection.js';
import { MailError } from '../../../core/net/mail-error.js';
import { SmtpClient } from '../../../core/smtp/client.js';
import { socketPair } from '../../faults/support/socket-pair.js';
import { scriptPeer, type ScriptedPeer } from '../../faults/support/scripted-server.js';

const EHLO_FULL = ['250-fake.test', '250-PIPELINING', '250-SIZE 1000000', '250-8BITMIME', '250-SMTPUTF8', '250-DSN', '250-ENHANCEDSTATUSCODES', '250-AUTH PLAIN LOGIN CRAM-MD5', '250 OK'];

/** A client on one end of an in-process pair and a script on the other. */
async function session(ehlo: string[], script: (peer: ScriptedPeer) => Promise<void>, allowInsecureAuth = true) {
  const [clientEnd, serverEnd] = socketPair();
  const peer = scriptPeer(serverEnd);
  const done = (async () => {
    peer.sendLine('220 fake.test ESMTP');
    await peer.expectLine(/^EHLO /);
    peer.send(ehlo.map((l) => `${l}\r\n`).join(''));
    await script(peer);
  })();
  const connection = new Connection(clientEnd, { host: 'fake.test', security: 'none', allowInsecureAuth, timeouts: { command: 2000 } });
  const client = new SmtpClient(connection, { clientName: 'client.test' });
  await client.greeting();
  await client.hello();
  return { client, done, clientEnd, peer };
}

describe('SmtpClient transaction with PIPELINING', () => {
  it('writes MAIL, every RCPT and DATA as one group before reading replies (RFC 2920)', async () => {
    const { client, done } = await session(EHLO_FULL, async (peer) => {
      // The server reads the whole group before answering anything: a client that waited for
      // each reply would never get here.
      await peer.expectLine('MAIL FROM:<alice@fake.test> SIZE=23');
      await peer.expectLine('RCPT TO:<bob@fake.test>');
      await peer.expectLine('RCPT TO:<nobody@fake.test>');
      await peer.expectLine('RCPT TO:<carol@fake.test>');
      await peer.expectLine('DATA');
      peer.send('250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n550 5.1.1 <nobody@fake.test>: User unknown\r\n250 2.1.5 Ok\r\n354 go\r\n');
      const body = await peer.readUntil('.');
      expect(body).toEqual(['Subject: hi', '', '..dot line']);
      peer.sendLine('250 2.0.0 Ok: queued as 4ABCDEF');
    });
    const result = await client.send({ from: 'alice@fake.test', to: ['bob@fake.test', 'nobody@fake.test', 'carol@fake.test'] }, 'Subject: hi\n\n.dot line\n');
    await done;
    expect(result.accepted).toEqual(['bob@fake.test', 'carol@fake.test']);
    expect(result.rejected).toEqual([
      { address: 'nobody@fake.test', error: 'recipient-unknown', code: 550, enhancedCode: '5.1.1', text: '<nobody@fake.test>: User unknown', transient: false },
    ]);
    expect(result.queueId).toBe('4ABCDEF');
    expect(result.method).toBe('DATA');
    expect(result.pipelined).toBe(true);
  });

  it('ends a DATA the server accepted with a lone dot when every recipient failed', async () => {
    const { client, done } = await session(EHLO_FULL, async (peer) => {
      await peer.expectLine(/^MAIL FROM/);
      await peer.expectLine(/^RCPT TO/);
      await peer.expectLine('DATA');
      peer.send('250 Ok\r\n554 5.7.1 <x@elsewhere.example>: Relay access denied\r\n354 go\r\n');
      await peer.expectLine('.');
      peer.sendLine('554 5.5.1 Error: no valid recipients');
    });
    const error = await client.send({ from: 'alice@fake.test', to: ['x@elsewhere.example'] }, 'x').catch((e: unknown) => e);
    await done;
    expect(error).toBeInstanceOf(MailError);
    expect((error as MailError).code).toBe('relay-denied');
    expect((error as MailError).details?.['rejected']).toHaveLength(1);
  });

  it('sends RSET before the second message on one connection', async () => {
    const { client, done } = await session(EHLO_FULL, async (peer) => {
      for (let i = 0; i < 2; i++) {
        if (i > 0) await peer.expectLine('RSET');
        await peer.expectLine(/^MAIL FROM/);
        await peer.expectLine(/^RCPT TO/);
        await peer.expectLine('DATA');
        peer.send(`${i > 0 ? '250 Ok\r\n' : ''}250 Ok\r\n250 Ok\r\n354 go\r\n`);
        await peer.readUntil('.');
        peer.sendLine(`250 Ok: queued as Q${i}`);
      }
    });
    const first = await client.send({ from: 'a@fake.test', to: ['b@fake.test'] }, 'one');
    const second = await client.send({ from: 'a@fake.test', to: ['b@fake.test'] }, 'two');
    await done;
    expect([first.queueId, second.queueId]).toEqual(['Q0', 'Q1']);
  });
});

describe('SmtpClient without PIPELINING', () => {
  it('waits for each reply and stops at a failed MAIL', async () => {
    const { client, done, peer } = await session(['250-fake.test', '250 8BITMIME'], async (p) => {
      await p.expectLine('MAIL FROM:<a@fake.test> BODY=8BITMIME');
      p.sendLine('553 5.7.1 Sender address rejected: not owned by user');
    });
    const error = await client.send({ from: 'a@fake.test', to: ['b@fake.test'] }, 'Subject: 日本語\r\n\r\n本文').catch((e: unknown) => e);
    await done;
    expect((error as MailError).code).toBe('relay-denied');
    expect(peer.lines.some((l) => l.startsWith('RCPT'))).toBe(false);
  });

  it('falls back to HELO when EHLO is not understood', async () => {
    const [clientEnd, serverEnd] = socketPair();
    const peer = scriptPeer(serverEnd);
    const done = (async () => {
      peer.sendLine('220 old.test');
      await peer.expectLine('EHLO client.test');
      peer.sendLine('502 Command not implemented');
      await peer.expectLine('HELO client.test');
      peer.sendLine('250 old.test');
    })();
    const client = new SmtpClient(new Connection(clientEnd, { host: 'old.test', security: 'none' }), { clientName: 'client.test' });
    await client.greeting();
    const caps = await client.hello();
    await done;
    expect(caps.esmtp).toBe(false);
  });
});

describe('SmtpClient with CHUNKING', () => {
  it('pipelines a small message as BDAT LAST with MAIL and RCPT (RFC 3030)', async () => {
    const { client, done } = await session([...EHLO_FULL.slice(0, -1), '250 CHUNKING'], async (peer) => {
      await peer.expectLine(/^MAIL FROM/);
      await peer.expectLine(/^RCPT TO/);
      await peer.expectLine('BDAT 11 LAST');
      expect((await peer.readBytes(11)).toString()).toBe('.a\r\nb\r\n.c\r\n');
      peer.send('250 Ok\r\n250 Ok\r\n250 2.0.0 Ok: queued as B1\r\n');
    });
    const result = await client.send({ from: 'a@fake.test', to: ['b@fake.test'] }, '.a\nb\r\n.c');
    await done;
    expect(result.method).toBe('BDAT');
    expect(result.queueId).toBe('B1');
  });

  it('streams a large message in BDAT chunks, each answered', async () => {
    const size = 2_500_000;
    const { client, done } = await session([...EHLO_FULL.slice(0, 1), '250-SIZE 0', '250-PIPELINING', '250 CHUNKING'], async (peer) => {
      await peer.expectLine(/^MAIL FROM:<a@fake.test> SIZE=2500000$/);
      await peer.expectLine(/^RCPT TO/);
      peer.send('250 Ok\r\n250 Ok\r\n');
      let received = 0;
      for (;;) {
        const command = await peer.readLine();
        const match = /^BDAT (\d+)( LAST)?$/.exec(command);
        if (!match) throw new Error(`unexpected ${command}`);
        received += (await peer.readBytes(Number(match[1]))).length;
        if (match[2]) {
          peer.sendLine('250 Ok: queued as BIG');
          break;
        }
        peer.sendLine('250 2.0.0 chunk ok');
      }
      expect(received).toBe(size + 2);
    });
    async function* source() {
      for (let i = 0; i < 5; i++) yield Buffer.alloc(size / 5, 0x61);
    }
    const result = await client.send({ from: 'a@fake.test', to: ['b@fake.test'] }, source(), { size });
    await done;
    expect(result.bytes).toBe(size + 2);
  });
});

describe('pipelined BDAT chunks', () => {
  it('does not wait for each chunk reply and reports the first failure after draining the rest', async () => {
    const size = 3_500_000;
    const { client, done } = await session(['250-fake.test', '250-PIPELINING', '250 CHUNKING'], async (peer) => {
      await peer.expectLine(/^MAIL FROM/);
      await peer.expectLine(/^RCPT TO/);
      peer.send('250 Ok\r\n250 Ok\r\n');
      // Read every chunk before answering any: a client waiting per chunk would stall here.
      const commands: string[] = [];
      for (;;) {
        const command = await peer.readLine();
        commands.push(command);
        const match = /^BDAT (\d+)( LAST)?$/.exec(command);
        if (!match) throw new Error(`unexpected ${command}`);
        await peer.readBytes(Number(match[1]));
        if (match[2]) break;
      }
      expect(commands.length).toBe(4);
      peer.send('552 5.3.4 Message too big for system\r\n' + '503 5.5.1 Error: no transaction\r\n'.repeat(commands.length - 1));
      await peer.expectLine('NOOP');
      peer.sendLine('250 2.0.0 Ok');
    });
    const error = await client.send({ from: 'a@fake.test', to: ['b@fake.test'] }, Buffer.alloc(size, 0x62)).catch((e: unknown) => e);
    expect((error as MailError).code).toBe('message-too-large');
    // Every owed reply was read: the next command gets its own answer.
    expect((await client.noop()).code).toBe(250);
    await done;
  });
});

describe('a failing message source', () => {
  it('closes the connection instead of ending DATA, so no truncated message is delivered', async () => {
    const { client, done } = await session(EHLO_FULL, async (peer) => {
      await peer.expectLine(/^MAIL FROM/);
      await peer.expectLine(/^RCPT TO/);
      await peer.expectLine('DATA');
      peer.send('250 Ok\r\n250 Ok\r\n354 go\r\n');
      // The terminating dot never comes: the client drops the connection instead.
      await expect(peer.readUntil('.')).rejects.toThrow('client closed the connection');
    });
    async function* source() {
      yield Buffer.from('Subject: half\r\n\r\nfirst part\r\n');
      throw new Error('EIO: disk read failed');
    }
    const error = await client.send({ from: 'a@fake.test', to: ['b@fake.test'] }, source()).catch((e: unknown) => e);
    await done;
    expect((error as MailError).code).toBe('io-error');
    expect((error as MailError).message).toContain('EIO: disk read failed');
    expect(client.connection.open).toBe(false);
  });

  it('releases the source when the connection fails during DATA', async () => {
    let released = false;
    const { client, done } = await session(EHLO_FULL, async (peer) => {
      await peer.expectLine(/^MAIL FROM/);
      await peer.expectLine(/^RCPT TO/);
      await peer.expectLine('DATA');
      peer.send('250 Ok\r\n250 Ok\r\n354 go\r\n');
      await peer.readLine();
      peer.destroy();
    });
    async function* source() {
      try {
        for (let i = 0; i < 1000; i++) {
          yield Buffer.from(`line ${i}\r\n`);
          await new Promise((r) => setTimeout(r, 1));
        }
      } finally {
        released = true;
      }
    }
    const error = await client.send({ from: 'a@fake.test', to: ['b@fake.test'] }, source()).catch((e: unknown) => e);
    await done;
    expect((error as MailError).code).toBe('connection-closed');
    expect(released).toBe(true);
  });
});

describe('refusals before sending', () => {
  it('refuses a message larger than SIZE, CR/LF in an address and non-ASCII without SMTPUTF8', async () => {
    const { client, clientEnd } = await session(['250-fake.test', '250-PIPELINING', '250 SIZE 100'], async () => undefined);
    const before = clientEnd.written.length;
    await expect(client.send({ from: 'a@fake.test', to: ['b@fake.test'] }, 'x'.repeat(101))).rejects.toMatchObject({ code: 'message-too-large' });
    await expect(client.send({ from: 'a@fake.test', to: ['b@fake.test>\r\nRCPT TO:<c@d'] }, 'x')).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(client.send({ from: 'a@fake.test', to: ['はなこ@fake.test'] }, 'x')).rejects.toMatchObject({ code: 'smtputf8-unsupported' });
    await expect(client.send({ from: 'a@fake.test', to: [] }, 'x')).rejects.toMatchObject({ code: 'invalid-argument' });
    expect(clientEnd.written.length).toBe(before);
  });
});

describe('AUTH', () => {
  it('authenticates with PLAIN as initial response and redacts it', async () => {
    const { client, done } = await session(['250-fake.test', '250 AUTH LOGIN PLAIN'], async (peer) => {
      await peer.expectLine(`AUTH PLAIN ${Buffer.from('\0alice\0s3cret').toString('base64')}`);
      peer.sendLine('235 2.7.0 Authentication successful');
    });
    expect(await client.authenticate({ username: 'alice', password: 's3cret' })).toBe('PLAIN');
    await done;
    expect(client.connection.transcript.format()).toContain('AUTH PLAIN ****');
    expect(client.connection.transcript.format()).not.toContain(Buffer.from('\0alice\0s3cret').toString('base64'));
  });

  it('runs LOGIN through 334 challenges and reports 535 as auth-failed', async () => {
    const { client, done } = await session(['250-fake.test', '250 AUTH LOGIN'], async (peer) => {
      await peer.expectLine('AUTH LOGIN');
      peer.sendLine(`334 ${Buffer.from('Username:').toString('base64')}`);
      await peer.expectLine(Buffer.from('alice').toString('base64'));
      peer.sendLine(`334 ${Buffer.from('Password:').toString('base64')}`);
      await peer.expectLine(Buffer.from('wrong').toString('base64'));
      peer.sendLine('535 5.7.8 Error: authentication failed: authentication failure');
    });
    const error = await client.authenticate({ username: 'alice', password: 'wrong' }).catch((e: unknown) => e);
    await done;
    expect((error as MailError).code).toBe('auth-failed');
    expect((error as MailError).reply?.enhancedCode).toBe('5.7.8');
    const transcript = client.connection.transcript.format();
    expect(transcript).not.toContain(Buffer.from('wrong').toString('base64'));
    expect(transcript).toContain('C: ****');
  });

  it('refuses to send credentials over a plain connection without consent', async () => {
    const { client, peer } = await session(['250-fake.test', '250 AUTH PLAIN'], async () => undefined, false);
    await expect(client.authenticate({ username: 'a', password: 'b' })).rejects.toMatchObject({ code: 'auth-insecure' });
    expect(peer.lines.some((l) => l.startsWith('AUTH'))).toBe(false);
  });
});
