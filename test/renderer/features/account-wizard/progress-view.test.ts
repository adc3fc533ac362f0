import { describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../../../core/api/contract.js';
import { FIRST_SYNC_NOT_STARTED, isFinished, isSettled, messagesFetched, nextFirstSync, progressFor, progressFraction, type FirstSync } from '../../../../renderer/src/features/account-wizard/progress-view.js';

const base: SyncProgress = { accountId: 'a1', phase: 'messages', folder: 'INBOX', foldersDone: 1, foldersTotal: 4, messagesDone: 25, messagesTotal: 100, bytes: 0, error: null };

describe('first sync progress', () => {
  it('measures messages when their number is known, else folders', () => {
    expect(progressFraction(base)).toBe(0.25);
    expect(progressFraction({ ...base, phase: 'folders', messagesTotal: 0, messagesDone: 0 })).toBe(0.25);
    expect(progressFraction({ ...base, phase: 'connecting', foldersTotal: 0, messagesTotal: 0 })).toBeNull();
    expect(progressFraction({ ...base, phase: 'idle' })).toBe(1);
    expect(progressFraction(null)).toBeNull();
  });

  it('knows when the sync has come to rest', () => {
    expect(isSettled(base)).toBe(false);
    expect(isSettled({ ...base, phase: 'done' })).toBe(true);
    expect(isSettled({ ...base, phase: 'failed', error: { code: 'timeout', message: 'x' } })).toBe(true);
    expect(isSettled(null)).toBe(false);
  });

  it('picks the events of one account', () => {
    expect(progressFor({ type: 'sync-progress', progress: base }, 'a1')).toBe(base);
    expect(progressFor({ type: 'sync-progress', progress: { ...base, accountId: 'other' } }, 'a1')).toBeNull();
    expect(progressFor({ type: 'command', command: 'find' }, 'a1')).toBeNull();
  });
});

describe('the first sync as a whole', () => {
  const report = (extra: Partial<SyncProgress>): SyncProgress => ({ ...base, ...extra });
  const follow = (reports: readonly SyncProgress[]): FirstSync => reports.reduce(nextFirstSync, FIRST_SYNC_NOT_STARTED);

  it('adds up the messages fetched in every folder and ends finished', () => {
    const sync = follow([
      report({ phase: 'connecting', folder: null, messagesTotal: 0, messagesDone: 0 }),
      report({ phase: 'folders', folder: null, messagesTotal: 0, messagesDone: 0 }),
      report({ folder: 'INBOX', foldersDone: 0, messagesDone: 50, messagesTotal: 120 }),
      report({ folder: 'INBOX', foldersDone: 0, messagesDone: 120, messagesTotal: 120 }),
      report({ folder: 'Sent', foldersDone: 1, messagesDone: 7, messagesTotal: 7 }),
      report({ phase: 'done', folder: null, foldersDone: 4, foldersTotal: 4, messagesDone: 0, messagesTotal: 0 }),
    ]);
    expect(isFinished(sync.progress)).toBe(true);
    expect(messagesFetched(sync)).toBe(127);
  });

  it('keeps what a failed run fetched when the retry starts over, and stays finished through later runs', () => {
    const retried = follow([
      report({ phase: 'connecting', folder: null }),
      report({ folder: 'INBOX', messagesDone: 40, messagesTotal: 120 }),
      report({ phase: 'failed', folder: null, error: { code: 'connection-closed', message: 'dropped' } }),
      report({ phase: 'connecting', folder: null }),
      report({ folder: 'INBOX', messagesDone: 80, messagesTotal: 80 }),
      report({ phase: 'done', folder: null }),
    ]);
    expect(messagesFetched(retried)).toBe(120);
    // New mail wakes the background sync: the wizard's first sync is over all the same.
    const later = nextFirstSync(retried, report({ phase: 'connecting', folder: null }));
    expect(later).toBe(retried);
    expect(isFinished(later.progress)).toBe(true);
  });
});
