/**
 * Local search over the index: every word of the query must be among a message's tokens
 * (subject, people, snippet; see ./search-tokens.ts), the word being typed matches as a prefix,
 * and the filters narrow the result. Newest first.
 *
 * The words give candidate sets from the multi-entry token index (key cursors only). A small
 * candidate set is loaded and sorted; a large one — or none, when only filters are set — is
 * cheaper to find by walking the date index newest first and stopping at the limit.
 */
import { Dexie } from 'dexie';
import type { IndexedMessage, TegamiIndex } from './db.js';
import { MAX_SEARCH_RESULTS, SEARCH_DIRECT_LOAD_MAX } from './limits.js';
import { tokenize } from './search-tokens.js';

export interface SearchQuery {
  readonly text: string;
  readonly unread: boolean;
  readonly flagged: boolean;
  readonly hasAttachment: boolean;
  /** null = every folder. */
  readonly folderIds: readonly string[] | null;
  /** Epoch ms, inclusive; null = open. Compared with the message's date (its sort date). */
  readonly since: number | null;
  readonly until: number | null;
}

/** The query's words: those that must match exactly, and the one being typed, matched as a prefix. */
export interface QueryWords {
  readonly exact: readonly string[];
  readonly prefix: string | null;
}

const TRAILING_WORD = /[\p{L}\p{N}]+$/u;

/** Splits the text into index tokens; the last one is a prefix unless the text ends in a separator. */
export function queryWords(text: string): QueryWords {
  const tokens = tokenize(text);
  const tail = TRAILING_WORD.exec(text.normalize('NFKC'));
  const prefix = tail === null ? null : (tokenize(tail[0]).at(-1) ?? null);
  if (prefix === null) return { exact: tokens, prefix: null };
  return { exact: tokens.filter((t) => t !== prefix), prefix };
}

function intersect(sets: readonly Set<string>[]): Set<string> {
  const [smallest, ...rest] = [...sets].sort((a, b) => a.size - b.size);
  if (smallest === undefined) return new Set();
  return new Set([...smallest].filter((id) => rest.every((s) => s.has(id))));
}

/** Message ids matching every word, or null when the text has no words (filters only). */
async function textCandidates(db: TegamiIndex, text: string): Promise<Set<string> | null> {
  const { exact, prefix } = queryWords(text);
  if (exact.length === 0 && prefix === null) return null;
  const sets = await Promise.all([
    ...exact.map(async (token) => new Set(await db.words.where('tokens').equals(token).primaryKeys())),
    ...(prefix === null ? [] : [db.words.where('tokens').startsWith(prefix).primaryKeys().then((ids) => new Set(ids))]),
  ]);
  return intersect(sets);
}

function newestFirst(a: IndexedMessage, b: IndexedMessage): number {
  return b.sortDate - a.sortDate || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** Messages matching `query`, newest first, at most `limit`. */
export async function searchIndex(db: TegamiIndex, query: SearchQuery, limit: number): Promise<IndexedMessage[]> {
  const wanted = Math.min(Math.max(0, Math.floor(limit)), MAX_SEARCH_RESULTS);
  if (wanted === 0) return [];
  const folders = query.folderIds === null ? null : new Set(query.folderIds);
  if (folders !== null && folders.size === 0) return [];
  const since = query.since ?? Number.NEGATIVE_INFINITY;
  const until = query.until ?? Number.POSITIVE_INFINITY;
  if (since > until) return [];
  const candidates = await textCandidates(db, query.text);
  if (candidates !== null && candidates.size === 0) return [];
  const matches = (m: IndexedMessage): boolean =>
    (candidates === null || candidates.has(m.id)) &&
    (!query.unread || m.unread === 1) &&
    (!query.flagged || m.flagged === 1) &&
    (!query.hasAttachment || m.attachment === 1) &&
    (folders === null || folders.has(m.folderId)) &&
    m.sortDate >= since &&
    m.sortDate <= until;

  if (candidates !== null && candidates.size <= SEARCH_DIRECT_LOAD_MAX) {
    const rows = await db.messages.bulkGet([...candidates]);
    return rows.filter((m): m is IndexedMessage => m !== undefined && matches(m)).sort(newestFirst).slice(0, wanted);
  }
  const low = query.since ?? Dexie.minKey;
  const high = query.until ?? Dexie.maxKey;
  if (folders === null) {
    return db.messages.where('sortDate').between(low, high, true, true).reverse().filter(matches).limit(wanted).toArray();
  }
  // Per folder along [folderId+sortDate], then the newest of those.
  const perFolder = await Promise.all(
    [...folders].map((f) => db.messages.where('[folderId+sortDate]').between([f, low], [f, high], true, true).reverse().filter(matches).limit(wanted).toArray()),
  );
  return perFolder.flat().sort(newestFirst).slice(0, wanted);
}
