// First: Dexie reads the IndexedDB globals when it loads.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { lastAppliedSeq } from '../../../renderer/src/data/apply-changes.js';
import type { TegamiIndex } from '../../../renderer/src/data/db.js';
import { startIndexSync, type IndexSync, type IndexSyncState } from '../../../renderer/src/data/index-sync.js';
import { FakeJournalService, account, folder, freshIndex, message, until } from './fixtures.js';

let db: TegamiIndex;
let sync: IndexSync | null = null;
afterEach(() => {
  sync?.stop();
  sync = null;
  db.close();
});

const inbox = folder('a1', 'INBOX', 'inbox');

/** A service with one account, its inbox and `n` messages, all in the journal. */
function populated(n: number): FakeJournalService {
  const service = new FakeJournalService();
  service.record({ kind: 'account-upsert', account: account('a1') }, { kind: 'folder-upsert', folder: inbox });
  for (let i = 0; i < n; i++) service.record({ kind: 'message-upsert', message: message(`m${i}`, inbox.id, i) });
  return service;
}

async function messageIds(index: TegamiIndex): Promise<string[]> {
  return (await index.messages.orderBy('id').primaryKeys()).sort();
}

function expectedIds(service: FakeJournalService): string[] {
  return [...service.messages.keys()].sort();
}

describe('startIndexSync', () => {
  it('catches up from the journal in several calls and goes live', async () => {
    db = freshIndex();
    const service = populated(12);
    service.maxPerCall = 5;
    const states: IndexSyncState[] = [];
    sync = startIndexSync(service, db, (s) => states.push(s));
    await sync.ready;
    expect(await messageIds(db)).toEqual(expectedIds(service));
    expect(await lastAppliedSeq(db)).toBe(service.lastSeq);
    expect(service.calls).toEqual(['getChanges(0)', 'getChanges(5)', 'getChanges(10)', 'getChanges(14)']);
    expect(states[0]).toEqual({ phase: 'catching-up', done: 0, total: 0, error: null });
    expect(states.at(-1)).toEqual({ phase: 'live', done: 0, total: 0, error: null });
    expect(states.filter((s) => s.phase === 'catching-up').map((s) => s.done)).toEqual([0, 5, 10, 14]);
  });

  it('resumes from meta.lastSeq on the next start', async () => {
    db = freshIndex();
    const service = populated(3);
    sync = startIndexSync(service, db);
    await sync.ready;
    sync.stop();
    service.record({ kind: 'message-remove', folderId: inbox.id, messageId: 'm1' }, { kind: 'message-upsert', message: message('m9', inbox.id, 9) });
    service.calls = [];
    sync = startIndexSync(service, db);
    await sync.ready;
    expect(service.calls[0]).toBe('getChanges(5)');
    expect(await messageIds(db)).toEqual(['m0', 'm2', 'm9']);
  });

  it('applies pushed changes in order and fills a gap with getChanges', async () => {
    db = freshIndex();
    const service = populated(2);
    sync = startIndexSync(service, db);
    await sync.ready;
    service.publish({ kind: 'message-upsert', message: message('live1', inbox.id, 20) });
    await until(async () => (await db.messages.get('live1')) !== undefined);
    service.calls = [];
    // Two changes the window never hears about, then one it does: the gap must be fetched.
    service.record({ kind: 'message-upsert', message: message('missed1', inbox.id, 21) });
    service.record({ kind: 'message-remove', folderId: inbox.id, messageId: 'm0' });
    service.publish({ kind: 'message-upsert', message: message('live2', inbox.id, 22) });
    await until(async () => (await lastAppliedSeq(db)) === service.lastSeq);
    expect(service.calls).toContain(`getChanges(${service.lastSeq - 3})`);
    expect(await messageIds(db)).toEqual(expectedIds(service));
    // An event repeating what is applied changes nothing and asks nothing.
    service.calls = [];
    service.emit({ type: 'changes', changes: service.journal.slice(-2), lastSeq: service.lastSeq });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(service.calls).toEqual([]);
    expect(await messageIds(db)).toEqual(expectedIds(service));
  });

  it('queues events that arrive while catching up', async () => {
    db = freshIndex();
    const service = populated(6);
    service.maxPerCall = 2;
    let pushed = 0;
    service.beforeAnswer = () => {
      // While the catch-up is running, new mail arrives and is pushed.
      if (pushed < 3) {
        pushed += 1;
        service.publish({ kind: 'message-upsert', message: message(`during${pushed}`, inbox.id, 30 + pushed) });
      }
    };
    sync = startIndexSync(service, db);
    await sync.ready;
    await until(async () => (await lastAppliedSeq(db)) === service.lastSeq);
    expect(await messageIds(db)).toEqual(expectedIds(service));
    expect(await db.messages.count()).toBe(9);
  });

  it('rebuilds from the listing on resync, paging large folders, then catches up', async () => {
    db = freshIndex();
    const service = populated(0);
    const sent = folder('a1', 'Sent', 'sent');
    const container = folder('a1', 'Archive', null, { selectable: false });
    service.record({ kind: 'folder-upsert', folder: sent }, { kind: 'folder-upsert', folder: container });
    const batch = [];
    for (let i = 0; i < 2100; i++) batch.push({ kind: 'message-upsert' as const, message: message(`big${i}`, inbox.id, i % 300, { snippet: '' }) });
    service.record(...batch);
    service.record({ kind: 'message-upsert', message: message('s1', sent.id, 1) });
    // The index holds something stale from an older journal.
    await db.messages.put({ ...message('stale', inbox.id, 1), sortDate: 0, sortFrom: '', sortSubject: '', unread: 0, flagged: 0, attachment: 0 });
    await db.meta.put({ key: 'lastSeq', value: 3 });
    service.compact(service.lastSeq - 1);
    service.folders.set(inbox.id, { ...inbox, total: 2100 });
    service.folders.set(sent.id, { ...sent, total: 1 });
    // A change after the resync point arrives during the rebuild.
    const states: IndexSyncState[] = [];
    service.calls = [];
    sync = startIndexSync(service, db, (s) => {
      states.push(s);
      // One of the first page's messages goes: every later one moves up by one.
      if (s.phase === 'rebuilding' && s.done === 1000) service.publish({ kind: 'message-remove', folderId: inbox.id, messageId: 'big299' });
    });
    await sync.ready;
    await until(async () => (await lastAppliedSeq(db)) === service.lastSeq);
    // Pages overlap by 50, so the message that moved up onto the first page is read anyway.
    expect(service.calls.slice(0, 7)).toEqual([
      'getChanges(3)', 'listAccounts', 'listFolders(a1)',
      'listMessages(a1/INBOX,0,1000)', 'listMessages(a1/INBOX,950,1000)', 'listMessages(a1/INBOX,1900,1000)',
      'listMessages(a1/Sent,0,1000)',
    ]);
    expect(service.calls).not.toContain('listMessages(a1/Archive,0,1000)');
    expect(await db.messages.get('stale')).toBeUndefined();
    expect(await db.messages.get('big299')).toBeUndefined();
    expect(await db.messages.count()).toBe(2100);
    expect((await db.folders.toArray()).map((f) => f.id).sort()).toEqual(['a1/Archive', 'a1/INBOX', 'a1/Sent']);
    expect(await db.threads.count()).toBe(2100);
    const rebuilding = states.filter((s) => s.phase === 'rebuilding');
    expect(rebuilding.at(-1)).toEqual({ phase: 'rebuilding', done: 2100, total: 2100, error: null });
    expect(rebuilding.map((s) => s.done)).toEqual([0, 0, 1000, 1950, 2099, 2100, 2100]);
  });

  it('lists a folder again when more moved between two pages than they overlap', async () => {
    db = freshIndex();
    const service = populated(0);
    const batch = [];
    for (let i = 0; i < 1500; i++) batch.push({ kind: 'message-upsert' as const, message: message(`big${i}`, inbox.id, i) });
    service.record(...batch);
    service.compact(service.lastSeq);
    await db.meta.put({ key: 'lastSeq', value: 1 });
    service.calls = [];
    sync = startIndexSync(service, db, (s) => {
      if (s.phase === 'rebuilding' && s.done === 1000) {
        // 60 of the newest go at once: more than the pages overlap.
        const gone = Array.from({ length: 60 }, (_, k) => ({ kind: 'message-remove' as const, folderId: inbox.id, messageId: `big${1499 - k}` }));
        service.publish(...gone);
      }
    });
    await sync.ready;
    await until(async () => (await lastAppliedSeq(db)) === service.lastSeq);
    expect(service.calls.filter((c) => c.startsWith('listMessages'))).toEqual([
      'listMessages(a1/INBOX,0,1000)', 'listMessages(a1/INBOX,950,1000)',
      'listMessages(a1/INBOX,0,1000)', 'listMessages(a1/INBOX,950,1000)',
    ]);
    expect(await messageIds(db)).toEqual(expectedIds(service));
    expect(await db.messages.count()).toBe(1440);
  });

  it('reports a failure, retries, and then catches up', async () => {
    db = freshIndex();
    const service = populated(2);
    service.failNext = new Error('The connection to the service was lost.');
    const states: IndexSyncState[] = [];
    sync = startIndexSync(service, db, (s) => states.push(s));
    await sync.ready;
    expect(states.find((s) => s.phase === 'failed')).toEqual({ phase: 'failed', done: 0, total: 0, error: 'The connection to the service was lost.' });
    expect(states.at(-1)?.phase).toBe('live');
    expect(await messageIds(db)).toEqual(['m0', 'm1']);
  });

  it('stops listening when stopped', async () => {
    db = freshIndex();
    const service = populated(1);
    sync = startIndexSync(service, db);
    await sync.ready;
    expect(service.listenerCount).toBe(1);
    sync.stop();
    expect(service.listenerCount).toBe(0);
    service.publish({ kind: 'message-upsert', message: message('after', inbox.id, 5) });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(await db.messages.get('after')).toBeUndefined();
  });
});
