import { describe, expect, it } from 'vitest';
import * as net from 'node:net';
import { connect } from '../../../core/net/connect.js';
import { useScriptedServers } from '../support/fixture.js';
import type { ScriptedServer } from '../support/scripted-server.js';
import { expectMailError } from '../../support/mail-error.js';

let server: ScriptedServer | undefined;

const servers = useScriptedServers();

async function tlsServer(cert: { key: string; cert: string }): Promise<ScriptedServer> {
  return servers.start(
    async (peer) => {
      peer.sendLine('220 tls.test ESMTP');
      await peer.closed;
    },
    { tls: cert, implicitTls: true },
  );
}

describe('implicit TLS certificate checks', () => {
  it('connects when the chain verifies against the extra CA and reports TLS details', async () => {
    server = await tlsServer(servers.certs.valid);
    const conn = await connect({ host: 'localhost', port: server.port, security: 'tls', ca: servers.certs.caCert });
    expect(await conn.readLine({ timeout: 'greeting' })).toBe('220 tls.test ESMTP');
    expect(conn.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(conn.tls?.cipher.length).toBeGreaterThan(0);
    expect(conn.tls?.verified).toBe(true);
    expect(conn.tls?.certificate.subject).toContain('CN=localhost');
    expect(conn.tls?.certificate.issuer).toContain('Tegami Fault Test CA');
    expect(conn.tls?.certificate.sha256Fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(conn.transcript.format()).toContain('TLS');
    conn.close();
  });

  it('rejects an expired certificate with its details', async () => {
    server = await tlsServer(servers.certs.expired);
    const error = await expectMailError(connect({ host: 'localhost', port: server.port, security: 'tls', ca: servers.certs.caCert }));
    expect(error.code).toBe('certificate-expired');
    expect(error.details).toMatchObject({ subject: expect.stringContaining('localhost'), validTo: expect.any(String) });
    expect(new Date(String(error.details?.['validTo'])).getTime()).toBeLessThan(Date.now());
  });

  it('rejects a certificate for another host name', async () => {
    server = await tlsServer(servers.certs.wrongHost);
    const error = await expectMailError(connect({ host: 'localhost', port: server.port, security: 'tls', ca: servers.certs.caCert }));
    expect(error.code).toBe('certificate-hostname');
    expect(error.details?.['altNames']).toEqual(['DNS:mail.example.org']);
  });

  it('rejects a certificate signed by an unknown CA without the extra CA', async () => {
    server = await tlsServer(servers.certs.valid);
    const error = await expectMailError(connect({ host: 'localhost', port: server.port, security: 'tls' }));
    expect(error.code).toBe('certificate-untrusted');
  });

  it('rejects a self-signed certificate, and accepts it once pinned', async () => {
    server = await tlsServer(servers.certs.selfSigned);
    const error = await expectMailError(connect({ host: 'localhost', port: server.port, security: 'tls' }));
    expect(error.code).toBe('certificate-untrusted');
    const fingerprint = String(error.details?.['sha256Fingerprint']);
    const conn = await connect({ host: 'localhost', port: server.port, security: 'tls', pinnedSha256: fingerprint.toLowerCase() });
    expect(conn.tls?.pinned).toBe(true);
    expect(conn.tls?.verified).toBe(false);
    expect(await conn.readLine()).toBe('220 tls.test ESMTP');
    conn.close();
  });

  it('rejects a pinned connection whose certificate changed', async () => {
    server = await tlsServer(servers.certs.selfSigned);
    const error = await expectMailError(connect({ host: 'localhost', port: server.port, security: 'tls', pinnedSha256: 'AA:'.repeat(31) + 'AA' }));
    expect(error.code).toBe('certificate-pin-mismatch');
    expect(error.details?.['sha256Fingerprint']).toBeTruthy();
  });
});

describe('STARTTLS upgrade', () => {
  it('upgrades after the reply and then talks over TLS', async () => {
    server = await servers.start(
      async (peer) => {
        peer.sendLine('220 ready');
        await peer.expectLine('STARTTLS');
        peer.sendLine('220 go ahead');
        await peer.startTls();
        await peer.expectLine('EHLO again');
        peer.sendLine('250 secure');
        await peer.closed;
      },
      { tls: servers.certs.valid },
    );
    const conn = await connect({ host: 'localhost', port: server.port, security: 'starttls', ca: servers.certs.caCert });
    expect(conn.encrypted).toBe(false);
    await conn.readLine({ timeout: 'greeting' });
    await conn.writeLine('STARTTLS');
    expect(await conn.readLine()).toBe('220 go ahead');
    const info = await conn.upgradeToTls();
    expect(info.verified).toBe(true);
    expect(conn.encrypted).toBe(true);
    await conn.writeLine('EHLO again');
    expect(await conn.readLine()).toBe('250 secure');
    conn.close();
    await server.settled();
    expect(server.errors).toEqual([]);
  });

  it('fails with starttls-injection when plaintext follows the STARTTLS reply', async () => {
    server = await servers.start(
      async (peer) => {
        peer.sendLine('220 ready');
        await peer.expectLine('STARTTLS');
        peer.send('220 go ahead\r\n250-INJECTED\r\n250 AUTH PLAIN\r\n');
        await peer.closed;
      },
      { tls: servers.certs.valid },
    );
    const conn = await connect({ host: 'localhost', port: server.port, security: 'starttls', ca: servers.certs.caCert });
    await conn.readLine();
    await conn.writeLine('STARTTLS');
    expect(await conn.readLine()).toBe('220 go ahead');
    const error = await expectMailError(conn.upgradeToTls());
    expect(error.code).toBe('starttls-injection');
    expect(conn.open).toBe(false);
  });

  it('checks the certificate on STARTTLS as well', async () => {
    server = await servers.start(
      async (peer) => {
        peer.sendLine('220 ready');
        await peer.expectLine('STARTTLS');
        peer.sendLine('220 go ahead');
        await peer.startTls().catch(() => undefined);
      },
      { tls: servers.certs.wrongHost },
    );
    const conn = await connect({ host: 'localhost', port: server.port, security: 'starttls', ca: servers.certs.caCert });
    await conn.readLine();
    await conn.writeLine('STARTTLS');
    await conn.readLine();
    expect((await expectMailError(conn.upgradeToTls())).code).toBe('certificate-hostname');
  });
});

describe('connect failures', () => {
  it('reports a refused connection as connect-failed (transient)', async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const { port } = probe.address() as net.AddressInfo;
    await new Promise<void>((r) => probe.close(() => r()));
    const error = await expectMailError(connect({ host: '127.0.0.1', port, security: 'none' }));
    expect(error.code).toBe('connect-failed');
    expect(error.transient).toBe(true);
  });

  it('times out a server that never sends its greeting', async () => {
    server = await servers.start(async (peer) => {
      await peer.closed;
    });
    const conn = await connect({ host: '127.0.0.1', port: server.port, security: 'none', timeouts: { greeting: 100 } });
    expect((await expectMailError(conn.readLine({ timeout: 'greeting' }))).code).toBe('greeting-timeout');
  });

  it('times out a TLS handshake the server never answers', async () => {
    server = await servers.start(async (peer) => {
      await peer.closed;
    });
    const error = await expectMailError(connect({ host: '127.0.0.1', port: server.port, security: 'tls', timeouts: { connect: 150 } }));
    expect(error.code).toBe('connect-timeout');
  });

  it('rejects bad options and an already aborted signal', async () => {
    expect((await expectMailError(connect({ host: '', port: 25, security: 'none' }))).code).toBe('invalid-argument');
    expect((await expectMailError(connect({ host: 'a', port: 70000, security: 'none' }))).code).toBe('invalid-argument');
    expect((await expectMailError(connect({ host: 'a', port: 25, security: 'bogus' as 'none' }))).code).toBe('invalid-argument');
    expect((await expectMailError(connect({ host: 'a', port: 25, security: 'none', signal: AbortSignal.abort() }))).code).toBe('cancelled');
  });
});
