import { describe, expect, it } from 'vitest';
import { MailError } from '../../../core/net/mail-error.js';
import { parseOctets, parseScanListing, parseStat, parseUidListing } from '../../../core/pop3/listing.js';

describe('POP3 listings', () => {
  it('parses STAT, LIST and UIDL lines from RFC 1939', () => {
    expect(parseStat('2 320')).toEqual({ count: 2, size: 320 });
    expect(parseStat('0 0')).toEqual({ count: 0, size: 0 });
    expect(parseScanListing('1 120')).toEqual({ msg: 1, size: 120 });
    expect(parseUidListing('2 QhdPYR:00WBw1Ph7x7')).toEqual({ msg: 2, uidl: 'QhdPYR:00WBw1Ph7x7' });
    expect(parseUidListing('1 whqtswO00WBw418f9t5JxYwZ')).toEqual({ msg: 1, uidl: 'whqtswO00WBw418f9t5JxYwZ' });
  });

  it('refuses malformed lines with protocol-error', () => {
    for (const bad of ['', 'x 1', '0 12', '1', '1 -5']) {
      expect(() => parseScanListing(bad), bad).toThrow(MailError);
    }
    for (const bad of ['1', '1 a b', `1 ${'x'.repeat(71)}`, '1 ünïcode', 'x abc']) {
      expect(() => parseUidListing(bad), bad).toThrow(MailError);
    }
    expect(() => parseStat('many')).toThrow(MailError);
  });

  it('accepts the longest unique-id RFC 1939 allows', () => {
    expect(parseUidListing(`3 ${'~'.repeat(70)}`).uidl).toHaveLength(70);
  });

  it('reads the octet count of a RETR reply when present', () => {
    expect(parseOctets('120 octets')).toBe(120);
    expect(parseOctets('message follows')).toBeUndefined();
  });
});
