import { useEffect, useState } from 'react';
import type { TegamiApi } from '../../../../core/api/contract.js';
import { applyProgress, type AccountStatus } from './account-status.js';

/**
 * Each account's status: where the service says it stands when the window opens
 * (getSyncStatus), then its 'sync-progress' events. An event that arrives before that answer is
 * newer than anything in it, so the answer does not overwrite the accounts events already
 * spoke for. When the answer fails, the events alone tell the story: each account shows
 * "nothing reported yet" until its next report, which is true of this window.
 */
export function useAccountStatuses(api: Pick<TegamiApi, 'onEvent' | 'getSyncStatus'>): ReadonlyMap<string, AccountStatus> {
  const [statuses, setStatuses] = useState<ReadonlyMap<string, AccountStatus>>(() => new Map());
  useEffect(() => {
    let live = true;
    const reported = new Set<string>();
    const unsubscribe = api.onEvent((event) => {
      if (event.type !== 'sync-progress') return;
      reported.add(event.progress.accountId);
      setStatuses((current) => applyProgress(current, event.progress));
    });
    api.getSyncStatus().then(
      (reports) => {
        if (!live) return;
        setStatuses((current) => reports.filter((p) => !reported.has(p.accountId)).reduce<ReadonlyMap<string, AccountStatus>>(applyProgress, current));
      },
      () => undefined,
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, [api]);
  return statuses;
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
