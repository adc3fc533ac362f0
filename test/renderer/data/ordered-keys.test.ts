// First: Dexie reads the IndexedDB globals when it loads.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { MessageSummary } from '../../../core/api/contract.js';
import { applyChanges } from '../../../renderer/src/data/apply-changes.js';
import type { TegamiIndex } from '../../../renderer/src/data/db.js';
import { cachedOrder, heldKeys, loadOrder, type OrderWatch } from '../../../renderer/src/data/ordered-keys.js';
import { FakeJournalService, folder, freshIndex, message } from './fixtures.js';

let db: TegamiIndex;
afterEach(() => db.close());

const inbox = folder('a1', 'INBOX', 'inbox').id;
const archive = folder('a1', 'Archive').id;

async function apply(...changes: Parameters<FakeJournalService['record']>): Promise<void> {
  await applyChanges(db, new FakeJournalService().record(...changes));
}

function upsert(m: MessageSummary) {
  return { kind: 'message-upsert' as const, message: m };
}

function watch(): OrderWatch {
  return { dbName: db.name, table: 'messages', index: '[folderId+sortDate]', folderId: inbox, countsTable: 'counts' };
}

/** The inbox newest first, as the list orders it. */
function readInbox(): Promise<string[]> {
  return db.messages.where('[folderId+sortDate]').between([inbox, Dexie.minKey], [inbox, Dexie.maxKey]).reverse().primaryKeys();
}

async function filled(id: string): Promise<void> {
  db = freshIndex();
  await apply(...[1, 2, 3, 4].map((day) => upsert(message(`i${day}`, inbox, day))), upsert(message('x1', archive, 9)));
  expect(await loadOrder(id, watch(), readInbox)).toEqual(['i4', 'i3', 'i2', 'i1']);
}

describe('whole list orders', () => {
  it('holds the keys it read and answers them again without reading', async () => {
    await filled('held');
    const before = heldKeys();
    expect(cachedOrder('held')).toEqual(['i4', 'i3', 'i2', 'i1']);
    expect(await loadOrder('held', watch(), () => Promise.reject(new Error('read again')))).toEqual(['i4', 'i3', 'i2', 'i1']);
    expect(heldKeys()).toBe(before);
  });

  it("keeps the order when another folder changes, drops it when a row of the folder is written", async () => {
    await filled('flags');
    await apply(upsert(message('x2', archive, 10)), upsert(message('x1', archive, 9, { flags: [] })));
    expect(cachedOrder('flags')).toEqual(['i4', 'i3', 'i2', 'i1']);
    // A flag change keeps the order, but the order does not tell which writes those are.
    await apply(upsert(message('i2', inbox, 2, { flags: [] })));
    expect(cachedOrder('flags')).toBeUndefined();
  });

  it('drops the order when a row joins or leaves the folder', async () => {
    await filled('join');
    await apply(upsert(message('i5', inbox, 5)));
    expect(cachedOrder('join')).toBeUndefined();
    expect(await loadOrder('join', watch(), readInbox)).toEqual(['i5', 'i4', 'i3', 'i2', 'i1']);
    // A removal names only the message's key; the folder's count row is what tells.
    await apply({ kind: 'message-remove', messageId: 'i3', folderId: inbox });
    expect(cachedOrder('join')).toBeUndefined();
    expect(await loadOrder('join', watch(), readInbox)).toEqual(['i5', 'i4', 'i2', 'i1']);
  });

  it('does not keep keys read while a write to the folder committed', async () => {
    await filled('race');
    await apply(upsert(message('i6', inbox, 6)));
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const loading = loadOrder('race', watch(), async () => {
      const keys = await readInbox();
      await gate;
      return keys;
    });
    await apply(upsert(message('i7', inbox, 7)));
    release();
    expect(await loading).toBeUndefined();
    expect(cachedOrder('race')).toBeUndefined();
  });

  it('forgets every order when the index is cleared', async () => {
    await filled('clear');
    await db.transaction('rw', [db.messages, db.counts], async () => Promise.all([db.messages.clear(), db.counts.clear()]));
    expect(cachedOrder('clear')).toBeUndefined();
  });
});
