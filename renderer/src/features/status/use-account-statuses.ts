import { useEffect, useState } from 'react';
import type { TegamiApi } from '../../../../core/api/contract.js';
import { applyProgress, type AccountStatus } from './account-status.js';

/** Each account's status from the service's 'sync-progress' events, since the window opened. */
export function useAccountStatuses(api: Pick<TegamiApi, 'onEvent'>): ReadonlyMap<string, AccountStatus> {
  const [statuses, setStatuses] = useState<ReadonlyMap<string, AccountStatus>>(() => new Map());
  useEffect(
    () =>
      api.onEvent((event) => {
        if (event.type === 'sync-progress') setStatuses((current) => applyProgress(current, event.progress));
      }),
    [api],
  );
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
