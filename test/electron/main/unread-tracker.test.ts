import { describe, expect, it } from 'vitest';
import type { FolderSummary } from '../../../core/api/contract.js';
import { UnreadTracker } from '../../../electron/main/unread-tracker.js';

const folder = (accountId: string, path: string, role: FolderSummary['role'], unread: number): FolderSummary => ({
  id: `${accountId}/${path}`,
  accountId,
  path,
  name: path,
  delimiter: '/',
  role,
  unread,
  total: unread + 10,
  selectable: true,
});

describe('UnreadTracker', () => {
  it('counts unread mail in every Inbox and nowhere else', () => {
    const tracker = new UnreadTracker();
    tracker.reset([folder('a', 'INBOX', 'inbox', 3), folder('a', 'Junk', 'junk', 50), folder('b', 'INBOX', 'inbox', 2), folder('b', 'Lists', null, 7)]);
    expect(tracker.unread).toBe(5);
  });

  it('follows folder upserts, removals and removed accounts from the journal', () => {
    const tracker = new UnreadTracker();
    tracker.reset([folder('a', 'INBOX', 'inbox', 3), folder('b', 'INBOX', 'inbox', 2)]);
    expect(tracker.apply([{ kind: 'folder-upsert', seq: 1, folder: folder('a', 'INBOX', 'inbox', 1) }])).toBe(true);
    expect(tracker.unread).toBe(3);
    // A folder that stops being the Inbox stops counting.
    tracker.apply([{ kind: 'folder-upsert', seq: 2, folder: folder('a', 'INBOX', null, 9) }]);
    expect(tracker.unread).toBe(2);
    expect(tracker.apply([{ kind: 'account-remove', seq: 3, accountId: 'b' }])).toBe(true);
    expect(tracker.unread).toBe(0);
    expect(tracker.apply([{ kind: 'folder-remove', seq: 4, folderId: 'nope/INBOX' }])).toBe(false);
  });
});
