/**
 * What the message list asks the index: how many rows a view has and one page of them. Pages
 * come straight off the compound indexes, so painting the first screen of a 100,000-message
 * folder reads one page, not the folder; meanwhile each folder's whole order is loaded as its
 * primary keys, after which a page anywhere (a dragged scrollbar) is a slice of them and one
 * bulkGet (./ordered-streams.ts, ./ordered-keys.ts). Threaded views page over the threads table
 * (one row per conversation per folder) and open the expanded conversations in place.
 */
import type { FolderRole } from '../../../core/api/contract.js';
import type { IndexedMessage, IndexedThread, TegamiIndex } from './db.js';
import { threadId } from './apply-changes.js';
import { mergedPage, rankOf, type Direction } from './ordered-streams.js';

export type ListSort = 'date' | 'from' | 'subject' | 'size';

export interface ListView {
  /** The folders shown together; the unified Inbox is every inbox folder's id. */
  readonly folderIds: readonly string[];
  readonly sort: ListSort;
  readonly descending: boolean;
  readonly threaded: boolean;
}

export type ListRow = {
  readonly kind: 'message';
  readonly message: IndexedMessage;
  /** 0 for a thread's row (or any row in flat mode), 1 for the other messages of an expanded thread. */
  readonly depth: number;
  /** Messages in the row's thread in this folder (1 in flat mode and for depth-1 rows' own count). */
  readonly threadSize: number;
  /** Whether the row heads a thread that is shown expanded. */
  readonly expanded: boolean;
};

const MESSAGE_INDEX: Readonly<Record<ListSort, string>> = {
  date: '[folderId+sortDate]',
  from: '[folderId+sortFrom]',
  subject: '[folderId+sortSubject]',
  size: '[folderId+size]',
};

const THREAD_INDEX: Readonly<Record<ListSort, string>> = {
  date: '[folderId+latestDate]',
  from: '[folderId+latestFrom]',
  subject: '[folderId+latestSubject]',
  size: '[folderId+latestSize]',
};

function threadSortValue(thread: IndexedThread, sort: ListSort): string | number {
  switch (sort) {
    case 'date':
      return thread.latestDate;
    case 'from':
      return thread.latestFrom;
    case 'subject':
      return thread.latestSubject;
    case 'size':
      return thread.latestSize;
  }
}

function direction(view: ListView): Direction {
  return view.descending ? 'desc' : 'asc';
}

function distinctFolders(view: ListView): string[] {
  return [...new Set(view.folderIds)];
}

function messageSortValue(message: IndexedMessage, sort: ListSort): string | number {
  switch (sort) {
    case 'date':
      return message.sortDate;
    case 'from':
      return message.sortFrom;
    case 'subject':
      return message.sortSubject;
    case 'size':
      return message.size;
  }
}

function messageSources(db: TegamiIndex, view: ListView) {
  return distinctFolders(view).map((folderId) => ({
    table: db.messages,
    index: MESSAGE_INDEX[view.sort],
    folderId,
    valueOf: (m: IndexedMessage) => messageSortValue(m, view.sort),
    keyOf: (m: IndexedMessage) => m.id,
    countsTable: db.counts.name,
  }));
}

function threadSources(db: TegamiIndex, view: ListView) {
  return distinctFolders(view).map((folderId) => ({
    table: db.threads,
    index: THREAD_INDEX[view.sort],
    folderId,
    valueOf: (t: IndexedThread) => threadSortValue(t, view.sort),
    keyOf: (t: IndexedThread) => t.id,
    countsTable: db.counts.name,
  }));
}

/** The view's expanded threads that have something to expand. */
async function expandedThreads(db: TegamiIndex, view: ListView, expanded: ReadonlySet<string>): Promise<IndexedThread[]> {
  if (expanded.size === 0) return [];
  const ids = distinctFolders(view).flatMap((folderId) => [...expanded].map((key) => threadId(folderId, key)));
  const threads = await db.threads.bulkGet(ids);
  return threads.filter((t): t is IndexedThread => t !== undefined && t.count > 1);
}

/** Rows the view has: messages, or threads plus the extra rows of expanded threads. */
export async function countRows(db: TegamiIndex, view: ListView, expanded: ReadonlySet<string>): Promise<number> {
  // Kept per folder by the change applier: O(1) where IndexedDB would walk the folder.
  const counts = await db.counts.bulkGet(distinctFolders(view));
  if (!view.threaded) return counts.reduce((n, c) => n + (c?.messages ?? 0), 0);
  const open = await expandedThreads(db, view, expanded);
  return counts.reduce((n, c) => n + (c?.threads ?? 0), 0) + open.reduce((n, t) => n + t.count - 1, 0);
}

/** A conversation's messages in one folder, oldest first. */
export async function threadMessages(db: TegamiIndex, folderId: string, threadKey: string): Promise<IndexedMessage[]> {
  const members = await db.messages.where('[folderId+threadKey]').equals([folderId, threadKey]).toArray();
  return members.sort(oldestFirst);
}

/** A conversation's reading order: by date, ties by id. */
function oldestFirst(a: IndexedMessage, b: IndexedMessage): number {
  return a.sortDate - b.sortDate || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Folders whose copies of a conversation's messages are left out of it unless the reader is in them. */
const CONVERSATION_SKIPPED_ROLES: ReadonlySet<FolderRole> = new Set(['trash', 'junk', 'outbox']);

/**
 * A conversation as the reader shows it: the thread's messages in every folder of the account
 * (the user's own replies live in Sent, older ones may be archived), oldest first. Copies in
 * Trash, Junk and the Outbox are left out unless the open message is in that folder; a message
 * held by several folders (the same Message-ID in Inbox and "All Mail") appears once, preferring
 * the copy in the open message's folder, then the Inbox, then any other.
 */
export async function conversationMessages(db: TegamiIndex, open: Pick<IndexedMessage, 'id' | 'accountId' | 'folderId' | 'threadKey'>): Promise<IndexedMessage[]> {
  const all = (await db.messages.where('threadKey').equals(open.threadKey).toArray()).filter((m) => m.accountId === open.accountId);
  const folderIds = [...new Set(all.map((m) => m.folderId))];
  const folders = await db.folders.bulkGet(folderIds);
  const roles = new Map(folderIds.map((id, i) => [id, folders[i]?.role ?? null]));
  const rank = (m: IndexedMessage): number => (m.id === open.id ? 0 : m.folderId === open.folderId ? 1 : roles.get(m.folderId) === 'inbox' ? 2 : 3);
  const kept = new Map<string, IndexedMessage>();
  for (const m of all) {
    const role = roles.get(m.folderId) ?? null;
    if (m.folderId !== open.folderId && role !== null && CONVERSATION_SKIPPED_ROLES.has(role)) continue;
    const key = m.messageId ?? `\u0000${m.id}`;
    const held = kept.get(key);
    if (held === undefined || rank(m) < rank(held) || (rank(m) === rank(held) && m.id < held.id)) kept.set(key, m);
  }
  return [...kept.values()].sort(oldestFirst);
}

export async function messageById(db: TegamiIndex, id: string): Promise<IndexedMessage | undefined> {
  return db.messages.get(id);
}

/**
 * Where row `offset` falls in a threaded view: the index of its thread in the thread order and
 * how many rows of that thread come before it. Only expanded threads add rows, so only their
 * ranks are needed, not a walk over the threads before them.
 */
async function locate(db: TegamiIndex, view: ListView, open: readonly IndexedThread[], offset: number): Promise<{ thread: number; skip: number }> {
  const sources = threadSources(db, view);
  const ranked = await Promise.all(open.map(async (t) => ({ rank: await rankOf(sources, direction(view), threadSortValue(t, view.sort), t.id), extra: t.count - 1 })));
  ranked.sort((a, b) => a.rank - b.rank);
  let extraBefore = 0;
  for (const { rank, extra } of ranked) {
    const start = rank + extraBefore;
    if (offset < start) break;
    if (offset <= start + extra) return { thread: rank, skip: offset - start };
    extraBefore += extra;
  }
  return { thread: offset - extraBefore, skip: 0 };
}

async function threadedRows(db: TegamiIndex, view: ListView, expanded: ReadonlySet<string>, offset: number, limit: number): Promise<ListRow[]> {
  const open = await expandedThreads(db, view, expanded);
  const openIds = new Set(open.map((t) => t.id));
  const { thread, skip } = await locate(db, view, open, offset);
  const threads = await mergedPage(threadSources(db, view), direction(view), thread, limit);
  const heads = await db.messages.bulkGet(threads.map((t) => t.latestMessageId));
  const rows: ListRow[] = [];
  let toSkip = skip;
  for (const [i, t] of threads.entries()) {
    if (rows.length >= limit) break;
    const head = heads[i];
    if (head === undefined) continue;
    const isOpen = openIds.has(t.id);
    if (toSkip === 0) rows.push({ kind: 'message', message: head, depth: 0, threadSize: t.count, expanded: isOpen });
    else toSkip -= 1;
    if (!isOpen) continue;
    const others = (await threadMessages(db, t.folderId, t.threadKey)).filter((m) => m.id !== head.id);
    for (const message of others) {
      if (rows.length >= limit) break;
      if (toSkip > 0) {
        toSkip -= 1;
        continue;
      }
      rows.push({ kind: 'message', message, depth: 1, threadSize: t.count, expanded: false });
    }
  }
  return rows;
}

/** Rows [offset, offset + limit) of the view. */
export async function listRows(db: TegamiIndex, view: ListView, expanded: ReadonlySet<string>, offset: number, limit: number): Promise<ListRow[]> {
  const start = Math.max(0, Math.floor(offset));
  const count = Math.max(0, Math.floor(limit));
  if (count === 0) return [];
  if (view.threaded) return threadedRows(db, view, expanded, start, count);
  const messages = await mergedPage(messageSources(db, view), direction(view), start, count);
  return messages.map((message) => ({ kind: 'message', message, depth: 0, threadSize: 1, expanded: false }));
}

export { useAccounts, useFolders, useMessage } from './hooks.js';
