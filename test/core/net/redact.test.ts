import { describe, expect, it } from 'vitest';
import { redactCommand } from '../../../core/net/redact.js';
import { Transcript } from '../../../core/net/transcript.js';

describe('redactCommand', () => {
  it.each([
    ['AUTH PLAIN AGFsaWNlAHB3', 'AUTH PLAIN ****'],
    ['AUTH LOGIN YWxpY2U=', 'AUTH LOGIN ****'],
    ['auth xoauth2 dXNlcj1h', 'auth xoauth2 ****'],
    ['A001 AUTHENTICATE PLAIN AGFsaWNl', 'A001 AUTHENTICATE PLAIN ****'],
    ['A002 LOGIN alice "s3cret"', 'A002 LOGIN ****'],
    ['PASS hunter2', 'PASS ****'],
    ['APOP alice c4c9334bac560ecc979e58001b3e22fb', 'APOP alice ****'],
  ])('%s → %s', (line, expected) => {
    expect(redactCommand(line)).toBe(expected);
  });

  it.each(['AUTH PLAIN', 'EHLO client.example', 'MAIL FROM:<a@b> AUTH=<>', 'USER alice', 'A003 SELECT INBOX'])('leaves %s alone', (line) => {
    expect(redactCommand(line)).toBe(line);
  });
});

describe('Transcript', () => {
  it('timestamps entries, keeps directions and formats them', () => {
    let now = Date.UTC(2026, 0, 1, 12, 0, 0, 0);
    const t = new Transcript(() => now++);
    t.info('connected');
    t.client('PASS x');
    t.server('+OK');
    expect(t.entries.map((e) => e.at)).toEqual([now - 3, now - 2, now - 1]);
    expect(t.format()).toBe('12:00:00.000 * connected\n12:00:00.001 C: PASS ****\n12:00:00.002 S: +OK');
  });
});
