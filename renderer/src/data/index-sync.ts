/**
 * Keeps the index in step with the service's change journal (DESIGN: the index is derived and
 * can be rebuilt at any time; the journal's monotonic seq lets a window that was closed catch up).
 *
 * Start: read meta.lastSeq, then getChanges(lastSeq) until nothing is left. A `resync` answer
 * (the journal no longer holds our position) clears the index and lists everything again, then
 * catches up from the seq that answer named. Live: 'changes' events are applied in order; one
 * whose first seq is not one past the last applied means something was missed, so getChanges
 * fills the gap. Events that arrive while catching up wait in a queue, so none is lost. All work
 * runs one step at a time, so a batch is never applied twice concurrently or out of order.
 */
import type { Change, FolderSummary, TegamiApi, TegamiEvent } from '../../../core/api/contract.js';
import { applyBatch, applyChanges, clearIndex, lastAppliedSeq } from './apply-changes.js';
import type { TegamiIndex } from './db.js';
import { FIRST_RETRY_DELAY_MS, MAX_PAGE_SIZE, MAX_RETRY_DELAY_MS, REBUILD_PAGE_OVERLAP } from './limits.js';

export interface IndexSyncState {
  readonly phase: 'catching-up' | 'rebuilding' | 'live' | 'failed';
  /** Changes applied (catching up) or messages listed (rebuilding) so far. */
  readonly done: number;
  /** What is known to be left in all, 0 when unknown. */
  readonly total: number;
  /** Why the last attempt failed (phase 'failed'); it is retried with a growing delay. */
  readonly error: string | null;
}

export interface IndexSync {
  /** Settles once the index has caught up for the first time. */
  readonly ready: Promise<void>;
  stop(): void;
}

type ChangesEvent = Extract<TegamiEvent, { type: 'changes' }>;

/** The part of the service the index sync uses (a TegamiApi is one). */
export type IndexSyncApi = Pick<TegamiApi, 'getChanges' | 'listAccounts' | 'listFolders' | 'listMessages' | 'onEvent'>;

/** Rebuilds one catch-up may start; more means the service keeps answering resync. */
const MAX_REBUILDS_PER_CATCH_UP = 3;

class IndexSyncRunner {
  readonly #api: IndexSyncApi;
  readonly #db: TegamiIndex;
  readonly #onState: (s: IndexSyncState) => void;
  readonly #queue: ChangesEvent[] = [];
  #applied = 0;
  #needCatchUp = true;
  #running = false;
  #stopped = false;
  #retryDelay = FIRST_RETRY_DELAY_MS;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #unsubscribe: () => void = () => undefined;
  #resolveReady: () => void = () => undefined;
  readonly ready: Promise<void>;

  constructor(api: IndexSyncApi, db: TegamiIndex, onState: (s: IndexSyncState) => void) {
    this.#api = api;
    this.#db = db;
    this.#onState = onState;
    this.ready = new Promise<void>((resolve) => {
      this.#resolveReady = resolve;
    });
  }

  start(): void {
    // Subscribe before the first getChanges, so nothing pushed meanwhile slips past.
    this.#unsubscribe = this.#api.onEvent((event) => {
      if (event.type !== 'changes' || this.#stopped) return;
      this.#queue.push(event);
      this.#pump();
    });
    this.#pump();
  }

  stop(): void {
    this.#stopped = true;
    this.#unsubscribe();
    if (this.#retryTimer !== null) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#queue.length = 0;
  }

  #state(phase: IndexSyncState['phase'], done: number, total: number, error: string | null = null): void {
    if (!this.#stopped) this.#onState({ phase, done, total, error });
  }

  #pump(): void {
    if (this.#running || this.#stopped || this.#retryTimer !== null) return;
    this.#running = true;
    void this.#work();
  }

  /**
   * Runs until the queue is empty. #running is cleared in the same synchronous step that finds
   * the queue empty, so an event pushed right after always finds either a running loop that will
   * see it or a stopped one that #pump restarts.
   */
  async #work(): Promise<void> {
    try {
      while (!this.#stopped) {
        if (this.#needCatchUp) {
          await this.#catchUp();
          if (this.#stopped) break;
          this.#needCatchUp = false;
          this.#retryDelay = FIRST_RETRY_DELAY_MS;
          this.#state('live', 0, 0);
          this.#resolveReady();
          continue;
        }
        const event = this.#queue.shift();
        if (event === undefined) break;
        await this.#applyEvent(event);
      }
      this.#running = false;
    } catch (error) {
      this.#running = false;
      this.#fail(error);
    }
  }

  #fail(error: unknown): void {
    if (this.#stopped) return;
    const message = error instanceof Error ? error.message : String(error);
    this.#state('failed', 0, 0, message);
    const delay = this.#retryDelay;
    this.#retryDelay = Math.min(this.#retryDelay * 2, MAX_RETRY_DELAY_MS);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      this.#needCatchUp = true;
      this.#pump();
    }, delay);
  }

  async #applyEvent(event: ChangesEvent): Promise<void> {
    const fresh = event.changes.filter((c) => c.seq > this.#applied);
    const first = fresh[0];
    if (first === undefined) {
      // Nothing new in the changes themselves, but the service is further along: ask it.
      if (event.lastSeq > this.#applied) this.#needCatchUp = true;
      return;
    }
    if (first.seq !== this.#applied + 1) {
      this.#needCatchUp = true;
      return;
    }
    await applyChanges(this.#db, fresh);
    this.#applied = fresh.at(-1)!.seq;
  }

  async #catchUp(): Promise<void> {
    this.#applied = await lastAppliedSeq(this.#db);
    const start = this.#applied;
    let rebuilds = 0;
    this.#state('catching-up', 0, 0);
    for (;;) {
      const result = await this.#api.getChanges(this.#applied);
      if (this.#stopped) return;
      if (result.resync) {
        rebuilds += 1;
        if (rebuilds > MAX_REBUILDS_PER_CATCH_UP) throw new Error(`The service asked for a full resync ${rebuilds} times in a row.`);
        await this.#rebuild(result.lastSeq);
        if (this.#stopped) return;
        continue;
      }
      const fresh = result.changes.filter((c) => c.seq > this.#applied);
      const last = fresh.at(-1);
      if (last === undefined) return;
      await applyChanges(this.#db, fresh);
      this.#applied = last.seq;
      const done = this.#applied - start;
      this.#state('catching-up', done, Math.max(done, result.lastSeq - start));
    }
  }

  /**
   * Lists one folder's messages into the index, page by overlapping page. Reports each page's
   * new messages and how far the folder's size moved from the expected; false when a page did
   * not overlap the one before (something may have been stepped over).
   */
  async #listFolder(folder: FolderSummary, first: boolean, progress: (listed: number, totalMoved: number) => void): Promise<boolean> {
    let expected = first ? folder.total : 0;
    let previousLast: string | null = null;
    let intact = true;
    for (let offset = 0; ; ) {
      const start = previousLast === null ? offset : Math.max(0, offset - REBUILD_PAGE_OVERLAP);
      const page = await this.#api.listMessages(folder.id, { offset: start, limit: MAX_PAGE_SIZE });
      if (this.#stopped) return true;
      if (previousLast !== null && !page.messages.some((m) => m.id === previousLast)) intact = false;
      await applyBatch(this.#db, page.messages.map((message): Change => ({ kind: 'message-upsert', seq: 0, message })), null);
      const fresh = Math.max(0, start + page.messages.length - offset);
      offset = start + page.messages.length;
      progress(fresh, page.total - expected);
      expected = page.total;
      const last = page.messages.at(-1);
      if (last === undefined || offset >= page.total) break;
      previousLast = last.id;
    }
    return intact;
  }

  /** Lists every account, folder and message again; the index then stands at `lastSeq`. */
  async #rebuild(lastSeq: number): Promise<void> {
    this.#state('rebuilding', 0, 0);
    await clearIndex(this.#db);
    this.#applied = 0;
    const accounts = await this.#api.listAccounts();
    const structure: Change[] = [];
    const folders: FolderSummary[] = [];
    for (const account of accounts) {
      structure.push({ kind: 'account-upsert', seq: 0, account });
      for (const folder of await this.#api.listFolders(account.id)) {
        structure.push({ kind: 'folder-upsert', seq: 0, folder });
        folders.push(folder);
      }
      if (this.#stopped) return;
    }
    await applyBatch(this.#db, structure, null);
    let total = folders.reduce((n, f) => n + f.total, 0);
    let done = 0;
    this.#state('rebuilding', done, total);
    for (const folder of folders) {
      // A \Noselect container holds no messages.
      if (!folder.selectable) continue;
      // Paging by offset while mail comes and goes can step over a message: one removed above
      // the page boundary moves the next one onto the page already read, and no later change
      // mentions it. So each page starts a little before the previous one ended, and must
      // contain that page's last message; if it does not (more moved than the overlap, or that
      // message itself went) the folder is listed once more (upserts are idempotent).
      for (let attempt = 0; attempt < 2; attempt++) {
        const intact = await this.#listFolder(folder, attempt === 0, (listed, moved) => {
          done += listed;
          total = Math.max(total + moved, done);
          this.#state('rebuilding', done, total);
        });
        if (this.#stopped) return;
        if (intact) break;
      }
    }
    await this.#db.meta.put({ key: 'lastSeq', value: lastSeq });
    this.#applied = lastSeq;
    this.#state('rebuilding', done, done);
  }
}

/**
 * Starts keeping `db` in step with the service. States go to `onState`; failures are retried
 * with a doubling delay until stop().
 */
export function startIndexSync(api: IndexSyncApi, db: TegamiIndex, onState?: (s: IndexSyncState) => void): IndexSync {
  const runner = new IndexSyncRunner(api, db, onState ?? (() => undefined));
  runner.start();
  return { ready: runner.ready, stop: () => runner.stop() };
}
