/**
 * Test doubles for the index tests: summary builders and an in-memory journal service that
 * answers getChanges/listAccounts/listFolders/listMessages and pushes 'changes' events the way
 * core/api does (seq strictly increasing, at most `maxPerCall` changes per answer, `resync`
 * when asked for a position it no longer holds).
 */
import 'fake-indexeddb/auto';
import type {
  Account, Change, ChangesResult, EventListener, FolderRole, FolderSummary, ListMessagesOptions, MailAddress, MessagePage,
  MessageSummary, TegamiEvent,
} from '../../../core/api/contract.js';
import { openIndex, type TegamiIndex } from '../../../renderer/src/data/db.js';
import type { IndexSyncApi } from '../../../renderer/src/data/index-sync.js';

let dbCounter = 0;

/** A fresh, empty index with a name no other test uses. */
export function freshIndex(): TegamiIndex {
  dbCounter += 1;
  return openIndex(`test-index-${dbCounter}-${Math.random().toString(36).slice(2)}`);
}

export function account(id: string): Account {
  return {
    id, name: `Account ${id}`, email: `${id}@tegami.test`,
    incoming: { protocol: 'imap', host: 'imap.tegami.test', port: 993, security: 'tls', username: id },
    outgoing: { host: 'smtp.tegami.test', port: 465, security: 'tls', username: id },
    pop3: null, caFile: null,
  };
}

export function folder(accountId: string, path: string, role: FolderRole | null = null, extra: Partial<FolderSummary> = {}): FolderSummary {
  return {
    id: `${accountId}/${path}`, accountId, path, name: path.split('/').at(-1) ?? path, delimiter: '/', role,
    unread: 0, total: 0, selectable: true, ...extra,
  };
}

export const alice: MailAddress = { name: 'Alice Liddell', address: 'alice@tegami.test' };
export const bob: MailAddress = { name: 'Bob Builder', address: 'bob@tegami.test' };
export const taro: MailAddress = { name: '山田太郎', address: 'taro@example.jp' };

/** A summary in `folderId` dated `day` days after 2026-01-01 (plus `minute` minutes). */
export function message(id: string, folderId: string, day: number, extra: Partial<MessageSummary> = {}): MessageSummary {
  const accountId = folderId.split('/')[0]!;
  const date = new Date(Date.UTC(2026, 0, 1 + day)).toISOString();
  return {
    id, accountId, folderId, uid: null, flags: ['\\Seen'], date, receivedAt: date,
    from: [alice], to: [bob], cc: [], subject: `Subject ${id}`, snippet: '', size: 1000,
    hasAttachments: false, messageId: `<${id}@tegami.test>`, inReplyTo: null, references: [], threadKey: `<${id}@tegami.test>`,
    bodyDownloaded: true, delivery: null, ...extra,
  };
}

type Unsequenced = Change extends infer C ? (C extends Change ? Omit<C, 'seq'> : never) : never;

/** The service side: state, its journal, and the events it pushes. */
export class FakeJournalService implements IndexSyncApi {
  readonly accounts = new Map<string, Account>();
  readonly folders = new Map<string, FolderSummary>();
  readonly messages = new Map<string, MessageSummary>();
  readonly journal: Change[] = [];
  readonly #listeners = new Set<EventListener>();
  /** Sequence numbers at or below this are compacted away. */
  floor = 0;
  lastSeq = 0;
  maxPerCall = 5000;
  calls: string[] = [];
  /** When set, the next getChanges rejects with it (once). */
  failNext: Error | null = null;
  /** Called inside getChanges before it answers (to push events mid catch-up). */
  beforeAnswer: (() => void) | null = null;

  /** Records changes in the state and journal; returns them with their seq. Pushes nothing. */
  record(...changes: Unsequenced[]): Change[] {
    const out: Change[] = [];
    for (const change of changes) {
      this.lastSeq += 1;
      const withSeq = { ...change, seq: this.lastSeq } as Change;
      switch (withSeq.kind) {
        case 'account-upsert': this.accounts.set(withSeq.account.id, withSeq.account); break;
        case 'account-remove':
          this.accounts.delete(withSeq.accountId);
          for (const [id, f] of this.folders) if (f.accountId === withSeq.accountId) this.folders.delete(id);
          for (const [id, m] of this.messages) if (m.accountId === withSeq.accountId) this.messages.delete(id);
          break;
        case 'folder-upsert': this.folders.set(withSeq.folder.id, withSeq.folder); break;
        case 'folder-remove':
          this.folders.delete(withSeq.folderId);
          for (const [id, m] of this.messages) if (m.folderId === withSeq.folderId) this.messages.delete(id);
          break;
        case 'message-upsert': this.messages.set(withSeq.message.id, withSeq.message); break;
        case 'message-remove': this.messages.delete(withSeq.messageId); break;
      }
      this.journal.push(withSeq);
      out.push(withSeq);
    }
    return out;
  }

  /** Records and pushes one 'changes' event. */
  publish(...changes: Unsequenced[]): Change[] {
    const recorded = this.record(...changes);
    this.emit({ type: 'changes', changes: recorded, lastSeq: this.lastSeq });
    return recorded;
  }

  emit(event: TegamiEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  /** Drops journal entries up to `seq` (a client behind it must resync). */
  compact(seq: number): void {
    this.floor = seq;
    this.journal.splice(0, this.journal.findIndex((c) => c.seq > seq) === -1 ? this.journal.length : this.journal.findIndex((c) => c.seq > seq));
  }

  onEvent(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }

  async getChanges(sinceSeq: number): Promise<ChangesResult> {
    this.calls.push(`getChanges(${sinceSeq})`);
    await Promise.resolve();
    if (this.failNext !== null) {
      const error = this.failNext;
      this.failNext = null;
      throw error;
    }
    this.beforeAnswer?.();
    if (sinceSeq > this.lastSeq || sinceSeq < this.floor) return { resync: true, lastSeq: this.lastSeq };
    const changes = this.journal.filter((c) => c.seq > sinceSeq).slice(0, this.maxPerCall);
    return { resync: false, changes, lastSeq: changes.at(-1)?.seq ?? this.lastSeq };
  }

  async listAccounts(): Promise<readonly Account[]> {
    this.calls.push('listAccounts');
    return [...this.accounts.values()];
  }

  async listFolders(accountId: string): Promise<readonly FolderSummary[]> {
    this.calls.push(`listFolders(${accountId})`);
    return [...this.folders.values()].filter((f) => f.accountId === accountId);
  }

  async listMessages(folderId: string, options: ListMessagesOptions): Promise<MessagePage> {
    this.calls.push(`listMessages(${folderId},${options.offset},${options.limit})`);
    const all = [...this.messages.values()].filter((m) => m.folderId === folderId).sort((a, b) => (b.receivedAt < a.receivedAt ? -1 : b.receivedAt > a.receivedAt ? 1 : 0));
    return { messages: all.slice(options.offset, options.offset + options.limit), total: all.length };
  }
}

/** Waits until `check` holds (polling the event loop), or fails after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
