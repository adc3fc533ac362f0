import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseClientConfig } from '../../../core/accounts/config-xml.js';
import { MailError } from '../../../core/net/mail-error.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/accounts/${name}`, import.meta.url), 'utf8');

function server(body: string, type = 'imap', tag = 'incomingServer'): string {
  return `<clientConfig version="1.1"><emailProvider id="p"><domain>example.org</domain><${tag} type="${type}">${body}</${tag}></emailProvider></clientConfig>`;
}

const GOOD = '<hostname>imap.example.org</hostname><port>993</port><socketType>SSL</socketType>';

describe('config-v1.1.xml', () => {
  it('reads a complete provider file', () => {
    const [provider, ...rest] = parseClientConfig(fixture('example-org.xml'));
    expect(rest).toHaveLength(0);
    expect(provider).toEqual({
      id: 'example.org',
      displayName: 'Example & Co. 例',
      domains: ['example.org', 'example.net'],
      incoming: [
        { protocol: 'imap', hostname: 'imap.%EMAILDOMAIN%', port: 993, security: 'tls', usernameTemplate: '%EMAILLOCALPART%', auth: ['password-encrypted', 'password-cleartext'] },
        { protocol: 'pop3', hostname: 'pop.example.org', port: 995, security: 'tls', usernameTemplate: '%EMAILADDRESS%', auth: ['password-cleartext'] },
      ],
      outgoing: [{ protocol: 'smtp', hostname: 'smtp.example.org', port: 587, security: 'starttls', usernameTemplate: '%EMAILADDRESS%', auth: ['password-cleartext'] }],
      oauth2: { issuer: 'login.example.org', scope: 'mail offline', authUrl: 'https://login.example.org/auth', tokenUrl: 'https://login.example.org/token' },
      notes: [{ url: 'https://help.example.org/mail', text: 'Mail settings', lang: 'en' }],
    });
  });

  it('maps socket types and defaults the username to the address', () => {
    const [p] = parseClientConfig(server('<hostname>h.example.org</hostname><port>143</port><socketType>plain</socketType>'));
    expect(p!.incoming[0]).toMatchObject({ security: 'none', usernameTemplate: '%EMAILADDRESS%', auth: [] });
  });

  it('skips server types it does not speak but needs at least one it does', () => {
    expect(() => parseClientConfig(server(GOOD, 'exchange'))).toThrow(/no IMAP, POP3 or SMTP server/);
  });

  it.each([
    ['a missing hostname', '<port>993</port><socketType>SSL</socketType>', /has no <hostname>/],
    ['two hostnames', `<hostname>a.example.org</hostname>${GOOD}`, /more than one <hostname>/],
    ['a bad port', '<hostname>imap.example.org</hostname><port>99a</port><socketType>SSL</socketType>', /not a number/],
    ['an out of range port', '<hostname>imap.example.org</hostname><port>70000</port><socketType>SSL</socketType>', /out of range/],
    ['an unknown socket type', '<hostname>imap.example.org</hostname><port>993</port><socketType>TLS</socketType>', /unknown socketType/],
    ['a bad host name', '<hostname>imap_example..org</hostname><port>993</port><socketType>SSL</socketType>', /not a host name/],
    ['a host name with the address', '<hostname>%EMAILADDRESS%</hostname><port>993</port><socketType>SSL</socketType>', /only %EMAILDOMAIN%/],
    ['an unknown placeholder', `${GOOD}<username>%REALNAME%</username>`, /Unknown placeholder %REALNAME%/],
  ])('refuses %s', (_name, body, message) => {
    expect(() => parseClientConfig(server(body))).toThrow(message);
  });

  it('refuses a non-https OAuth2 endpoint (RFC 6749 §3.1)', () => {
    const xml = `<clientConfig><emailProvider id="p"><domain>example.org</domain><incomingServer type="imap">${GOOD}</incomingServer></emailProvider>
      <oAuth2><issuer>i</issuer><scope>s</scope><authURL>http://login.example.org/a</authURL><tokenURL>https://login.example.org/t</tokenURL></oAuth2></clientConfig>`;
    expect(() => parseClientConfig(xml)).toThrow(/not an https URL/);
  });

  it.each([
    ['another root element', '<config/>', /expected <clientConfig>/],
    ['no provider', '<clientConfig version="1.1"/>', /no <emailProvider>/],
    ['a provider without id', `<clientConfig><emailProvider><incomingServer type="imap">${GOOD}</incomingServer></emailProvider></clientConfig>`, /no id/],
    ['a future major version', `<clientConfig version="2.0"/>`, /Unsupported clientConfig version/],
    ['a bad domain', `<clientConfig><emailProvider id="p"><domain>not a domain</domain><incomingServer type="imap">${GOOD}</incomingServer></emailProvider></clientConfig>`, /not a domain/],
    ['hostile entities', readFileSync(new URL('../../fixtures/accounts/billion-laughs.xml', import.meta.url), 'utf8'), /DOCTYPE/],
  ])('refuses %s', (_name, xml, message) => {
    const attempt = (): unknown => parseClientConfig(xml);
    expect(attempt).toThrow(MailError);
    expect(attempt).toThrow(message);
  });
});
