/**
 * Discovery's guess path and the real prober against the real stack (Postfix + Dovecot on
 * loopback). The stack answers on high ports under the name "localhost", so the guesser maps
 * the standard ports to the stack's and the prober routes the guessed names to its loopback addresses
 * while verifying the certificate as "localhost" against the stack's CA.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../../core/cli/main.js';
import { autoconfigCommand } from '../../core/cli/autoconfig.js';
import { loadServers, type ServersDescriptor } from '../servers/descriptor.js';
import { discoverAccount } from '../../core/accounts/discover.js';
import { createNetProber } from '../../core/accounts/net-prober.js';
import type { Prober } from '../../core/accounts/prober.js';
import { verifyAccount, verifyLogin } from '../../core/accounts/verify.js';
import { startDnsServer, type TestDnsServer } from '../core/accounts/support/dns-server.js';
import { startHttpServer, type TestHttpServer } from '../core/accounts/support/http-server.js';

let servers: ServersDescriptor;
let ca: string;
let dns: TestDnsServer;
let http: TestHttpServer;
let prober: Prober;

const GUESSED_HOSTS = ['imap.tegami.test', 'pop.tegami.test', 'smtp.tegami.test', 'mail.tegami.test', 'tegami.test'];

/** The guessed names all lead to the stack: Postfix's address for its ports, Dovecot's for the rest. */
function routeToStack(host: string, port: number): { host: string; servername: string } | undefined {
  if (!GUESSED_HOSTS.includes(host)) return undefined;
  const smtp = [servers.smtp.submission, servers.smtp.submissions].find((e) => e.port === port);
  return { host: smtp ? smtp.host : servers.imap.tls.host, servername: 'localhost' };
}

beforeAll(async () => {
  servers = loadServers();
  ca = readFileSync(servers.caFile, 'utf8');
  // The domain exists but publishes nothing: no MX, no SRV, no autoconfig.
  dns = await startDnsServer({ 'tegami.test': {} });
  http = await startHttpServer({});
  prober = createNetProber({ ca, route: routeToStack });
});

afterAll(async () => {
  await dns?.close();
  await http?.close();
});

function request(protocol: 'imap' | 'pop3' | 'smtp', port: number, security: 'tls' | 'starttls') {
  return { protocol, host: 'mail.tegami.test', port, security, timeoutMs: 10_000, signal: new AbortController().signal } as const;
}

describe('autoconfig against the real stack', () => {
  it('guesses the stack for a domain that publishes nothing, preferring implicit TLS', async () => {
    const portMap = {
      993: servers.imap.tls.port,
      143: servers.imap.starttls.port,
      995: servers.pop3.tls.port,
      110: servers.pop3.starttls.port,
      465: servers.smtp.submissions.port,
      587: servers.smtp.submission.port,
    };
    const result = await discoverAccount(servers.users.alice.address, {
      dnsServers: [dns.address],
      autoconfigBase: http.base,
      prober,
      guessPortMap: portMap,
      timeouts: { dns: 3000, http: 3000, probe: 10_000, overall: 60_000 },
    });
    expect(result.manual).toBe(false);
    expect(result.chosen?.incoming).toMatchObject({ protocol: 'imap', host: 'imap.tegami.test', port: servers.imap.tls.port, security: 'tls', source: 'guess', username: servers.users.alice.address });
    expect(result.chosen?.outgoing).toMatchObject({ protocol: 'smtp', host: 'smtp.tegami.test', port: servers.smtp.submissions.port, security: 'tls', source: 'guess' });
    expect(result.chosen?.incoming.auth).toContain('password-cleartext');
    // Every variant the stack serves was found: STARTTLS ones rank after implicit TLS.
    const incoming = result.incoming.map((c) => `${c.protocol} ${c.host}:${c.port} ${c.security}`);
    expect(incoming).toContain(`imap imap.tegami.test:${servers.imap.starttls.port} starttls`);
    expect(incoming).toContain(`pop3 pop.tegami.test:${servers.pop3.tls.port} tls`);
    expect(incoming).toContain(`pop3 pop.tegami.test:${servers.pop3.starttls.port} starttls`);
    expect(incoming.indexOf(`imap imap.tegami.test:${servers.imap.tls.port} tls`)).toBeLessThan(incoming.indexOf(`imap imap.tegami.test:${servers.imap.starttls.port} starttls`));
    expect(result.outgoing.map((c) => `${c.host}:${c.port} ${c.security}`)).toContain(`smtp.tegami.test:${servers.smtp.submission.port} starttls`);
    expect(result.steps.find((s) => s.step === 'guess')).toMatchObject({ status: 'found' });
  });

  it('probes each protocol with STARTTLS and sees the capabilities offered after TLS', async () => {
    const imap = await prober.probe(request('imap', servers.imap.starttls.port, 'starttls'));
    expect(imap).toMatchObject({ ok: true });
    if (!imap.ok) return;
    expect(imap.greeting).toMatch(/^\* OK/);
    expect(imap.capabilities).toContain('IMAP4REV1');
    expect(imap.saslMechanisms).toContain('PLAIN');
    expect(imap.tlsProtocol).toMatch(/^TLSv1\.[23]$/);

    const pop3 = await prober.probe(request('pop3', servers.pop3.starttls.port, 'starttls'));
    expect(pop3).toMatchObject({ ok: true });
    if (pop3.ok) expect(pop3.greeting).toMatch(/^\+OK/);

    const smtp = await prober.probe(request('smtp', servers.smtp.submission.port, 'starttls'));
    expect(smtp).toMatchObject({ ok: true });
    if (!smtp.ok) return;
    expect(smtp.greeting).toMatch(/^220 /);
    // Submission offers AUTH only after TLS (the stack's policy, RFC 4954 §4 advice).
    expect(smtp.saslMechanisms).toContain('PLAIN');
  });

  it('fails a probe whose certificate does not verify', async () => {
    const untrusting = createNetProber({ route: routeToStack });
    const result = await untrusting.probe(request('imap', servers.imap.tls.port, 'tls'));
    expect(result).toMatchObject({ ok: false, code: 'certificate-untrusted' });
  });

  it('fails a probe that meets another protocol', async () => {
    const result = await prober.probe(request('pop3', servers.imap.tls.port, 'tls'));
    expect(result).toMatchObject({ ok: false, code: 'server-rejected' });
  });

  it('fails a probe on a closed port', async () => {
    const server: Server = createServer();
    const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const result = await prober.probe(request('imap', port, 'tls'));
    expect(result).toMatchObject({ ok: false, code: 'connect-failed' });
  });
});

describe('login verification against the real stack', () => {
  const login = (endpoint: { host: string; port: number; security: 'tls' | 'starttls' | 'none' }, protocol: 'imap' | 'pop3' | 'smtp', username: string) => ({
    protocol,
    host: endpoint.host,
    port: endpoint.port,
    security: endpoint.security,
    username,
  });

  it('accepts the right password on both sides (IMAP and SMTP submission)', async () => {
    const alice = servers.users.alice;
    const result = await verifyAccount(
      { incoming: login(servers.imap.tls, 'imap', alice.address), outgoing: login(servers.smtp.submission, 'smtp', alice.address) },
      { incoming: { password: alice.password } },
      { ca, timeoutMs: 15_000 },
    );
    expect(result.incoming).toMatchObject({ ok: true });
    expect(result.outgoing).toMatchObject({ ok: true });
    expect(result.ok).toBe(true);
  });

  it('accepts POP3 with STLS', async () => {
    const alice = servers.users.alice;
    const result = await verifyLogin('incoming', login(servers.pop3.starttls, 'pop3', alice.address), { password: alice.password }, { ca, timeoutMs: 15_000 });
    expect(result).toMatchObject({ ok: true });
  });

  it('says which side rejected a wrong password', async () => {
    const alice = servers.users.alice;
    const result = await verifyAccount(
      { incoming: login(servers.imap.starttls, 'imap', alice.address), outgoing: login(servers.smtp.submissions, 'smtp', alice.address) },
      { incoming: { password: alice.password }, outgoing: { password: `${alice.password}-wrong` } },
      { ca, timeoutMs: 15_000 },
    );
    expect(result.ok).toBe(false);
    expect(result.incoming.ok).toBe(true);
    expect(result.outgoing).toMatchObject({ ok: false, side: 'outgoing', reason: 'wrong-password', code: 'auth-failed' });
    expect(result.outgoing.message).toMatch(/^The outgoing server .* rejected the user name or password/);
    expect(JSON.stringify(result)).not.toContain(`${alice.password}-wrong`);
  });

  it('reports an untrusted certificate as a TLS failure with the certificate to decide on', async () => {
    const alice = servers.users.alice;
    const result = await verifyLogin('incoming', login(servers.imap.tls, 'imap', alice.address), { password: alice.password }, { timeoutMs: 15_000 });
    expect(result).toMatchObject({ ok: false, reason: 'tls', code: 'certificate-untrusted' });
    expect(result.details?.['sha256Fingerprint']).toMatch(/^[0-9A-F]{2}(:[0-9A-F]{2}){31}$/);
  });

  it('accepts exactly the certificate the user pinned, and asks again when it changes', async () => {
    const alice = servers.users.alice;
    const servers2 = { incoming: login(servers.imap.tls, 'imap', alice.address), outgoing: login(servers.smtp.submissions, 'smtp', alice.address) };
    // No CA: both sides fail verification and report the certificate to decide on.
    const first = await verifyAccount(servers2, { incoming: { password: alice.password } }, { timeoutMs: 15_000 });
    expect(first.incoming).toMatchObject({ ok: false, reason: 'tls', code: 'certificate-untrusted' });
    expect(first.outgoing).toMatchObject({ ok: false, reason: 'tls', code: 'certificate-untrusted' });
    const incomingPin = String(first.incoming.details?.['sha256Fingerprint']);
    const outgoingPin = String(first.outgoing.details?.['sha256Fingerprint']);
    // The user accepts those exact certificates: the logins now succeed without the CA.
    const pinned = await verifyAccount(servers2, { incoming: { password: alice.password } }, { timeoutMs: 15_000, pins: { incoming: incomingPin, outgoing: outgoingPin } });
    expect(pinned.incoming).toMatchObject({ ok: true });
    expect(pinned.outgoing).toMatchObject({ ok: true });
    // A different certificate than the pinned one is refused and reported again.
    const otherPin = incomingPin.replace(/^[0-9A-F]{2}/, (byte) => (byte === '00' ? '01' : '00'));
    const changed = await verifyLogin('incoming', servers2.incoming, { password: alice.password }, { timeoutMs: 15_000, pinnedSha256: otherPin });
    expect(changed).toMatchObject({ ok: false, reason: 'tls', code: 'certificate-pin-mismatch' });
    expect(changed.details?.['sha256Fingerprint']).toBe(incomingPin);
  });

  it('reports an unreachable host', async () => {
    const alice = servers.users.alice;
    const server: Server = createServer();
    const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const result = await verifyLogin('outgoing', { protocol: 'smtp', host: '127.0.0.1', port, security: 'tls', username: alice.address }, { password: alice.password }, { ca, timeoutMs: 5000 });
    expect(result).toMatchObject({ ok: false, reason: 'unreachable', code: 'connect-failed' });
  });
});

describe('tegami autoconfig --verify against the real stack', () => {
  it('finds the settings in a provider file and verifies both logins', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegami-autoconfig-'));
    try {
      const providers = join(dir, 'tegami.test.xml');
      writeFileSync(
        providers,
        `<clientConfig version="1.1"><emailProvider id="tegami.test"><domain>tegami.test</domain>
          <incomingServer type="imap"><hostname>${servers.imap.starttls.host}</hostname><port>${servers.imap.starttls.port}</port><socketType>STARTTLS</socketType><username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication></incomingServer>
          <outgoingServer type="smtp"><hostname>${servers.smtp.submissions.host}</hostname><port>${servers.smtp.submissions.port}</port><socketType>SSL</socketType><username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication></outgoingServer>
        </emailProvider></clientConfig>`,
      );
      const chunks: Buffer[] = [];
      const stdout = new PassThrough();
      stdout.on('data', (c: Buffer) => chunks.push(c));
      const stdin = new PassThrough();
      stdin.end(`${servers.users.alice.password}\n`);
      const code = await runCli(
        { args: ['autoconfig', servers.users.alice.address, '--providers', providers, '--ca', servers.caFile, '--verify'], stdout, stderr: new PassThrough(), stdin, env: {} },
        { autoconfig: autoconfigCommand },
      );
      const text = Buffer.concat(chunks).toString('utf8');
      expect(text).toContain('Verify incoming: ok');
      expect(text).toContain('Verify outgoing: ok');
      expect(text).not.toContain(servers.users.alice.password);
      expect(code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
