import type { SyncProgress } from './contract.js';

/**
 * The service's memory of each account's sync, for getSyncStatus: a window that opens (or
 * reloads) after the reports began starts from this instead of "nothing reported yet", which
 * for an account idling on IDLE could last until the next mail or poll.
 *
 * Per account it keeps the latest report and the last failure that no successful run has
 * followed: a retry in progress ('connecting', 'messages') does not mean the failure is over,
 * and the window keeps showing it until a run ends in 'done' or 'idle'.
 */
export class SyncStatusBoard {
  readonly #latest = new Map<string, SyncProgress>();
  readonly #failure = new Map<string, SyncProgress>();

  record(progress: SyncProgress): void {
    this.#latest.set(progress.accountId, progress);
    if (progress.phase === 'failed') this.#failure.set(progress.accountId, progress);
    else if (progress.phase === 'done' || progress.phase === 'idle') this.#failure.delete(progress.accountId);
  }

  forget(accountId: string): void {
    this.#latest.delete(accountId);
    this.#failure.delete(accountId);
  }

  /** Per account: the standing failure (when it is not the latest report itself), then the latest report. */
  reports(): SyncProgress[] {
    const result: SyncProgress[] = [];
    for (const [accountId, latest] of this.#latest) {
      const failure = this.#failure.get(accountId);
      if (failure !== undefined && failure !== latest) result.push(failure);
      result.push(latest);
    }
    return result;
  }
}
