/**
 * Local search over the index: every word of the query must be among a message's tokens
 * (subject, people, snippet; see ./search-tokens.ts), the word being typed matches as a prefix,
 * and the filters narrow the result. Newest first.
 *
 * The words give candidates with their dates from the multi-entry token index (keys only), so
 * only the messages that end up on the result page are read. Without words (filters only) the
 * date index is walked newest first until the limit is reached.
 */
import { Dexie } from 'dexie';
import type { IndexedMessage, TegamiIndex } from './db.js';
import { MAX_SEARCH_RESULTS, SEARCH_LOAD_CHUNK } from './limits.js';
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

/**
 * Messages matching every word, as id → sort date, or null when the text has no words (filters
 * only). Token lookups read word keys only ([sortDate, messageId], one batched getAllKeys each).
 */
async function textCandidates(db: TegamiIndex, text: string): Promise<Map<string, number> | null> {
  const { exact, prefix } = queryWords(text);
  if (exact.length === 0 && prefix === null) return null;
  const lookups = await Promise.all([
    ...exact.map((token) => db.words.where('tokens').equals(token).primaryKeys()),
    ...(prefix === null ? [] : [db.words.where('tokens').startsWith(prefix).primaryKeys()]),
  ]);
  lookups.sort((a, b) => a.length - b.length);
  const [smallest, ...rest] = lookups;
  const found = new Map<string, number>((smallest ?? []).map(([date, id]) => [id, date]));
  for (const keys of rest) {
    const ids = new Set(keys.map(([, id]) => id));
    for (const id of found.keys()) if (!ids.has(id)) found.delete(id);
  }
  return found;
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

  if (candidates !== null) {
    // Newest first by the dates the word keys carried; read messages a chunk at a time until
    // enough pass the filters.
    const ordered = [...candidates].filter(([, date]) => date >= since && date <= until);
    ordered.sort(([idA, dateA], [idB, dateB]) => dateB - dateA || (idA < idB ? 1 : idA > idB ? -1 : 0));
    const out: IndexedMessage[] = [];
    for (let i = 0, size = wanted; i < ordered.length && out.length < wanted; i += size, size = SEARCH_LOAD_CHUNK) {
      const rows = await db.messages.bulkGet(ordered.slice(i, i + size).map(([id]) => id));
      for (const m of rows) if (m !== undefined && matches(m) && out.length < wanted) out.push(m);
    }
    return out;
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
