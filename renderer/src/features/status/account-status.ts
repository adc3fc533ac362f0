import type { SyncProgress } from '../../../../core/api/contract.js';

/**
 * Where each account stands, derived from the service's 'sync-progress' events. Pure: the hook
 * in ./use-account-statuses.ts feeds it events.
 */

export type AccountState = 'waiting' | 'online' | 'syncing' | 'offline' | 'error';

export interface AccountStatus {
  readonly state: AccountState;
  /** The latest progress report (phase, folder, counts), or null before the first. */
  readonly progress: SyncProgress | null;
  /** The last failure; it stays visible through the retry until a sync succeeds. */
  readonly error: { readonly code: string; readonly message: string } | null;
}

export const WAITING: AccountStatus = { state: 'waiting', progress: null, error: null };

/**
 * MailError codes that mean "the server could not be reached": the account is offline rather
 * than broken, and reading from the local copy goes on.
 */
const UNREACHABLE: ReadonlySet<string> = new Set(['connect-failed', 'connect-timeout', 'greeting-timeout', 'dns-failed', 'connection-closed', 'idle-timeout']);

export function isUnreachable(code: string): boolean {
  return UNREACHABLE.has(code);
}

export function nextAccountStatus(previous: AccountStatus, progress: SyncProgress): AccountStatus {
  switch (progress.phase) {
    case 'connecting':
    case 'folders':
    case 'messages':
    case 'outbox':
    case 'queue':
      return { state: 'syncing', progress, error: previous.error };
    case 'idle':
    case 'done':
      return { state: 'online', progress, error: null };
    case 'failed': {
      const error = progress.error ?? { code: 'unknown', message: '' };
      return { state: isUnreachable(error.code) ? 'offline' : 'error', progress, error };
    }
    case 'cancelled':
      // A stopped sync says nothing about the server; an interrupted one is no longer running.
      return { state: previous.state === 'syncing' ? 'waiting' : previous.state, progress, error: previous.error };
  }
}

export function applyProgress(statuses: ReadonlyMap<string, AccountStatus>, progress: SyncProgress): Map<string, AccountStatus> {
  const next = new Map(statuses);
  next.set(progress.accountId, nextAccountStatus(statuses.get(progress.accountId) ?? WAITING, progress));
  return next;
}

/**
 * Each account's status once getSyncStatus has answered with `saved`, when the `live` events
 * (in the order they came) arrived before that answer. Per account: the saved reports, then
 * the live events newer than the newest of them (by seq). The saved reports can be a failure and
 * then the first report of its retry; a live event of that same retry, applied after them,
 * keeps the failure shown, where letting it stand for the account alone would drop it. A live
 * event as old as the answer's newest is already in it, so it is skipped; one without a seq is
 * never known to be older, so it is applied last.
 */
export function mergeSaved(saved: readonly SyncProgress[], live: readonly SyncProgress[]): Map<string, AccountStatus> {
  const newestSaved = new Map<string, number>();
  for (const p of saved) if (p.seq !== undefined) newestSaved.set(p.accountId, Math.max(p.seq, newestSaved.get(p.accountId) ?? 0));
  const newer = live.filter((p) => p.seq === undefined || p.seq > (newestSaved.get(p.accountId) ?? 0));
  return [...saved, ...newer].reduce<Map<string, AccountStatus>>(applyProgress, new Map());
}

/** A machine without a network makes every account offline, whatever was last reported. */
export function shownState(status: AccountStatus, networkOnline: boolean): AccountState {
  if (!networkOnline && status.state !== 'error') return 'offline';
  return status.state;
}

export interface ProgressAmount {
  readonly done: number;
  readonly total: number;
}

/**
 * What a progress bar can show: messages when the folder's count is known, else folders, else
 * nothing (an indeterminate bar). `done` never exceeds `total`.
 */
export function progressAmount(progress: SyncProgress): ProgressAmount | null {
  if (progress.messagesTotal > 0) return { done: Math.min(progress.messagesDone, progress.messagesTotal), total: progress.messagesTotal };
  if (progress.foldersTotal > 0) return { done: Math.min(progress.foldersDone, progress.foldersTotal), total: progress.foldersTotal };
  return null;
}
