import type { MessageSummary } from '../api/contract.js';
import type { ImapClient } from '../imap/client.js';
import type { MailboxInfo } from '../imap/commands/list.js';
import type { FetchAttributes } from '../imap/parser/index.js';
import type { FetchResult } from '../imap/commands/fetch.js';
import { MailError } from '../net/mail-error.js';
import type { FolderRecord, MailCache } from './cache.js';
import { folderId, isLocalUid, messageId } from './ids.js';
import { DEFAULT_BODY_SIZE_LIMIT, FETCH_BATCH, INDEX_SAVE_EVERY, INDEX_SAVE_FRACTION } from './limits.js';
import type { FolderReport, ProgressListener } from './progress.js';
import { roleOf } from './roles.js';
import { summarize } from './summary.js';
import { compressSequenceSet, expandSequenceSet } from '../imap/parser/index.js';

export interface SyncOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: ProgressListener;
  /** Bodies above this many bytes are left on the server until opened. */
  readonly bodySizeLimit?: number;
  /** Only these folders (server paths); all selectable ones when absent. */
  readonly folders?: readonly string[];
  /** Messages per UID FETCH of new mail (default FETCH_BATCH); each batch is durable before the next. */
  readonly batchSize?: number;
  /** New messages between index saves while the folder is small (default INDEX_SAVE_EVERY). */
  readonly indexSaveEvery?: number;
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new MailError('cancelled', 'The sync was cancelled.');
}

/** LIST → the cache's folder list with roles (RFC 6154 attributes first, then common names). */
export async function syncFolderList(client: ImapClient, cache: MailCache): Promise<readonly FolderRecord[]> {
  const boxes: MailboxInfo[] = await client.run('list');
  const taken = new Set(boxes.map((b) => roleOf(b.path, b.delimiter, b.attributes, new Set())).filter((r) => r !== null));
  const records: FolderRecord[] = boxes.map((b) => {
    const special = roleOf(b.path, b.delimiter, b.attributes, new Set());
    // Name-based guesses only where no folder carries that role as an attribute.
    const role = special ?? roleOf(b.path, b.delimiter, [], taken);
    return { path: b.path, delimiter: b.delimiter, role, selectable: b.selectable };
  });
  await cache.setFolders(records);
  return records;
}

/** Every selectable folder, INBOX first, then the rest in name order. */
export async function syncAccount(client: ImapClient, cache: MailCache, options: SyncOptions = {}): Promise<FolderReport[]> {
  options.onProgress?.({ phase: 'folders', folder: null, foldersDone: 0, foldersTotal: 0, messagesDone: 0, messagesTotal: 0, bytes: 0 });
  const records = await syncFolderList(client, cache);
  const wanted = records
    .filter((r) => r.selectable && (options.folders === undefined || options.folders.includes(r.path)))
    .sort((a, b) => (a.role === 'inbox' ? -1 : b.role === 'inbox' ? 1 : a.path.localeCompare(b.path)));
  const reports: FolderReport[] = [];
  let bytes = 0;
  for (const [i, record] of wanted.entries()) {
    checkAborted(options.signal);
    let report: FolderReport;
    try {
      report = await syncFolder(client, cache, record.path, {
        ...options,
        onProgress: (p) => options.onProgress?.({ ...p, foldersDone: i, foldersTotal: wanted.length, bytes: bytes + p.bytes }),
      });
    } catch (error) {
      // Deleted elsewhere between LIST and SELECT: the next folder-list sync removes it here.
      if (error instanceof MailError && error.code === 'mailbox-not-found') continue;
      throw error;
    }
    bytes += report.bytes;
    reports.push(report);
  }
  options.onProgress?.({ phase: 'done', folder: null, foldersDone: wanted.length, foldersTotal: wanted.length, messagesDone: 0, messagesTotal: 0, bytes });
  return reports;
}

interface ServerMessage {
  readonly uid: number;
  readonly flags: readonly string[];
  readonly size: number;
}

function visibleFlags(flags: readonly string[] | undefined): string[] {
  // \Recent is session state (RFC 3501 §2.3.2), never stored.
  return (flags ?? []).filter((f) => f.toLowerCase() !== '\\recent');
}

function sameFlags(a: readonly string[], b: readonly string[]): boolean {
  const x = new Set(a.map((f) => f.toLowerCase()));
  const y = new Set(b.map((f) => f.toLowerCase()));
  return x.size === y.size && [...x].every((f) => y.has(f));
}

/** The largest UID, 0 for none. A loop, not Math.max(...uids): spreading a few hundred thousand arguments overflows the stack. */
function highestUid(uids: Iterable<number>): number {
  let highest = 0;
  for (const uid of uids) if (uid > highest) highest = uid;
  return highest;
}

function sectionBytes(attributes: FetchAttributes): Uint8Array | undefined {
  for (const section of attributes.sections ?? []) {
    if (section.data instanceof Uint8Array) return section.data;
  }
  return undefined;
}

/**
 * Brings one folder up to date with the server.
 *
 * 1. SELECT. A UIDVALIDITY other than the one recorded voids every UID we hold (RFC 3501
 *    §2.3.1.1): messages that came from the server are dropped and fetched again; messages
 *    that exist only here (placeholder UIDs of unreplayed operations) are kept.
 * 2. Find what changed: with CONDSTORE and a recorded HIGHESTMODSEQ, only flags changed since
 *    it (RFC 7162 §3.1.4) plus a UID SEARCH for deletions; otherwise every UID and its flags.
 * 3. Apply: deletions and flag changes locally (the server wins), then new messages newest
 *    first in batches; a body above the size limit keeps only its summary until opened.
 *
 * Every batch's files are durable before the next batch starts (fsync, rename, directory
 * fsync). The UID map, then the index, are written after a span of batches that grows with
 * the folder, so a crash anywhere means the next run keeps what the index names, removes the
 * files it does not, and fetches those again: never a second copy.
 */
export async function syncFolder(client: ImapClient, cache: MailCache, path: string, options: SyncOptions = {}): Promise<FolderReport> {
  const started = Date.now();
  const limit = options.bodySizeLimit ?? DEFAULT_BODY_SIZE_LIMIT;
  const fid = folderId(cache.accountId, path);
  const index = await cache.index(path);
  const folder = cache.maildir(path);
  const condstore = client.capabilities.has('CONDSTORE');
  // RFC 7162 §3.2.5: with QRESYNC the SELECT itself reports what vanished and which flags
  // changed since the recorded mod-sequence (ignored by the server if UIDVALIDITY moved on).
  const qresync = client.capabilities.has('QRESYNC') && index.sync.uidValidity !== 0 && index.sync.highestModSeq !== '0';
  const selected = await client.run(
    'select',
    path,
    qresync ? { qresync: { uidValidity: index.sync.uidValidity, modseq: BigInt(index.sync.highestModSeq) } } : condstore ? { condstore: true } : {},
  );
  const box = selected.mailbox;
  const uidValidity = box.uidValidity ?? 0;
  let method: FolderReport['method'] = 'full';
  let removed = 0;
  let updated = 0;
  let added = 0;
  let bytes = 0;

  // Reconcile the Maildir with the index after a crash. Deliveries inside a batch record their
  // UIDs only when the batch ends, so a file the index does not know came from a batch that
  // never finished, and the UID the Maildir gave it on opening may be invented: it is removed
  // and fetched again (at most what was delivered since the index was last saved). Such an
  // invented UID may also equal the server UID of a message the index keeps header-only (its
  // body above the size limit), so a file counts only for a summary that says it was stored;
  // a body stored just before a crash is fetched again when opened. An index entry whose file
  // is gone is dropped.
  const localUids = new Set<number>();
  for (const entry of await folder.list()) {
    if (index.messages.get(entry.uid)?.bodyDownloaded === true) localUids.add(entry.uid);
    else await folder.delete(entry.uid);
  }
  const dropped: number[] = [];
  for (const [uid, summary] of index.messages) {
    if (summary.bodyDownloaded && !localUids.has(uid)) dropped.push(uid);
  }
  await cache.commit(path, [], dropped);

  if (index.sync.uidValidity !== 0 && index.sync.uidValidity !== uidValidity) {
    method = 'uidvalidity-reset';
    const gone: number[] = [];
    for (const uid of [...index.messages.keys()]) {
      if (isLocalUid(uid)) continue;
      if (localUids.has(uid)) await folder.delete(uid);
      localUids.delete(uid);
      gone.push(uid);
    }
    removed += gone.length;
    await cache.commit(path, [], gone);
    index.sync = { uidValidity, uidNext: 0, highestModSeq: '0' };
    await cache.saveIndex(path);
  }
  if (uidValidity !== 0 && (await folder.state()).uidValidity !== uidValidity) await folder.setState({ uidValidity });

  const known = new Map<number, MessageSummary>();
  for (const [uid, summary] of index.messages) if (!isLocalUid(uid)) known.set(uid, summary);
  const flagUpdates = new Map<number, readonly string[]>();
  const newMessages: ServerMessage[] = [];
  const vanished: number[] = [];
  const recordedModSeq = BigInt(index.sync.highestModSeq);

  if (box.exists === 0) {
    vanished.push(...known.keys());
  } else if (qresync && box.highestModseq !== undefined && method === 'full' && index.sync.uidValidity === uidValidity) {
    method = 'qresync';
    for (const set of selected.vanished) {
      for (const uid of expandSequenceSet(set)) if (known.has(uid)) vanished.push(uid);
    }
    for (const m of selected.changed) {
      const uid = m.attributes.uid;
      if (uid !== undefined && known.has(uid) && m.attributes.flags !== undefined) flagUpdates.set(uid, visibleFlags(m.attributes.flags));
    }
    const maxKnown = highestUid(known.keys());
    if ((box.uidNext ?? Number.MAX_SAFE_INTEGER) > maxKnown + 1) {
      // "n:*" always names the last message, even when its UID is below n (RFC 3501 §6.4.8).
      const listing = await client.run('fetch', `${maxKnown + 1}:*`, { flags: true, size: true });
      for (const m of listing.messages) {
        const uid = m.attributes.uid;
        if (uid !== undefined && uid > maxKnown && !known.has(uid)) newMessages.push({ uid, flags: visibleFlags(m.attributes.flags), size: m.attributes.size ?? 0 });
      }
    }
  } else if (condstore && recordedModSeq > 0n && box.highestModseq !== undefined && method === 'full') {
    method = 'condstore';
    const maxKnown = highestUid(known.keys());
    if (box.highestModseq !== recordedModSeq) {
      const changed = await client.run('fetch', '1:*', { flags: true }, { changedSince: recordedModSeq });
      for (const m of changed.messages) {
        const uid = m.attributes.uid;
        if (uid !== undefined && known.has(uid)) flagUpdates.set(uid, visibleFlags(m.attributes.flags));
      }
    }
    // Deletions leave no mod-sequence without QRESYNC: compare the UID list (one short reply).
    const all = await client.run('search', { all: true });
    const present = new Set(all.ids);
    for (const uid of known.keys()) if (!present.has(uid)) vanished.push(uid);
    const fresh = all.ids.filter((uid) => uid > maxKnown || (!known.has(uid) && uid > 0));
    if (fresh.length > 0) {
      const listing = await client.run('fetch', compressSequenceSet(fresh), { flags: true, size: true });
      for (const m of listing.messages) {
        const uid = m.attributes.uid;
        if (uid !== undefined && !known.has(uid)) newMessages.push({ uid, flags: visibleFlags(m.attributes.flags), size: m.attributes.size ?? 0 });
      }
    }
  } else {
    const listing = await client.run('fetch', '1:*', { flags: true, size: true });
    const present = new Set<number>();
    for (const m of listing.messages) {
      const uid = m.attributes.uid;
      if (uid === undefined) continue;
      present.add(uid);
      const flags = visibleFlags(m.attributes.flags);
      const mine = known.get(uid);
      if (mine === undefined) newMessages.push({ uid, flags, size: m.attributes.size ?? 0 });
      else flagUpdates.set(uid, flags);
    }
    for (const uid of known.keys()) if (!present.has(uid)) vanished.push(uid);
  }
  checkAborted(options.signal);

  // Deletions and moves made elsewhere.
  for (const uid of vanished) {
    if (localUids.has(uid)) await folder.delete(uid);
    localUids.delete(uid);
  }
  removed += vanished.length;
  // Flag changes: the server wins.
  const flagSummaries: MessageSummary[] = [];
  for (const [uid, flags] of flagUpdates) {
    const mine = known.get(uid);
    if (mine === undefined || sameFlags(mine.flags, flags)) continue;
    // A body opened meanwhile (fetchBody, on its own session) is a file now too; the commit
    // keeps its downloaded summary and takes these flags, so the file must take them as well.
    if (localUids.has(uid) || index.messages.get(uid)?.bodyDownloaded === true) await folder.setFlags(uid, flags);
    flagSummaries.push({ ...mine, flags });
  }
  updated = flagSummaries.length;
  // Journalled now, written to the index file with the rest below: the files already carry
  // the flags and are gone, and until the sync state is advanced a crash only makes the next
  // run ask the server for the same changes again (RFC 7162 §3.2.5: changes and VANISHED
  // since the recorded mod-sequence), so one rewrite of a large index is saved per resync.
  await cache.commit(path, flagSummaries, vanished, { save: false });

  // New messages, newest first (the user sees the latest mail soonest).
  newMessages.sort((a, b) => b.uid - a.uid);
  const total = newMessages.length;
  options.onProgress?.({ phase: 'messages', folder: path, foldersDone: 0, foldersTotal: 0, messagesDone: 0, messagesTotal: total, bytes: 0 });
  const batchSize = Math.max(1, options.batchSize ?? FETCH_BATCH);
  const fetchOptions = options.signal !== undefined ? { signal: options.signal } : {};
  // One batch is fetched while the previous one is written to disk (the session pipelines
  // tagged commands), so the network and the disk work at the same time.
  interface Fetched {
    readonly whole: FetchResult | undefined;
    readonly large: FetchResult | undefined;
    readonly size: number;
  }
  const request = (from: number): Promise<Fetched> => {
    const batch = newMessages.slice(from, from + batchSize);
    const whole = batch.filter((m) => m.size <= limit).map((m) => m.uid);
    const large = batch.filter((m) => m.size > limit).map((m) => m.uid);
    const result = Promise.all([
      whole.length > 0 ? client.run('fetch', compressSequenceSet(whole), { flags: true, internalDate: true, size: true, source: true }, fetchOptions) : undefined,
      large.length > 0 ? client.run('fetch', compressSequenceSet(large), { flags: true, internalDate: true, size: true, headers: true }, fetchOptions) : undefined,
    ]).then(([w, l]) => ({ whole: w, large: l, size: batch.length }));
    // Observed here so a prefetch abandoned by a cancellation is not an unhandled rejection.
    result.catch(() => undefined);
    return result;
  };
  // The whole batch is delivered at once (files fsynced, renamed, one directory fsync)
  // before any summary of it is committed to the index or the journal.
  const storeBatch = async (current: Fetched): Promise<MessageSummary[]> => {
    const summaries: MessageSummary[] = [];
    const deliveries: Array<{ uid: number; data: Uint8Array; flags: string[]; internalDate: Date; size: number }> = [];
    const inBatch = new Set<number>();
    for (const m of current.whole?.messages ?? []) {
      const uid = m.attributes.uid;
      const data = sectionBytes(m.attributes);
      // A message expunged meanwhile answers without data: the next run sees it gone.
      if (uid === undefined || data === undefined || localUids.has(uid) || inBatch.has(uid)) continue;
      inBatch.add(uid);
      const flags = visibleFlags(m.attributes.flags);
      deliveries.push({ uid, data, flags, internalDate: new Date(m.attributes.internalDateMs ?? Date.now()), size: m.attributes.size ?? data.length });
    }
    await folder.deliverBatch(deliveries.map((d) => ({ content: d.data, uid: d.uid, flags: d.flags, internalDate: d.internalDate })));
    for (const d of deliveries) {
      localUids.add(d.uid);
      bytes += d.data.length;
      summaries.push(summarize(d.data, { id: messageId(fid, d.uid), accountId: cache.accountId, folderId: fid, uid: d.uid, flags: d.flags, receivedAt: d.internalDate, size: d.size, bodyDownloaded: true }));
    }
    for (const m of current.large?.messages ?? []) {
      const uid = m.attributes.uid;
      const data = sectionBytes(m.attributes);
      if (uid === undefined || data === undefined) continue;
      const flags = visibleFlags(m.attributes.flags);
      bytes += data.length;
      summaries.push(summarize(data, { id: messageId(fid, uid), accountId: cache.accountId, folderId: fid, uid, flags, receivedAt: new Date(m.attributes.internalDateMs ?? Date.now()), size: m.attributes.size ?? 0, bodyDownloaded: false }));
    }
    return summaries;
  };
  let pending = newMessages.length > 0 ? request(0) : undefined;
  let start = 0;
  const saveEvery = Math.max(1, options.indexSaveEvery ?? INDEX_SAVE_EVERY);
  // One Maildir batch spans several fetch batches: the UID map is written when it closes, and
  // the index right after it, so the index never names a UID the map has not recorded. Both
  // files grow with the folder, so the span grows with it too (a quarter of what the index
  // holds, at least INDEX_SAVE_EVERY messages): rewriting them then costs a constant multiple
  // of the folder's size in all, not its square. The change journal still gets every fetch
  // batch, so the window fills as before. After a crash, files delivered since the last save
  // are unknown to the index and are removed and fetched again (see the reconciliation above).
  while (pending !== undefined) {
    const saveAfter = Math.max(saveEvery, Math.floor(index.messages.size * INDEX_SAVE_FRACTION));
    let sinceSave = 0;
    await folder.batch(async () => {
      while (pending !== undefined && sinceSave < saveAfter) {
        checkAborted(options.signal);
        const current: Fetched = await pending;
        pending = start + batchSize < newMessages.length ? request(start + batchSize) : undefined;
        const summaries = await storeBatch(current);
        added += summaries.length;
        sinceSave += summaries.length;
        await cache.commit(path, summaries, [], { save: false });
        options.onProgress?.({ phase: 'messages', folder: path, foldersDone: 0, foldersTotal: 0, messagesDone: Math.min(start + current.size, total), messagesTotal: total, bytes });
        start += batchSize;
      }
    });
    // The last one is saved below, with the folder's new sync state.
    if (pending !== undefined) await cache.saveIndex(path);
  }

  // Only now is the recorded state advanced: a crash before this repeats the comparison, never skips it.
  index.sync = { uidValidity, uidNext: box.uidNext ?? 0, highestModSeq: (box.highestModseq ?? 0n).toString() };
  await cache.saveIndex(path);
  let serverTotal = 0;
  for (const uid of index.messages.keys()) if (!isLocalUid(uid)) serverTotal++;
  return { path, added, updated, removed, total: serverTotal, bytes, ms: Date.now() - started, method };
}

/** Downloads the body of a message whose summary was kept header-only, and stores it. */
export async function fetchBody(client: ImapClient, cache: MailCache, path: string, uid: number): Promise<MessageSummary> {
  const index = await cache.index(path);
  const summary = index.messages.get(uid);
  if (summary === undefined) throw new MailError('not-found', `Message ${uid} is not in ${path}.`);
  if (summary.bodyDownloaded) return summary;
  if (client.state.selected?.path !== path) await client.run('select', path);
  const fetched = await client.run('fetch', String(uid), { flags: true, internalDate: true, source: true });
  const message = fetched.messages.find((m) => m.attributes.uid === uid);
  const data = message !== undefined ? sectionBytes(message.attributes) : undefined;
  if (message === undefined || data === undefined) throw new MailError('not-found', `Message ${uid} is no longer on the server.`);
  const internalDate = new Date(message.attributes.internalDateMs ?? Date.now());
  // The summary as it is now, not as it was before the FETCH: a sync or a flag change may have
  // committed meanwhile, and its flags are the local truth (a queued STORE has not reached the
  // server yet). The file gets the same flags, so the Maildir and the summary agree.
  const current = index.messages.get(uid) ?? summary;
  const flags = [...current.flags];
  const folder = cache.maildir(path);
  // Stored already (a summary once overwritten by a header-only copy): the file is the whole
  // message, delivering it again would only collide with its UID.
  if ((await folder.list()).some((e) => e.uid === uid)) await folder.setFlags(uid, flags);
  else await folder.deliver(data, { uid, flags, internalDate });
  // A sync of this folder may hold its UID map open for a span of batches; the index below
  // names the file by its UID, so the map must record it first (else, after a crash, the file
  // would get an invented UID that could be another message's).
  await folder.flush();
  const full = summarize(data, { id: summary.id, accountId: cache.accountId, folderId: summary.folderId, uid, flags, receivedAt: internalDate, size: data.length, bodyDownloaded: true });
  await cache.commit(path, [full], []);
  return full;
}
