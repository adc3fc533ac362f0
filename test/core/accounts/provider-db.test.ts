import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ProviderDatabase } from '../../../core/accounts/provider-db.js';
import { BUILTIN_PROVIDER_XML } from '../../../core/accounts/providers/builtin.js';
import { parseClientConfig } from '../../../core/accounts/config-xml.js';

const db = ProviderDatabase.builtin();

describe('built-in provider database', () => {
  it('parses every built-in file strictly', () => {
    for (const [id, xml] of Object.entries(BUILTIN_PROVIDER_XML)) {
      const providers = parseClientConfig(xml);
      expect(providers.map((p) => p.id)).toEqual([id]);
      for (const server of [...providers[0]!.incoming, ...providers[0]!.outgoing]) {
        // Only TLS: the curated database never proposes a plaintext server.
        expect(server.security, `${id} ${server.hostname}:${server.port}`).not.toBe('none');
        expect(server.auth.length, `${id} ${server.hostname}`).toBeGreaterThan(0);
      }
    }
  });

  it.each([
    ['gmail.com', 'google.com', 'imap.gmail.com'],
    ['googlemail.com', 'google.com', 'imap.gmail.com'],
    ['outlook.com', 'outlook.com', 'outlook.office365.com'],
    ['hotmail.com', 'outlook.com', 'outlook.office365.com'],
    ['live.com', 'outlook.com', 'outlook.office365.com'],
    ['office365.com', 'office365.com', 'outlook.office365.com'],
    ['icloud.com', 'icloud.com', 'imap.mail.me.com'],
    ['me.com', 'icloud.com', 'imap.mail.me.com'],
    ['mac.com', 'icloud.com', 'imap.mail.me.com'],
    ['yahoo.com', 'yahoo.com', 'imap.mail.yahoo.com'],
    ['aol.com', 'aol.com', 'imap.aol.com'],
    ['gmx.com', 'gmx.com', 'imap.gmx.com'],
    ['gmx.de', 'gmx.net', 'imap.gmx.net'],
    ['gmx.net', 'gmx.net', 'imap.gmx.net'],
    ['fastmail.com', 'fastmail.com', 'imap.fastmail.com'],
    ['zoho.com', 'zoho.com', 'imap.zoho.com'],
    ['yahoo.co.jp', 'yahoo.co.jp', 'imap.mail.yahoo.co.jp'],
    ['ymail.ne.jp', 'yahoo.co.jp', 'imap.mail.yahoo.co.jp'],
    ['docomo.ne.jp', 'docomo.ne.jp', 'imap.spmode.ne.jp'],
    ['au.com', 'au.com', 'imap.au.com'],
    ['ezweb.ne.jp', 'au.com', 'imap.au.com'],
    ['i.softbank.jp', 'i.softbank.jp', 'imap.softbank.jp'],
    ['ocn.ne.jp', 'ocn.ne.jp', 'imap.ocn.ne.jp'],
    ['nifty.com', 'nifty.com', 'imap.nifty.com'],
    ['so-net.ne.jp', 'so-net.ne.jp', 'imap.so-net.ne.jp'],
    ['biglobe.ne.jp', 'biglobe.ne.jp', 'mail.biglobe.ne.jp'],
  ])('finds %s (provider %s, IMAP %s)', (domain, id, imapHost) => {
    const provider = db.lookup(domain);
    expect(provider?.id).toBe(id);
    expect(provider?.incoming[0]).toMatchObject({ protocol: 'imap', hostname: imapHost, port: 993, security: 'tls' });
    expect(provider?.outgoing.length).toBeGreaterThan(0);
  });

  it('has OAuth2 endpoints for Google and Microsoft, without client IDs', () => {
    expect(db.lookup('gmail.com')?.oauth2).toEqual({
      issuer: 'accounts.google.com',
      scope: 'https://mail.google.com/',
      authUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
      tokenUrl: 'https://oauth2.googleapis.com/token',
    });
    for (const domain of ['outlook.com', 'office365.com']) {
      const oauth2 = db.lookup(domain)?.oauth2;
      expect(oauth2?.issuer).toBe('login.microsoftonline.com');
      expect(oauth2?.scope).toContain('https://outlook.office.com/IMAP.AccessAsUser.All');
      expect(oauth2?.scope).toContain('offline_access');
    }
    expect(JSON.stringify(db.providers())).not.toMatch(/client_?id/i);
  });

  it('knows the MX host domains of the hosting providers', () => {
    expect(db.lookup('google.com')?.id).toBe('google.com');
    expect(db.lookup('mail.protection.outlook.com')?.id).toBe('office365.com');
    expect(db.lookup('olc.protection.outlook.com')?.id).toBe('outlook.com');
    expect(db.lookup('messagingengine.com')?.id).toBe('fastmail.com');
  });

  it('is case-insensitive and knows nothing of unrelated domains', () => {
    expect(db.lookup('GMAIL.COM.')?.id).toBe('google.com');
    expect(db.lookup('example.org')).toBeUndefined();
  });

  it('lets extra documents override the built-in ones', () => {
    const extra = readFileSync(new URL('../../fixtures/accounts/example-org.xml', import.meta.url), 'utf8');
    const withExtra = ProviderDatabase.builtin([extra, extra.replace('<domain>example.org</domain>', '<domain>example.org</domain><domain>gmail.com</domain>')]);
    expect(withExtra.lookup('example.org')?.id).toBe('example.org');
    expect(withExtra.lookup('gmail.com')?.id).toBe('example.org');
  });

  it('refuses a provider that names no domain', () => {
    expect(() => new ProviderDatabase(['<clientConfig><emailProvider id="x"><incomingServer type="imap"><hostname>h.example.org</hostname><port>993</port><socketType>SSL</socketType></incomingServer></emailProvider></clientConfig>'])).toThrow(/names no <domain>/);
  });
});
