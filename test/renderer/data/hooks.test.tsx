// First: Dexie reads the IndexedDB globals when it loads.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createRoot, type Root } from 'react-dom/client';
import { applyChanges } from '../../../renderer/src/data/apply-changes.js';
import type { TegamiIndex } from '../../../renderer/src/data/db.js';
import { useAccounts, useFolders, useMessage } from '../../../renderer/src/data/queries.js';
import { FakeJournalService, account, folder, freshIndex, message, until } from './fixtures.js';

// Live queries re-render whenever IndexedDB answers; the test polls for that instead of act().

let root: Root | undefined;
let db: TegamiIndex | undefined;
afterEach(() => {
  root?.unmount();
  root = undefined;
  db?.close();
});

interface Seen {
  accounts: string[] | undefined;
  folders: string[] | undefined;
  message: string | null | undefined;
}

function Probe({ index, id, seen }: { index: TegamiIndex; id: string | null; seen: Seen }) {
  seen.accounts = useAccounts(index)?.map((a) => a.id);
  seen.folders = useFolders(index)?.map((f) => f.id);
  const m = useMessage(index, id);
  seen.message = m === null || m === undefined ? m : m.subject;
  return null;
}

describe('index hooks', () => {
  it('follow the index live', async () => {
    const index = freshIndex();
    db = index;
    const service = new FakeJournalService();
    const outbox = folder('a1', 'Outbox', 'outbox');
    const seen: Seen = { accounts: undefined, folders: undefined, message: undefined };
    const container = document.createElement('div');
    root = createRoot(container);
    root.render(<Probe index={index} id="m1" seen={seen} />);
    await until(() => seen.accounts !== undefined && seen.message !== undefined);
    expect(seen).toEqual({ accounts: [], folders: [], message: null });

    await applyChanges(index, service.record(
      { kind: 'account-upsert', account: account('a1') },
      { kind: 'folder-upsert', folder: outbox },
      { kind: 'message-upsert', message: message('m1', outbox.id, 1, { subject: 'Waiting to go' }) },
      { kind: 'message-upsert', message: message('m2', outbox.id, 2) },
    ));
    await until(() => seen.message === 'Waiting to go');
    expect(seen.accounts).toEqual(['a1']);
    expect(seen.folders).toEqual([outbox.id]);

    await applyChanges(index, service.record({ kind: 'message-remove', folderId: outbox.id, messageId: 'm1' }));
    await until(() => seen.message === null);

    root.render(<Probe index={index} id={null} seen={seen} />);
    await until(() => seen.message === null);
  });
});
