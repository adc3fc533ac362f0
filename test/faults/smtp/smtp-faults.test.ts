/**
 * SMTP against scripted misbehaving servers: what real servers will not do on request
 * (inject plaintext after STARTTLS, drop mid-DATA, go silent, send garbage).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openSmtp, type SmtpOpenOptions } from '../../../core/smtp/client.js';
import { useScriptedServers } from '../support/fixture.js';
import { type ScriptedPeer, type ScriptedServer } from '../support/scripted-server.js';
import { expectMailError } from '../../support/mail-error.js';

let server: ScriptedServer | undefined;

const servers = useScriptedServers();

afterEach(async () => {
  server = undefined;
});

const EHLO = '250-fault.test\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-ENHANCEDSTATUSCODES\r\n250 AUTH PLAIN\r\n';

/** Greeting and EHLO, then the test's own script. */
async function smtpServer(script: (peer: ScriptedPeer) => Promise<void>, ehlo = EHLO): Promise<ScriptedServer> {
  return servers.start(
    async (peer) => {
      peer.sendLine('220 fault.test ESMTP');
      await peer.expectLine(/^EHLO /);
      peer.send(ehlo);
      await script(peer);
    },
    { tls: servers.certs.valid },
  );
}

function options(extra: Partial<SmtpOpenOptions> = {}): SmtpOpenOptions {
  if (!server) throw new Error('no server');
  return { host: 'localhost', port: server.port, security: 'none', ca: servers.certs.caCert, clientName: 'client.test', timeouts: { greeting: 300, command: 300 }, ...extra };
}

const envelope = { from: 'alice@fault.test', to: ['bob@fault.test'] };

describe('STARTTLS faults', () => {
  it('detects plaintext injected after the STARTTLS reply (CVE-2011-0411)', async () => {
    server = await smtpServer(async (peer) => {
      await peer.expectLine('STARTTLS');
      peer.send('220 2.0.0 Ready to start TLS\r\n250-fault.test\r\n250 AUTH PLAIN LOGIN\r\n');
      await peer.closed;
    }, '250-fault.test\r\n250 STARTTLS\r\n');
    const error = await expectMailError(openSmtp(options({ security: 'starttls' })));
    expect(error.code).toBe('starttls-injection');
  });

  it('refuses to continue in plain text when STARTTLS is required but not offered', async () => {
    let lines: string[] = [];
    server = await smtpServer(async (peer) => {
      lines = peer.lines;
      await peer.closed;
    });
    const error = await expectMailError(openSmtp(options({ security: 'starttls', credentials: { username: 'a', password: 'b' } })));
    expect(error.code).toBe('starttls-unavailable');
    await server.settled();
    expect(lines.filter((l) => !l.startsWith('EHLO'))).toEqual([]);
  });

  it('upgrades, forgets the plaintext capabilities and asks again', async () => {
    server = await smtpServer(async (peer) => {
      await peer.expectLine('STARTTLS');
      peer.sendLine('220 2.0.0 Ready to start TLS');
      await peer.startTls();
      await peer.expectLine(/^EHLO /);
      peer.send('250-fault.test\r\n250 SIZE 1000\r\n');
      await peer.expectLine('QUIT');
      peer.sendLine('221 bye');
    }, '250-fault.test\r\n250-STARTTLS\r\n250 AUTH PLAIN\r\n');
    const client = await openSmtp(options({ security: 'starttls' }));
    expect(client.connection.encrypted).toBe(true);
    expect(client.capabilities.auth).toEqual([]);
    expect(client.capabilities.starttls).toBe(false);
    expect(client.capabilities.size).toBe(1000);
    await client.quit();
  });

  it('reports a certificate for the wrong host on implicit TLS', async () => {
    server = await servers.start(
      async (peer) => {
        peer.sendLine('220 never read');
        await peer.closed;
      },
      { tls: servers.certs.wrongHost, implicitTls: true },
    );
    const error = await expectMailError(openSmtp(options({ security: 'tls' })));
    expect(error.code).toBe('certificate-hostname');
    expect(error.details?.['sha256Fingerprint']).toBeTruthy();
  });
});

describe('broken sessions', () => {
  it('never reports success when the connection drops during DATA', async () => {
    server = await smtpServer(async (peer) => {
      await peer.expectLine(/^MAIL/);
      await peer.expectLine(/^RCPT/);
      await peer.expectLine('DATA');
      peer.send('250 Ok\r\n250 Ok\r\n354 go\r\n');
      await peer.readBytes(1000);
      peer.destroy();
    });
    const client = await openSmtp(options());
    const body = `Subject: big\r\n\r\n${'x'.repeat(200_000)}\r\n`;
    const error = await expectMailError(client.send(envelope, body));
    expect(error.code).toBe('connection-closed');
    expect(error.transient).toBe(true);
  });

  it('times out a server that never greets', async () => {
    server = await servers.start(async (peer) => {
      await peer.closed;
    });
    expect((await expectMailError(openSmtp(options()))).code).toBe('greeting-timeout');
  });

  it('times out when the final reply after the message never comes', async () => {
    server = await smtpServer(async (peer) => {
      await peer.expectLine(/^MAIL/);
      await peer.expectLine(/^RCPT/);
      await peer.expectLine('DATA');
      peer.send('250 Ok\r\n250 Ok\r\n354 go\r\n');
      await peer.readUntil('.');
      await peer.closed;
    });
    const client = await openSmtp(options());
    const error = await expectMailError(client.send(envelope, 'Subject: t\r\n\r\nbody\r\n'));
    expect(error.code).toBe('command-timeout');
  });

  it('fails with protocol-error on a garbage reply and closes the connection', async () => {
    server = await servers.start(async (peer) => {
      peer.sendLine('220 fault.test ESMTP');
      await peer.expectLine(/^EHLO /);
      peer.sendLine('Hello! I am not an SMTP server.');
      await peer.closed;
    });
    const error = await expectMailError(openSmtp(options()));
    expect(error.code).toBe('protocol-error');
    expect(error.details?.['line']).toBe('Hello! I am not an SMTP server.');
  });

  it('rejects a 554 greeting as server-rejected', async () => {
    server = await servers.start(async (peer) => {
      peer.sendLine('554 5.7.1 No SMTP service here');
      await peer.closed;
    });
    expect((await expectMailError(openSmtp(options()))).code).toBe('server-rejected');
  });

  it.each([
    ['554 5.6.0 Message content rejected', 'permanent-failure', false],
    ['552 5.3.4 Message size exceeds fixed limit', 'message-too-large', false],
    ['451 4.3.0 Temporary lookup failure', 'temporary-failure', true],
  ])('reports "%s" after DATA as %s', async (reply, code, transient) => {
    server = await smtpServer(async (peer) => {
      await peer.expectLine(/^MAIL/);
      await peer.expectLine(/^RCPT/);
      await peer.expectLine('DATA');
      peer.send('250 Ok\r\n250 Ok\r\n354 go\r\n');
      await peer.readUntil('.');
      peer.sendLine(reply);
      await peer.closed;
    });
    const client = await openSmtp(options());
    const error = await expectMailError(client.send(envelope, 'Subject: t\r\n\r\nbody\r\n'));
    expect(error.code).toBe(code);
    expect(error.transient).toBe(transient);
    expect(error.reply?.status).toBe(reply.slice(0, 3));
    client.connection.close();
  });

  it('reports a 421 shutdown mid-session as a temporary failure', async () => {
    server = await smtpServer(async (peer) => {
      await peer.expectLine(/^MAIL/);
      peer.sendLine('421 4.3.2 Service shutting down');
      peer.end();
    });
    const client = await openSmtp(options());
    const error = await expectMailError(client.send(envelope, 'x'));
    expect(error.code).toBe('temporary-failure');
    expect(error.transient).toBe(true);
  });
});
