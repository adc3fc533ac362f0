import { describe, expect, it } from 'vitest';
import { authenticate, type SaslServerStep, type SaslTransport } from '../../../core/sasl/authenticate.js';
import { createMechanism } from '../../../core/sasl/choose.js';
import { MailError } from '../../../core/net/mail-error.js';

const secure = { assertCredentialsAllowed: () => undefined };
const insecure = {
  assertCredentialsAllowed: () => {
    throw new MailError('auth-insecure', 'no');
  },
};

/** A scripted server side of an exchange that records what the client sent. */
function scripted(replies: SaslServerStep[]): SaslTransport & { sent: string[] } {
  const sent: string[] = [];
  const next = (): SaslServerStep => {
    const reply = replies.shift();
    if (!reply) throw new Error('script exhausted');
    return reply;
  };
  return {
    sent,
    begin: async (mechanism, ir) => {
      sent.push(ir === undefined ? mechanism : `${mechanism} ${ir}`);
      return next();
    },
    continue: async (response) => {
      sent.push(response);
      return next();
    },
  };
}

describe('authenticate', () => {
  it('sends PLAIN as an initial response when allowed', async () => {
    const t = scripted([{ type: 'success' }]);
    await authenticate(t, createMechanism('PLAIN', { username: 'tim', password: 'tanstaaftanstaaf' }), { channel: secure, initialResponse: true });
    expect(t.sent).toEqual([`PLAIN ${Buffer.from('\0tim\0tanstaaftanstaaf').toString('base64')}`]);
  });

  it('waits for the empty challenge when initial responses are not allowed', async () => {
    const t = scripted([{ type: 'challenge', data: '' }, { type: 'success' }]);
    await authenticate(t, createMechanism('PLAIN', { username: 'a', password: 'b' }), { channel: secure, initialResponse: false });
    expect(t.sent).toEqual(['PLAIN', Buffer.from('\0a\0b').toString('base64')]);
  });

  it('runs LOGIN over two challenges and CRAM-MD5 over one', async () => {
    const login = scripted([
      { type: 'challenge', data: Buffer.from('Username:').toString('base64') },
      { type: 'challenge', data: Buffer.from('Password:').toString('base64') },
      { type: 'success' },
    ]);
    await authenticate(login, createMechanism('LOGIN', { username: 'alice', password: 'pw' }), { channel: secure, initialResponse: true });
    expect(login.sent).toEqual(['LOGIN', 'YWxpY2U=', 'cHc=']);

    const cram = scripted([{ type: 'challenge', data: Buffer.from('<1896.697170952@postoffice.reston.mci.net>').toString('base64') }, { type: 'success' }]);
    await authenticate(cram, createMechanism('CRAM-MD5', { username: 'tim', password: 'tanstaaftanstaaf' }), { channel: secure, initialResponse: true });
    expect(cram.sent[1]).toBe('dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw');
  });

  it('refuses before sending anything on an insecure channel', async () => {
    const t = scripted([{ type: 'success' }]);
    await expect(authenticate(t, createMechanism('PLAIN', { username: 'a', password: 'b' }), { channel: insecure, initialResponse: true })).rejects.toMatchObject({
      code: 'auth-insecure',
    });
    expect(t.sent).toEqual([]);
  });

  it('rejects a challenge that is not base64 and endless challenges', async () => {
    const bad = scripted([{ type: 'challenge', data: 'not base64!' }]);
    await expect(authenticate(bad, createMechanism('CRAM-MD5', { username: 'a', password: 'b' }), { channel: secure, initialResponse: true })).rejects.toMatchObject({
      code: 'protocol-error',
    });
    const endless = scripted(Array.from({ length: 20 }, () => ({ type: 'challenge' as const, data: '' })));
    await expect(authenticate(endless, createMechanism('XOAUTH2', { username: 'a', accessToken: 't' }), { channel: secure, initialResponse: true })).rejects.toMatchObject({
      code: 'protocol-error',
    });
  });

  it('attaches an OAuth error challenge to the failure', async () => {
    const t: SaslTransport = {
      begin: async () => ({ type: 'challenge', data: Buffer.from('{"status":"401"}').toString('base64') }),
      continue: async () => {
        throw new MailError('auth-failed', 'Authentication failed.');
      },
    };
    await expect(authenticate(t, createMechanism('XOAUTH2', { username: 'a', accessToken: 't' }), { channel: secure, initialResponse: true })).rejects.toMatchObject({
      code: 'auth-failed',
      details: { serverError: '{"status":"401"}' },
    });
  });
});

describe('authenticate with a long initial response', () => {
  it('moves an initial response that is too long to the first continuation', async () => {
    const t = scripted([{ type: 'challenge', data: '' }, { type: 'success' }]);
    const token = 'x'.repeat(600);
    await authenticate(t, createMechanism('XOAUTH2', { username: 'a@b', accessToken: token }), {
      channel: secure,
      initialResponse: true,
      maxInitialResponseLength: 400,
    });
    expect(t.sent[0]).toBe('XOAUTH2');
    expect(Buffer.from(t.sent[1] ?? '', 'base64').toString()).toBe(`user=a@b\x01auth=Bearer ${token}\x01\x01`);
  });
});
