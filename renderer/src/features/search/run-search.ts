import { liveQuery, type Subscription } from 'dexie';
import type { TegamiApi } from '../../../../core/api/contract.js';
import { toBridgeError } from '../../bridge/errors.js';
import type { IndexedMessage, TegamiIndex } from '../../data/db.js';
import { searchIndex, type SearchQuery } from '../../data/search.js';
import { FIRST_SCREEN_RESULTS, LOCAL_RESULT_LIMIT, SERVER_SEARCH_CONCURRENCY } from './limits.js';
import { mergeResultIds, serverHits, serverSearchFolders, wantsServerSearch } from './query.js';

/** What the search bar hands the window: the query and the ids to list, local hits first. */
export interface ActiveSearch {
  readonly query: SearchQuery;
  readonly messageIds: readonly string[];
  /** False while only the first screen of local hits is in: the index is still gathering the rest. */
  readonly localComplete: boolean;
  /** The IMAP server is still being asked; more ids may follow. */
  readonly serverPending: boolean;
  /** Why the server search failed (the local results stay); null when it did not. */
  readonly serverError: string | null;
}

export interface SearchDeps {
  readonly api: Pick<TegamiApi, 'searchServer'>;
  readonly db: TegamiIndex;
  /** The machine has a network (navigator.onLine). */
  readonly online: boolean;
  /** Accounts whose server is known to be unreachable now: not asked, their failure is already shown. */
  readonly unreachableAccounts: ReadonlySet<string>;
}

export interface ServerFailure {
  readonly folderId: string;
  /** The folder's display name, for the message the user sees. */
  readonly folderName: string;
  readonly message: string;
  /** The service's error code, for saying what happened in the window's language. */
  readonly code: string;
}

export interface SearchCallbacks {
  /** Every new result set: local first, again whenever the index or the server adds to it. */
  readonly emit: (search: ActiveSearch) => void;
  /** The index could not be searched (an IndexedDB failure); no result set follows. */
  readonly localFailed: (message: string) => void;
  readonly describeFailure: (failures: readonly ServerFailure[]) => string;
  /** The server is asked in only `asked` of the `eligible` folders in scope (MAX_SERVER_SEARCH_FOLDERS). */
  readonly serverLimited?: (asked: number, eligible: number) => void;
}

/**
 * One search while it is shown: the local index as a live query (mail that arrives, or a flag
 * that changes, updates the results), plus — online, with text long enough — one IMAP SEARCH per
 * folder in scope, merged in after the local hits. stop() ends it; nothing is emitted after.
 */
export class SearchRun {
  readonly #deps: SearchDeps;
  readonly #query: SearchQuery;
  readonly #callbacks: SearchCallbacks;
  #local: readonly string[] | null = null;
  #localComplete = false;
  #server: readonly string[] = [];
  #serverPending = false;
  #serverError: string | null = null;
  #subscription: Subscription | null = null;
  #stopped = false;
  #localSettled: () => void = () => undefined;
  /** Settles once the first local answer and the server's (if asked) are in, or the run failed or stopped. */
  readonly settled: Promise<void>;
  readonly #localReady: Promise<void>;

  constructor(deps: SearchDeps, query: SearchQuery, callbacks: SearchCallbacks) {
    this.#deps = deps;
    this.#query = query;
    this.#callbacks = callbacks;
    this.#localReady = new Promise((resolve) => (this.#localSettled = resolve));
    this.#serverPending = wantsServerSearch(query, deps.online);
    this.#watchLocal();
    this.settled = Promise.all([this.#localReady, this.#serverPending ? this.#askServer() : Promise.resolve()]).then(() => undefined);
  }

  /** The whole local result, again whenever the index changes under it. */
  #watchLocal(): void {
    if (this.#stopped) return;
    // The newest screenful is shown as soon as the walk has it; the whole result follows. When the
    // index changes the query runs again, and its first screen is not shown again over the result.
    const progress = {
      first: FIRST_SCREEN_RESULTS,
      onFirst: (rows: readonly IndexedMessage[]): void => {
        if (this.#local !== null) return;
        this.#local = rows.map((m) => m.id);
        this.#emit();
      },
    };
    this.#subscription = liveQuery(() => searchIndex(this.#deps.db, this.#query, LOCAL_RESULT_LIMIT, progress)).subscribe({
      next: (rows) => {
        this.#local = rows.map((m) => m.id);
        this.#localComplete = true;
        this.#localSettled();
        this.#emit();
      },
      error: (reason: unknown) => {
        this.#localSettled();
        if (!this.#stopped) this.#callbacks.localFailed(reason instanceof Error ? reason.message : String(reason));
        this.stop();
      },
    });
  }

  stop(): void {
    this.#stopped = true;
    this.#subscription?.unsubscribe();
    this.#subscription = null;
    this.#localSettled();
  }

  #emit(): void {
    if (this.#stopped || this.#local === null) return;
    this.#callbacks.emit({
      query: this.#query,
      messageIds: mergeResultIds(this.#local, this.#server),
      localComplete: this.#localComplete,
      serverPending: this.#serverPending,
      serverError: this.#serverError,
    });
  }

  async #askServer(): Promise<void> {
    const { db, api, unreachableAccounts } = this.#deps;
    const query = this.#query;
    try {
      const [folders, accounts] = await Promise.all([db.folders.toArray(), db.accounts.toArray()]);
      const reachable = accounts.filter((a) => !unreachableAccounts.has(a.id));
      const { folderIds, truncated, eligible } = serverSearchFolders(query, folders, reachable);
      if (truncated && !this.#stopped) this.#callbacks.serverLimited?.(folderIds.length, eligible);
      const names = new Map(folders.map((f) => [f.id, f.name]));
      const found = new Set<string>();
      const failures: ServerFailure[] = [];
      await forEachLimited(folderIds, SERVER_SEARCH_CONCURRENCY, async (folderId) => {
        if (this.#stopped) return;
        try {
          for (const id of await api.searchServer(folderId, query.text)) found.add(id);
        } catch (reason) {
          const error = toBridgeError(reason);
          failures.push({ folderId, folderName: names.get(folderId) ?? folderId, message: error.message, code: error.code });
        }
      });
      if (this.#stopped) return;
      this.#server = serverHits(await db.messages.bulkGet([...found]), query).map((m) => m.id);
      this.#serverError = failures.length === 0 ? null : this.#callbacks.describeFailure(failures);
    } catch (reason) {
      // The index failed while the hits were looked up; the local part reports its own failures.
      this.#serverError = reason instanceof Error ? reason.message : String(reason);
    }
    this.#serverPending = false;
    // The first local answer may still be on its way; #emit waits for it.
    await this.#localReady;
    this.#emit();
  }
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
