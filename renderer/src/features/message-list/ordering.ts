/**
 * Sorting and threading of message summaries for the list. Threads group by
 * the summary's threadKey (the root Message-ID of its References chain) and
 * are ordered by their newest message, replies inside a thread oldest first.
 */
import type { MessageSummary } from '../../../../core/api/contract.js';

export type SortKey = 'date' | 'from' | 'subject' | 'size';
export type SortDirection = 'asc' | 'desc';

export interface ListRow {
  readonly message: MessageSummary;
  /** 0 for a thread root or any row in flat mode, 1 for replies. */
  readonly depth: number;
  /** Messages in this row's thread (1 in flat mode). */
  readonly threadSize: number;
}

const REPLY_PREFIX = /^(?:\s*(?:re|fwd?|aw|sv|答复|回复|転送)\s*(?:\[\d+\])?\s*[:：]\s*)+/i;

/** The subject without reply/forward prefixes, for sorting. */
export function baseSubject(subject: string): string {
  return subject.replace(REPLY_PREFIX, '').trim().toLowerCase();
}

function when(message: MessageSummary): string {
  return message.date ?? message.receivedAt;
}

function sender(message: MessageSummary): string {
  const first = message.from[0];
  return (first === undefined ? '' : first.name !== '' ? first.name : first.address).toLowerCase();
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export function compareBy(key: SortKey): (a: MessageSummary, b: MessageSummary) => number {
  switch (key) {
    case 'date':
      return (a, b) => (when(a) < when(b) ? -1 : when(a) > when(b) ? 1 : 0);
    case 'from':
      return (a, b) => collator.compare(sender(a), sender(b));
    case 'subject':
      return (a, b) => collator.compare(baseSubject(a.subject), baseSubject(b.subject));
    case 'size':
      return (a, b) => a.size - b.size;
  }
}

/** Ties fall back to date, then id, so the order is total and stable across renders. */
function fullCompare(key: SortKey, direction: SortDirection): (a: MessageSummary, b: MessageSummary) => number {
  const primary = compareBy(key);
  const byDate = compareBy('date');
  const sign = direction === 'asc' ? 1 : -1;
  return (a, b) => sign * (primary(a, b) || byDate(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function flatRows(messages: readonly MessageSummary[], key: SortKey, direction: SortDirection): ListRow[] {
  return [...messages].sort(fullCompare(key, direction)).map((message) => ({ message, depth: 0, threadSize: 1 }));
}

/**
 * Threads sorted by their representative message (the newest for date sort,
 * the root otherwise); the root row first, then replies by date.
 */
export function threadedRows(messages: readonly MessageSummary[], key: SortKey, direction: SortDirection): ListRow[] {
  const threads = new Map<string, MessageSummary[]>();
  for (const message of messages) {
    const list = threads.get(message.threadKey);
    if (list === undefined) threads.set(message.threadKey, [message]);
    else list.push(message);
  }
  const byDateAsc = fullCompare('date', 'asc');
  const compare = fullCompare(key, direction);
  const groups = [...threads.values()].map((members) => {
    members.sort(byDateAsc);
    const representative = key === 'date' ? members[members.length - 1]! : members[0]!;
    return { members, representative };
  });
  groups.sort((a, b) => compare(a.representative, b.representative));
  const rows: ListRow[] = [];
  for (const { members } of groups) {
    members.forEach((message, index) => rows.push({ message, depth: index === 0 ? 0 : 1, threadSize: members.length }));
  }
  return rows;
}
