// First: Dexie reads the IndexedDB globals when it loads.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { MessageSummary } from '../../../core/api/contract.js';
import { applyChanges } from '../../../renderer/src/data/apply-changes.js';
import type { IndexedMessage, TegamiIndex } from '../../../renderer/src/data/db.js';
import { readOrder } from '../../../renderer/src/data/ordered-streams.js';
import { FakeJournalService, folder, freshIndex, message } from './fixtures.js';

let db: TegamiIndex;
afterEach(() => db.close());

const inbox = folder('a1', 'INBOX', 'inbox').id;
const other = folder('a1', 'Archive').id;

/** The folder's messages by size, as the message list's sources are. */
function bySize(folderId: string) {
  return { table: db.messages, index: '[folderId+size]', folderId, valueOf: (m: IndexedMessage) => m.size, keyOf: (m: IndexedMessage) => m.id };
}

describe('reading a whole order in chunks', () => {
  it('gives the index order whatever the chunk, across runs of ties longer than a chunk', async () => {
    db = freshIndex();
    const messages: MessageSummary[] = [];
    // Sizes 0–3 with a run of 25 equal sizes, then short runs; ids are not in size order.
    for (let i = 0; i < 60; i++) messages.push(message(`m${(i * 37) % 61}`, inbox, i, { size: i < 25 ? 2 : i % 4 }));
    for (let i = 0; i < 10; i++) messages.push(message(`o${i}`, other, i, { size: 2 }));
    await applyChanges(db, new FakeJournalService().record(...messages.map((m) => ({ kind: 'message-upsert' as const, message: m }))));
    const expected = await db.messages.where('[folderId+size]').between([inbox, Dexie.minKey], [inbox, Dexie.maxKey]).primaryKeys();
    expect(expected).toHaveLength(60);
    for (const chunk of [1, 2, 3, 7, 25, 59, 60, 61, 1000]) expect(await readOrder(bySize(inbox), chunk)).toEqual(expected);
    expect(await readOrder(bySize(folder('a1', 'Empty').id), 3)).toEqual([]);
  });
});
