import { describe, expect, it } from 'vitest';
import { addRecipients, endsWithSeparator, isValidAddress, parseRecipients, recipientOf, toMailAddresses } from '../../../../renderer/src/features/composer/recipients.js';

describe('parseRecipients', () => {
  it('reads names, angle addresses and bare addresses separated by commas, semicolons or lines', () => {
    const list = parseRecipients('Alice <alice@tegami.test>, bob@tegami.test; "Doe, John" <john@example.org>\ncarol@example.org');
    expect(list.map((r) => [r.name, r.address, r.valid])).toEqual([
      ['Alice', 'alice@tegami.test', true],
      ['', 'bob@tegami.test', true],
      ['Doe, John', 'john@example.org', true],
      ['', 'carol@example.org', true],
    ]);
  });

  it('keeps what is not an address as an invalid entry with the text typed', () => {
    const list = parseRecipients('just a name, bob@');
    expect(list.every((r) => !r.valid)).toBe(true);
    expect(list.map((r) => r.text)).toContain('just a name');
    expect(parseRecipients('   ')).toEqual([]);
  });

  it('reads encoded Japanese names', () => {
    const [r] = parseRecipients('=?UTF-8?B?5bGx55Sw5aSq6YOO?= <taro@example.jp>');
    expect(r).toMatchObject({ name: '山田太郎', address: 'taro@example.jp', valid: true });
  });
});

describe('isValidAddress', () => {
  it('wants a local part and a domain without spaces or stray dots', () => {
    expect(isValidAddress('alice@tegami.test')).toBe(true);
    expect(isValidAddress('a+tag@localhost')).toBe(true);
    expect(isValidAddress('"john doe"@example.org')).toBe(true);
    for (const bad of ['', 'alice', '@tegami.test', 'alice@', 'al ice@x.org', 'a@b@c', 'a@.x', 'a@x.', 'a@x..y', `${'a'.repeat(250)}@x.org`]) {
      expect(isValidAddress(bad), bad).toBe(false);
    }
  });
});

describe('addRecipients and toMailAddresses', () => {
  it('skips addresses already present, case-insensitively, and sends only valid ones', () => {
    const start = [recipientOf({ name: 'Bob', address: 'bob@tegami.test' })];
    const next = addRecipients(start, parseRecipients('BOB@tegami.test, carol@example.org, nonsense'));
    expect(next.map((r) => r.text)).toEqual(['Bob <bob@tegami.test>', 'carol@example.org', 'nonsense']);
    expect(toMailAddresses(next)).toEqual([
      { name: 'Bob', address: 'bob@tegami.test' },
      { name: '', address: 'carol@example.org' },
    ]);
  });
});

describe('endsWithSeparator', () => {
  it('sees a trailing comma or semicolon, except inside an open quoted name', () => {
    expect(endsWithSeparator('bob@tegami.test,')).toBe(true);
    expect(endsWithSeparator('bob@tegami.test; ')).toBe(true);
    expect(endsWithSeparator('"Doe,')).toBe(false);
    expect(endsWithSeparator('bob')).toBe(false);
  });
});
