import { describe, expect, it } from 'vitest';
import { mailLine, rcptLine, xtext, ehloLine } from '../../../core/smtp/commands.js';
import { NO_CAPABILITIES, type SmtpCapabilities } from '../../../core/smtp/capabilities.js';

const full: SmtpCapabilities = { ...NO_CAPABILITIES, esmtp: true, size: 1000, eightBitMime: true, smtputf8: true, dsn: true };

describe('MAIL and RCPT lines', () => {
  it('adds SIZE, BODY, SMTPUTF8, RET and ENVID when the server supports them', () => {
    expect(mailLine('a@b.example', { size: 120, body: '8BITMIME', ret: 'HDRS', envid: 'QQ314159+x=y' }, full, true)).toBe(
      'MAIL FROM:<a@b.example> SIZE=120 BODY=8BITMIME SMTPUTF8 RET=HDRS ENVID=QQ314159+2Bx+3Dy',
    );
    expect(mailLine('a@b.example', { size: 120, ret: 'FULL' }, NO_CAPABILITIES, false)).toBe('MAIL FROM:<a@b.example>');
    expect(mailLine('', {}, NO_CAPABILITIES, false)).toBe('MAIL FROM:<>');
  });

  it('adds NOTIFY and ORCPT with DSN', () => {
    expect(rcptLine('c@d.example', { notify: ['SUCCESS', 'FAILURE'], orcpt: 'c@d.example' }, full)).toBe(
      'RCPT TO:<c@d.example> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;c@d.example',
    );
    expect(rcptLine('c@d.example', { notify: 'NEVER' }, full)).toBe('RCPT TO:<c@d.example> NOTIFY=NEVER');
    expect(rcptLine('ユーザー@例え.jp', { orcpt: 'ユーザー+1@例え.jp' }, full)).toBe('RCPT TO:<ユーザー@例え.jp> ORCPT=utf-8;ユーザー\\x{2B}1@例え.jp');
    expect(rcptLine('c@d.example', { notify: ['DELAY'] }, NO_CAPABILITIES)).toBe('RCPT TO:<c@d.example>');
  });

  it('refuses CR/LF injection in every argument', () => {
    expect(() => mailLine('a@b\r\nRCPT TO:<x@y>', {}, full, false)).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
    expect(() => rcptLine('x@y\n', {}, full)).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
    expect(() => mailLine('a@b', { envid: 'x\ry' }, full, false)).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
    expect(() => ehloLine('host\r\nMAIL FROM:<>')).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
  });

  it('refuses malformed addresses', () => {
    for (const bad of ['no-at-sign', 'a b@c', '<a@b>', 'a@b>x', '']) {
      expect(() => rcptLine(bad, {}, full)).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
    }
  });

  it('refuses non-ASCII addresses when the server lacks SMTPUTF8', () => {
    expect(() => rcptLine('たろう@example.jp', {}, NO_CAPABILITIES)).toThrow(expect.objectContaining({ code: 'smtputf8-unsupported' }));
    expect(() => mailLine('たろう@example.jp', {}, NO_CAPABILITIES, false)).toThrow(expect.objectContaining({ code: 'smtputf8-unsupported' }));
  });

  it('refuses 8-bit bodies without 8BITMIME', () => {
    expect(() => mailLine('a@b.example', { body: '8BITMIME' }, NO_CAPABILITIES, false)).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
  });

  it('encodes xtext per RFC 3461 §4', () => {
    expect(xtext('a+b=c d')).toBe('a+2Bb+3Dc+20d');
    expect(xtext('é')).toBe('+C3+A9');
  });
});
