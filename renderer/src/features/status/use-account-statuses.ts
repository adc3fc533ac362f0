import { useEffect, useState } from 'react';
import type { SyncProgress, TegamiApi } from '../../../../core/api/contract.js';
import { applyProgress, mergeSaved, type AccountStatus } from './account-status.js';

export interface AccountStatusReport {
  readonly statuses: ReadonlyMap<string, AccountStatus>;
  /**
   * Why getSyncStatus failed, or null: the accounts then show only what they reported since the
   * window opened, and an earlier failure of theirs is not known, which the status line says.
   */
  readonly savedStatusError: string | null;
}

/**
 * Each account's status: where the service says it stands when the window opens
 * (getSyncStatus), then its 'sync-progress' events. Events that arrive before that answer are
 * shown at once and kept; the answer is then merged with them by report number (mergeSaved), so
 * neither an older answer overwrites a newer event nor an event drops a failure the answer holds.
 */
export function useAccountStatusReport(api: Pick<TegamiApi, 'onEvent' | 'getSyncStatus'>): AccountStatusReport {
  const [statuses, setStatuses] = useState<ReadonlyMap<string, AccountStatus>>(() => new Map());
  const [savedStatusError, setSavedStatusError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // The events before the answer, in order; undefined once it came (or failed).
    let early: SyncProgress[] | undefined = [];
    const unsubscribe = api.onEvent((event) => {
      if (event.type !== 'sync-progress') return;
      early?.push(event.progress);
      setStatuses((current) => applyProgress(current, event.progress));
    });
    api.getSyncStatus().then(
      (reports) => {
        if (!live) return;
        const before = early ?? [];
        early = undefined;
        setStatuses(mergeSaved(reports, before));
      },
      (error: unknown) => {
        if (!live) return;
        early = undefined;
        setSavedStatusError(error instanceof Error ? error.message : String(error));
      },
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, [api]);
  return { statuses, savedStatusError };
}

/** Each account's status (useAccountStatusReport without the answer's failure). */
export function useAccountStatuses(api: Pick<TegamiApi, 'onEvent' | 'getSyncStatus'>): ReadonlyMap<string, AccountStatus> {
  return useAccountStatusReport(api).statuses;
}

/** The browser's idea of the network (navigator.onLine), following its online/offline events. */
export function useNetworkOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = (): void => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}
