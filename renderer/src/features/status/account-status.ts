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
