/**
 * Local search over the index: every word of the query must be among a message's tokens
 * (subject, people, snippet; see ./search-tokens.ts), the word being typed matches as a prefix,
 * and the filters narrow the result. Newest first.
 *
 * A whole word's entries in the multi-entry token index are in date order (the word key is
 * [-sortDate, messageId]), so the longest word is walked newest first and the walk stops when
 * the page is full. A lone word being typed reads its candidates' keys (which carry the dates)
 * and then only the result page's messages. Without words (filters only) the date index is
 * walked newest first until the limit is reached.
 */
import { Dexie, type Collection, type IndexableType } from 'dexie';
import type { IndexedMessage, IndexedWord, TegamiIndex } from './db.js';
import { MAX_SEARCH_RESULTS, PREFIX_WALK_MAX_WORDS, SEARCH_LOAD_CHUNK } from './limits.js';
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

/**
 * A search that shows its first screen early: once `first` results are found (newest first, the
 * start of the final answer) they are handed to `onFirst`, and the walk goes on to the limit.
 * The first chunks read are sized for `first`, so the first screen does not wait for a whole page.
 */
export interface SearchProgress {
  readonly first: number;
  readonly onFirst: (rows: readonly IndexedMessage[]) => void;
}

/** Collects results up to `wanted`, telling `progress` once the first screen is full. */
class ResultPage {
  readonly rows: IndexedMessage[] = [];
  #told = false;
  constructor(
    readonly wanted: number,
    private readonly progress: SearchProgress | undefined,
  ) {}

  get full(): boolean {
    return this.rows.length >= this.wanted;
  }

  /** The size of the first read: enough for the first screen when one is asked for. */
  firstChunk(): number {
    return Math.min(this.wanted, this.progress === undefined ? SEARCH_LOAD_CHUNK : Math.max(1, this.progress.first));
  }

  add(messages: readonly (IndexedMessage | undefined)[], matches: (m: IndexedMessage) => boolean): void {
    for (const m of messages) if (m !== undefined && matches(m) && !this.full) this.rows.push(m);
    if (!this.#told && this.progress !== undefined && this.rows.length >= this.progress.first && !this.full) {
      this.#told = true;
      this.progress.onFirst(this.rows.slice(0, this.progress.first));
    }
  }
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
 * Messages with a word starting with `prefix`, as id → sort date. Reads word keys only
 * ([-sortDate, messageId], one batched getAllKeys).
 */
async function prefixCandidates(db: TegamiIndex, prefix: string): Promise<Map<string, number>> {
  const keys = await db.words.where('tokens').startsWith(prefix).primaryKeys();
  return new Map(keys.map(([order, id]) => [id, -order]));
}

/**
 * Walks one whole word's index entries newest first (a word's entries are ordered by the word
 * key [-sortDate, messageId], so that is forward order and the first chunk is one getAll),
 * checking the other words against each entry's token list, and stops as soon as the page is
 * full. The longest word leads: longer words are rarer.
 */
async function walkWord(db: TegamiIndex, words: QueryWords, matches: (m: IndexedMessage) => boolean, page: ResultPage, since: number): Promise<IndexedMessage[]> {
  const [lead, ...others] = [...words.exact].sort((a, b) => b.length - a.length);
  if (lead === undefined) return [];
  const { prefix } = words;
  for (let skip = 0, size = page.firstChunk(); !page.full; skip += size, size = SEARCH_LOAD_CHUNK) {
    const entries = await db.words.where('tokens').equals(lead).offset(skip).limit(size).toArray();
    const hits = entries.filter((w) => others.every((t) => w.tokens.includes(t)) && (prefix === null || w.tokens.some((t) => t.startsWith(prefix))));
    page.add(await db.messages.bulkGet(hits.map((w) => w.messageId)), matches);
    const oldest = entries.at(-1);
    // The end of the word's entries, or older than the range asks: nothing further can match.
    if (entries.length < size || oldest === undefined || -oldest.order < since) break;
  }
  return page.rows;
}

/**
 * The distinct indexed words starting with `prefix`, at most `max`, in key order. One seek per
 * word: each read starts just past the word before, where a unique-key cursor
 * (uniqueKeys) steps over every entry of every word (thousands for a common one).
 */
async function wordsStartingWith(db: TegamiIndex, prefix: string, max: number): Promise<string[]> {
  const words: string[] = [];
  const upper = `${prefix}\uffff`;
  for (let after: string | null = null; words.length < max; ) {
    const range: Collection<IndexedWord, [number, string]> = after === null ? db.words.where('tokens').between(prefix, upper, true, true) : db.words.where('tokens').between(after, upper, false, true);
    const [key]: IndexableType[] = await range.limit(1).keys();
    if (key === undefined) break;
    after = String(key);
    words.push(after);
  }
  return words;
}

/** The word index's order: newest first, then by message id. */
function wordOrder(a: IndexedWord, b: IndexedWord): number {
  return a.order - b.order || (a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0);
}

/**
 * A lone word being typed that starts only a few words: walks those words' entries together,
 * newest first, reading the first `need` entries of each (one getAll each) and doubling `need`
 * until the page is full. Entries up to the earliest last entry of a list that was cut short are
 * complete, so those are checked. null when the prefix starts too many words to walk.
 */
async function walkPrefix(db: TegamiIndex, prefix: string, matches: (m: IndexedMessage) => boolean, page: ResultPage, since: number): Promise<IndexedMessage[] | null> {
  const words = await wordsStartingWith(db, prefix, PREFIX_WALK_MAX_WORDS + 1);
  if (words.length > PREFIX_WALK_MAX_WORDS) return null;
  let checked = 0;
  for (let need = page.firstChunk(); ; need *= 2) {
    const lists = await Promise.all(words.map((w) => db.words.where('tokens').equals(w).limit(need).toArray()));
    const cut = lists.filter((l) => l.length === need).map((l) => l.at(-1)!);
    const horizon = cut.length === 0 ? null : cut.reduce((a, b) => (wordOrder(a, b) <= 0 ? a : b));
    const seen = new Set<string>();
    const complete: IndexedWord[] = [];
    for (const entry of lists.flat().sort(wordOrder)) {
      if (horizon !== null && wordOrder(entry, horizon) > 0) break;
      if (seen.has(entry.messageId)) continue;
      seen.add(entry.messageId);
      complete.push(entry);
    }
    const fresh = complete.slice(checked);
    checked = complete.length;
    for (let i = 0; i < fresh.length && !page.full; i += SEARCH_LOAD_CHUNK) {
      page.add(await db.messages.bulkGet(fresh.slice(i, i + SEARCH_LOAD_CHUNK).map((w) => w.messageId)), matches);
    }
    if (page.full || horizon === null || -horizon.order < since) return page.rows;
  }
}

function newestFirst(a: IndexedMessage, b: IndexedMessage): number {
  return b.sortDate - a.sortDate || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/**
 * Messages matching `query`, newest first, at most `limit`. With `progress`, the first screen is
 * handed over as soon as it is found (word searches; a filters-only search answers in one go).
 */
export async function searchIndex(db: TegamiIndex, query: SearchQuery, limit: number, progress?: SearchProgress): Promise<IndexedMessage[]> {
  const wanted = Math.min(Math.max(0, Math.floor(limit)), MAX_SEARCH_RESULTS);
  if (wanted === 0) return [];
  const page = new ResultPage(wanted, progress);
  const folders = query.folderIds === null ? null : new Set(query.folderIds);
  if (folders !== null && folders.size === 0) return [];
  const since = query.since ?? Number.NEGATIVE_INFINITY;
  const until = query.until ?? Number.POSITIVE_INFINITY;
  if (since > until) return [];
  const words = queryWords(query.text);
  const matches = (m: IndexedMessage): boolean =>
    (!query.unread || m.unread === 1) &&
    (!query.flagged || m.flagged === 1) &&
    (!query.hasAttachment || m.attachment === 1) &&
    (folders === null || folders.has(m.folderId)) &&
    m.sortDate >= since &&
    m.sortDate <= until;

  if (words.exact.length > 0) return walkWord(db, words, matches, page, since);
  if (words.prefix !== null) {
    const walked = await walkPrefix(db, words.prefix, matches, page, since);
    if (walked !== null) return walked;
    // Only a word being typed: every word it starts is in the key range, so the entries are not
    // in date order; their keys carry the dates, so only the result page's messages are read.
    const candidates = await prefixCandidates(db, words.prefix);
    const ordered = [...candidates].filter(([, date]) => date >= since && date <= until);
    // The word index's order: newest first, then by id.
    ordered.sort(([idA, dateA], [idB, dateB]) => dateB - dateA || (idA < idB ? -1 : idA > idB ? 1 : 0));
    for (let i = 0, size = page.firstChunk(); i < ordered.length && !page.full; i += size, size = SEARCH_LOAD_CHUNK) {
      page.add(await db.messages.bulkGet(ordered.slice(i, i + size).map(([id]) => id)), matches);
    }
    return page.rows;
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
