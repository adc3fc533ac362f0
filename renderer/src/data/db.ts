import { Dexie, type EntityTable, type Table } from 'dexie';
import type { Account, FolderSummary, MessageSummary } from '../../../core/api/contract.js';

/**
 * The renderer's index: a derived copy of what the service knows (DESIGN: the Maildir is the
 * source of truth; this database can be dropped and rebuilt at any time). Rows are the
 * contract's shapes plus the keys the views sort and filter by.
 */

/** A message summary with the derived sort keys the compound indexes use. */
export interface IndexedMessage extends MessageSummary {
  /** Date header, else receivedAt, as epoch milliseconds: the default sort. */
  readonly sortDate: number;
  /** Lower-cased first sender's display name or address. */
  readonly sortFrom: string;
  /** Lower-cased subject without Re:/Fwd:/AW:/返信: prefixes. */
  readonly sortSubject: string;
  /** 1 when \Seen is absent. */
  readonly unread: 0 | 1;
  /** 1 when \Flagged is set. */
  readonly flagged: 0 | 1;
  readonly attachment: 0 | 1;
}

/** One conversation within one folder (threads do not cross folders in the list). */
export interface IndexedThread {
  /** `${folderId}\u0000${threadKey}` */
  readonly id: string;
  readonly folderId: string;
  readonly threadKey: string;
  /** Newest message's sortDate. */
  readonly latestDate: number;
  readonly count: number;
  readonly unreadCount: number;
  /** The newest message's id (the collapsed row shows it). */
  readonly latestMessageId: string;
  /** The newest message's sortFrom, sortSubject and size: a collapsed thread sorts by its newest row. */
  readonly latestFrom: string;
  readonly latestSubject: string;
  readonly latestSize: number;
}

export interface IndexedContact {
  /** Lower-cased address. */
  readonly address: string;
  readonly name: string;
  /** How often this address appeared (from/to/cc); ranks autocomplete. */
  readonly uses: number;
  /** Epoch ms of the latest message that named it. */
  readonly lastUsed: number;
  /** Search tokens of the name and the address (multi-entry index: prefix lookups). */
  readonly terms: readonly string[];
}

/**
 * The search tokens (see ./search-tokens.ts) of one message. One row per message with a
 * multi-entry index on `tokens` costs one record per message instead of one per word. The
 * primary key [order+messageId], order being the negated sortDate, keeps each word's entries
 * newest first in the index's own (forward) order, so a search reads the newest entries of a word
 * with one batched getAll, and a token lookup's keys carry the dates.
 */
export interface IndexedWord {
  /** -sortDate of the message. */
  readonly order: number;
  readonly messageId: string;
  readonly tokens: readonly string[];
}

/**
 * Rows per folder, kept by the change applier: IndexedDB counts a key range by walking it,
 * which on a 100,000-message folder takes longer than painting the whole first screen.
 */
export interface IndexedFolderCount {
  readonly folderId: string;
  readonly messages: number;
  readonly threads: number;
}

export interface IndexMeta {
  readonly key: 'lastSeq';
  readonly value: number;
}

export class TegamiIndex extends Dexie {
  accounts!: EntityTable<Account, 'id'>;
  folders!: EntityTable<FolderSummary, 'id'>;
  messages!: EntityTable<IndexedMessage, 'id'>;
  threads!: EntityTable<IndexedThread, 'id'>;
  contacts!: EntityTable<IndexedContact, 'address'>;
  words!: Table<IndexedWord, [number, string]>;
  counts!: EntityTable<IndexedFolderCount, 'folderId'>;
  meta!: EntityTable<IndexMeta, 'key'>;

  constructor(name = 'tegami-index') {
    super(name);
    this.version(1).stores({
      accounts: 'id',
      folders: 'id, accountId',
      messages:
        'id, folderId, accountId, threadKey, messageId, [folderId+sortDate], [folderId+sortFrom], [folderId+sortSubject], [folderId+size], [folderId+threadKey], [folderId+unread], [folderId+flagged], sortDate',
      threads: 'id, folderId, [folderId+latestDate], [folderId+latestFrom], [folderId+latestSubject], [folderId+latestSize], [folderId+threadKey]',
      contacts: 'address, uses, lastUsed, *terms',
      words: '[order+messageId], messageId, *tokens',
      counts: 'folderId',
      meta: 'key',
    });
  }
}

/** Opens (creating on first use) the index database; tests pass a unique name. */
export function openIndex(name?: string): TegamiIndex {
  return new TegamiIndex(name);
}
