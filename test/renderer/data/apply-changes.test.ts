// First: Dexie reads the IndexedDB globals when it loads.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Change } from '../../../core/api/contract.js';
import { applyChanges, lastAppliedSeq } from '../../../renderer/src/data/apply-changes.js';
import type { TegamiIndex } from '../../../renderer/src/data/db.js';
import { FakeJournalService, account, alice, bob, folder, freshIndex, message, taro } from './fixtures.js';

let db: TegamiIndex;
afterEach(() => db.close());

async function snapshot(index: TegamiIndex): Promise<unknown> {
  return {
    accounts: await index.accounts.toArray(),
    folders: await index.folders.toArray(),
    messages: await index.messages.toArray(),
    threads: await index.threads.toArray(),
    contacts: await index.contacts.toArray(),
    words: await index.words.toArray(),
    counts: await index.counts.toArray(),
    lastSeq: await lastAppliedSeq(index),
  };
}

describe('applyChanges', () => {
  it('stores messages with their sort keys, threads, contacts and words in one batch', async () => {
    db = freshIndex();
    const service = new FakeJournalService();
    const inbox = folder('a1', 'INBOX', 'inbox');
    const changes = service.record(
      { kind: 'account-upsert', account: account('a1') },
      { kind: 'folder-upsert', folder: inbox },
      { kind: 'message-upsert', message: message('m1', inbox.id, 1, { subject: 'Re: Lunch', flags: [], threadKey: '<t1>' }) },
      { kind: 'message-upsert', message: message('m2', inbox.id, 3, { subject: 'Lunch', flags: ['\\Seen', '\\Flagged'], threadKey: '<t1>', from: [taro] }) },
      { kind: 'message-upsert', message: message('m3', inbox.id, 2, { date: null, hasAttachments: true }) },
    );
    await applyChanges(db, changes);

    const m1 = await db.messages.get('m1');
    expect(m1).toMatchObject({ sortSubject: 'lunch', sortFrom: 'alice liddell', unread: 1, flagged: 0, attachment: 0, sortDate: Date.UTC(2026, 0, 2) });
    expect(await db.messages.get('m2')).toMatchObject({ unread: 0, flagged: 1, sortFrom: '山田太郎' });
    // No Date header: the arrival time sorts it.
    expect(await db.messages.get('m3')).toMatchObject({ sortDate: Date.UTC(2026, 0, 3), attachment: 1 });

    const thread = await db.threads.get(`${inbox.id}\u0000<t1>`);
    expect(thread).toMatchObject({ count: 2, unreadCount: 1, latestMessageId: 'm2', latestDate: Date.UTC(2026, 0, 4), latestFrom: '山田太郎', latestSubject: 'lunch' });
    expect(await db.threads.count()).toBe(2);
    expect(await db.counts.get(inbox.id)).toEqual({ folderId: inbox.id, messages: 3, threads: 2 });

    const contacts = await db.contacts.orderBy('address').toArray();
    expect(contacts.map((c) => [c.address, c.uses, c.name])).toEqual([
      ['alice@tegami.test', 2, 'Alice Liddell'],
      ['bob@tegami.test', 3, 'Bob Builder'],
      ['taro@example.jp', 1, '山田太郎'],
    ]);
    expect(contacts.find((c) => c.address === 'bob@tegami.test')?.lastUsed).toBe(Date.UTC(2026, 0, 4));

    const words = await db.words.where('messageId').equals('m2').first();
    expect(words?.tokens).toEqual(expect.arrayContaining(['lunch', '山田', '田太', '太郎', 'taro', 'example', 'jp']));
    expect(await lastAppliedSeq(db)).toBe(5);
  });

  it('is idempotent: applying the same changes again changes nothing', async () => {
    db = freshIndex();
    const service = new FakeJournalService();
    const inbox = folder('a1', 'INBOX', 'inbox');
    const changes = service.record(
      { kind: 'account-upsert', account: account('a1') },
      { kind: 'folder-upsert', folder: inbox },
      { kind: 'message-upsert', message: message('m1', inbox.id, 1, { threadKey: '<t>' }) },
      { kind: 'message-upsert', message: message('m2', inbox.id, 2, { threadKey: '<t>', flags: [] }) },
      { kind: 'message-upsert', message: message('m2', inbox.id, 2, { threadKey: '<t>', flags: ['\\Seen'] }) },
      { kind: 'message-remove', folderId: inbox.id, messageId: 'm1' },
    );
    await applyChanges(db, changes);
    const once = await snapshot(db);
    await applyChanges(db, changes);
    expect(await snapshot(db)).toEqual(once);
    // Applying in two halves gives the same index as in one batch.
    const other = freshIndex();
    await applyChanges(other, changes.slice(0, 3));
    await applyChanges(other, changes.slice(3));
    expect(await snapshot(other)).toEqual(once);
    other.close();
  });

  it('updates thread counts on flag changes, moves between threads and removals', async () => {
    db = freshIndex();
    const service = new FakeJournalService();
    const f = folder('a1', 'INBOX', 'inbox').id;
    await applyChanges(db, service.record(
      { kind: 'message-upsert', message: message('m1', f, 1, { threadKey: '<t>', flags: [] }) },
      { kind: 'message-upsert', message: message('m2', f, 2, { threadKey: '<t>', flags: [] }) },
      { kind: 'message-upsert', message: message('m3', f, 3, { threadKey: '<t>', flags: [] }) },
    ));
    const id = `${f}\u0000<t>`;
    expect(await db.threads.get(id)).toMatchObject({ count: 3, unreadCount: 3, latestMessageId: 'm3' });

    await applyChanges(db, service.record({ kind: 'message-upsert', message: message('m2', f, 2, { threadKey: '<t>', flags: ['\\Seen'] }) }));
    expect(await db.threads.get(id)).toMatchObject({ count: 3, unreadCount: 2 });

    await applyChanges(db, service.record({ kind: 'message-remove', folderId: f, messageId: 'm3' }));
    expect(await db.threads.get(id)).toMatchObject({ count: 2, unreadCount: 1, latestMessageId: 'm2', latestDate: Date.UTC(2026, 0, 3) });

    // Re-threaded (its References were completed): leaves one thread, joins another.
    await applyChanges(db, service.record({ kind: 'message-upsert', message: message('m1', f, 1, { threadKey: '<u>', flags: [] }) }));
    expect(await db.threads.get(id)).toMatchObject({ count: 1, unreadCount: 0, latestMessageId: 'm2' });
    expect(await db.threads.get(`${f}\u0000<u>`)).toMatchObject({ count: 1, unreadCount: 1 });

    expect(await db.counts.get(f)).toEqual({ folderId: f, messages: 2, threads: 2 });
    await applyChanges(db, service.record({ kind: 'message-remove', folderId: f, messageId: 'm2' }));
    expect(await db.threads.get(id)).toBeUndefined();
    expect(await db.counts.get(f)).toEqual({ folderId: f, messages: 1, threads: 1 });
    expect(await db.words.where('messageId').equals('m2').count()).toBe(0);
    // Removing what is not there is harmless.
    await applyChanges(db, service.record({ kind: 'message-remove', folderId: f, messageId: 'nope' }));
    expect(await db.messages.count()).toBe(1);
  });

  it('takes back contact uses when messages go, keeping the newest name', async () => {
    db = freshIndex();
    const service = new FakeJournalService();
    const f = folder('a1', 'INBOX').id;
    await applyChanges(db, service.record(
      { kind: 'message-upsert', message: message('m1', f, 1, { from: [{ name: 'Bobby', address: 'BOB@tegami.test' }], to: [alice] }) },
      { kind: 'message-upsert', message: message('m2', f, 5, { from: [{ name: '', address: 'bob@tegami.test' }], to: [alice, alice] }) },
      { kind: 'message-upsert', message: message('m3', f, 3, { from: [bob], to: [alice] }) },
    ));
    expect(await db.contacts.get('bob@tegami.test')).toMatchObject({ uses: 3, name: 'Bob Builder', lastUsed: Date.UTC(2026, 0, 6) });
    // Counted once per message, however often a message names it.
    expect((await db.contacts.get('alice@tegami.test'))?.uses).toBe(3);
    await applyChanges(db, service.record(
      { kind: 'message-remove', folderId: f, messageId: 'm1' },
      { kind: 'message-remove', folderId: f, messageId: 'm3' },
    ));
    expect(await db.contacts.get('bob@tegami.test')).toMatchObject({ uses: 1, name: 'Bob Builder' });
    await applyChanges(db, service.record({ kind: 'message-remove', folderId: f, messageId: 'm2' }));
    expect(await db.contacts.count()).toBe(0);
  });

  it('removes a folder with its messages, threads and words, and an account with its folders', async () => {
    db = freshIndex();
    const service = new FakeJournalService();
    const a1Inbox = folder('a1', 'INBOX', 'inbox');
    const a1Sent = folder('a1', 'Sent', 'sent');
    const a2Inbox = folder('a2', 'INBOX', 'inbox');
    await applyChanges(db, service.record(
      { kind: 'account-upsert', account: account('a1') },
      { kind: 'account-upsert', account: account('a2') },
      { kind: 'folder-upsert', folder: a1Inbox },
      { kind: 'folder-upsert', folder: a1Sent },
      { kind: 'folder-upsert', folder: a2Inbox },
      { kind: 'message-upsert', message: message('i1', a1Inbox.id, 1) },
      { kind: 'message-upsert', message: message('s1', a1Sent.id, 2, { to: [taro] }) },
      { kind: 'message-upsert', message: message('x1', a2Inbox.id, 3) },
    ));
    await applyChanges(db, service.record({ kind: 'folder-remove', folderId: a1Sent.id }));
    expect(await db.folders.get(a1Sent.id)).toBeUndefined();
    expect(await db.messages.get('s1')).toBeUndefined();
    expect(await db.words.where('messageId').equals('s1').count()).toBe(0);
    expect(await db.threads.where('folderId').equals(a1Sent.id).count()).toBe(0);
    expect(await db.contacts.get('taro@example.jp')).toBeUndefined();
    expect(await db.counts.get(a1Sent.id)).toBeUndefined();
    expect(await db.counts.get(a1Inbox.id)).toEqual({ folderId: a1Inbox.id, messages: 1, threads: 1 });

    await applyChanges(db, service.record({ kind: 'account-remove', accountId: 'a1' }));
    expect(await db.accounts.toArray()).toEqual([account('a2')]);
    expect((await db.folders.toArray()).map((f) => f.id)).toEqual([a2Inbox.id]);
    expect((await db.messages.toArray()).map((m) => m.id)).toEqual(['x1']);
    expect((await db.threads.toArray()).map((t) => t.latestMessageId)).toEqual(['x1']);
    expect((await db.words.toArray()).map((w) => w.messageId)).toEqual(['x1']);
    expect(await db.counts.toArray()).toEqual([{ folderId: a2Inbox.id, messages: 1, threads: 1 }]);
    expect(await db.contacts.get('alice@tegami.test')).toMatchObject({ uses: 1 });
  });

  it('never moves lastSeq backwards', async () => {
    db = freshIndex();
    const f = folder('a1', 'INBOX').id;
    const later: Change = { kind: 'message-upsert', seq: 9, message: message('m9', f, 9) };
    const earlier: Change = { kind: 'message-upsert', seq: 4, message: message('m4', f, 4) };
    await applyChanges(db, [later]);
    await applyChanges(db, [earlier]);
    expect(await lastAppliedSeq(db)).toBe(9);
    await applyChanges(db, []);
    expect(await lastAppliedSeq(db)).toBe(9);
  });
});

describe('applyChanges, any sequence', () => {
  it('keeps threads, counts and contacts equal to what the messages imply, however changes are batched', async () => {
    const folders = [folder('a1', 'INBOX').id, folder('a1', 'Sent').id];
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('upsert' as const), id: fc.integer({ min: 0, max: 5 }), folder: fc.integer({ min: 0, max: 1 }),
        thread: fc.integer({ min: 0, max: 2 }), day: fc.integer({ min: 0, max: 4 }), seen: fc.boolean(), person: fc.integer({ min: 0, max: 2 }),
      }),
      fc.record({ kind: fc.constant('remove' as const), id: fc.integer({ min: 0, max: 5 }) }),
    );
    const people = [alice, bob, taro];
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 10 }), async (ops, cuts) => {
        const service = new FakeJournalService();
        const where = new Map<string, string>();
        const changes = service.record(...ops.map((o) => {
          const id = `m${o.id}`;
          if (o.kind === 'remove') return { kind: 'message-remove' as const, folderId: where.get(id) ?? folders[0]!, messageId: id };
          const f = folders[o.folder]!;
          where.set(id, f);
          return { kind: 'message-upsert' as const, message: message(id, f, o.day, { threadKey: `<t${o.thread}>`, flags: o.seen ? ['\\Seen'] : [], from: [people[o.person]!] }) };
        }));
        db = freshIndex();
        let at = 0;
        for (let i = 0; at < changes.length; i++) {
          const size = cuts[i % cuts.length]!;
          await applyChanges(db, changes.slice(at, at + size));
          at += size;
        }
        const messages = await db.messages.toArray();
        const expectedThreads = new Map<string, { count: number; unread: number; latest: string }>();
        for (const m of [...messages].sort((a, b) => a.sortDate - b.sortDate || (a.id < b.id ? -1 : 1))) {
          const key = `${m.folderId}\u0000${m.threadKey}`;
          const t = expectedThreads.get(key) ?? { count: 0, unread: 0, latest: '' };
          expectedThreads.set(key, { count: t.count + 1, unread: t.unread + m.unread, latest: m.id });
        }
        const threads = await db.threads.toArray();
        expect(new Map(threads.map((t) => [t.id, { count: t.count, unread: t.unreadCount, latest: t.latestMessageId }]))).toEqual(expectedThreads);
        for (const f of folders) {
          const c = await db.counts.get(f);
          const n = messages.filter((m) => m.folderId === f).length;
          expect(c === undefined ? [0, 0] : [c.messages, c.threads]).toEqual([n, threads.filter((t) => t.folderId === f).length]);
        }
        const uses = new Map<string, number>();
        for (const m of messages) for (const p of new Set([...m.from, ...m.to].map((x) => x.address))) uses.set(p, (uses.get(p) ?? 0) + 1);
        expect(new Map((await db.contacts.toArray()).map((c) => [c.address, c.uses]))).toEqual(uses);
        expect((await db.words.toArray()).map((w) => w.messageId).sort()).toEqual(messages.map((m) => m.id).sort());
        db.close();
      }),
      { numRuns: 40 },
    );
    db = freshIndex();
  });
});
