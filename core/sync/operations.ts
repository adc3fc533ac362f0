import type { MessageSummary } from '../api/contract.js';
import { MailError } from '../net/mail-error.js';
import { readAll, type FolderRecord, type MailCache } from './cache.js';
import { folderId, isLocalUid, LOCAL_UID_BASE, messageId } from './ids.js';
import type { OperationQueue } from './queue.js';
import { summarize } from './summary.js';

/**
 * What the user does to an account's messages and folders. An IMAP account's are queued for the
 * server (LocalOperations); a POP3 account's are local, only deletions reaching the server, as
 * the next session's DELE (Pop3Operations in pop3-operations.ts).
 */
export interface MailOperations {
  setFlags(path: string, uid: number, add: readonly string[], remove: readonly string[]): Promise<void>;
  move(path: string, uid: number, to: string): Promise<void>;
  copy(path: string, uid: number, to: string): Promise<void>;
  /** To Trash, or gone for good when already in Trash, when there is no Trash, or `permanent`. */
  delete(path: string, uid: number, permanent: boolean): Promise<void>;
  /** Stores a new message in `path` (a draft, a sent copy), replacing the message `replaces`. */
  append(path: string, bytes: Uint8Array, flags: readonly string[], replaces: number | null): Promise<MessageSummary>;
  createFolder(path: string, delimiter: string | null): Promise<FolderRecord>;
  deleteFolder(path: string): Promise<void>;
  renameFolder(path: string, to: string): Promise<FolderRecord>;
}

/** `flags` with `remove` taken out (IMAP flags compare case-insensitively, RFC 3501 §2.3.2) and `add` put in, once each. */
export function withFlagChange(flags: readonly string[], add: readonly string[], remove: readonly string[]): string[] {
  const removed = new Set(remove.map((f) => f.toLowerCase()));
  return [...new Set([...flags.filter((f) => !removed.has(f.toLowerCase())), ...add])];
}

/**
 * What the user does to messages and folders, applied to the local copy at once (so the UI
 * shows it, online or not) and queued durably for the server. The replay (replay.ts) sends
 * the queue in order when a connection is available; the next sync then brings the server's
 * own result (and the server wins any conflict).
 */
export class LocalOperations implements MailOperations {
  constructor(
    readonly cache: MailCache,
    readonly queue: OperationQueue,
  ) {}

  async #placeholder(path: string): Promise<number> {
    let next = LOCAL_UID_BASE;
    for (const uid of (await this.cache.index(path)).messages.keys()) if (uid >= next) next = uid + 1;
    for (const entry of await this.cache.maildir(path).list()) if (entry.uid >= next) next = entry.uid + 1;
    return next;
  }

  async #validity(path: string): Promise<number> {
    return (await this.cache.index(path)).sync.uidValidity;
  }

  #refusePlaceholder(uid: number): void {
    // A placeholder's server copy does not exist yet; the operation would have nothing to name.
    if (isLocalUid(uid)) throw new MailError('invalid-argument', 'This message has not reached the server yet; try again after the next sync.');
  }

  async setFlags(path: string, uid: number, add: readonly string[], remove: readonly string[]): Promise<void> {
    const summary = await this.cache.summary(path, uid);
    const flags = withFlagChange(summary.flags, add, remove);
    if (summary.bodyDownloaded) await this.cache.maildir(path).setFlags(uid, flags);
    await this.cache.commit(path, [{ ...summary, flags }], []);
    if (!isLocalUid(uid)) await this.queue.add({ op: 'flags', path, uid, uidValidity: await this.#validity(path), add, remove });
  }

  async move(path: string, uid: number, to: string): Promise<void> {
    this.#refusePlaceholder(uid);
    if (path === to) return;
    const summary = await this.cache.summary(path, uid);
    this.cache.folderRecord(to);
    const placeholder = await this.#placeholder(to);
    await this.queue.add({ op: 'move', path, uid, uidValidity: await this.#validity(path), to, placeholder });
    if (summary.bodyDownloaded) {
      const toId = folderId(this.cache.accountId, to);
      await this.cache.commit(to, [{ ...summary, id: messageId(toId, placeholder), folderId: toId, uid: null }], []);
      await this.cache.maildir(path).moveTo(uid, this.cache.maildir(to), { uid: placeholder });
    }
    await this.cache.commit(path, [], [uid]);
  }

  async copy(path: string, uid: number, to: string): Promise<void> {
    this.#refusePlaceholder(uid);
    const summary = await this.cache.summary(path, uid);
    this.cache.folderRecord(to);
    const placeholder = await this.#placeholder(to);
    await this.queue.add({ op: 'copy', path, uid, uidValidity: await this.#validity(path), to, placeholder });
    if (summary.bodyDownloaded) {
      const source = this.cache.maildir(path);
      const bytes = await readAll(await source.read(uid));
      const toId = folderId(this.cache.accountId, to);
      await this.cache.commit(to, [{ ...summary, id: messageId(toId, placeholder), folderId: toId, uid: null }], []);
      await this.cache.maildir(to).deliver(bytes, { uid: placeholder, flags: summary.flags, internalDate: new Date(summary.receivedAt) });
    }
  }

  /** To Trash, or gone for good when already in Trash, when there is no Trash, or `permanent`. */
  async delete(path: string, uid: number, permanent: boolean): Promise<void> {
    const trash = this.cache.byRole('trash');
    if (!permanent && trash !== undefined && trash.path !== path) return this.move(path, uid, trash.path);
    const summary = await this.cache.summary(path, uid);
    if (isLocalUid(uid)) await this.#dropPendingFor(path, uid);
    else await this.queue.add({ op: 'expunge', path, uid, uidValidity: await this.#validity(path) });
    if (summary.bodyDownloaded) await this.cache.maildir(path).delete(uid);
    await this.cache.commit(path, [], [uid]);
  }

  /** Stores a new message in `path` (a draft, a sent copy) and queues its APPEND. */
  async append(path: string, bytes: Uint8Array, flags: readonly string[], replaces: number | null): Promise<MessageSummary> {
    const record = this.cache.folderRecord(path);
    const placeholder = await this.#placeholder(path);
    const now = new Date();
    let replacedServerUid: number | null = null;
    if (replaces !== null) replaces = await this.cache.resolveUid(path, replaces);
    if (replaces !== null && (await this.cache.index(path)).messages.has(replaces)) {
      if (isLocalUid(replaces)) await this.#dropPendingFor(path, replaces);
      else replacedServerUid = replaces;
      const old = await this.cache.summary(path, replaces);
      if (old.bodyDownloaded) await this.cache.maildir(path).delete(replaces);
      await this.cache.commit(path, [], [replaces]);
    }
    // Index first, then the queue, then the file: a crash between any two leaves either an
    // index entry without a file (dropped by the next sync) or a queued append whose file is
    // missing (skipped), never a file the sync would take for an unfinished download.
    const fid = folderId(this.cache.accountId, path);
    const summary = summarize(bytes, { id: messageId(fid, placeholder), accountId: this.cache.accountId, folderId: fid, uid: null, flags, receivedAt: now, size: bytes.length, bodyDownloaded: true });
    await this.cache.commit(path, [summary], []);
    await this.queue.add({ op: 'append', path, placeholder, flags, replaces: replacedServerUid });
    await this.cache.maildir(record.path).deliver(bytes, { uid: placeholder, flags, internalDate: now });
    return summary;
  }

  async createFolder(path: string, delimiter: string | null): Promise<FolderRecord> {
    const record: FolderRecord = { path, delimiter, role: null, selectable: true };
    await this.cache.setFolders([...this.cache.folders.filter((f) => f.path !== path), record]);
    await this.queue.add({ op: 'create-folder', path });
    return record;
  }

  async deleteFolder(path: string): Promise<void> {
    const record = this.cache.folderRecord(path);
    if (record.role === 'inbox') throw new MailError('invalid-argument', 'INBOX cannot be deleted.');
    await this.cache.setFolders(this.cache.folders.filter((f) => f.path !== path));
    await this.queue.add({ op: 'delete-folder', path });
  }

  async renameFolder(path: string, to: string): Promise<FolderRecord> {
    const record = this.cache.folderRecord(path);
    if (record.role === 'inbox') throw new MailError('invalid-argument', 'INBOX cannot be renamed.');
    // The local copy is dropped and fetched again under the new name by the next sync: simpler
    // than re-keying every id, and the server's RENAME keeps the UIDs anyway.
    const renamed: FolderRecord = { ...record, path: to };
    await this.cache.setFolders([...this.cache.folders.filter((f) => f.path !== path), renamed]);
    await this.queue.add({ op: 'rename-folder', path, to });
    return renamed;
  }

  /** A placeholder removed before the server saw it: its queued move/copy/append goes too. */
  async #dropPendingFor(path: string, placeholder: number): Promise<void> {
    for (const entry of this.queue.entries) {
      const op = entry.operation;
      if ((op.op === 'append' && op.path === path && op.placeholder === placeholder) || ((op.op === 'move' || op.op === 'copy') && op.to === path && op.placeholder === placeholder)) {
        await this.queue.remove(entry.id);
        if (op.op === 'move') {
          // The original still exists on the server in its old folder: delete it there.
          await this.queue.add({ op: 'expunge', path: op.path, uid: op.uid });
        }
      }
    }
  }
}
