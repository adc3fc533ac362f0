/**
 * Pages of a per-folder ordered index, merged across folders. Every list is ordered by a
 * compound index [folderId+key]; within one folder IndexedDB already yields (key, primary key)
 * order, so a single folder pages with a cursor advance and never loads the rows it skips.
 * Several folders (the unified Inbox) are merged on their keys alone — key cursors, no values —
 * and only the rows of the requested page are read.
 */
import { Dexie, cmp, type Collection, type Table } from 'dexie';

export type Direction = 'asc' | 'desc';

/** One ordered stream: the rows of `folderId` in `table` by the compound `index` [folderId+key]. */
export interface StreamSource<T, K, I = T> {
  readonly table: Table<T, K, I>;
  /** A compound index whose first part is the folder id. */
  readonly index: string;
  readonly folderId: string;
}

function range<T, K, I>(source: StreamSource<T, K, I>, direction: Direction): Collection<T, K, I> {
  const all = source.table.where(source.index).between([source.folderId, Dexie.minKey], [source.folderId, Dexie.maxKey], true, true);
  return direction === 'desc' ? all.reverse() : all;
}

interface Position<K> {
  readonly value: unknown;
  readonly key: K;
}

function compare<K>(direction: Direction): (a: Position<K>, b: Position<K>) => number {
  const sign = direction === 'asc' ? 1 : -1;
  return (a, b) => sign * (cmp(a.value, b.value) || cmp(a.key, b.key));
}

/** The first `count` positions of a stream, read with a key cursor. */
async function positions<T, K, I>(source: StreamSource<T, K, I>, direction: Direction, count: number): Promise<Position<K>[]> {
  const out: Position<K>[] = [];
  if (count <= 0) return out;
  await range(source, direction)
    .limit(count)
    .eachKey((indexKey, cursor) => {
      out.push({ value: (indexKey as unknown[])[1], key: cursor.primaryKey });
    });
  return out;
}

/** Rows [offset, offset + limit) of the merged order of `sources`. */
export async function mergedPage<T, K, I>(sources: readonly StreamSource<T, K, I>[], direction: Direction, offset: number, limit: number): Promise<T[]> {
  if (limit <= 0 || sources.length === 0) return [];
  const only = sources.length === 1 ? sources[0] : undefined;
  if (only !== undefined) return range(only, direction).offset(offset).limit(limit).toArray();
  const merged = (await Promise.all(sources.map((s) => positions(s, direction, offset + limit)))).flat();
  merged.sort(compare<K>(direction));
  const keys = merged.slice(offset, offset + limit).map((p) => p.key);
  const table = sources[0]!.table;
  const rows = await table.bulkGet(keys);
  return rows.filter((r): r is T => r !== undefined);
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
