import { describe, expect, it } from 'vitest';
import { MailError } from '../../../core/net/mail-error.js';
import { apopDigest, extractApopTimestamp } from '../../../core/pop3/apop.js';

describe('APOP (RFC 1939 §7)', () => {
  // RFC 1939 §7: timestamp <1896.697170952@dbc.mtview.ca.us>, shared secret "tanstaaf".
  it('reproduces the RFC example digest', () => {
    const timestamp = extractApopTimestamp('POP3 server ready <1896.697170952@dbc.mtview.ca.us>');
    expect(timestamp).toBe('<1896.697170952@dbc.mtview.ca.us>');
    expect(apopDigest(timestamp ?? '', 'tanstaaf')).toBe('c4c9334bac560ecc979e58001b3e22fb');
  });

  it('finds no timestamp in a greeting without one', () => {
    expect(extractApopTimestamp('Dovecot ready.')).toBeUndefined();
    expect(extractApopTimestamp('ready <no-at-sign>')).toBeUndefined();
  });

  it('refuses a timestamp that is not a <...> message id', () => {
    expect(() => apopDigest('1896.697170952@dbc', 'x')).toThrow(MailError);
  });
});
