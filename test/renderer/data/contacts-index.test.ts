// First: Dexie reads the IndexedDB globals when it loads.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { MailAddress, MessageSummary } from '../../../core/api/contract.js';
import { applyChanges } from '../../../renderer/src/data/apply-changes.js';
import { suggestContacts } from '../../../renderer/src/data/contacts-index.js';
import type { TegamiIndex } from '../../../renderer/src/data/db.js';
import { FakeJournalService, folder, freshIndex, message } from './fixtures.js';

let db: TegamiIndex;
afterEach(() => db.close());

const f = folder('a1', 'INBOX').id;
const me: MailAddress = { name: 'Me', address: 'me@tegami.test' };
const alice: MailAddress = { name: 'Alice Liddell', address: 'alice@wonder.test' };
const alicia: MailAddress = { name: 'Alicia Keys', address: 'keys@music.test' };
const bob: MailAddress = { name: 'Bob', address: 'bob@tegami.test' };
const taro: MailAddress = { name: '山田太郎', address: 'yamada@example.jp' };
const hanako: MailAddress = { name: '山本花子', address: 'hanako@example.jp' };

async function load(messages: readonly MessageSummary[]): Promise<void> {
  await applyChanges(db, new FakeJournalService().record(...messages.map((m) => ({ kind: 'message-upsert' as const, message: m }))));
}

async function suggest(prefix: string, limit = 10): Promise<string[]> {
  return (await suggestContacts(db, prefix, limit)).map((c) => c.address);
}

let n = 0;
function mail(from: MailAddress, to: MailAddress[], day: number): MessageSummary {
  n += 1;
  return message(`c${n}`, f, day, { from: [from], to });
}

describe('suggestContacts', () => {
  it('ranks by uses, then recency, and matches name words or the address', async () => {
    db = freshIndex();
    await load([
      mail(alice, [me], 1), mail(alice, [me], 2), mail(alicia, [me], 9), mail(alicia, [me], 3),
      mail(bob, [me], 8), mail(taro, [me], 4), mail(hanako, [me, bob], 5),
    ]);
    // me: 7 uses; alicia and alice: 2 each, alicia more recent; bob 2 but less recent than alicia.
    expect(await suggest('', 4)).toEqual(['me@tegami.test', 'keys@music.test', 'bob@tegami.test', 'alice@wonder.test']);
    expect(await suggest('ali')).toEqual(['keys@music.test', 'alice@wonder.test']);
    expect(await suggest('Alice L')).toEqual(['alice@wonder.test']);
    expect(await suggest('liddell')).toEqual(['alice@wonder.test']);
    expect(await suggest('keys@')).toEqual(['keys@music.test']);
    expect(await suggest('music.t')).toEqual(['keys@music.test']);
    expect(await suggest('zzz')).toEqual([]);
    expect(await suggest('ali', 1)).toEqual(['keys@music.test']);
    expect(await suggest('ali', 0)).toEqual([]);
  });

  it('finds Japanese names by any part of them', async () => {
    db = freshIndex();
    await load([mail(taro, [me], 1), mail(hanako, [me], 2), mail(hanako, [me], 3)]);
    expect(await suggest('山')).toEqual(['hanako@example.jp', 'yamada@example.jp']);
    expect(await suggest('山田')).toEqual(['yamada@example.jp']);
    expect(await suggest('太郎')).toEqual(['yamada@example.jp']);
    expect(await suggest('花子')).toEqual(['hanako@example.jp']);
    expect(await suggest('ｙａｍａｄａ')).toEqual(['yamada@example.jp']);
  });

  it('returns each contact once with its best name', async () => {
    db = freshIndex();
    await load([mail({ name: '', address: 'Bob@Tegami.test' }, [me], 1), mail(bob, [me], 2), mail({ name: '', address: 'bob@tegami.test' }, [me], 3)]);
    const found = await suggestContacts(db, 'bob', 10);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ address: 'bob@tegami.test', name: 'Bob', uses: 3, lastUsed: Date.UTC(2026, 0, 4) });
  });
});
