import type { TegamiIndex } from '../../data/db.js';
import { countRows, listRows, type ListRow, type ListView } from '../../data/queries.js';

/**
 * Where the list's rows come from: the index for a folder view, or a search's result ids. The
 * list asks only for a count and one window of rows at a time, so a folder of 100,000 messages
 * costs a count and a few dozen rows.
 */
export interface ListSource {
  count(expandedThreads: ReadonlySet<string>): Promise<number>;
  rows(expandedThreads: ReadonlySet<string>, offset: number, limit: number): Promise<ListRow[]>;
}

export function indexSource(db: TegamiIndex, view: ListView): ListSource {
  return {
    count: (expanded) => countRows(db, view, expanded),
    rows: (expanded, offset, limit) => listRows(db, view, expanded, offset, limit),
  };
}

/** Search results in the order the search gave them (newest first), flat. */
export function searchSource(db: TegamiIndex, messageIds: readonly string[]): ListSource {
  return {
    count: () => Promise.resolve(messageIds.length),
    rows: async (_expanded, offset, limit) => {
      const found = await db.messages.bulkGet(messageIds.slice(offset, offset + limit));
      return found.flatMap((message) => (message === undefined ? [] : [{ kind: 'message' as const, message, depth: 0, threadSize: 1, expanded: false }]));
    },
  };
}
