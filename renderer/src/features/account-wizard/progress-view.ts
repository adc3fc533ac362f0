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
