import { describe, expect, it } from 'vitest';
import { MailError } from '../../../core/net/mail-error.js';
import { errorCodeFor, parseStatusLine, statusError } from '../../../core/pop3/response.js';

describe('parseStatusLine', () => {
  it('parses +OK and -ERR with text', () => {
    expect(parseStatusLine('+OK 2 messages (320 octets)')).toEqual({ ok: true, text: '2 messages (320 octets)', code: undefined, line: '+OK 2 messages (320 octets)' });
    expect(parseStatusLine('-ERR no such message')).toMatchObject({ ok: false, text: 'no such message', code: undefined });
  });

  it('accepts a bare status word (RFC 1939 §3 makes the text optional)', () => {
    expect(parseStatusLine('+OK')).toMatchObject({ ok: true, text: '' });
    expect(parseStatusLine('-ERR')).toMatchObject({ ok: false, text: '' });
  });

  it('extracts RFC 2449 / RFC 3206 response codes', () => {
    expect(parseStatusLine('-ERR [IN-USE] Mailbox locked by another session')).toMatchObject({ code: 'IN-USE', text: 'Mailbox locked by another session' });
    expect(parseStatusLine('-ERR [SYS/TEMP] Try again')).toMatchObject({ code: 'SYS/TEMP' });
    expect(parseStatusLine('-ERR [sys/perm] disk gone')).toMatchObject({ code: 'SYS/PERM' });
    expect(parseStatusLine('-ERR [AUTH] Authentication failed.')).toMatchObject({ code: 'AUTH', text: 'Authentication failed.' });
    expect(parseStatusLine('-ERR [LOGIN-DELAY] wait 15 minutes')).toMatchObject({ code: 'LOGIN-DELAY' });
  });

  it('does not take bracketed text with spaces for a code', () => {
    expect(parseStatusLine('-ERR [not a code] x')).toMatchObject({ code: undefined, text: '[not a code] x' });
  });

  it('refuses anything that is not a POP3 status', () => {
    for (const line of ['', 'OK', '+ok', '+OKAY', '220 smtp.example ESMTP', '* OK IMAP4rev1', '-ERRx']) {
      expect(() => parseStatusLine(line), line).toThrow(MailError);
      try {
        parseStatusLine(line);
      } catch (error) {
        expect((error as MailError).code).toBe('protocol-error');
      }
    }
  });
});

describe('RFC 3206 error mapping', () => {
  const code = (line: string, kind: 'auth' | 'command' = 'command') => errorCodeFor(parseStatusLine(line), kind);

  it('maps every code to its MailError code and transience', () => {
    expect(code('-ERR [IN-USE] locked')).toEqual({ code: 'mailbox-in-use', transient: true });
    expect(code('-ERR [LOGIN-DELAY] too soon')).toEqual({ code: 'login-delay', transient: true });
    expect(code('-ERR [SYS/TEMP] busy')).toEqual({ code: 'temporary-failure', transient: true });
    expect(code('-ERR [SYS/PERM] broken')).toEqual({ code: 'permanent-failure', transient: false });
    expect(code('-ERR [AUTH] bad password', 'auth')).toEqual({ code: 'auth-failed', transient: false });
    expect(code('-ERR [SYS/OTHER] unknown sub-code')).toEqual({ code: 'temporary-failure', transient: true });
  });

  it('an uncoded -ERR is auth-failed for authentication commands and server-rejected otherwise', () => {
    expect(code('-ERR invalid password', 'auth').code).toBe('auth-failed');
    expect(code('-ERR no such message').code).toBe('server-rejected');
    expect(code('-ERR [SYS/TEMP] backend down', 'auth').code).toBe('temporary-failure');
  });

  it('keeps the server text and code in the error', () => {
    const error = statusError(parseStatusLine('-ERR [IN-USE] Do you have another POP session running?'), 'PASS', 'auth');
    expect(error.code).toBe('mailbox-in-use');
    expect(error.transient).toBe(true);
    expect(error.reply).toEqual({ status: '-ERR', text: 'Do you have another POP session running?', responseCode: 'IN-USE' });
  });
});
