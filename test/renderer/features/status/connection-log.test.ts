import { describe, expect, it } from 'vitest';
import type { ConnectionLogEntry } from '../../../../core/api/contract.js';
import { entryTime, transcriptText } from '../../../../renderer/src/features/status/connection-log.js';

const entries: ConnectionLogEntry[] = [
  { at: '2026-11-28T10:00:00.125Z', protocol: 'imap', direction: 'info', text: 'connected to 127.0.0.1:993 (TLS 1.3)' },
  { at: '2026-11-28T10:00:00.200Z', protocol: 'imap', direction: 'server', text: '* OK [CAPABILITY IMAP4rev1] Dovecot ready.' },
  { at: '2026-11-28T10:00:00.210Z', protocol: 'imap', direction: 'client', text: 'A1 LOGIN alice ****' },
  { at: '2026-11-28T10:00:01.000Z', protocol: 'smtp', direction: 'server', text: '250-mail.tegami.test\n250 SIZE 10240000' },
];

describe('transcriptText', () => {
  it('writes one line per entry with time, protocol and direction arrow, continuation lines indented', () => {
    expect(transcriptText(entries).split('\n')).toEqual([
      '2026-11-28T10:00:00.125Z IMAP • connected to 127.0.0.1:993 (TLS 1.3)',
      '2026-11-28T10:00:00.200Z IMAP ← * OK [CAPABILITY IMAP4rev1] Dovecot ready.',
      '2026-11-28T10:00:00.210Z IMAP → A1 LOGIN alice ****',
      '2026-11-28T10:00:01.000Z SMTP ← 250-mail.tegami.test',
      `${' '.repeat(32)}250 SIZE 10240000`,
    ]);
  });

  it('is empty for an empty log', () => {
    expect(transcriptText([])).toBe('');
  });
});

describe('entryTime', () => {
  it('shows the time of day with milliseconds, and an unreadable time as given', () => {
    expect(entryTime('2026-11-28T10:00:00.125Z', 'en')).toMatch(/\d{2}:\d{2}:\d{2}\.125/);
    expect(entryTime('yesterday', 'ja')).toBe('yesterday');
  });
});
