import { describe, expect, it } from 'vitest';
import { parseCapabilities } from '../../../core/smtp/capabilities.js';
import { parseReply } from '../../../core/smtp/reply.js';

describe('EHLO capabilities', () => {
  it('reads every extension Tegami uses', () => {
    const caps = parseCapabilities(
      parseReply([
        '250-mail.tegami.test',
        '250-PIPELINING',
        '250-SIZE 10240000',
        '250-ETRN',
        '250-AUTH PLAIN LOGIN',
        '250-AUTH=PLAIN LOGIN',
        '250-ENHANCEDSTATUSCODES',
        '250-8BITMIME',
        '250-DSN',
        '250-SMTPUTF8',
        '250-STARTTLS',
        '250 CHUNKING',
      ]),
    );
    expect(caps).toMatchObject({
      esmtp: true,
      size: 10240000,
      pipelining: true,
      eightBitMime: true,
      smtputf8: true,
      dsn: true,
      enhancedStatusCodes: true,
      chunking: true,
      starttls: true,
      auth: ['PLAIN', 'LOGIN'],
    });
    expect(caps.keywords.get('ETRN')).toEqual([]);
  });

  it('treats SIZE without a number as no fixed limit and a bare greeting as no extensions', () => {
    expect(parseCapabilities(parseReply(['250-host', '250 SIZE'])).size).toBe(0);
    const none = parseCapabilities(parseReply(['250 host']));
    expect(none.size).toBeUndefined();
    expect(none.pipelining).toBe(false);
    expect(none.auth).toEqual([]);
  });
});
