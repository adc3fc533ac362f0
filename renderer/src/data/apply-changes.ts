/**
 * Applies journal changes to the index. One batch is one Dexie transaction, so the messages,
 * their threads, the contacts and the word index are never seen out of step with each other,
 * and meta.lastSeq moves in the same transaction as the changes it covers.
 *
 * Every operation is idempotent: upserting a message first takes back what its previous version
 * contributed (thread counts, contact uses, words), so applying a change twice leaves the same
 * index as applying it once.
 */
import type { Change } from '../../../core/api/contract.js';
import type { IndexedContact, IndexedFolderCount, IndexedMessage, IndexedThread, TegamiIndex } from './db.js';
import { contactTerms, indexedMessage, messagePeople, messageTokens } from './derive.js';

type MessageChange = Extract<Change, { kind: 'message-upsert' | 'message-remove' }>;

/** The thread row id of a conversation in a folder. */
export function threadId(folderId: string, threadKey: string): string {
  return `${folderId}\u0000${threadKey}`;
}

interface ContactDelta {
  uses: number;
  lastUsed: number;
  /** The newest non-empty name among the added sightings, with its time. */
  name: string;
  nameAt: number;
}

/** What one batch has changed so far, flushed at its end. */
interface ThreadDelta {
  readonly folderId: string;
  readonly threadKey: string;
  /** Message versions that entered (true) and left (false) the conversation, in batch order. */
  readonly events: { readonly message: IndexedMessage; readonly entered: boolean }[];
}

class Batch {
  readonly threads = new Map<string, ThreadDelta>();
  readonly contacts = new Map<string, ContactDelta>();
  /** Per folder: messages added minus removed, threads created minus emptied. */
  readonly messageCounts = new Map<string, number>();
  readonly threadCounts = new Map<string, number>();

  constructor(readonly db: TegamiIndex) {}

  #thread(message: IndexedMessage): ThreadDelta {
    const id = threadId(message.folderId, message.threadKey);
    let delta = this.threads.get(id);
    if (delta === undefined) {
      delta = { folderId: message.folderId, threadKey: message.threadKey, events: [] };
      this.threads.set(id, delta);
    }
    return delta;
  }

  #delta(address: string): ContactDelta {
    let delta = this.contacts.get(address);
    if (delta === undefined) {
      delta = { uses: 0, lastUsed: Number.NEGATIVE_INFINITY, name: '', nameAt: Number.NEGATIVE_INFINITY };
      this.contacts.set(address, delta);
    }
    return delta;
  }

  /** A message (version) enters the index. */
  add(message: IndexedMessage): void {
    this.#thread(message).events.push({ message, entered: true });
    bump(this.messageCounts, message.folderId, 1);
    for (const [address, name] of messagePeople(message)) {
      const delta = this.#delta(address);
      delta.uses += 1;
      delta.lastUsed = Math.max(delta.lastUsed, message.sortDate);
      if (name !== '' && message.sortDate >= delta.nameAt) {
        delta.name = name;
        delta.nameAt = message.sortDate;
      }
    }
  }

  /** A message (version) leaves the index. lastUsed and the name stay: they record the past. */
  remove(message: IndexedMessage): void {
    this.#thread(message).events.push({ message, entered: false });
    bump(this.messageCounts, message.folderId, -1);
    for (const address of messagePeople(message).keys()) this.#delta(address).uses -= 1;
  }

  async flush(): Promise<void> {
    await this.#flushThreads();
    await this.#flushContacts();
    await this.#flushCounts();
  }

  async #flushCounts(): Promise<void> {
    const folders = [...new Set([...this.messageCounts.keys(), ...this.threadCounts.keys()])];
    if (folders.length === 0) return;
    const known = await this.db.counts.bulkGet(folders);
    const puts: IndexedFolderCount[] = [];
    const deletes: string[] = [];
    folders.forEach((folderId, i) => {
      const messages = (known[i]?.messages ?? 0) + (this.messageCounts.get(folderId) ?? 0);
      const threads = (known[i]?.threads ?? 0) + (this.threadCounts.get(folderId) ?? 0);
      if (messages <= 0 && threads <= 0) deletes.push(folderId);
      else puts.push({ folderId, messages: Math.max(0, messages), threads: Math.max(0, threads) });
    });
    await this.db.counts.bulkDelete(deletes);
    await this.db.counts.bulkPut(puts);
  }

  /**
   * Thread rows are updated from what entered and left them: the stored count, unread count and
   * newest message plus this batch's messages. Only a conversation whose newest message left
   * (and did not come back at least as new) is read again, from its members.
   */
  async #flushThreads(): Promise<void> {
    if (this.threads.size === 0) return;
    const ids = [...this.threads.keys()];
    const before = await this.db.threads.bulkGet(ids);
    const puts: IndexedThread[] = [];
    const deletes: string[] = [];
    const recount: string[] = [];
    ids.forEach((id, i) => {
      const delta = this.threads.get(id)!;
      const old = before[i];
      const updated = old === undefined ? fromScratch(id, delta) : incremental(old, delta);
      if (updated === 'recount') recount.push(id);
      else if (updated === null) deletes.push(id);
      else puts.push(updated);
    });
    if (recount.length > 0) {
      const keys = recount.map((id): [string, string] => [this.threads.get(id)!.folderId, this.threads.get(id)!.threadKey]);
      const members = await this.db.messages.where('[folderId+threadKey]').anyOf(keys).toArray();
      const byThread = new Map<string, IndexedMessage[]>();
      for (const m of members) {
        const id = threadId(m.folderId, m.threadKey);
        byThread.set(id, [...(byThread.get(id) ?? []), m]);
      }
      for (const id of recount) {
        const row = threadRow(id, this.threads.get(id)!, byThread.get(id) ?? []);
        if (row === null) deletes.push(id);
        else puts.push(row);
      }
    }
    const existed = new Set(before.flatMap((t) => (t === undefined ? [] : [t.id])));
    for (const id of deletes) if (existed.has(id)) bump(this.threadCounts, this.threads.get(id)!.folderId, -1);
    for (const row of puts) if (!existed.has(row.id)) bump(this.threadCounts, row.folderId, 1);
    await this.db.threads.bulkDelete(deletes);
    await this.db.threads.bulkPut(puts);
  }

  async #flushContacts(): Promise<void> {
    const addresses = [...this.contacts.keys()];
    if (addresses.length === 0) return;
    const known = await this.db.contacts.bulkGet(addresses);
    const puts: IndexedContact[] = [];
    const deletes: string[] = [];
    addresses.forEach((address, i) => {
      const delta = this.contacts.get(address)!;
      const old = known[i];
      const uses = (old?.uses ?? 0) + delta.uses;
      if (uses <= 0) {
        if (old !== undefined) deletes.push(address);
        return;
      }
      const oldLastUsed = old?.lastUsed ?? Number.NEGATIVE_INFINITY;
      const oldName = old?.name ?? '';
      const name = delta.name !== '' && (delta.nameAt >= oldLastUsed || oldName === '') ? delta.name : oldName;
      const lastUsed = Math.max(oldLastUsed, delta.lastUsed);
      puts.push({ address, name, uses, lastUsed: Number.isFinite(lastUsed) ? lastUsed : 0, terms: contactTerms(address, name) });
    });
    await this.db.contacts.bulkDelete(deletes);
    await this.db.contacts.bulkPut(puts);
  }
}

/** The thread row of `members` (null when none is left). */
function threadRow(id: string, delta: ThreadDelta, members: readonly IndexedMessage[]): IndexedThread | null {
  const latest = newest(members);
  if (latest === undefined) return null;
  return {
    id,
    folderId: delta.folderId,
    threadKey: delta.threadKey,
    latestDate: latest.sortDate,
    count: members.length,
    unreadCount: members.reduce((n, m) => n + m.unread, 0),
    latestMessageId: latest.id,
    latestFrom: latest.sortFrom,
    latestSubject: latest.sortSubject,
    latestSize: latest.size,
  };
}

interface NetChange {
  /** Each touched message's version before the batch (if it was in the conversation) and after. */
  readonly before: Map<string, IndexedMessage>;
  readonly after: Map<string, IndexedMessage>;
}

/** What the batch did to a conversation, message by message: only first and last events count. */
function netChange(delta: ThreadDelta): NetChange {
  const before = new Map<string, IndexedMessage>();
  const after = new Map<string, IndexedMessage>();
  const seen = new Set<string>();
  for (const { message, entered } of delta.events) {
    // A message whose first event is leaving was there before the batch.
    if (!seen.has(message.id) && !entered) before.set(message.id, message);
    seen.add(message.id);
    if (entered) after.set(message.id, message);
    else after.delete(message.id);
  }
  return { before, after };
}

/** A conversation the index did not have: made of this batch's messages alone. */
function fromScratch(id: string, delta: ThreadDelta): IndexedThread | null | 'recount' {
  const { before, after } = netChange(delta);
  // Something left a conversation that had no row: the rows disagree, so count the members.
  if (before.size > 0) return 'recount';
  return threadRow(id, delta, [...after.values()]);
}

function incremental(old: IndexedThread, delta: ThreadDelta): IndexedThread | null | 'recount' {
  const { before, after } = netChange(delta);
  const count = old.count + after.size - before.size;
  if (count <= 0) return count === 0 ? null : 'recount';
  let latest = { date: old.latestDate, id: old.latestMessageId, from: old.latestFrom, subject: old.latestSubject, size: old.latestSize };
  if (before.has(old.latestMessageId)) {
    // The newest changed or left. Still there and no older: every other member is older still.
    // Otherwise another member may be the newest now.
    const now = after.get(old.latestMessageId);
    if (now === undefined || now.sortDate < old.latestDate) return 'recount';
  }
  for (const m of after.values()) {
    if (m.id === latest.id || m.sortDate > latest.date || (m.sortDate === latest.date && m.id > latest.id)) {
      latest = { date: m.sortDate, id: m.id, from: m.sortFrom, subject: m.sortSubject, size: m.size };
    }
  }
  const unread = (messages: Map<string, IndexedMessage>): number => [...messages.values()].reduce((n, m) => n + m.unread, 0);
  return {
    ...old,
    count,
    unreadCount: old.unreadCount + unread(after) - unread(before),
    latestDate: latest.date,
    latestMessageId: latest.id,
    latestFrom: latest.from,
    latestSubject: latest.subject,
    latestSize: latest.size,
  };
}

function bump(counts: Map<string, number>, key: string, by: number): void {
  counts.set(key, (counts.get(key) ?? 0) + by);
}

/** The word-index key of a message: newest first in the index's own order. */
function wordKey(message: IndexedMessage): [number, string] {
  return [-message.sortDate, message.id];
}

/** The message a collapsed thread shows: the newest by date, ties broken by id as the list orders them. */
export function newest(messages: readonly IndexedMessage[]): IndexedMessage | undefined {
  let best: IndexedMessage | undefined;
  for (const m of messages) {
    if (best === undefined || m.sortDate > best.sortDate || (m.sortDate === best.sortDate && m.id > best.id)) best = m;
  }
  return best;
}

/** A run of consecutive message changes: one bulk read, one bulk write. */
async function applyMessageRun(batch: Batch, run: readonly MessageChange[]): Promise<void> {
  const { db } = batch;
  const ids = [...new Set(run.map((c) => (c.kind === 'message-upsert' ? c.message.id : c.messageId)))];
  const stored = await db.messages.bulkGet(ids);
  const current = new Map<string, IndexedMessage | undefined>(ids.map((id, i) => [id, stored[i]]));
  const writes = new Map<string, IndexedMessage | null>();
  // Word rows are keyed by date too, so every version that leaves takes its own row with it.
  const staleWords: [number, string][] = [];
  for (const change of run) {
    const id = change.kind === 'message-upsert' ? change.message.id : change.messageId;
    const old = current.get(id);
    if (old !== undefined) {
      batch.remove(old);
      staleWords.push(wordKey(old));
    }
    if (change.kind === 'message-upsert') {
      const row = indexedMessage(change.message);
      batch.add(row);
      current.set(id, row);
      writes.set(id, row);
    } else if (old !== undefined) {
      current.set(id, undefined);
      writes.set(id, null);
    }
  }
  const puts = [...writes.values()].filter((m): m is IndexedMessage => m !== null);
  const deletes = [...writes].filter(([, m]) => m === null).map(([id]) => id);
  await db.messages.bulkDelete(deletes);
  await db.words.bulkDelete(staleWords);
  await db.messages.bulkPut(puts);
  await db.words.bulkPut(puts.map((m) => ({ order: -m.sortDate, messageId: m.id, tokens: messageTokens(m) })));
}

/** Removes the messages of a collection with everything derived from them. */
async function removeMessages(batch: Batch, messages: readonly IndexedMessage[]): Promise<void> {
  for (const message of messages) batch.remove(message);
  await batch.db.messages.bulkDelete(messages.map((m) => m.id));
  await batch.db.words.bulkDelete(messages.map(wordKey));
}

async function removeFolder(batch: Batch, folderId: string): Promise<void> {
  const { db } = batch;
  await removeMessages(batch, await db.messages.where('folderId').equals(folderId).toArray());
  await db.folders.delete(folderId);
}

async function applyStructural(batch: Batch, change: Exclude<Change, MessageChange>): Promise<void> {
  const { db } = batch;
  switch (change.kind) {
    case 'account-upsert':
      await db.accounts.put(change.account);
      return;
    case 'account-remove': {
      // The journal records only the account's removal; its folders and messages go with it.
      const folderIds = await db.folders.where('accountId').equals(change.accountId).primaryKeys();
      for (const folderId of folderIds) await removeFolder(batch, folderId);
      await removeMessages(batch, await db.messages.where('accountId').equals(change.accountId).toArray());
      await db.accounts.delete(change.accountId);
      return;
    }
    case 'folder-upsert':
      await db.folders.put(change.folder);
      return;
    case 'folder-remove':
      await removeFolder(batch, change.folderId);
      return;
  }
}

function isMessageChange(change: Change): change is MessageChange {
  return change.kind === 'message-upsert' || change.kind === 'message-remove';
}

/**
 * Applies `changes` in order in one transaction. meta.lastSeq becomes `lastSeq` when given
 * (never lower than it was); null leaves it alone (a rebuild sets it once at the end).
 */
export async function applyBatch(db: TegamiIndex, changes: readonly Change[], lastSeq: number | null): Promise<void> {
  await db.transaction('rw', [db.accounts, db.folders, db.messages, db.threads, db.contacts, db.words, db.counts, db.meta], async () => {
    const batch = new Batch(db);
    let run: MessageChange[] = [];
    for (const change of changes) {
      if (isMessageChange(change)) {
        run.push(change);
        continue;
      }
      if (run.length > 0) await applyMessageRun(batch, run);
      run = [];
      await applyStructural(batch, change);
    }
    if (run.length > 0) await applyMessageRun(batch, run);
    await batch.flush();
    if (lastSeq !== null) {
      const stored = (await db.meta.get('lastSeq'))?.value ?? 0;
      await db.meta.put({ key: 'lastSeq', value: Math.max(stored, lastSeq) });
    }
  });
}

/**
 * Applies journal changes in order, in one transaction, and records the last one's seq as
 * meta.lastSeq. Which changes to apply (skipping those already applied, noticing gaps) is the
 * caller's business: see ./index-sync.ts.
 */
export async function applyChanges(db: TegamiIndex, changes: readonly Change[]): Promise<void> {
  const last = changes.at(-1);
  await applyBatch(db, changes, last === undefined ? null : last.seq);
}

/** meta.lastSeq: the seq of the last journal change the index holds (0 = none). */
export async function lastAppliedSeq(db: TegamiIndex): Promise<number> {
  return (await db.meta.get('lastSeq'))?.value ?? 0;
}

/** Empties every table (a rebuild starts here). */
export async function clearIndex(db: TegamiIndex): Promise<void> {
  await db.transaction('rw', [db.accounts, db.folders, db.messages, db.threads, db.contacts, db.words, db.counts, db.meta], async () => {
    await Promise.all([db.accounts, db.folders, db.messages, db.threads, db.contacts, db.words, db.counts, db.meta].map((t) => t.clear()));
  });
}
