import { describe, expect, it } from 'vitest';
import { MailError } from '../../../core/net/mail-error.js';
import { parseCapabilities } from '../../../core/pop3/capabilities.js';

describe('parseCapabilities (RFC 2449 §5)', () => {
  // Dovecot's answer before TLS and RFC 2449 §5's example, merged.
  const caps = parseCapabilities([
    'CAPA',
    'TOP',
    'UIDL',
    'RESP-CODES',
    'AUTH-RESP-CODE',
    'PIPELINING',
    'STLS',
    'sasl plain login',
    'LOGIN-DELAY 900',
    'EXPIRE 60',
    'IMPLEMENTATION Shlemazle-Plotz-v302',
  ]);

  it('reads names case-insensitively with their arguments', () => {
    expect(caps.has('top')).toBe(true);
    expect(caps.top && caps.uidl && caps.stls && caps.pipelining && caps.respCodes && caps.authRespCode).toBe(true);
    expect(caps.user).toBe(false);
    expect(caps.saslMechanisms).toEqual(['PLAIN', 'LOGIN']);
    expect(caps.loginDelaySeconds).toBe(900);
    expect(caps.expireDays).toBe(60);
    expect(caps.implementation).toBe('Shlemazle-Plotz-v302');
  });

  it('understands EXPIRE NEVER and a per-user LOGIN-DELAY', () => {
    const other = parseCapabilities(['EXPIRE NEVER', 'LOGIN-DELAY USER']);
    expect(other.expireDays).toBe('never');
    expect(other.loginDelaySeconds).toBeUndefined();
  });

  it('skips blank lines and refuses control characters in names', () => {
    expect(parseCapabilities(['', 'USER', '  ']).names).toEqual(['USER']);
    expect(() => parseCapabilities(['TO\u0001P'])).toThrow(MailError);
  });

  it('no SASL capability means no mechanisms', () => {
    expect(parseCapabilities(['USER']).saslMechanisms).toEqual([]);
  });
});
