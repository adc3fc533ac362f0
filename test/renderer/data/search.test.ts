// First: Dexie reads the IndexedDB globals when it loads.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { MessageSummary } from '../../../core/api/contract.js';
import { applyChanges } from '../../../renderer/src/data/apply-changes.js';
import type { TegamiIndex } from '../../../renderer/src/data/db.js';
import { PREFIX_WALK_MAX_WORDS, SEARCH_LOAD_CHUNK } from '../../../renderer/src/data/limits.js';
import { queryWords, searchIndex, type SearchQuery } from '../../../renderer/src/data/search.js';
import { FakeJournalService, folder, freshIndex, message, taro } from './fixtures.js';

let db: TegamiIndex | undefined;
afterEach(() => db?.close());

const inbox = folder('a1', 'INBOX', 'inbox').id;
const sent = folder('a1', 'Sent', 'sent').id;

function q(text: string, extra: Partial<SearchQuery> = {}): SearchQuery {
  return { text, unread: false, flagged: false, hasAttachment: false, folderIds: null, since: null, until: null, ...extra };
}

async function load(messages: readonly MessageSummary[]): Promise<void> {
  await applyChanges(db!, new FakeJournalService().record(...messages.map((m) => ({ kind: 'message-upsert' as const, message: m }))));
}

async function find(query: SearchQuery, limit = 50): Promise<string[]> {
  return (await searchIndex(db!, query, limit)).map((m) => m.id);
}

async function corpus(): Promise<void> {
  await load([
    message('q1', inbox, 1, { subject: 'Quarterly report', snippet: 'Numbers for the third quarter', flags: [] }),
    message('q2', inbox, 3, { subject: 'Re: Quarterly report', snippet: 'Looks good', flags: ['\\Seen', '\\Flagged'] }),
    message('j1', inbox, 2, { subject: '会議の議事録', snippet: '明日の打ち合わせは東京駅で', from: [taro], hasAttachments: true }),
    message('j2', sent, 4, { subject: '東京出張', snippet: '新幹線の切符', to: [taro], flags: [] }),
    message('p1', sent, 5, { subject: 'Lunch', snippet: 'ｒｅｐｏｒｔ in full width', hasAttachments: true }),
  ]);
}

describe('queryWords', () => {
  it('treats the last word as a prefix unless the text ends in a separator', () => {
    expect(queryWords('quarterly rep')).toEqual({ exact: ['quarterly'], prefix: 'rep' });
    expect(queryWords('quarterly rep ')).toEqual({ exact: ['quarterly', 'rep'], prefix: null });
    expect(queryWords('東京駅')).toEqual({ exact: ['東京'], prefix: '京駅' });
    expect(queryWords('')).toEqual({ exact: [], prefix: null });
  });
});

describe('searchIndex', () => {
  it('matches every word across subject, people and snippet, newest first', async () => {
    db = freshIndex();
    await corpus();
    expect(await find(q('quarterly report'))).toEqual(['q2', 'q1']);
    expect(await find(q('report'))).toEqual(['p1', 'q2', 'q1']);
    expect(await find(q('third quarter'))).toEqual(['q1']);
    expect(await find(q('taro@example.jp'))).toEqual(['j2', 'j1']);
    expect(await find(q('alice liddell quarterly'))).toEqual(['q2', 'q1']);
    expect(await find(q('nothing-like-this'))).toEqual([]);
  });

  it('orders messages of the same time the same way whether a word is whole or being typed', async () => {
    db = freshIndex();
    await load([message('tb', inbox, 1, { subject: 'tie' }), message('ta', inbox, 1, { subject: 'tie' }), message('tc', inbox, 2, { subject: 'tie' })]);
    expect(await find(q('tie '))).toEqual(['tc', 'ta', 'tb']);
    expect(await find(q('ti'))).toEqual(['tc', 'ta', 'tb']);
  });

  it('finds the word being typed among few or many words it starts, each message once', async () => {
    db = freshIndex();
    const many: MessageSummary[] = [];
    // 'invo' starts three words; one message has two of them.
    many.push(message('v1', inbox, 1, { subject: 'invoice and invoices' }), message('v2', inbox, 3, { subject: 'invoked' }), message('v3', sent, 2, { subject: 'invoice', flags: [] }));
    // 'pre' starts more words than are walked together (PREFIX_WALK_MAX_WORDS).
    for (let i = 0; i < PREFIX_WALK_MAX_WORDS + 4; i++) many.push(message(`p${i}`, i % 2 === 0 ? inbox : sent, 10 + i, { subject: `pre${i}x`, flags: i % 3 === 0 ? [] : ['\\Seen'] }));
    await load(many);
    expect(await find(q('invo'))).toEqual(['v2', 'v3', 'v1']);
    expect(await find(q('invo'), 2)).toEqual(['v2', 'v3']);
    expect(await find(q('invo', { unread: true }))).toEqual(['v3']);
    const pre = many.filter((m) => m.id.startsWith('p')).reverse();
    expect(await find(q('pre'))).toEqual(pre.map((m) => m.id));
    expect(await find(q('pre', { unread: true, folderIds: [inbox] }))).toEqual(pre.filter((m) => m.flags.length === 0 && m.folderId === inbox).map((m) => m.id));
  });

  it('matches the word being typed as a prefix', async () => {
    db = freshIndex();
    await corpus();
    expect(await find(q('quar'))).toEqual(['q2', 'q1']);
    expect(await find(q('quarterly rep'))).toEqual(['q2', 'q1']);
    // Finished words must match whole.
    expect(await find(q('quar '))).toEqual([]);
  });

  it('finds Japanese text by its bigrams, names included', async () => {
    db = freshIndex();
    await corpus();
    expect(await find(q('議事録'))).toEqual(['j1']);
    expect(await find(q('東京'))).toEqual(['j2', 'j1']);
    expect(await find(q('東京駅'))).toEqual(['j1']);
    expect(await find(q('山田'))).toEqual(['j2', 'j1']);
    // One character: every bigram it starts.
    expect(await find(q('新'))).toEqual(['j2']);
    expect(await find(q('打ち合わせ 明日'))).toEqual(['j1']);
    expect(await find(q('大阪'))).toEqual([]);
  });

  it('applies the filters, with or without words', async () => {
    db = freshIndex();
    await corpus();
    expect(await find(q('', { unread: true }))).toEqual(['j2', 'q1']);
    expect(await find(q('report', { unread: true }))).toEqual(['q1']);
    expect(await find(q('', { flagged: true }))).toEqual(['q2']);
    expect(await find(q('', { hasAttachment: true }))).toEqual(['p1', 'j1']);
    expect(await find(q('', { folderIds: [sent] }))).toEqual(['p1', 'j2']);
    expect(await find(q('report', { folderIds: [inbox] }))).toEqual(['q2', 'q1']);
    expect(await find(q('', { folderIds: [] }))).toEqual([]);
    const day = (n: number): number => Date.UTC(2026, 0, 1 + n);
    expect(await find(q('', { since: day(2), until: day(4) }))).toEqual(['j2', 'q2', 'j1']);
    expect(await find(q('report', { since: day(3) }))).toEqual(['p1', 'q2']);
    expect(await find(q('', { since: day(4), until: day(2) }))).toEqual([]);
    expect(await find(q(''), 2)).toEqual(['p1', 'j2']);
    expect(await find(q(''), 0)).toEqual([]);
  });

  it('reads candidates newest first, chunk by chunk, until enough pass the filters', async () => {
    db = freshIndex();
    const many: MessageSummary[] = [];
    const n = SEARCH_LOAD_CHUNK * 2 + 100;
    for (let i = 0; i < n; i++) {
      many.push(message(`n${i}`, i % 2 === 0 ? inbox : sent, i, { subject: `newsletter ${i}`, flags: i % 3 === 0 ? [] : ['\\Seen'] }));
    }
    await load(many);
    expect(await find(q('newsletter'), 3)).toEqual([`n${n - 1}`, `n${n - 2}`, `n${n - 3}`]);
    const unreadInbox = await find(q('newsl', { unread: true, folderIds: [inbox] }), 3);
    const expected = many.filter((m) => m.folderId === inbox && m.flags.length === 0).map((m) => m.id).reverse().slice(0, 3);
    expect(unreadInbox).toEqual(expected);
    // Only the oldest messages pass: every chunk has to be read.
    const oldest = await find(q('newsletter', { until: Date.UTC(2026, 0, 3) }), 10);
    expect(oldest).toEqual(['n2', 'n1', 'n0']);
    const all = await find(q('newsletter', { unread: true }), 5000);
    expect(all).toEqual(many.filter((m) => m.flags.length === 0).map((m) => m.id).reverse());
  });

  it('hands over the first screen early, and it is the start of the whole answer, for words and prefixes', async () => {
    db = freshIndex();
    const many: MessageSummary[] = [];
    for (let i = 0; i < 300; i++) many.push(message(`d${i}`, inbox, i, { subject: `digest ${i % 2 === 0 ? 'alpha' : 'beta'}${i % (PREFIX_WALK_MAX_WORDS + 3)}` }));
    await load(many);
    // A whole word, a prefix of few words (walked together) and of many (read by keys).
    for (const text of ['digest ', 'alpha1', 'dig', 'bet']) {
      const firsts: string[][] = [];
      const whole = (await searchIndex(db, q(text), 200, { first: 20, onFirst: (rows) => firsts.push(rows.map((m) => m.id)) })).map((m) => m.id);
      expect(whole.length, text).toBeGreaterThan(20);
      expect(firsts, text).toEqual([whole.slice(0, 20)]);
    }
    // Not told when the answer is no longer than the first screen.
    let told = false;
    await searchIndex(db, q('alpha1'), 10, { first: 20, onFirst: () => (told = true) });
    expect(told).toBe(false);
  });
});
