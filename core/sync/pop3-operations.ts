import type { MessageSummary } from '../api/contract.js';
import { MailError } from '../net/mail-error.js';
import { readAll, type FolderRecord, type MailCache } from './cache.js';
import { folderId, messageId } from './ids.js';
import { withFlagChange, type MailOperations } from './operations.js';
import type { Pop3Ledger } from './pop3-ledger.js';
import { summarize } from './summary.js';

/**
 * A POP3 account's actions. POP3 (RFC 1939) has one maildrop and no folders, flags or uploads:
 * the account's folders are local, so flags, moves, copies, drafts and folders change only the
 * local copy, at once, and nothing is queued for a server that could never take it. Deleting a
 * message is the one thing the server hears of: when the account leaves mail on the server, the
 * message's unique-id is recorded in the ledger and the next POP3 session deletes it there (DELE,
 * committed by QUIT; see syncPop3). Wherever the message was moved to, it keeps its unique-id,
 * so deleting it from any local folder counts (as Thunderbird's "until I delete them" does).
 * Moving to Trash is deleting: the copy in Trash is the local one only.
 */
export class Pop3Operations implements MailOperations {
  constructor(
    readonly cache: MailCache,
    readonly ledger: Pop3Ledger,
    /** Whether the server keeps downloaded mail, so that a local delete must reach it. */
    readonly deleteOnServer: boolean,
  ) {}

  async setFlags(path: string, uid: number, add: readonly string[], remove: readonly string[]): Promise<void> {
    const summary = await this.cache.summary(path, uid);
    const flags = withFlagChange(summary.flags, add, remove);
    await this.cache.maildir(path).setFlags(uid, flags);
    await this.cache.commit(path, [{ ...summary, flags }], []);
  }

  /** One rename in the store, then the indexes: the message is in one folder or the other, never lost. */
  async #moveLocally(path: string, uid: number, to: string): Promise<number> {
    const summary = await this.cache.summary(path, uid);
    this.cache.folderRecord(to);
    const entry = await this.cache.maildir(path).moveTo(uid, this.cache.maildir(to));
    const toId = folderId(this.cache.accountId, to);
    await this.cache.commit(to, [{ ...summary, id: messageId(toId, entry.uid), folderId: toId, uid: null }], []);
    await this.cache.commit(path, [], [uid]);
    return entry.uid;
  }

  async move(path: string, uid: number, to: string): Promise<void> {
    if (path === to) return;
    const toUid = await this.#moveLocally(path, uid, to);
    await this.ledger.moved(path, uid, to, toUid);
  }

  /** A copy is a new local message: only the original stands for the server's. */
  async copy(path: string, uid: number, to: string): Promise<void> {
    const summary = await this.cache.summary(path, uid);
    this.cache.folderRecord(to);
    const bytes = await readAll(await this.cache.maildir(path).read(uid));
    const entry = await this.cache.maildir(to).deliver(bytes, { flags: summary.flags, internalDate: new Date(summary.receivedAt) });
    const toId = folderId(this.cache.accountId, to);
    await this.cache.commit(to, [{ ...summary, id: messageId(toId, entry.uid), folderId: toId, uid: null }], []);
  }

  async delete(path: string, uid: number, permanent: boolean): Promise<void> {
    const trash = this.cache.byRole('trash');
    if (!permanent && trash !== undefined && trash.path !== path) {
      await this.#moveLocally(path, uid, trash.path);
    } else {
      await this.cache.summary(path, uid);
      await this.cache.maildir(path).delete(uid);
      await this.cache.commit(path, [], [uid]);
    }
    // After the local change: a crash before this line leaves the server's copy in place (never
    // downloaded again, the download state remembers it), never a deletion the user did not see.
    await this.ledger.removed(path, uid, this.deleteOnServer);
  }

  async append(path: string, bytes: Uint8Array, flags: readonly string[], replaces: number | null): Promise<MessageSummary> {
    this.cache.folderRecord(path);
    const now = new Date();
    const entry = await this.cache.maildir(path).deliver(bytes, { flags, internalDate: now });
    const fid = folderId(this.cache.accountId, path);
    const summary = summarize(bytes, { id: messageId(fid, entry.uid), accountId: this.cache.accountId, folderId: fid, uid: null, flags, receivedAt: now, size: bytes.length, bodyDownloaded: true });
    await this.cache.commit(path, [summary], []);
    if (replaces !== null && (await this.cache.index(path)).messages.has(replaces)) await this.delete(path, replaces, true);
    return summary;
  }

  async createFolder(path: string, delimiter: string | null): Promise<FolderRecord> {
    if (this.cache.folders.some((f) => f.path === path)) throw new MailError('invalid-argument', `A folder named ${path} already exists.`);
    const record: FolderRecord = { path, delimiter, role: null, selectable: true };
    await this.cache.setFolders([...this.cache.folders, record]);
    return record;
  }

  /** Its messages are deleted as one by one would be (their server copies included, see delete). */
  async deleteFolder(path: string): Promise<void> {
    const record = this.cache.folderRecord(path);
    if (record.role === 'inbox') throw new MailError('invalid-argument', 'INBOX cannot be deleted.');
    for (const uid of (await this.cache.index(path)).messages.keys()) await this.ledger.removed(path, uid, this.deleteOnServer);
    await this.cache.setFolders(this.cache.folders.filter((f) => f.path !== path));
  }

  /**
   * There is no server to rename on and fetch the folder again from: the messages move into the
   * new folder here, one rename each, before the old folder goes.
   */
  async renameFolder(path: string, to: string): Promise<FolderRecord> {
    const record = this.cache.folderRecord(path);
    if (record.role === 'inbox') throw new MailError('invalid-argument', 'INBOX cannot be renamed.');
    if (this.cache.folders.some((f) => f.path === to)) throw new MailError('invalid-argument', `A folder named ${to} already exists.`);
    const renamed: FolderRecord = { ...record, path: to };
    await this.cache.setFolders([...this.cache.folders, renamed]);
    for (const uid of [...(await this.cache.index(path)).messages.keys()]) await this.move(path, uid, to);
    await this.cache.setFolders(this.cache.folders.filter((f) => f.path !== path));
    return renamed;
  }
}
