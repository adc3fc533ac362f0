import type { TegamiApi } from '../../../../core/api/contract.js';
import { toBridgeError } from '../../bridge/errors.js';
import type { TegamiIndex } from '../../data/db.js';
import { searchIndex, type SearchQuery } from '../../data/search.js';
import { LOCAL_RESULT_LIMIT, SERVER_SEARCH_CONCURRENCY } from './limits.js';
import { mergeResultIds, serverHits, serverSearchFolders, wantsServerSearch } from './query.js';

/** What the search bar hands the window: the query and the ids to list, local hits first. */
export interface ActiveSearch {
  readonly query: SearchQuery;
  readonly messageIds: readonly string[];
  /** The IMAP server is still being asked; more ids may follow. */
  readonly serverPending: boolean;
  /** Why the server search failed (the local results stay); null when it did not. */
  readonly serverError: string | null;
}

export interface SearchDeps {
  readonly api: Pick<TegamiApi, 'searchServer'>;
  readonly db: TegamiIndex;
  readonly online: boolean;
}

export interface ServerFailure {
  readonly folderId: string;
  /** The folder's display name, for the message the user sees. */
  readonly folderName: string;
  readonly message: string;
}

/**
 * Runs one search: the local index first (emitted at once), then, when online and the text is
 * long enough, IMAP SEARCH in each folder in scope, merged in. `isCurrent` turns false when a
 * newer search started; a stale run then emits nothing more.
 */
export async function runSearch(deps: SearchDeps, query: SearchQuery, emit: (search: ActiveSearch) => void, isCurrent: () => boolean, describeFailure: (failures: readonly ServerFailure[]) => string): Promise<void> {
  const local = (await searchIndex(deps.db, query, LOCAL_RESULT_LIMIT)).map((m) => m.id);
  if (!isCurrent()) return;
  if (!wantsServerSearch(query, deps.online)) {
    emit({ query, messageIds: local, serverPending: false, serverError: null });
    return;
  }
  emit({ query, messageIds: local, serverPending: true, serverError: null });

  const [folders, accounts] = await Promise.all([deps.db.folders.toArray(), deps.db.accounts.toArray()]);
  const { folderIds } = serverSearchFolders(query, folders, accounts);
  const names = new Map(folders.map((f) => [f.id, f.name]));
  const found = new Set<string>();
  const failures: ServerFailure[] = [];
  await forEachLimited(folderIds, SERVER_SEARCH_CONCURRENCY, async (folderId) => {
    if (!isCurrent()) return;
    try {
      for (const id of await deps.api.searchServer(folderId, query.text)) found.add(id);
    } catch (reason) {
      failures.push({ folderId, folderName: names.get(folderId) ?? folderId, message: toBridgeError(reason).message });
    }
  });
  if (!isCurrent()) return;

  const hits = serverHits(await deps.db.messages.bulkGet([...found]), query).map((m) => m.id);
  if (!isCurrent()) return;
  emit({
    query,
    messageIds: mergeResultIds(local, hits),
    serverPending: false,
    serverError: failures.length === 0 ? null : describeFailure(failures),
  });
}

/** Runs `work` on every item with at most `limit` running at once; resolves when all settled. */
export async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
