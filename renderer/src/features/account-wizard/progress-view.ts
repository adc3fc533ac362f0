/**
 * The first sync as the wizard's last step shows it: one bar from the counts the engine sends
 * in 'sync-progress' events, and whether the sync has come to rest.
 */
import type { SyncPhase, SyncProgress, TegamiEvent } from '../../../../core/api/contract.js';
import type { MessageKey } from '../../i18n/catalogs.js';

export const PHASE_LABEL: { readonly [P in SyncPhase]: MessageKey } = {
  connecting: 'wizard.sync.connecting',
  folders: 'wizard.sync.folders',
  messages: 'wizard.sync.messages',
  outbox: 'wizard.sync.outbox',
  queue: 'wizard.sync.queue',
  idle: 'wizard.sync.idle',
  done: 'wizard.sync.done',
  failed: 'wizard.sync.failed',
  cancelled: 'wizard.sync.cancelled',
};

/** The sync finished: every folder was compared (the engine's single 'done' of a run). */
export function isFinished(progress: SyncProgress | null): boolean {
  return progress !== null && (progress.phase === 'idle' || progress.phase === 'done');
}

/** The sync has come to rest (finished, waiting for new mail, failed or stopped). */
export function isSettled(progress: SyncProgress | null): boolean {
  return progress !== null && (progress.phase === 'idle' || progress.phase === 'done' || progress.phase === 'failed' || progress.phase === 'cancelled');
}

/**
 * 0…1 for the bar, or null while there is nothing to measure yet (an indeterminate bar).
 * Messages count when the engine knows how many there are, else folders do.
 */
export function progressFraction(progress: SyncProgress | null): number | null {
  if (progress === null) return null;
  if (progress.phase === 'idle' || progress.phase === 'done') return 1;
  if (progress.messagesTotal > 0) return Math.min(1, progress.messagesDone / progress.messagesTotal);
  if (progress.foldersTotal > 0) return Math.min(1, progress.foldersDone / progress.foldersTotal);
  return null;
}

/** The progress of one account from an event, or null when the event is about something else. */
export function progressFor(event: TegamiEvent, accountId: string): SyncProgress | null {
  return event.type === 'sync-progress' && event.progress.accountId === accountId ? event.progress : null;
}

/**
 * The first sync as the wizard follows it: the latest report, and the new messages fetched.
 * The engine counts messages per folder ("25 of 100 in INBOX"); the wizard adds them up to say
 * what the whole first sync brought in.
 */
export interface FirstSync {
  readonly progress: SyncProgress | null;
  /** Messages fetched by runs that ended before the current one (a failed run, then its retry). */
  readonly earlier: number;
  /** The current run's last count per folder. */
  readonly current: ReadonlyMap<string, number>;
}

export const FIRST_SYNC_NOT_STARTED: FirstSync = { progress: null, earlier: 0, current: new Map() };

export function nextFirstSync(state: FirstSync, progress: SyncProgress): FirstSync {
  // Once finished, the first sync stays finished: later runs (new mail, polls) are the status line's.
  if (isFinished(state.progress)) return state;
  if (progress.phase === 'connecting' && state.current.size > 0) {
    // A new run (the retry after a failure) counts its folders from zero again.
    return { progress, earlier: messagesFetched(state), current: new Map() };
  }
  if (progress.phase === 'messages' && progress.folder !== null) {
    return { ...state, progress, current: new Map(state.current).set(progress.folder, progress.messagesDone) };
  }
  return { ...state, progress };
}

export function messagesFetched(state: FirstSync): number {
  let sum = state.earlier;
  for (const n of state.current.values()) sum += n;
  return sum;
}
