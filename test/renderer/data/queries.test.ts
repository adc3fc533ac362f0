// First: Dexie reads the IndexedDB globals when it loads.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { MessageSummary } from '../../../core/api/contract.js';
import { applyChanges } from '../../../renderer/src/data/apply-changes.js';
import type { TegamiIndex } from '../../../renderer/src/data/db.js';
import { heldKeys, ordersSettled } from '../../../renderer/src/data/ordered-keys.js';
import { conversationMessages, countRows, listRows, messageById, threadMessages, type ListRow, type ListView } from '../../../renderer/src/data/queries.js';
import { FakeJournalService, folder, freshIndex, message, taro } from './fixtures.js';

let db: TegamiIndex;
afterEach(() => db.close());

const none = new Set<string>();

async function load(messages: readonly MessageSummary[]): Promise<void> {
  const service = new FakeJournalService();
  await applyChanges(db, service.record(...messages.map((m) => ({ kind: 'message-upsert' as const, message: m }))));
}

function ids(rows: readonly ListRow[]): string[] {
  return rows.map((r) => (r.depth === 0 ? r.message.id : `  ${r.message.id}`));
}

function flat(folderIds: string[], sort: ListView['sort'] = 'date', descending = true): ListView {
  return { folderIds, sort, descending, threaded: false };
}

/** Every row of a view, read in pages of `size`, must equal reading it at once. */
async function pagesAgree(view: ListView, expanded: ReadonlySet<string>, size: number): Promise<string[]> {
  const total = await countRows(db, view, expanded);
  const whole = ids(await listRows(db, view, expanded, 0, total + 5));
  expect(whole).toHaveLength(total);
  const paged: string[] = [];
  for (let offset = 0; offset < total; offset += size) paged.push(...ids(await listRows(db, view, expanded, offset, size)));
  expect(paged).toEqual(whole);
  return whole;
}

const inbox = folder('a1', 'INBOX', 'inbox').id;
const inbox2 = folder('a2', 'INBOX', 'inbox').id;

describe('flat lists', () => {
  it('orders by date, sender, subject and size in either direction, ties by id', async () => {
    db = freshIndex();
    await load([
      message('m1', inbox, 1, { subject: 'Re: banana', size: 30, from: [{ name: 'Carol', address: 'c@x.test' }] }),
      message('m2', inbox, 3, { subject: 'apple', size: 10, from: [{ name: '', address: 'zed@x.test' }] }),
      message('m3', inbox, 2, { subject: 'Fwd: cherry', size: 20, from: [{ name: 'Alice', address: 'a@x.test' }] }),
      message('m4', inbox, 2, { subject: 'date', size: 20, from: [{ name: 'Bob', address: 'b@x.test' }] }),
      message('other', inbox2, 9),
    ]);
    const list = async (view: ListView): Promise<string[]> => ids(await listRows(db, view, none, 0, 10));
    expect(await list(flat([inbox]))).toEqual(['m2', 'm4', 'm3', 'm1']);
    expect(await list(flat([inbox], 'date', false))).toEqual(['m1', 'm3', 'm4', 'm2']);
    expect(await list(flat([inbox], 'from', false))).toEqual(['m3', 'm4', 'm1', 'm2']);
    expect(await list(flat([inbox], 'subject', false))).toEqual(['m2', 'm1', 'm3', 'm4']);
    expect(await list(flat([inbox], 'size', true))).toEqual(['m1', 'm4', 'm3', 'm2']);
    expect(await countRows(db, flat([inbox]), none)).toBe(4);
    expect(await listRows(db, flat([inbox]), none, 1, 2).then(ids)).toEqual(['m4', 'm3']);
    expect(await listRows(db, flat([inbox]), none, 10, 5)).toEqual([]);
    expect(await listRows(db, flat([]), none, 0, 5)).toEqual([]);
    const row = (await listRows(db, flat([inbox]), none, 0, 1))[0];
    expect(row).toMatchObject({ kind: 'message', depth: 0, threadSize: 1, expanded: false });
  });

  it('merges the unified Inbox from each folder in order and pages it consistently', async () => {
    db = freshIndex();
    const messages: MessageSummary[] = [];
    for (let i = 0; i < 40; i++) messages.push(message(`a${i}`, inbox, (i * 7) % 23, { size: i * 13 % 17 }));
    for (let i = 0; i < 25; i++) messages.push(message(`b${i}`, inbox2, (i * 5) % 19, { size: i * 11 % 17 }));
    await load(messages);
    const view = flat([inbox, inbox2]);
    expect(await countRows(db, view, none)).toBe(65);
    const all = await pagesAgree(view, none, 7);
    const expected = [...messages].sort((x, y) => (y.date! < x.date! ? -1 : y.date! > x.date! ? 1 : x.id < y.id ? 1 : -1)).map((m) => m.id);
    expect(all).toEqual(expected);
    const bySize = await pagesAgree(flat([inbox, inbox2], 'size', false), none, 9);
    const sizes = await Promise.all(bySize.map(async (id) => (await messageById(db, id))!.size));
    expect(sizes).toEqual([...sizes].sort((x, y) => x - y));
  });
});

describe('paging anchors', () => {
  it('gives the same rows at any offset after scrolling, and forgets them when the index changes', async () => {
    db = freshIndex();
    const messages: MessageSummary[] = [];
    // Many equal values (sizes and senders repeat) so anchors land inside runs of ties.
    for (let i = 0; i < 300; i++) messages.push(message(`a${i}`, inbox, i % 40, { size: (i * 7) % 5, from: [{ name: `P${i % 3}`, address: `p${i % 3}@x.test` }] }));
    for (let i = 0; i < 120; i++) messages.push(message(`b${i}`, inbox2, i % 50, { size: (i * 3) % 5 }));
    await load(messages);
    for (const view of [flat([inbox], 'size'), flat([inbox], 'from', false), flat([inbox, inbox2], 'size', false), flat([inbox, inbox2])]) {
      const whole = ids(await listRows(db, view, none, 0, 1000));
      // Scroll down in blocks (leaving anchors), then read at scattered offsets.
      for (let offset = 0; offset < whole.length; offset += 64) expect(ids(await listRows(db, view, none, offset, 64))).toEqual(whole.slice(offset, offset + 64));
      for (const offset of [5, 130, 129, 64, 250, 63, 300, 299, 410, 0]) expect(ids(await listRows(db, view, none, offset, 17))).toEqual(whole.slice(offset, offset + 17));
    }
    const view = flat([inbox, inbox2]);
    for (let offset = 0; offset < 420; offset += 64) await listRows(db, view, none, offset, 64);
    // New mail at the top shifts every row down by one.
    await load([message('new', inbox, 100)]);
    const after = ids(await listRows(db, view, none, 0, 1000));
    expect(after[0]).toBe('new');
    for (const offset of [128, 192, 64, 256]) expect(ids(await listRows(db, view, none, offset, 64))).toEqual(after.slice(offset, offset + 64));
    const single = flat([inbox]);
    for (let offset = 0; offset < 300; offset += 64) await listRows(db, single, none, offset, 64);
    await load([message('new2', inbox, 101)]);
    const afterSingle = ids(await listRows(db, single, none, 0, 1000));
    for (const offset of [128, 192]) expect(ids(await listRows(db, single, none, offset, 64))).toEqual(afterSingle.slice(offset, offset + 64));
  });
});

describe('whole orders', () => {
  /** The view's rows as the index orders them, read straight off it (flat, or one row per thread). */
  async function indexOrder(view: ListView): Promise<string[]> {
    const [folderId] = view.folderIds;
    const low = [folderId, Dexie.minKey];
    const high = [folderId, Dexie.maxKey];
    if (!view.threaded) {
      const range = db.messages.where('[folderId+sortDate]').between(low, high);
      return (view.descending ? range.reverse() : range).primaryKeys();
    }
    const range = db.threads.where('[folderId+latestDate]').between(low, high);
    const threads = await (view.descending ? range.reverse() : range).toArray();
    return threads.map((t) => t.latestMessageId);
  }

  it('answers a page anywhere from the folder\'s held order, the same rows as the index, and reads again after a change', async () => {
    db = freshIndex();
    const messages: MessageSummary[] = [];
    // Dates repeat, so the order's ties are by id as in the index.
    for (let i = 0; i < 600; i++) messages.push(message(`m${i}`, inbox, i % 70, { threadKey: `<t${i % 230}>` }));
    for (let i = 0; i < 30; i++) messages.push(message(`o${i}`, inbox2, i));
    await load(messages);
    const views: ListView[] = [flat([inbox]), flat([inbox], 'date', false), { ...flat([inbox]), threaded: true }];
    const before = heldKeys();
    for (const view of views) expect(ids(await listRows(db, view, none, 0, 40))).toEqual((await indexOrder(view)).slice(0, 40));
    await ordersSettled();
    // Two message orders of 600 and one of 230 threads.
    expect(heldKeys() - before).toBeGreaterThanOrEqual(1430);
    for (const view of views) {
      const order = await indexOrder(view);
      for (const offset of [550, 0, 301, 199, 40, 590]) expect(ids(await listRows(db, view, none, offset, 40))).toEqual(order.slice(offset, offset + 40));
    }
    // New mail at the top, one removed in the middle and one re-dated: every page moves.
    await load([message('new', inbox, 200, { threadKey: '<t7>' }), message('m300', inbox, 150, { threadKey: '<t70>' })]);
    await applyChanges(db, new FakeJournalService().record({ kind: 'message-remove', folderId: inbox, messageId: 'm250' }));
    for (const view of views) {
      const order = await indexOrder(view);
      for (const offset of [560, 300, 41, 0]) expect(ids(await listRows(db, view, none, offset, 40))).toEqual(order.slice(offset, offset + 40));
    }
    await ordersSettled();
    for (const view of views) {
      const order = await indexOrder(view);
      for (const offset of [590, 250, 1]) expect(ids(await listRows(db, view, none, offset, 40))).toEqual(order.slice(offset, offset + 40));
    }
  });
});

describe('threaded lists', () => {
  async function conversations(): Promise<void> {
    await load([
      message('t1a', inbox, 1, { threadKey: '<t1>', flags: [] }),
      message('t1b', inbox, 4, { threadKey: '<t1>' }),
      message('t1c', inbox, 2, { threadKey: '<t1>' }),
      message('t2a', inbox, 3, { threadKey: '<t2>' }),
      message('t3a', inbox, 5, { threadKey: '<t3>' }),
      message('t3b', inbox, 6, { threadKey: '<t3>', from: [taro] }),
      message('t4a', inbox, 0, { threadKey: '<t4>' }),
      message('u1', inbox2, 5, { threadKey: '<t1>' }),
    ]);
  }
  const threaded: ListView = { folderIds: [inbox], sort: 'date', descending: true, threaded: true };

  it('shows one row per thread, its newest message, with the thread size', async () => {
    db = freshIndex();
    await conversations();
    const rows = await listRows(db, threaded, none, 0, 10);
    expect(ids(rows)).toEqual(['t3b', 't1b', 't2a', 't4a']);
    expect(rows.map((r) => r.threadSize)).toEqual([2, 3, 1, 1]);
    expect(rows.every((r) => !r.expanded)).toBe(true);
    expect(await countRows(db, threaded, none)).toBe(4);
  });

  it('opens expanded threads in place, oldest first, and pages through them', async () => {
    db = freshIndex();
    await conversations();
    const expanded = new Set(['<t1>', '<t3>', '<t2>', '<absent>']);
    expect(await countRows(db, threaded, expanded)).toBe(7);
    expect(await pagesAgree(threaded, expanded, 1)).toEqual(['t3b', '  t3a', 't1b', '  t1a', '  t1c', 't2a', 't4a']);
    expect(await pagesAgree(threaded, expanded, 3)).toHaveLength(7);
    const rows = await listRows(db, threaded, expanded, 0, 7);
    expect(rows.map((r) => r.expanded)).toEqual([true, false, true, false, false, false, false]);
    expect(rows[3]).toMatchObject({ depth: 1, threadSize: 3 });
    // A page starting inside an expanded thread.
    expect(ids(await listRows(db, threaded, expanded, 4, 2))).toEqual(['  t1c', 't2a']);
    expect(ids(await listRows(db, { ...threaded, descending: false }, expanded, 0, 7))).toEqual(['t4a', 't2a', 't1b', '  t1a', '  t1c', 't3b', '  t3a']);
  });

  it('threads the unified Inbox per folder and sorts threads by their newest message', async () => {
    db = freshIndex();
    await conversations();
    const unified: ListView = { ...threaded, folderIds: [inbox, inbox2] };
    const expanded = new Set(['<t1>']);
    expect(await pagesAgree(unified, expanded, 2)).toEqual(['t3b', 'u1', 't1b', '  t1a', '  t1c', 't2a', 't4a']);
    const bySender = await listRows(db, { ...threaded, sort: 'from', descending: false }, none, 0, 10);
    expect(bySender.at(-1)?.message.id).toBe('t3b');
  });

  it('reads a thread oldest first', async () => {
    db = freshIndex();
    await conversations();
    expect((await threadMessages(db, inbox, '<t1>')).map((m) => m.id)).toEqual(['t1a', 't1c', 't1b']);
    expect(await threadMessages(db, inbox, '<none>')).toEqual([]);
    expect(await messageById(db, 'nope')).toBeUndefined();
  });
});

describe('conversations across folders', () => {
  const sent = folder('a1', 'Sent', 'sent');
  const archive = folder('a1', 'Archive/2026', null);
  const trash = folder('a1', 'Trash', 'trash');
  const all = folder('a1', '[Gmail]/All Mail', 'all');
  const thread = (id: string, folderId: string, day: number, messageId = `<${id}@tegami.test>`): MessageSummary =>
    message(id, folderId, day, { threadKey: '<root@tegami.test>', messageId });

  async function seed(): Promise<void> {
    const service = new FakeJournalService();
    await applyChanges(db, service.record(...[folder('a1', 'INBOX', 'inbox'), sent, archive, trash, all].map((f) => ({ kind: 'folder-upsert' as const, folder: f }))));
    await load([
      thread('root', archive.id, 1, '<root@tegami.test>'),
      thread('reply', inbox, 2),
      thread('mine', sent.id, 3),
      thread('mine-all', all.id, 3, '<mine@tegami.test>'),
      thread('reply-all', all.id, 2, '<reply@tegami.test>'),
      thread('deleted', trash.id, 4),
      thread('elsewhere', inbox2, 5),
      message('unrelated', inbox, 6),
    ]);
  }

  it("gathers the account's copies oldest first, once per Message-ID, without Trash", async () => {
    db = freshIndex();
    await seed();
    const open = (await messageById(db, 'reply'))!;
    expect((await conversationMessages(db, open)).map((m) => m.id)).toEqual(['root', 'reply', 'mine']);
  });

  it("prefers the open folder's copy and shows Trash when reading from it", async () => {
    db = freshIndex();
    await seed();
    expect((await conversationMessages(db, (await messageById(db, 'mine-all'))!)).map((m) => m.id)).toEqual(['root', 'reply-all', 'mine-all']);
    expect((await conversationMessages(db, (await messageById(db, 'deleted'))!)).map((m) => m.id)).toEqual(['root', 'reply', 'mine', 'deleted']);
  });
});

