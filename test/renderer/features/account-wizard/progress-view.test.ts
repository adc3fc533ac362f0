import { describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../../../core/api/contract.js';
import { isSettled, progressFor, progressFraction } from '../../../../renderer/src/features/account-wizard/progress-view.js';

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
