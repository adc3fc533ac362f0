/**
 * Pages of a per-folder ordered index, merged across folders. Every list is ordered by a
 * compound index [folderId+key]; within one folder IndexedDB yields (key, primary key) order.
 *
 * IndexedDB has no "row number n", so a page at offset n walks n index entries. Scrolling a
 * 100,000-message folder asks for one block after another, so every page leaves anchors behind —
 * "the first row with key value v is row p" for one folder, and "the first q rows of the merged
 * order are the first q₁, q₂, … rows of each folder" for several — and the next page starts
 * from the nearest anchor instead of from the top. Any write to the database (this window's or,
 * through Dexie's cross-window notification, another's) forgets every anchor.
 *
 * A stream's whole order is also loaded in the background after its first page (./ordered-keys.ts);
 * once it is there, a page of that stream at any offset is a slice of it and one bulkGet.
 */
import { Dexie, cmp, type Collection, type Table } from 'dexie';
import { cachedOrder, loadOrderLater, orderLoading, type OrderWatch } from './ordered-keys.js';
import { MAX_ANCHORS_PER_STREAM, ORDERED_KEYS_CHUNK, ORDERED_KEYS_DELAY_MS, ORDERED_KEYS_MAX_SLICE, ORDERED_KEYS_WAIT_OFFSET } from './limits.js';

export type Direction = 'asc' | 'desc';

/** One ordered stream: the rows of `folderId` in `table` by the compound `index` [folderId+key]. */
export interface StreamSource<T, K, I = T> {
  readonly table: Table<T, K, I>;
  /** A compound index whose first part is the folder id. */
  readonly index: string;
  readonly folderId: string;
  /** The row's value of the index's second part. */
  readonly valueOf: (row: T) => unknown;
  /** The row's primary key. */
  readonly keyOf: (row: T) => K;
  /** Name of a table keyed by folder id whose row changes whenever a row joins or leaves the folder (see OrderWatch). */
  readonly countsTable?: string;
}

interface Anchor {
  /** Position (in the stream's order) of the first row whose value is `value`. */
  readonly position: number;
  readonly value: unknown;
}

interface MergedAnchor {
  readonly position: number;
  /** Rows of each source (in sources order) that come before `position`. */
  readonly taken: readonly number[];
}

let generation = 0;
const anchors = new Map<string, Anchor[]>();
const mergedAnchors = new Map<string, MergedAnchor[]>();

Dexie.on('storagemutated', () => {
  generation += 1;
  anchors.clear();
  mergedAnchors.clear();
});

function streamKey<T, K, I>(source: StreamSource<T, K, I>, direction: Direction): string {
  return JSON.stringify([source.table.db.name, source.table.name, source.index, source.folderId, direction]);
}

/** Inserts into a list kept sorted by position; drops the oldest half when it grows too long. */
function remember<A extends { position: number }>(store: Map<string, A[]>, key: string, anchor: A): void {
  let list = store.get(key);
  if (list === undefined) {
    list = [];
    store.set(key, list);
  }
  const at = list.findIndex((a) => a.position >= anchor.position);
  if (at === -1) list.push(anchor);
  else if (list[at]!.position === anchor.position) list[at] = anchor;
  else list.splice(at, 0, anchor);
  if (list.length > MAX_ANCHORS_PER_STREAM) list.splice(0, list.length - MAX_ANCHORS_PER_STREAM / 2);
}

/** The anchor at or nearest before `offset`. */
function nearest<A extends { position: number }>(store: Map<string, A[]>, key: string, offset: number): A | undefined {
  const list = store.get(key);
  if (list === undefined) return undefined;
  let best: A | undefined;
  for (const a of list) {
    if (a.position > offset) break;
    best = a;
  }
  return best;
}

/** The stream from its first row with value `from` on (or from the top). */
function range<T, K, I>(source: StreamSource<T, K, I>, direction: Direction, from?: { value: unknown }): Collection<T, K, I> {
  const where = source.table.where(source.index);
  const low = [source.folderId, Dexie.minKey];
  const high = [source.folderId, Dexie.maxKey];
  if (direction === 'asc') return where.between(from === undefined ? low : [source.folderId, from.value], high, true, true);
  return where.between(low, from === undefined ? high : [source.folderId, from.value], true, true).reverse();
}

function orderWatch<T, K, I>(source: StreamSource<T, K, I>): OrderWatch {
  const { db, name } = source.table;
  const watch = { dbName: db.name, table: name, index: source.index, folderId: source.folderId };
  return source.countsTable === undefined ? watch : { ...watch, countsTable: source.countsTable };
}

/**
 * Every primary key of the stream in ascending order, `chunk` keys per getAllKeys. Reading
 * 100,000 keys at once hands the window one clone to decode that holds up a frame; chunks
 * spread it out. Each chunk is its own transaction, so the index's writers (a sync applying
 * changes) are not held up for the whole load; a write to the folder in between drops the load
 * (./ordered-keys.ts), and `wanted` says when to stop reading for nothing. IndexedDB cannot
 * resume an index read after a primary key, so each chunk after the first starts past its
 * predecessor's last value, and that value's remaining ties are read on their own.
 */
export async function readOrder<T, K, I>(source: StreamSource<T, K, I>, chunk: number, wanted: () => boolean = () => true): Promise<K[]> {
  const { table, index, folderId } = source;
  const keys: K[] = [];
  let after: { value: unknown } | undefined;
  for (;;) {
    const low = after === undefined ? [folderId, Dexie.minKey] : [folderId, after.value];
    const part = await table.where(index).between(low, [folderId, Dexie.maxKey], after === undefined, true).limit(chunk).primaryKeys();
    for (const key of part) keys.push(key);
    const last = part.at(-1);
    if (part.length < chunk || last === undefined || !wanted()) return keys;
    const row = await table.get(last);
    // Removed since its chunk was read: the folder changed, and so does the order being read.
    if (row === undefined) throw new Error(`${table.name} changed while its order was read.`);
    const value = source.valueOf(row);
    const ties = await table.where(index).equals([folderId, value] as never).primaryKeys();
    for (const key of ties) if (cmp(key, last) > 0) keys.push(key);
    after = { value };
  }
}

/** Reads the stream's whole order in `direction`. */
function orderReader<T, K, I>(source: StreamSource<T, K, I>, direction: Direction): (wanted: () => boolean) => Promise<K[]> {
  // Read ascending: IndexedDB before version 3 has no descending getAllKeys (Dexie walks a
  // cursor for it instead), and a descending index visits exactly the reverse.
  return async (wanted) => {
    const keys = await readOrder(source, ORDERED_KEYS_CHUNK, wanted);
    return direction === 'asc' ? keys : keys.reverse();
  };
}

/**
 * Rows [offset, offset + limit) as a slice of the stream's order, or undefined when a row is
 * gone (a write the order has not heard of yet: the caller reads the index instead).
 */
async function slicePage<T, K, I>(source: StreamSource<T, K, I>, direction: Direction, order: readonly K[], offset: number, limit: number): Promise<T[] | undefined> {
  const [rows] = await Promise.all([
    source.table.bulkGet(order.slice(offset, offset + limit)),
    // Inside a liveQuery this read subscribes to the stream's whole range, as an offset read
    // would, so a row added or re-sorted anywhere in the folder runs the query again.
    range(source, direction).limit(1).primaryKeys(),
  ]);
  return rows.every((row): row is T => row !== undefined) ? rows : undefined;
}

/** Rows [offset, offset + limit) of one stream: a slice of its held order, else from the nearest anchor. */
async function streamPage<T, K, I>(source: StreamSource<T, K, I>, direction: Direction, offset: number, limit: number): Promise<T[]> {
  if (limit <= 0) return [];
  const key = streamKey(source, direction);
  // A long read (a merged page far from its anchor) is one getAll off the index, quicker than
  // fetching as many rows one key at a time. Until the order is loaded pages walk the index (a
  // load reads every entry, longer than one deep walk), but a deep page waits for a load under
  // way: walking beside it, both share the database's one backend and the walk takes as long.
  const sliceable = limit <= ORDERED_KEYS_MAX_SLICE;
  const loading = sliceable && offset >= ORDERED_KEYS_WAIT_OFFSET ? orderLoading<K>(key) : undefined;
  const held = !sliceable ? undefined : (cachedOrder<K>(key) ?? (loading === undefined ? undefined : await loading));
  if (held !== undefined) {
    const sliced = await slicePage(source, direction, held, offset, limit);
    if (sliced !== undefined) return sliced;
  }
  return anchoredPage(source, direction, key, offset, limit);
}

/** Rows [offset, offset + limit) of one stream read off the index from the nearest anchor. */
async function anchoredPage<T, K, I>(source: StreamSource<T, K, I>, direction: Direction, key: string, offset: number, limit: number): Promise<T[]> {
  const started = generation;
  const anchor = nearest(anchors, key, offset);
  const base = anchor?.position ?? 0;
  const rows = await range(source, direction, anchor).offset(offset - base).limit(limit).toArray();
  if (started === generation) {
    // The last change of value on this page is where the next page will most likely start from.
    for (let i = rows.length - 1; i >= 1; i--) {
      const value = source.valueOf(rows[i]!);
      if (cmp(value, source.valueOf(rows[i - 1]!)) !== 0) {
        remember(anchors, key, { position: offset + i, value });
        break;
      }
    }
  }
  // A stream that fits its first page needs no order; a longer one is loaded once the first
  // screen is painted, outside this read (and outside any liveQuery running it).
  if (offset > 0 || rows.length === limit) loadOrderLater(key, orderWatch(source), orderReader(source, direction), ORDERED_KEYS_DELAY_MS);
  return rows;
}

function compare<T, K, I>(sources: readonly StreamSource<T, K, I>[], direction: Direction): (a: T, b: T) => number {
  const sign = direction === 'asc' ? 1 : -1;
  const { valueOf, keyOf } = sources[0]!;
  return (a, b) => sign * (cmp(valueOf(a), valueOf(b)) || cmp(keyOf(a), keyOf(b)));
}

/** Rows [offset, offset + limit) of the merged order of `sources`. */
export async function mergedPage<T, K, I>(sources: readonly StreamSource<T, K, I>[], direction: Direction, offset: number, limit: number): Promise<T[]> {
  if (limit <= 0 || sources.length === 0) return [];
  const only = sources.length === 1 ? sources[0] : undefined;
  if (only !== undefined) return streamPage(only, direction, offset, limit);
  const key = JSON.stringify(sources.map((s) => streamKey(s, direction)));
  const started = generation;
  const anchor = nearest(mergedAnchors, key, offset) ?? { position: 0, taken: sources.map(() => 0) };
  // Whatever comes next in the merged order is among the next `need` rows of each stream.
  const need = offset - anchor.position + limit;
  const streams = await Promise.all(sources.map((s, i) => streamPage(s, direction, anchor.taken[i]!, need)));
  const order = compare(sources, direction);
  const taken = [...anchor.taken];
  const cursor = sources.map(() => 0);
  const page: T[] = [];
  for (let position = anchor.position; position < offset + limit; position++) {
    let pick = -1;
    for (let s = 0; s < streams.length; s++) {
      const candidate = streams[s]![cursor[s]!];
      if (candidate !== undefined && (pick === -1 || order(candidate, streams[pick]![cursor[pick]!]!) < 0)) pick = s;
    }
    if (pick === -1) break;
    if (position >= offset) page.push(streams[pick]![cursor[pick]!]!);
    cursor[pick]! += 1;
    taken[pick]! += 1;
  }
  if (started === generation && page.length === limit) remember(mergedAnchors, key, { position: offset + limit, taken });
  return page;
}

/** How many rows of `sources` come before the row (value, key) in the merged order. */
export async function rankOf<T, K, I>(sources: readonly StreamSource<T, K, I>[], direction: Direction, value: unknown, key: K): Promise<number> {
  const counts = await Promise.all(
    sources.map(async (s) => {
      const index = s.table.where(s.index);
      const strictlyBefore =
        direction === 'desc'
          ? index.between([s.folderId, value], [s.folderId, Dexie.maxKey], false, true)
          : index.between([s.folderId, Dexie.minKey], [s.folderId, value], true, false);
      const ties = await index.equals([s.folderId, value] as never).primaryKeys();
      const tiesBefore = ties.filter((k) => (direction === 'desc' ? cmp(k, key) > 0 : cmp(k, key) < 0)).length;
      return (await strictlyBefore.count()) + tiesBefore;
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
}
