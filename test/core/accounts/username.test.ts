import { describe, expect, it } from 'vitest';
import { checkTemplate, expandTemplate } from '../../../core/accounts/username.js';
import { parseEmailAddress, isHostName } from '../../../core/accounts/address.js';

describe('username templates', () => {
  const address = parseEmailAddress('Taro.Yamada@Example.CO.JP');

  it('splits the address and lower-cases only the domain', () => {
    expect(address).toEqual({ address: 'Taro.Yamada@example.co.jp', localPart: 'Taro.Yamada', domain: 'example.co.jp' });
  });

  it('expands every placeholder, repeatedly and in context', () => {
    expect(expandTemplate('%EMAILADDRESS%', address)).toBe('Taro.Yamada@example.co.jp');
    expect(expandTemplate('%EMAILLOCALPART%', address)).toBe('Taro.Yamada');
    expect(expandTemplate('imap.%EMAILDOMAIN%', address)).toBe('imap.example.co.jp');
    expect(expandTemplate('%EMAILLOCALPART%+%EMAILLOCALPART%@%EMAILDOMAIN%', address)).toBe('Taro.Yamada+Taro.Yamada@example.co.jp');
    expect(expandTemplate('fixed-login', address)).toBe('fixed-login');
  });

  it('refuses unknown placeholders', () => {
    expect(() => expandTemplate('%EMAILUSER%', address)).toThrow(/Unknown placeholder %EMAILUSER%/);
    expect(() => checkTemplate('%emailaddress%x%FOO%', 'test')).toThrow(/%FOO%/);
  });

  it('converts an internationalised domain to its ASCII form', () => {
    expect(parseEmailAddress('user@例え.jp').domain).toBe('xn--r8jz45g.jp');
  });

  it.each(['nobody', '@example.org', 'user@', 'user@localhost', 'user@exa mple.org', 'us\r\ner@example.org', `${'x'.repeat(65)}@example.org`, 'user@-bad.example'])(
    'refuses the address %j',
    (input) => {
      expect(() => parseEmailAddress(input)).toThrow(/not an e-mail address|invalid/);
    },
  );

  it('checks host names', () => {
    expect(isHostName('imap.example.org')).toBe(true);
    expect(isHostName('example')).toBe(false);
    expect(isHostName('a..b')).toBe(false);
    expect(isHostName(`${'a'.repeat(64)}.org`)).toBe(false);
  });
});
