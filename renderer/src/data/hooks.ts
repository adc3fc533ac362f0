/**
 * Live React views of the index (dexie-react-hooks): they re-render when a change touches
 * what they read. undefined means "still loading".
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { Account, FolderSummary } from '../../../core/api/contract.js';
import type { IndexedMessage, TegamiIndex } from './db.js';

export function useAccounts(db: TegamiIndex): readonly Account[] | undefined {
  return useLiveQuery(() => db.accounts.toArray(), [db]);
}

/** Every folder of every account. */
export function useFolders(db: TegamiIndex): readonly FolderSummary[] | undefined {
  return useLiveQuery(() => db.folders.toArray(), [db]);
}

/** The message's summary; null when the index has no such message. */
export function useMessage(db: TegamiIndex, id: string | null): IndexedMessage | null | undefined {
  return useLiveQuery(async () => (id === null ? null : ((await db.messages.get(id)) ?? null)), [db, id]);
}
