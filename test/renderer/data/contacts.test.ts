import { describe, expect, it } from 'vitest';
import type { MailAddress, MessageSummary } from '../../../core/api/contract.js';
import { ContactBook, summaryTokens } from '../../../renderer/src/data/contacts.js';

let next = 0;
function summary(from: MailAddress[], to: MailAddress[], receivedAt: string, extra: Partial<MessageSummary> = {}): MessageSummary {
  next += 1;
  return {
    id: `m${next}`, accountId: 'a1', folderId: 'f1', uid: next, flags: [], date: receivedAt, receivedAt,
    from, to, cc: [], subject: 'hello', snippet: '', size: 100, hasAttachments: false,
    messageId: `<m${next}@tegami.test>`, inReplyTo: null, references: [], threadKey: `<m${next}@tegami.test>`,
    bodyDownloaded: true, delivery: null, ...extra,
  };
}

const alice = { name: 'Alice Liddell', address: 'alice@tegami.test' };
const bob = { name: 'Bob', address: 'Bob@Tegami.test' };
const taro = { name: '山田太郎', address: 'taro@example.jp' };

describe('ContactBook', () => {
  it('ranks by number of uses, then by recency, case-folding addresses', () => {
    const book = new ContactBook();
    book.add(summary([bob], [alice], '2026-01-01T00:00:00Z'));
    book.add(summary([{ name: '', address: 'BOB@tegami.test' }], [taro], '2026-01-03T00:00:00Z'));
    book.add(summary([alice], [], '2026-01-02T00:00:00Z'));
    const ranked = book.suggest('');
    expect(ranked.map((c) => [c.address, c.uses])).toEqual([
      ['bob@tegami.test', 2], ['alice@tegami.test', 2], ['taro@example.jp', 1],
    ]);
    // The nameless later sighting does not erase the known name.
    expect(ranked[0]?.name).toBe('Bob');
  });

  it('counts a message once however often it is added', () => {
    const book = new ContactBook();
    const message = summary([alice], [bob], '2026-01-01T00:00:00Z');
    book.add(message);
    book.add(message);
    expect(book.suggest('alice')[0]?.uses).toBe(1);
  });

  it('suggests by address prefix, name word prefix and Japanese name', () => {
    const book = new ContactBook();
    book.add(summary([alice], [bob, taro], '2026-01-01T00:00:00Z'));
    expect(book.suggest('bob@').map((c) => c.address)).toEqual(['bob@tegami.test']);
    expect(book.suggest('lidd').map((c) => c.address)).toEqual(['alice@tegami.test']);
    expect(book.suggest('山田').map((c) => c.address)).toEqual(['taro@example.jp']);
    expect(book.suggest('nobody')).toEqual([]);
    expect(book.suggest('', 1)).toHaveLength(1);
  });

  it('ignores entries that are not addresses', () => {
    const book = new ContactBook();
    book.add(summary([{ name: 'Undisclosed', address: '' }, { name: 'x', address: 'no-at-sign' }], [], '2026-01-01T00:00:00Z'));
    expect(book.suggest('')).toEqual([]);
  });
});

describe('summaryTokens', () => {
  it('indexes subject, people and snippet', () => {
    const tokens = summaryTokens(summary([taro], [alice], '2026-01-01T00:00:00Z', { subject: '会議の件', snippet: 'Agenda attached' }));
    expect(tokens).toEqual(expect.arrayContaining(['会議', '山田', 'alice', 'tegami', 'agenda', 'attached']));
  });
});
