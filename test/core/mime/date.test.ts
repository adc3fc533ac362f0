import { describe, expect, it } from 'vitest';
import { formatMailDate, parseMailDate } from '../../../core/mime/date.js';

describe('dates (RFC 5322 §3.3, §4.3)', () => {
  it('parses the standard form and its common variants', () => {
    const iso = (s: string): string | undefined => parseMailDate(s)?.toISOString();
    expect(iso('Tue, 1 Jul 2003 10:52:37 +0200')).toBe('2003-07-01T08:52:37.000Z');
    expect(iso('1 Jul 2003 10:52 -0000')).toBe('2003-07-01T10:52:00.000Z');
    expect(iso('Mon, 02 Mar 2026 09:15:00 +0900 (JST)')).toBe('2026-03-02T00:15:00.000Z');
    expect(iso('Fri, 21 Nov 97 09:55:06 GMT')).toBe('1997-11-21T09:55:06.000Z');
    expect(iso('Thu, 13 Feb 69 23:32:54 -0330')).toBe('1969-02-14T03:02:54.000Z');
    expect(iso('Sat, 7 Mar 2026 10:00:00 PST')).toBe('2026-03-07T18:00:00.000Z');
    expect(iso('Sat, 7 Mar 2026 10:00:00 GMT+0900')).toBe('2026-03-07T01:00:00.000Z');
    expect(iso('Sat,7 Mar 2026 10:00:00 +09:00')).toBe('2026-03-07T01:00:00.000Z');
    expect(iso('2026-03-07T10:00:00Z')).toBe('2026-03-07T10:00:00.000Z');
  });

  it('returns undefined for text that is not a date', () => {
    expect(parseMailDate('yesterday')).toBeUndefined();
    expect(parseMailDate('32 Jan 2026 10:00:00 +0000')).toBeUndefined();
    expect(parseMailDate(undefined)).toBeUndefined();
  });

  it('formats dates that parse back', () => {
    const d = new Date(Date.UTC(2026, 2, 7, 1, 2, 3));
    expect(formatMailDate(d)).toBe('Sat, 7 Mar 2026 01:02:03 +0000');
    expect(formatMailDate(d, 540)).toBe('Sat, 7 Mar 2026 10:02:03 +0900');
    expect(parseMailDate(formatMailDate(d, -330))?.getTime()).toBe(d.getTime());
  });
});
