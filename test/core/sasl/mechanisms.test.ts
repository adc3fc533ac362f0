import { describe, expect, it } from 'vitest';
import { cramMd5Mechanism } from '../../../core/sasl/cram-md5.js';
import { loginMechanism } from '../../../core/sasl/login.js';
import { oauthBearerMechanism } from '../../../core/sasl/oauthbearer.js';
import { plainMechanism } from '../../../core/sasl/plain.js';
import { xoauth2Mechanism } from '../../../core/sasl/xoauth2.js';

describe('PLAIN (RFC 4616)', () => {
  it('encodes authzid NUL authcid NUL password as in the RFC example', () => {
    const m = plainMechanism({ username: 'tim', password: 'tanstaaftanstaaf' });
    expect(m.initialResponse()?.toString('utf8')).toBe('\0tim\0tanstaaftanstaaf');
    const withAuthz = plainMechanism({ username: 'Kurt', password: 'xipj3plmq', authzid: 'Ursel' });
    expect(withAuthz.initialResponse()?.toString('utf8')).toBe('Ursel\0Kurt\0xipj3plmq');
  });

  it('answers an empty first challenge and refuses a second', () => {
    const m = plainMechanism({ username: 'アリス', password: 'パス' });
    expect(m.step(Buffer.alloc(0)).toString('utf8')).toBe('\0アリス\0パス');
    expect(() => m.step(Buffer.alloc(0))).toThrow(expect.objectContaining({ code: 'protocol-error' }));
  });

  it('rejects NUL inside credentials and a missing password', () => {
    expect(() => plainMechanism({ username: 'a\0b', password: 'x' })).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
    expect(() => plainMechanism({ username: 'a' })).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
  });
});

describe('LOGIN', () => {
  it('answers the Username: and Password: prompts', () => {
    const m = loginMechanism({ username: 'alice', password: 'secret' });
    expect(m.initialResponse()).toBeUndefined();
    expect(m.step(Buffer.from('Username:')).toString()).toBe('alice');
    expect(m.step(Buffer.from('Password:')).toString()).toBe('secret');
    expect(() => m.step(Buffer.from('More:'))).toThrow(expect.objectContaining({ code: 'protocol-error' }));
  });

  it('falls back to the order when prompts are unusual', () => {
    const m = loginMechanism({ username: 'alice', password: 'secret' });
    expect(m.step(Buffer.from('Who are you?')).toString()).toBe('alice');
    expect(m.step(Buffer.from('Prove it')).toString()).toBe('secret');
  });
});

describe('CRAM-MD5 (RFC 2195)', () => {
  it('reproduces the RFC 2195 §2 example', () => {
    const m = cramMd5Mechanism({ username: 'tim', password: 'tanstaaftanstaaf' });
    expect(m.initialResponse()).toBeUndefined();
    const response = m.step(Buffer.from('<1896.697170952@postoffice.reston.mci.net>'));
    expect(response.toString()).toBe('tim b913a602c7eda7a495b4e6e7334d3890');
    expect(Buffer.from(response.toString()).toString('base64')).toBe('dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw');
  });

  it('refuses an empty challenge', () => {
    expect(() => cramMd5Mechanism({ username: 'tim', password: 'x' }).step(Buffer.alloc(0))).toThrow(expect.objectContaining({ code: 'protocol-error' }));
  });
});

describe('XOAUTH2', () => {
  it('builds Google\'s initial client response', () => {
    const m = xoauth2Mechanism({ username: 'someuser@example.com', accessToken: 'ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg' });
    expect(m.initialResponse()?.toString()).toBe('user=someuser@example.com\x01auth=Bearer ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg\x01\x01');
  });

  it('answers an error challenge with an empty response and keeps the error', () => {
    const m = xoauth2Mechanism({ username: 'u', accessToken: 't' });
    const json = '{"status":"401","schemes":"bearer","scope":"https://mail.google.com/"}';
    expect(m.step(Buffer.from(json)).length).toBe(0);
    expect(m.serverError).toBe(json);
  });

  it('needs a token without whitespace', () => {
    expect(() => xoauth2Mechanism({ username: 'u' })).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
    expect(() => xoauth2Mechanism({ username: 'u', accessToken: 'a b' })).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
  });
});

describe('OAUTHBEARER (RFC 7628)', () => {
  it('reproduces the RFC 7628 §4.1 example', () => {
    const m = oauthBearerMechanism(
      { username: 'user@example.com', accessToken: 'vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==' },
      { host: 'server.example.com', port: 143 },
    );
    expect(m.initialResponse()?.toString()).toBe(
      'n,a=user@example.com,\x01host=server.example.com\x01port=143\x01auth=Bearer vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==\x01\x01',
    );
  });

  it('escapes "," and "=" in the user name and answers errors with ^A', () => {
    const m = oauthBearerMechanism({ username: 'a,b=c', accessToken: 't' });
    expect(m.initialResponse()?.toString()).toBe('n,a=a=2Cb=3Dc,\x01auth=Bearer t\x01\x01');
    expect(m.step(Buffer.from('{"status":"invalid_token"}')).toString()).toBe('\x01');
    expect(m.serverError).toBe('{"status":"invalid_token"}');
  });
});
