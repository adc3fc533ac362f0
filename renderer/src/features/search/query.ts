import type { Account, FolderSummary } from '../../../../core/api/contract.js';
import type { IndexedMessage } from '../../data/db.js';
import type { SearchQuery } from '../../data/search.js';
import { MAX_SERVER_SEARCH_FOLDERS, MIN_SERVER_SEARCH_CHARS } from './limits.js';

/**
 * The search bar's pure logic: form state → SearchQuery, which folders the server is asked,
 * which server hits pass the filters, and how local and server results merge.
 */

export type FolderScope = 'current' | 'all';

/** The filter controls as the form holds them; dates are <input type="date"> values (YYYY-MM-DD) or ''. */
export interface SearchFilters {
  readonly unread: boolean;
  readonly flagged: boolean;
  readonly hasAttachment: boolean;
  readonly scope: FolderScope;
  readonly since: string;
  readonly until: string;
}

export const NO_FILTERS: SearchFilters = { unread: false, flagged: false, hasAttachment: false, scope: 'current', since: '', until: '' };

const DATE_INPUT = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Local midnight at the start of a date input's day, or null when empty or not a real date
 * (2026-02-30 is refused rather than rolled over into March).
 */
export function dayStart(value: string): number | null {
  const match = DATE_INPUT.exec(value);
  if (match === null) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return null;
  return date.getTime();
}

/** The last millisecond of the date input's day (local time): "until 28 Nov" includes all of 28 Nov. */
export function dayEnd(value: string): number | null {
  const start = dayStart(value);
  if (start === null) return null;
  const next = new Date(start);
  next.setDate(next.getDate() + 1);
  return next.getTime() - 1;
}

/** True when both dates are set and "since" is after "until" (nothing can match; the form says so). */
export function dateRangeInverted(filters: SearchFilters): boolean {
  const since = dayStart(filters.since);
  const until = dayEnd(filters.until);
  return since !== null && until !== null && since > until;
}

export function buildQuery(text: string, filters: SearchFilters, currentFolderIds: readonly string[]): SearchQuery {
  return {
    text: text.trim(),
    unread: filters.unread,
    flagged: filters.flagged,
    hasAttachment: filters.hasAttachment,
    folderIds: filters.scope === 'all' ? null : [...currentFolderIds],
    since: dayStart(filters.since),
    until: dayEnd(filters.until),
  };
}

/** A query that narrows nothing (empty text, no filter) is no search: the list shows the folder. */
export function isActiveQuery(query: SearchQuery): boolean {
  return query.text !== '' || query.unread || query.flagged || query.hasAttachment || query.since !== null || query.until !== null;
}

/** Counted in code points so three kanji qualify as three characters. */
export function wantsServerSearch(query: SearchQuery, online: boolean): boolean {
  return online && [...query.text].length >= MIN_SERVER_SEARCH_CHARS;
}

/** Whether a message passes the query's filters (server hits are checked against them here). */
export function matchesFilters(message: IndexedMessage, query: SearchQuery): boolean {
  if (query.unread && message.unread !== 1) return false;
  if (query.flagged && message.flagged !== 1) return false;
  if (query.hasAttachment && message.attachment !== 1) return false;
  if (query.folderIds !== null && !query.folderIds.includes(message.folderId)) return false;
  if (query.since !== null && message.sortDate < query.since) return false;
  if (query.until !== null && message.sortDate > query.until) return false;
  return true;
}

export interface ServerFolderChoice {
  readonly folderIds: readonly string[];
  /** More folders qualified than MAX_SERVER_SEARCH_FOLDERS; the rest were not asked. */
  readonly truncated: boolean;
  /** How many folders qualified in all. */
  readonly eligible: number;
}

/**
 * The folders whose server is asked: those in scope that live on an IMAP server. POP3 accounts
 * have no server-side search, the Outbox and \Noselect containers have no messages there.
 * Inboxes come first so a truncated "all folders" search still covers what matters most.
 */
export function serverSearchFolders(query: SearchQuery, folders: readonly FolderSummary[], accounts: readonly Account[]): ServerFolderChoice {
  const imapAccounts = new Set(accounts.filter((a) => a.incoming.protocol === 'imap').map((a) => a.id));
  const inScope = query.folderIds === null ? null : new Set(query.folderIds);
  const eligible = folders.filter((f) => f.selectable && f.role !== 'outbox' && imapAccounts.has(f.accountId) && (inScope === null || inScope.has(f.id)));
  const ordered = [...eligible.filter((f) => f.role === 'inbox'), ...eligible.filter((f) => f.role !== 'inbox')];
  return { folderIds: ordered.slice(0, MAX_SERVER_SEARCH_FOLDERS).map((f) => f.id), truncated: ordered.length > MAX_SERVER_SEARCH_FOLDERS, eligible: ordered.length };
}

/**
 * The server's hits that the index knows and that pass the filters, newest first. An id the
 * index does not have yet (synced after the last change event) cannot be listed and is left out.
 */
export function serverHits(found: readonly (IndexedMessage | undefined)[], query: SearchQuery): IndexedMessage[] {
  return found.filter((m): m is IndexedMessage => m !== undefined && matchesFilters(m, query)).sort((a, b) => b.sortDate - a.sortDate);
}

/** Local results first (already ranked), then server hits the index did not find; each id once. */
export function mergeResultIds(local: readonly string[], server: readonly string[]): string[] {
  const seen = new Set<string>();
  const merged: string[] = [];
  for (const id of [...local, ...server]) {
    if (seen.has(id)) continue;
    seen.add(id);
    merged.push(id);
  }
  return merged;
}
