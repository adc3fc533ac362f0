import { describe, expect, it } from 'vitest';
import type { SyncPhase, SyncProgress } from '../../../../core/api/contract.js';
import { applyProgress, mergeSaved, nextAccountStatus, progressAmount, shownState, WAITING } from '../../../../renderer/src/features/status/account-status.js';

function progress(phase: SyncPhase, extra: Partial<SyncProgress> = {}): SyncProgress {
  return { accountId: 'a1', phase, folder: null, foldersDone: 0, foldersTotal: 0, messagesDone: 0, messagesTotal: 0, bytes: 0, error: null, ...extra };
}

describe('nextAccountStatus', () => {
  it('goes waiting → syncing → online', () => {
    const syncing = nextAccountStatus(WAITING, progress('messages', { folder: 'INBOX' }));
    expect(syncing.state).toBe('syncing');
    expect(syncing.progress?.folder).toBe('INBOX');
    expect(nextAccountStatus(syncing, progress('idle')).state).toBe('online');
  });

  it('calls an unreachable server offline and any other failure an error', () => {
    const offline = nextAccountStatus(WAITING, progress('failed', { error: { code: 'connect-failed', message: 'ECONNREFUSED 127.0.0.1:993' } }));
    expect(offline.state).toBe('offline');
    expect(offline.error?.message).toBe('ECONNREFUSED 127.0.0.1:993');
    const auth = nextAccountStatus(WAITING, progress('failed', { error: { code: 'auth-failed', message: 'AUTHENTICATIONFAILED' } }));
    expect(auth.state).toBe('error');
    const unexplained = nextAccountStatus(WAITING, progress('failed'));
    expect(unexplained).toMatchObject({ state: 'error', error: { code: 'unknown' } });
  });

  it('keeps the error visible through the retry and clears it once a sync succeeds', () => {
    const failed = nextAccountStatus(WAITING, progress('failed', { error: { code: 'tls-failed', message: 'handshake' } }));
    const retrying = nextAccountStatus(failed, progress('connecting'));
    expect(retrying.state).toBe('syncing');
    expect(retrying.error?.code).toBe('tls-failed');
    const done = nextAccountStatus(retrying, progress('done'));
    expect(done).toMatchObject({ state: 'online', error: null });
  });

  it('a cancelled sync stops "syncing" but leaves other states alone', () => {
    const syncing = nextAccountStatus(WAITING, progress('folders'));
    expect(nextAccountStatus(syncing, progress('cancelled')).state).toBe('waiting');
    const online = nextAccountStatus(WAITING, progress('idle'));
    expect(nextAccountStatus(online, progress('cancelled')).state).toBe('online');
  });

  it('tracks each account separately without touching the previous map', () => {
    const first = applyProgress(new Map(), progress('messages'));
    const second = applyProgress(first, progress('idle', { accountId: 'a2' }));
    expect(first.size).toBe(1);
    expect(second.get('a1')?.state).toBe('syncing');
    expect(second.get('a2')?.state).toBe('online');
  });
});

describe('mergeSaved', () => {
  const refused = { code: 'connect-failed', message: 'ECONNREFUSED 127.0.0.1:993' };

  it("keeps the saved failure when the first live event is its retry's, newer than the answer", () => {
    const merged = mergeSaved([progress('failed', { error: refused, seq: 8 }), progress('connecting', { seq: 10 })], [progress('messages', { folder: 'INBOX', seq: 11 })]);
    expect(merged.get('a1')).toMatchObject({ state: 'syncing', error: refused, progress: { phase: 'messages', seq: 11 } });
  });

  it('lets a newer live event end the saved failure, and skips a live event the answer already holds', () => {
    const saved = [progress('failed', { error: refused, seq: 8 }), progress('connecting', { seq: 10 })];
    expect(mergeSaved(saved, [progress('done', { seq: 12 })]).get('a1')).toMatchObject({ state: 'online', error: null });
    expect(mergeSaved(saved, [progress('connecting', { seq: 10 })]).get('a1')?.progress?.seq).toBe(10);
  });

  it('never applies an older event over a newer answer, and compares per account', () => {
    const saved = [progress('done', { seq: 20 }), progress('failed', { accountId: 'a2', error: refused, seq: 5 })];
    const merged = mergeSaved(saved, [progress('failed', { error: refused, seq: 19 }), progress('connecting', { accountId: 'a2', seq: 19 })]);
    expect(merged.get('a1')).toMatchObject({ state: 'online', error: null });
    expect(merged.get('a2')).toMatchObject({ state: 'syncing', error: refused });
  });

  it('applies a live event without a number last, since it is not known to be older', () => {
    expect(mergeSaved([progress('failed', { error: refused })], [progress('done')]).get('a1')?.state).toBe('online');
  });
});

describe('shownState', () => {
  it('shows every account offline when the machine has no network, except real errors', () => {
    const online = nextAccountStatus(WAITING, progress('idle'));
    expect(shownState(online, true)).toBe('online');
    expect(shownState(online, false)).toBe('offline');
    const broken = nextAccountStatus(WAITING, progress('failed', { error: { code: 'auth-failed', message: 'no' } }));
    expect(shownState(broken, false)).toBe('error');
  });
});

describe('progressAmount', () => {
  it('prefers message counts, falls back to folders, else is indeterminate', () => {
    expect(progressAmount(progress('messages', { messagesDone: 40, messagesTotal: 200, foldersDone: 1, foldersTotal: 5 }))).toEqual({ done: 40, total: 200 });
    expect(progressAmount(progress('folders', { foldersDone: 2, foldersTotal: 5 }))).toEqual({ done: 2, total: 5 });
    expect(progressAmount(progress('connecting'))).toBeNull();
  });

  it('never reports more done than the total', () => {
    expect(progressAmount(progress('messages', { messagesDone: 210, messagesTotal: 200 }))).toEqual({ done: 200, total: 200 });
  });
});
