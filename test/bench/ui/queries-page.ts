/**
 * The UI benchmark's page (bundled by ../ui.bench.ts and run in Chromium): fills the renderer's
 * real index (Dexie over Chromium's IndexedDB) through applyChanges, and times the queries the
 * message list and the search bar make.
 */
import { Dexie } from 'dexie';
import type { Change, FolderSummary } from '../../../core/api/contract.js';
import { applyChanges } from '../../../renderer/src/data/apply-changes.js';
import { openIndex, type TegamiIndex } from '../../../renderer/src/data/db.js';
import { forgetOrders, ordersSettled } from '../../../renderer/src/data/ordered-keys.js';
import { countRows, listRows, messageById, threadMessages, type ListView } from '../../../renderer/src/data/queries.js';
import { searchIndex, type SearchQuery } from '../../../renderer/src/data/search.js';
import { ACCOUNT_ID, INBOX_ID, SMALL_FOLDER_ID, benchMessage } from './corpus.js';

export const DB_NAME = 'tegami-bench-ui';
const BATCH = 1000;

let db: TegamiIndex | null = null;

export function index(): TegamiIndex {
  db ??= openIndex(DB_NAME);
  return db;
}

function folder(id: string, path: string, total: number): FolderSummary {
  return { id, accountId: ACCOUNT_ID, path, name: path, delimiter: '/', role: path === 'INBOX' ? 'inbox' : null, unread: 0, total, selectable: true };
}

/** Fills the index with `count` inbox messages (and 500 in a second folder); returns ms taken, or 0 when already filled. */
export async function fill(count: number): Promise<number> {
  const d = index();
  try {
    if ((await d.counts.get(INBOX_ID))?.messages === count) return 0;
  } catch {
    // A database from an older schema: start again.
  }
  await d.delete();
  db = null;
  const fresh = index();
  const started = performance.now();
  let seq = 0;
  const structure: Change[] = [
    { kind: 'folder-upsert', seq: ++seq, folder: folder(INBOX_ID, 'INBOX', count) },
    { kind: 'folder-upsert', seq: ++seq, folder: folder(SMALL_FOLDER_ID, 'Projects', 500) },
  ];
  await applyChanges(fresh, structure);
  for (let from = 0; from < count; from += BATCH) {
    const batch: Change[] = [];
    for (let i = from; i < Math.min(count, from + BATCH); i++) batch.push({ kind: 'message-upsert', seq: ++seq, message: benchMessage(INBOX_ID, i) });
    await applyChanges(fresh, batch);
  }
  const small: Change[] = [];
  for (let i = 0; i < 500; i++) small.push({ kind: 'message-upsert', seq: ++seq, message: benchMessage(SMALL_FOLDER_ID, i, Date.UTC(2021, 0, 1)) });
  await applyChanges(fresh, small);
  return performance.now() - started;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

function query(text: string, extra: Partial<SearchQuery> = {}): SearchQuery {
  return { text, unread: false, flagged: false, hasAttachment: false, folderIds: null, since: null, until: null, ...extra };
}

export interface QueryTimings {
  readonly [metric: string]: number;
}

/** One round of the list and search queries on the filled index (a fresh page each round). */
export async function measureQueries(expected: number): Promise<QueryTimings> {
  const d = index();
  // The window has the index open long before a folder is opened.
  await d.open();
  const none = new Set<string>();
  const flat: ListView = { folderIds: [INBOX_ID], sort: 'date', descending: true, threaded: false };
  const threaded: ListView = { ...flat, threaded: true };
  const unified: ListView = { ...flat, folderIds: [INBOX_ID, SMALL_FOLDER_ID] };
  const out: Record<string, number> = {};
  const firstScreen = await timed(async () => Promise.all([countRows(d, flat, none), listRows(d, flat, none, 0, 64)]));
  if (firstScreen.value[0] !== expected || firstScreen.value[1].length !== 64) throw new Error(`unexpected first screen: ${firstScreen.value[0]} rows, ${firstScreen.value[1].length} shown`);
  out['first screen, flat (count + 64 rows)'] = firstScreen.ms;
  out['count, flat'] = (await timed(() => countRows(d, flat, none))).ms;
  out['first 64 rows, flat'] = (await timed(() => listRows(d, flat, none, 0, 64))).ms;
  out['count, threaded'] = (await timed(() => countRows(d, threaded, none))).ms;
  out['first screen, threaded'] = (await timed(async () => Promise.all([countRows(d, threaded, none), listRows(d, threaded, none, 0, 64)]))).ms;
  out['first screen, unified Inbox (2 folders)'] = (await timed(async () => Promise.all([countRows(d, unified, none), listRows(d, unified, none, 0, 64)]))).ms;
  // The list loads each view's order in the background soon after its first page; then a page
  // anywhere is a slice of it and one bulkGet (../../../renderer/src/data/ordered-keys.ts).
  out['orders loaded after the first screens above (flat, threaded, unified)'] = (await timed(() => ordersSettled())).ms;
  out['page at row 70,000, flat, order held'] = (await timed(() => listRows(d, flat, none, 70_000, 64))).ms;
  out['page at row 30,000, threaded, order held'] = (await timed(() => listRows(d, threaded, none, 30_000, 64))).ms;
  // Before a view's order is loaded, a deep page walks the index: timed on a quiet index.
  forgetOrders();
  out['page at row 50,000, flat'] = (await timed(() => listRows(d, flat, none, 50_000, 64))).ms;
  await ordersSettled();
  out['page at row 50,000, by subject'] = (await timed(() => listRows(d, { ...flat, sort: 'subject' }, none, 50_000, 64))).ms;
  await ordersSettled();
  out['page at row 70,000, by subject, order held'] = (await timed(() => listRows(d, { ...flat, sort: 'subject' }, none, 70_000, 64))).ms;
  // What loading an order costs at least: every primary key of the folder in one getAllKeys.
  out['primary keys of the folder in date order (one getAllKeys)'] = (
    await timed(() => d.messages.where('[folderId+sortDate]').between([INBOX_ID, Dexie.minKey], [INBOX_ID, Dexie.maxKey]).primaryKeys())
  ).ms;
  const rows = await listRows(d, threaded, none, 0, 10);
  const target = rows[3]!.message;
  out['open a message (summary + its thread)'] = (await timed(async () => Promise.all([messageById(d, target.id), threadMessages(d, target.folderId, target.threadKey)]))).ms;
  // Orders the reads above scheduled are loaded before the searches are timed.
  await ordersSettled();
  const searches: [string, SearchQuery][] = [
    ['search "quarterly report"', query('quarterly report')],
    ['search "会議" (CJK bigram)', query('会議')],
    ['search prefix "inv"', query('inv')],
    ['search "the" (common word)', query('the')],
    ['search unread + attachment, no words', query('', { unread: true, hasAttachment: true })],
    ['search "user100" in Inbox, flagged', query('user100', { folderIds: [INBOX_ID], flagged: true })],
  ];
  for (const [name, q] of searches) {
    const result = await timed(() => searchIndex(d, q, 200));
    if (result.value.length === 0) throw new Error(`${name} found nothing`);
    out[name] = result.ms;
  }
  return out;
}
