import { describe, expect, it } from 'vitest';
import { chooseMechanism } from '../../../core/sasl/choose.js';

describe('chooseMechanism', () => {
  it('prefers CRAM-MD5 > PLAIN > LOGIN for passwords', () => {
    const creds = { username: 'u', password: 'p' };
    expect(chooseMechanism(['LOGIN', 'PLAIN', 'CRAM-MD5'], creds)).toBe('CRAM-MD5');
    expect(chooseMechanism(['login', 'plain'], creds)).toBe('PLAIN');
    expect(chooseMechanism(['LOGIN', 'XOAUTH2'], creds)).toBe('LOGIN');
  });

  it('uses OAuth when a token is given', () => {
    const creds = { username: 'u', accessToken: 't' };
    expect(chooseMechanism(['PLAIN', 'XOAUTH2', 'OAUTHBEARER'], creds)).toBe('OAUTHBEARER');
    expect(chooseMechanism(['PLAIN', 'XOAUTH2'], creds)).toBe('XOAUTH2');
    expect(() => chooseMechanism(['PLAIN'], creds)).toThrow(expect.objectContaining({ code: 'auth-unsupported' }));
  });

  it('honours a fixed mechanism only when the server offers it', () => {
    const creds = { username: 'u', password: 'p' };
    expect(chooseMechanism(['CRAM-MD5', 'LOGIN'], creds, 'LOGIN')).toBe('LOGIN');
    expect(() => chooseMechanism(['PLAIN'], creds, 'CRAM-MD5')).toThrow(expect.objectContaining({ code: 'auth-unsupported' }));
    expect(() => chooseMechanism([], creds)).toThrow(expect.objectContaining({ code: 'auth-unsupported' }));
  });
});
