import { describe, expect, it } from 'vitest';
import { parseReply, ReplyParser } from '../../../core/smtp/reply.js';
import { classifyReply, replyError } from '../../../core/smtp/errors.js';

describe('SMTP reply parsing (RFC 5321 §4.2)', () => {
  it('joins multi-line replies and strips the enhanced code', () => {
    const reply = parseReply(['550-5.1.1 The email account that you tried to reach', '550-5.1.1 does not exist.', '550 5.1.1 Please check.']);
    expect(reply.code).toBe(550);
    expect(reply.enhancedCode).toBe('5.1.1');
    expect(reply.text).toBe('The email account that you tried to reach\ndoes not exist.\nPlease check.');
    expect(reply.lines).toHaveLength(3);
  });

  it('accepts a bare code and a reply without enhanced code', () => {
    expect(parseReply(['250']).text).toBe('');
    const reply = parseReply(['354 End data with <CR><LF>.<CR><LF>']);
    expect(reply.code).toBe(354);
    expect(reply.enhancedCode).toBeUndefined();
  });

  it('ignores an enhanced code whose class disagrees with the reply', () => {
    expect(parseReply(['250 5.1.1 odd']).enhancedCode).toBeUndefined();
  });

  it.each([['hello world'], ['25 short'], ['2500 long'], ['650 bad class'], ['']])('rejects garbage %j', (line) => {
    expect(() => new ReplyParser().push(line)).toThrow(expect.objectContaining({ code: 'protocol-error' }));
  });

  it('rejects a code change inside a multi-line reply', () => {
    const parser = new ReplyParser();
    parser.push('250-first');
    expect(() => parser.push('251 second')).toThrow(expect.objectContaining({ code: 'protocol-error' }));
  });
});

describe('reply classification', () => {
  const r = (lines: string[]) => parseReply(lines);
  it.each([
    [['535 5.7.8 Error: authentication failed'], 'auth', 'auth-failed'],
    [['530 5.7.0 Must issue a STARTTLS command first'], 'mail', 'tls-required'],
    [['530 5.7.0 Authentication required'], 'mail', 'permanent-failure'],
    [['554 5.7.1 <x@example.org>: Relay access denied'], 'rcpt', 'relay-denied'],
    [['550 5.7.1 Sender rejected'], 'mail', 'relay-denied'],
    [['550 5.1.1 <nobody@tegami.test>: Recipient address rejected: User unknown'], 'rcpt', 'recipient-unknown'],
    [['550 No such user here'], 'rcpt', 'recipient-unknown'],
    [['552 5.3.4 Message size exceeds fixed limit'], 'data', 'message-too-large'],
    [['451 4.3.0 Try again later'], 'data', 'temporary-failure'],
    [['421 4.4.2 Timeout'], 'rcpt', 'temporary-failure'],
    [['554 5.6.0 Bad content'], 'data', 'permanent-failure'],
  ] as const)('%j in %s → %s', (lines, phase, code) => {
    expect(classifyReply(r([...lines]), phase)).toBe(code);
  });

  it('marks 4xx errors transient and keeps the reply', () => {
    const error = replyError(r(['450 4.2.0 Mailbox busy']), 'rcpt');
    expect(error.transient).toBe(true);
    expect(error.reply).toEqual({ status: '450', text: 'Mailbox busy', enhancedCode: '4.2.0' });
    expect(replyError(r(['554 5.0.0 no']), 'data').transient).toBe(false);
  });
});
