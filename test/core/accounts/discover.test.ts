import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { discoverAccount, type DiscoveryOptions } from '../../../core/accounts/discover.js';
import type { Prober, ProbeRequest } from '../../../core/accounts/prober.js';
import { startDnsServer, type TestDnsServer } from './support/dns-server.js';
import { startHttpServer, type TestHttpServer } from './support/http-server.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/accounts/${name}`, import.meta.url), 'utf8');

function config(id: string, imapHost: string, smtpHost: string, username = '%EMAILADDRESS%'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1"><emailProvider id="${id}"><domain>${id}</domain>
  <incomingServer type="imap"><hostname>${imapHost}</hostname><port>993</port><socketType>SSL</socketType><username>${username}</username><authentication>password-cleartext</authentication></incomingServer>
  <outgoingServer type="smtp"><hostname>${smtpHost}</hostname><port>587</port><socketType>STARTTLS</socketType><username>${username}</username><authentication>password-cleartext</authentication></outgoingServer>
</emailProvider></clientConfig>`;
}

/** A prober for discovery logic tests: the listed endpoints "answer", every other one is refused. */
function scriptedProber(answering: readonly string[]): Prober & { asked: ProbeRequest[] } {
  const asked: ProbeRequest[] = [];
  return {
    asked,
    async probe(request) {
      asked.push(request);
      const key = `${request.host}:${request.port}:${request.security}`;
      if (answering.includes(key)) {
        return { ok: true, greeting: '* OK ready', capabilities: ['IMAP4rev1'], saslMechanisms: ['PLAIN', 'XOAUTH2'], tlsProtocol: 'TLSv1.3' };
      }
      return { ok: false, code: 'connect-failed', message: `connection refused by ${key}` };
    },
  };
}

let dns: TestDnsServer;
let http: TestHttpServer;
let options: DiscoveryOptions;

beforeAll(async () => {
  dns = await startDnsServer(
    {
      // MX-hosted at Google: a Workspace domain.
      'workspace.test': { mx: [{ preference: 10, exchange: 'alt1.aspmx.l.google.com' }, { preference: 1, exchange: 'aspmx.l.google.com' }] },
      // MX-hosted at Microsoft 365.
      'm365.test': { mx: [{ preference: 0, exchange: 'm365-test.mail.protection.outlook.com' }] },
      // MX at a hoster that publishes autoconfig for its customers.
      'customer.test': { mx: [{ preference: 5, exchange: 'mx1.hoster.test' }] },
      // SRV only (RFC 6186).
      'srv.test': { mx: [{ preference: 10, exchange: 'mx.srv.test' }] },
      '_imaps._tcp.srv.test': { srv: [{ priority: 10, weight: 1, port: 993, target: 'imap-b.srv.test' }, { priority: 10, weight: 5, port: 993, target: 'imap-a.srv.test' }, { priority: 20, weight: 100, port: 993, target: 'backup.srv.test' }] },
      '_imap._tcp.srv.test': { srv: [{ priority: 0, weight: 0, port: 143, target: 'imap-a.srv.test.' }] },
      '_pop3s._tcp.srv.test': { srv: [{ priority: 0, weight: 0, port: 0, target: '.' }] },
      '_submission._tcp.srv.test': { srv: [{ priority: 0, weight: 1, port: 587, target: 'smtp.srv.test' }] },
      '_submissions._tcp.srv.test': { srv: [{ priority: 0, weight: 1, port: 465, target: 'smtp.elsewhere.test' }] },
      // Null MX (RFC 7505) and nothing else.
      'nomail.test': { mx: [{ preference: 0, exchange: '.' }] },
      // Autoconfig and SRV both name the same IMAP server.
      'both.test': {},
      '_imaps._tcp.both.test': { srv: [{ priority: 0, weight: 0, port: 993, target: 'imap.both.test' }] },
      'guess.test': {},
      'slow.test': {},
    },
    ['slow.test', '_imaps._tcp.slow.test', '_imap._tcp.slow.test', '_pop3s._tcp.slow.test', '_pop3._tcp.slow.test', '_submission._tcp.slow.test', '_submissions._tcp.slow.test'],
  );
  http = await startHttpServer({
    '/autoconfig.auto.test/mail/config-v1.1.xml': { body: config('auto.test', 'imap.%EMAILDOMAIN%', 'smtp.auto.test', '%EMAILLOCALPART%') },
    '/wellknown.test/.well-known/autoconfig/mail/config-v1.1.xml': { body: config('wellknown.test', 'mail.wellknown.test', 'mail.wellknown.test') },
    '/autoconfig.hoster.test/mail/config-v1.1.xml': { body: config('hoster.test', 'imap.hoster.test', 'smtp.hoster.test') },
    '/autoconfig.both.test/mail/config-v1.1.xml': { body: config('both.test', 'imap.both.test', 'smtp.both.test') },
    '/autoconfig.hostile.test/mail/config-v1.1.xml': { body: fixture('billion-laughs.xml') },
    '/hostile.test/.well-known/autoconfig/mail/config-v1.1.xml': { status: 302, headers: { location: 'ftp://evil.test/config.xml' } },
    '/autoconfig.huge.test/mail/config-v1.1.xml': { body: Buffer.alloc(300 * 1024, 0x20) },
    '/autoconfig.slow.test/mail/config-v1.1.xml': { hang: true },
    '/slow.test/.well-known/autoconfig/mail/config-v1.1.xml': { hang: true },
    '/autoconfig.moved.test/mail/config-v1.1.xml': { status: 301, headers: { location: '/moved.test/final.xml' } },
    '/moved.test/final.xml': { body: config('moved.test', 'imap.moved.test', 'smtp.moved.test') },
    '/autoconfig.broken.test/mail/config-v1.1.xml': { status: 500, body: 'oops' },
  });
  options = { dnsServers: [dns.address], autoconfigBase: http.base, timeouts: { dns: 2000, http: 2000, probe: 1000, overall: 8000 } };
});

afterAll(async () => {
  await dns?.close();
  await http?.close();
});

const summary = (c: { protocol: string; host: string; port: number; security: string; source: string } | undefined): string =>
  c ? `${c.protocol} ${c.host}:${c.port} ${c.security} ${c.source}` : 'none';

describe('account discovery', () => {
  it('answers a provider-database domain at once, without the network', async () => {
    const before = dns.queries.length + http.requests.length;
    const result = await discoverAccount('hanako@gmail.com', options);
    expect(summary(result.chosen?.incoming)).toBe('imap imap.gmail.com:993 tls provider-database');
    expect(summary(result.chosen?.outgoing)).toBe('smtp smtp.gmail.com:465 tls provider-database');
    expect(result.chosen?.incoming.username).toBe('hanako@gmail.com');
    expect(result.chosen?.incoming.oauth2?.issuer).toBe('accounts.google.com');
    expect(result.manual).toBe(false);
    expect(result.steps.filter((s) => s.status === 'skipped').map((s) => s.step)).toEqual(['autoconfig', 'autoconfig-well-known', 'mx', 'srv', 'guess']);
    expect(dns.queries.length + http.requests.length).toBe(before);
  });

  it('finds an autoconfig domain and sends it the address', async () => {
    const result = await discoverAccount('taro@auto.test', options);
    expect(summary(result.chosen?.incoming)).toBe('imap imap.auto.test:993 tls autoconfig');
    expect(result.chosen?.incoming.username).toBe('taro');
    expect(result.chosen?.incoming.sourceDetail).toBe('https://autoconfig.auto.test/mail/config-v1.1.xml?emailaddress=taro%40auto.test');
    expect(summary(result.chosen?.outgoing)).toBe('smtp smtp.auto.test:587 starttls autoconfig');
    expect(http.requests).toContain('/autoconfig.auto.test/mail/config-v1.1.xml?emailaddress=taro%40auto.test');
  });

  it('finds a domain through /.well-known/autoconfig', async () => {
    const result = await discoverAccount('a@wellknown.test', options);
    expect(summary(result.chosen?.incoming)).toBe('imap mail.wellknown.test:993 tls autoconfig-well-known');
  });

  it('finds a Google-hosted domain through its MX record', async () => {
    const result = await discoverAccount('jiro@workspace.test', options);
    expect(summary(result.chosen?.incoming)).toBe('imap imap.gmail.com:993 tls mx-provider-database');
    expect(result.chosen?.incoming.username).toBe('jiro@workspace.test');
    expect(result.chosen?.incoming.sourceDetail).toContain('aspmx.l.google.com');
    expect(result.steps.find((s) => s.step === 'mx')).toMatchObject({ status: 'found', message: 'aspmx.l.google.com' });
  });

  it('finds a Microsoft 365 domain through its MX record', async () => {
    const result = await discoverAccount('ken@m365.test', options);
    expect(summary(result.chosen?.incoming)).toBe('imap outlook.office365.com:993 tls mx-provider-database');
    expect(result.chosen?.incoming.providerId).toBe('office365.com');
    expect(summary(result.chosen?.outgoing)).toBe('smtp smtp.office365.com:587 starttls mx-provider-database');
  });

  it('asks the MX hoster for autoconfig, without sending it the address', async () => {
    const result = await discoverAccount('yuki@customer.test', options);
    expect(summary(result.chosen?.incoming)).toBe('imap imap.hoster.test:993 tls mx-autoconfig');
    expect(result.chosen?.incoming.username).toBe('yuki@customer.test');
    expect(http.requests).toContain('/autoconfig.hoster.test/mail/config-v1.1.xml');
  });

  it('finds an SRV-only domain, honouring priority, weight and "." (RFC 6186)', async () => {
    const result = await discoverAccount('u@srv.test', options);
    expect(result.incoming.map(summary)).toEqual([
      'imap imap-a.srv.test:993 tls srv',
      'imap imap-b.srv.test:993 tls srv',
      'imap backup.srv.test:993 tls srv',
      'imap imap-a.srv.test:143 starttls srv',
    ]);
    expect(result.incoming.some((c) => c.protocol === 'pop3')).toBe(false);
    expect(result.outgoing.map(summary)).toEqual(['smtp smtp.elsewhere.test:465 tls srv', 'smtp smtp.srv.test:587 starttls srv']);
    // RFC 6186 §6: a target outside the domain must be confirmed by the user.
    expect(result.outgoing[0]?.warning).toMatch(/points outside srv\.test, to smtp\.elsewhere\.test/);
    expect(result.outgoing[1]?.warning).toBeUndefined();
    expect(result.incoming.every((c) => c.warning === undefined)).toBe(true);
    expect(result.steps.find((s) => s.step === 'mx-autoconfig')?.status).toBe('skipped');
  });

  it('merges the same server from autoconfig and SRV', async () => {
    const result = await discoverAccount('u@both.test', options);
    expect(result.chosen?.incoming).toMatchObject({ host: 'imap.both.test', source: 'autoconfig', alsoFrom: ['srv'] });
  });

  it('guesses a domain with nothing published, preferring implicit TLS', async () => {
    const prober = scriptedProber(['imap.guess.test:10143:starttls', 'imap.guess.test:10993:tls', 'mail.guess.test:10587:starttls', 'guess.test:10995:tls']);
    const result = await discoverAccount('u@guess.test', { ...options, prober, guessPortMap: { 993: 10993, 143: 10143, 995: 10995, 110: 10110, 465: 10465, 587: 10587 } });
    expect(result.incoming.map(summary)).toEqual(['imap imap.guess.test:10993 tls guess', 'imap imap.guess.test:10143 starttls guess', 'pop3 guess.test:10995 tls guess']);
    expect(summary(result.chosen?.outgoing)).toBe('smtp mail.guess.test:10587 starttls guess');
    expect(result.chosen?.incoming.auth).toEqual(['password-cleartext', 'OAuth2']);
    expect(result.manual).toBe(false);
    // imap/pop/smtp × prefix (3) × port (2), all at once.
    expect(prober.asked).toHaveLength(18);
    expect(new Set(prober.asked.map((r) => r.host))).toEqual(new Set(['imap.guess.test', 'pop.guess.test', 'smtp.guess.test', 'mail.guess.test', 'guess.test']));
  });

  it('guesses only the missing side', async () => {
    const prober = scriptedProber([]);
    const result = await discoverAccount('u@srv.test', { ...options, prober });
    expect(prober.asked).toHaveLength(0);
    expect(result.steps.find((s) => s.step === 'guess')).toMatchObject({ status: 'skipped' });
  });

  it('says "enter settings by hand" when nothing is found', async () => {
    const prober = scriptedProber([]);
    const result = await discoverAccount('u@nomail.test', { ...options, prober });
    expect(result.manual).toBe(true);
    expect(result.chosen).toBeUndefined();
    expect(result.message).toBe('No settings found for nomail.test: enter the server settings by hand.');
    expect(result.steps.map((s) => `${s.step}:${s.status}`)).toEqual([
      'provider-database:nothing',
      'autoconfig:nothing',
      'autoconfig-well-known:nothing',
      'mx:nothing',
      'srv:nothing',
      'guess:nothing',
    ]);
  });

  it('gives the manual result within the overall time limit when nothing answers', async () => {
    const started = Date.now();
    const result = await discoverAccount('u@slow.test', { ...options, timeouts: { dns: 5000, http: 5000, overall: 1500 } });
    const elapsed = Date.now() - started;
    expect(result.manual).toBe(true);
    expect(elapsed).toBeLessThan(4000);
    expect(result.steps.filter((s) => s.status === 'timeout').map((s) => s.step)).toEqual(expect.arrayContaining(['autoconfig', 'autoconfig-well-known', 'mx', 'srv']));
  });

  it('reports each step timing out on its own', async () => {
    const result = await discoverAccount('u@slow.test', { ...options, timeouts: { dns: 300, http: 300, overall: 5000 } });
    const autoconfig = result.steps.find((s) => s.step === 'autoconfig');
    expect(autoconfig).toMatchObject({ status: 'timeout', message: 'no answer within 300 ms' });
  });

  it('refuses hostile config files and unsafe redirects, and keeps going', async () => {
    const result = await discoverAccount('u@hostile.test', options);
    const steps = Object.fromEntries(result.steps.map((s) => [s.step, s]));
    expect(steps['autoconfig']).toMatchObject({ status: 'failed' });
    expect(steps['autoconfig']!.message).toMatch(/config-invalid: .*DOCTYPE/);
    expect(steps['autoconfig-well-known']!.message).toMatch(/tls-required: .*redirected to ftp:/);
    expect(result.manual).toBe(true);
  });

  it('refuses an oversized config file and reports HTTP errors', async () => {
    const huge = await discoverAccount('u@huge.test', options);
    expect(huge.steps.find((s) => s.step === 'autoconfig')!.message).toMatch(/larger than/);
    const broken = await discoverAccount('u@broken.test', options);
    expect(broken.steps.find((s) => s.step === 'autoconfig')!.message).toMatch(/server-rejected: HTTP 500/);
  });

  it('follows a redirect that stays on the same scheme', async () => {
    const result = await discoverAccount('u@moved.test', options);
    expect(summary(result.chosen?.incoming)).toBe('imap imap.moved.test:993 tls autoconfig');
  });

  it('rejects an invalid address before doing anything', async () => {
    await expect(discoverAccount('not-an-address', options)).rejects.toThrow(/not an e-mail address/);
  });
});
