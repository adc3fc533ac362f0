import { describe, expect, it } from 'vitest';
import { durationText, oauthOffer, providerName, serverLine, sourcePhrase } from '../../../../renderer/src/features/account-wizard/discovery-view.js';
import { translator } from '../../../../renderer/src/i18n/catalogs.js';
import { gmailDiscovery, guessDiscovery, nothingDiscovery, server } from './fixtures.js';

describe('discovery view', () => {
  it('says where each candidate came from, in both languages', () => {
    const en = translator('en');
    const ja = translator('ja');
    const guessed = sourcePhrase(guessDiscovery.incoming[0]!);
    expect(en(guessed.key, guessed.params)).toBe('guessed (probed imap.tegami.test:993 (tls, TLSv1.3))');
    const db = sourcePhrase(gmailDiscovery.incoming[0]!);
    expect(en(db.key, db.params)).toBe('from the provider database (google.com)');
    expect(ja(db.key, db.params)).toBe('プロバイダーデータベースから (google.com)');
    const auto = sourcePhrase(server({ protocol: 'imap', host: 'mail.example.org', port: 993, source: 'autoconfig-well-known', sourceDetail: 'https://example.org/.well-known/autoconfig/mail/config-v1.1.xml' }));
    expect(en(auto.key, auto.params)).toBe('from autoconfig at https://example.org/.well-known/autoconfig/mail/config-v1.1.xml');
  });

  it('sums a server up in one line', () => {
    expect(serverLine(guessDiscovery.outgoing[1]!)).toBe('SMTP smtp.tegami.test:587 (STARTTLS)');
  });

  it('offers a browser sign-in only where a server takes OAuth2', () => {
    expect(oauthOffer(gmailDiscovery)).toEqual({ provider: 'Google' });
    expect(oauthOffer(guessDiscovery)).toBeNull();
    expect(oauthOffer(nothingDiscovery)).toBeNull();
    expect(oauthOffer(null)).toBeNull();
  });

  it('names an unknown provider by the server domain', () => {
    expect(providerName(server({ protocol: 'imap', host: 'imap.mail.example.jp', port: 993, source: 'autoconfig', sourceDetail: 'https://autoconfig.example.jp/…' }))).toBe('mail.example.jp');
  });

  it('shows durations in the UI language', () => {
    expect(durationText(12, 'en')).toBe('12 ms');
    expect(durationText(2400, 'en')).toBe('2.4 s');
    expect(durationText(12345, 'ja')).toBe('12.3 s');
  });
});
