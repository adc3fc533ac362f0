/**
 * The whole order of one list stream as its primary keys, read once and kept while the stream is
 * unchanged, so a page at any offset is a slice of keys and one bulkGet instead of a walk over
 * every index entry before it (IndexedDB has no positional access).
 *
 * Reading the keys (IDBIndex.getAllKeys through Dexie's primaryKeys()) visits every index entry,
 * as an offset walk to the end would: on 100,000 messages in Chromium about 0.7 s against 0.3 s
 * for one page at row 50,000. So it runs in the background once the first screen is up, and
 * every deep page after it costs a page (a few ms). An order is dropped when
 * a committed write may have changed it (Dexie's storagemutated event, this window's or another's):
 * a write to the stream's index within its folder (a row added, re-sorted or rewritten there), or
 * to the folder's row in the counts table (every row joining or leaving the folder changes it; a
 * deletion names only primary keys, never the index entries it removed). A write elsewhere keeps
 * the order. At most MAX_ORDERED_KEYS keys are held over all orders, least recently used dropped
 * first.
 */
import { Dexie, RangeSet, rangesOverlap, type ObservabilitySet } from 'dexie';
import { MAX_ORDERED_KEYS } from './limits.js';

/** What an order depends on, by the names Dexie's storagemutated event reports. */
export interface OrderWatch {
  readonly dbName: string;
  readonly table: string;
  /** The compound index [folderId+key] the order follows. */
  readonly index: string;
  readonly folderId: string;
  /**
   * A table keyed by folder id whose row is rewritten whenever a row joins or leaves the folder.
   * Without one, any deletion in `table` drops the order.
   */
  readonly countsTable?: string;
}

interface Entry {
  readonly watch: OrderWatch;
  keys: readonly unknown[] | undefined;
  /** More keys than MAX_ORDERED_KEYS: not loaded again until the order changes. */
  tooLong: boolean;
  loading: Promise<readonly unknown[] | undefined> | undefined;
}

/** Insertion order is recency order: a use re-inserts the entry at the end. */
const entries = new Map<string, Entry>();

function part(dbName: string, table: string, index: string): string {
  return `idb://${dbName}/${table}/${index}`;
}

function touches(parts: ObservabilitySet, watch: OrderWatch): boolean {
  const indexWrites = parts[part(watch.dbName, watch.table, watch.index)];
  if (indexWrites !== undefined && rangesOverlap(indexWrites, new RangeSet([watch.folderId, Dexie.minKey], [watch.folderId, Dexie.maxKey]))) return true;
  if (watch.countsTable === undefined) {
    const deletions = parts[part(watch.dbName, watch.table, ':dels')];
    return deletions !== undefined && rangesOverlap(deletions, new RangeSet(Dexie.minKey, Dexie.maxKey));
  }
  const countWrites = parts[part(watch.dbName, watch.countsTable, '')];
  return countWrites !== undefined && rangesOverlap(countWrites, new RangeSet(watch.folderId));
}

Dexie.on('storagemutated', (parts) => {
  for (const [id, entry] of entries) if (touches(parts, entry.watch)) entries.delete(id);
});

/** Keys held over all orders (at most MAX_ORDERED_KEYS). */
export function heldKeys(): number {
  let total = 0;
  for (const entry of entries.values()) total += entry.keys?.length ?? 0;
  return total;
}

/** Keeps `entry`'s keys, dropping the least recently used orders until all fit the bound. */
function keep(id: string, entry: Entry, keys: readonly unknown[]): void {
  if (keys.length > MAX_ORDERED_KEYS) {
    entry.tooLong = true;
    return;
  }
  entry.keys = keys;
  entries.delete(id);
  entries.set(id, entry);
  for (const other of entries.keys()) {
    if (heldKeys() <= MAX_ORDERED_KEYS) break;
    if (other !== id) entries.delete(other);
  }
}

/** The order `id`'s keys if they are loaded and still valid. */
export function cachedOrder<K>(id: string): readonly K[] | undefined {
  const entry = entries.get(id);
  if (entry?.keys === undefined) return undefined;
  entries.delete(id);
  entries.set(id, entry);
  return entry.keys as readonly K[];
}

/**
 * Loads order `id` with `read` (or joins the load under way). Resolves to the keys, or to
 * undefined when a write touched the order while it was read, or when it exceeds the bound.
 */
export function loadOrder<K>(id: string, watch: OrderWatch, read: (wanted: () => boolean) => Promise<K[]>): Promise<readonly K[] | undefined> {
  const known = entries.get(id);
  if (known?.keys !== undefined) return Promise.resolve(known.keys as readonly K[]);
  if (known?.loading !== undefined) return known.loading as Promise<readonly K[] | undefined>;
  if (known?.tooLong === true) return Promise.resolve(undefined);
  const entry: Entry = { watch, keys: undefined, tooLong: false, loading: undefined };
  entries.set(id, entry);
  // The read may stop early once a write has dropped the entry: its keys would be thrown away.
  const loading = read(() => entries.get(id) === entry).then(
    (keys) => {
      entry.loading = undefined;
      // A write that touched the order while it was read deleted the entry: these keys may be stale.
      if (entries.get(id) !== entry) return undefined;
      keep(id, entry, keys);
      return entry.keys === undefined ? undefined : keys;
    },
    (error: unknown) => {
      if (entries.get(id) === entry) entries.delete(id);
      throw error;
    },
  );
  entry.loading = loading;
  return loading;
}

/** The load of order `id` under way, if one is. */
export function orderLoading<K>(id: string): Promise<readonly K[] | undefined> | undefined {
  return entries.get(id)?.loading as Promise<readonly K[] | undefined> | undefined;
}

/** Loads waiting for their delay, by order id. */
const scheduled = new Map<string, Promise<void>>();

/**
 * Loads order `id` after `delayMs` (once a first screen is painted) unless it is held, loading
 * or known to be too long by then. A failed load leaves the pages to the offset reads, which
 * report their own failures; the next page read schedules it again.
 */
export function loadOrderLater<K>(id: string, watch: OrderWatch, read: (wanted: () => boolean) => Promise<K[]>, delayMs: number): void {
  if (scheduled.has(id) || entries.has(id)) return;
  const done = new Promise<void>((resolve) => {
    setTimeout(() => {
      scheduled.delete(id);
      loadOrder(id, watch, read).then(
        () => resolve(),
        () => resolve(),
      );
    }, delayMs);
  });
  scheduled.set(id, done);
}

/** Settles once every scheduled load and every load under way has finished (tests and the benchmark wait on it). */
export async function ordersSettled(): Promise<void> {
  await Promise.all([...scheduled.values()]);
  const pending = [...entries.values()].flatMap((e) => (e.loading === undefined ? [] : [e.loading.catch(() => undefined)]));
  await Promise.all(pending);
}

/** Forgets every order (the benchmark times reads before any is loaded). */
export function forgetOrders(): void {
  entries.clear();
}
