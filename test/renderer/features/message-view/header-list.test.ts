import { describe, expect, it } from 'vitest';
import type { AuthResultView, MessageSummary } from '../../../../core/api/contract.js';
import { addressRows, allHeaders, authBadges, formatAddress, headerValues, messageDate } from '../../../../renderer/src/features/message-view/header-list.js';

const summary: MessageSummary = {
  id: 'm1', accountId: 'a', folderId: 'a/INBOX', uid: 1, flags: [], date: '2026-11-28T10:00:00.000Z', receivedAt: '2026-11-28T10:01:00.000Z',
  from: [{ name: 'Bob', address: 'bob@tegami.test' }], to: [{ name: '', address: 'alice@tegami.test' }], cc: [], subject: 's', snippet: '', size: 10,
  hasAttachments: false, messageId: null, inReplyTo: null, references: [], threadKey: 'k', bodyDownloaded: true, delivery: null,
};

function auth(method: string, result: string, trusted: boolean, properties: Record<string, string> = {}): AuthResultView {
  return { authservId: trusted ? 'mx.tegami.test' : 'spoof.example', trusted, method, result, reason: null, properties };
}

describe('header list', () => {
  it('shows the address fields that have addresses, in reading order', () => {
    const rows = addressRows({ summary, replyTo: [{ name: '', address: 'list@tegami.test' }], bcc: [] });
    expect(rows.map((r) => r.role)).toEqual(['from', 'to', 'replyTo']);
  });

  it('formats an address with or without a name', () => {
    expect(formatAddress({ name: 'Bob', address: 'bob@tegami.test' })).toBe('Bob <bob@tegami.test>');
    expect(formatAddress({ name: '', address: 'bob@tegami.test' })).toBe('bob@tegami.test');
  });

  it('takes the Date header, else the arrival time', () => {
    expect(messageDate(summary)?.toISOString()).toBe('2026-11-28T10:00:00.000Z');
    expect(messageDate({ date: null, receivedAt: summary.receivedAt })?.toISOString()).toBe('2026-11-28T10:01:00.000Z');
    expect(messageDate({ date: 'garbage', receivedAt: 'also garbage' })).toBeNull();
  });

  it('lists every header field in order, duplicates kept and folding undone', () => {
    const rows = allHeaders([
      { name: 'Received', value: 'from a\r\n\tby b' },
      { name: 'Received', value: 'from c by d' },
      { name: 'Subject', value: 'Hi' },
    ]);
    expect(rows).toEqual([
      { index: 1, name: 'Received', value: 'from a by b' },
      { index: 2, name: 'Received', value: 'from c by d' },
      { index: 3, name: 'Subject', value: 'Hi' },
    ]);
    expect(headerValues([{ name: 'subject', value: 'x' }, { name: 'SUBJECT', value: 'y' }], 'Subject')).toEqual(['x', 'y']);
  });

  it('makes SPF/DKIM/DMARC badges, trusted ones first, claims marked', () => {
    const badges = authBadges([
      auth('dkim', 'pass', false, { 'header.d': 'bank.example' }),
      auth('dmarc', 'fail', true, { 'header.from': 'bank.example' }),
      auth('spf', 'softfail', true, { 'smtp.mailfrom': 'evil.example' }),
      auth('iprev', 'pass', true),
      auth('dkim', 'none', true),
    ]);
    expect(badges.map((b) => [b.method, b.result, b.tone, b.trusted, b.subject])).toEqual([
      ['spf', 'softfail', 'fail', true, 'evil.example'],
      ['dkim', 'none', 'neutral', true, null],
      ['dmarc', 'fail', 'fail', true, 'bank.example'],
      ['dkim', 'pass', 'pass', false, 'bank.example'],
    ]);
  });
});
