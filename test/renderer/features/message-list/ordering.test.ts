import { describe, expect, it } from 'vitest';
import type { MessageSummary } from '../../../../core/api/contract.js';
import { baseSubject, flatRows, threadedRows } from '../../../../renderer/src/features/message-list/ordering.js';

function summary(id: string, date: string | null, extra: Partial<MessageSummary> = {}): MessageSummary {
  return {
    id, accountId: 'a1', folderId: 'f1', uid: 1, flags: [], date, receivedAt: date ?? '1970-01-01T00:00:00Z',
    from: [{ name: '', address: `${id}@tegami.test` }], to: [], cc: [], subject: id, snippet: '', size: 100,
    hasAttachments: false, messageId: `<${id}@tegami.test>`, inReplyTo: null, references: [],
    threadKey: `<${id}@tegami.test>`, bodyDownloaded: true, delivery: null, ...extra,
  };
}

describe('baseSubject', () => {
  it('drops stacked reply and forward prefixes, including Japanese and counted ones', () => {
    expect(baseSubject('Re: Fwd: RE[2]: Plan')).toBe('plan');
    expect(baseSubject('Re：会議')).toBe('会議');
    expect(baseSubject('Regarding the plan')).toBe('regarding the plan');
  });
});

describe('flatRows', () => {
  const a = summary('a', '2026-01-01T00:00:00Z', { size: 300, subject: 'Re: banana', from: [{ name: 'Zed', address: 'z@x' }] });
  const b = summary('b', '2026-01-03T00:00:00Z', { size: 100, subject: 'apple', from: [{ name: '', address: 'alice@x' }] });
  const c = summary('c', null, { receivedAt: '2026-01-02T00:00:00Z', size: 200, subject: 'cherry', from: [] });

  it('sorts by date (receivedAt when the Date header is missing), size, sender and subject', () => {
    expect(flatRows([a, b, c], 'date', 'desc').map((r) => r.message.id)).toEqual(['b', 'c', 'a']);
    expect(flatRows([a, b, c], 'size', 'asc').map((r) => r.message.id)).toEqual(['b', 'c', 'a']);
    expect(flatRows([a, b, c], 'from', 'asc').map((r) => r.message.id)).toEqual(['c', 'b', 'a']);
    expect(flatRows([a, b, c], 'subject', 'asc').map((r) => r.message.id)).toEqual(['b', 'a', 'c']);
  });
});

describe('threadedRows', () => {
  it('orders threads by their newest message and replies oldest first under the root', () => {
    const root = summary('root', '2026-01-01T00:00:00Z');
    const reply = summary('reply', '2026-01-05T00:00:00Z', { threadKey: root.threadKey });
    const lone = summary('lone', '2026-01-03T00:00:00Z');
    const rows = threadedRows([reply, lone, root], 'date', 'desc');
    expect(rows.map((r) => [r.message.id, r.depth, r.threadSize])).toEqual([
      ['root', 0, 2], ['reply', 1, 2], ['lone', 0, 1],
    ]);
  });
});
