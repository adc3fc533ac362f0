import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeModifiedUtf7, encodeModifiedUtf7 } from '../../../core/imap/mutf7.js';
import { MailError } from '../../../core/net/mail-error.js';

describe('modified UTF-7 (RFC 3501 §5.1.3)', () => {
  it.each([
    ['日本語', '&ZeVnLIqe-'],
    ['~peter/mail/台北/日本語', '~peter/mail/&U,BTFw-/&ZeVnLIqe-'],
    ['Tom & Jerry', 'Tom &- Jerry'],
    ['INBOX', 'INBOX'],
    ['Entwürfe', 'Entw&APw-rfe'],
    ['送信済みメール', '&kAFP4W4IMH8w4TD8MOs-'],
    ['😀', '&2D3eAA-'],
    ['', ''],
  ])('%s ↔ %s', (plain, encoded) => {
    expect(encodeModifiedUtf7(plain)).toBe(encoded);
    expect(decodeModifiedUtf7(encoded)).toBe(plain);
  });

  it('round-trips any well-formed string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        const encoded = encodeModifiedUtf7(s);
        expect(encoded).toMatch(/^[\x20-\x7e]*$/);
        expect(decodeModifiedUtf7(encoded)).toBe(s);
      }),
      { numRuns: 500 },
    );
  });

  it.each(['&ZeVnLIqe', '&Zz-', '&AGE-', '&!!-', '日本', '&2D0-'])('refuses invalid %j with a typed error', (bad) => {
    expect(() => decodeModifiedUtf7(bad)).toThrow(MailError);
  });
});
