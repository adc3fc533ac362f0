import { createHash } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FolderRole, FolderSummary, MessageSummary } from '../api/contract.js';
import { writeFileAtomic } from '../api/atomic-file.js';
import { MaildirStore, type FolderPath, type MaildirFolder } from '../maildir/index.js';
import { MailError } from '../net/mail-error.js';
import { folderId, messageId } from './ids.js';
import type { ChangeInput, ChangeJournal } from './journal.js';
import { summarize } from './summary.js';

export interface FolderRecord {
  readonly path: string;
  readonly delimiter: string | null;
  readonly role: FolderRole | null;
  readonly selectable: boolean;
}

/** What the engine remembers about a folder on the server, next to the Maildir's own state. */
export interface FolderSyncState {
  uidValidity: number;
  uidNext: number;
  /** RFC 7162 HIGHESTMODSEQ as a decimal string (JSON has no bigint); "0" = unknown. */
  highestModSeq: string;
}

interface IndexFile {
  readonly version: 1;
  readonly path: string;
  readonly sync: FolderSyncState;
  readonly messages: readonly MessageSummary[];
  /** Placeholder UID → the server UID its APPEND/MOVE/COPY got (UIDPLUS), for ids handed out earlier. */
  readonly aliases?: Readonly<Record<string, number>>;
}

export class FolderIndex {
  readonly #messages = new Map<number, MessageSummary>();
  /** Kept with every change, so the folder's counts cost nothing per synced batch (not a scan of the folder). */
  #unread = 0;
  readonly aliases = new Map<number, number>();
  sync: FolderSyncState = { uidValidity: 0, uidNext: 0, highestModSeq: '0' };
  constructor(
    readonly path: string,
    readonly file: string,
  ) {}

  /** Local UID → summary; changed only through put() and remove(), which keep the counts. */
  get messages(): ReadonlyMap<number, MessageSummary> {
    return this.#messages;
  }

  get unread(): number {
    return this.#unread;
  }

  put(uid: number, summary: MessageSummary): void {
    const old = this.#messages.get(uid);
    if (old !== undefined && isUnread(old)) this.#unread--;
    this.#messages.set(uid, summary);
    if (isUnread(summary)) this.#unread++;
  }

  remove(uid: number): MessageSummary | undefined {
    const old = this.#messages.get(uid);
    if (old === undefined) return undefined;
    this.#messages.delete(uid);
    if (isUnread(old)) this.#unread--;
    return old;
  }
}

function isUnread(summary: MessageSummary): boolean {
  return !summary.flags.some((f) => f.toLowerCase() === '\\seen');
}

/**
 * One account's local copy: the Maildir++ tree, the folder list, and per folder an index of
 * message summaries (so listing never re-parses every message) plus the server state the sync
 * needs (UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ). Every change to a folder or a summary goes to
 * the change journal when one is attached.
 *
 * The Maildir is the truth; an index is derived from it and rebuilt when it disagrees
 * (a crash between delivering a file and writing the index loses nothing).
 */
export class MailCache {
  readonly #indexes = new Map<string, FolderIndex>();
  #folders: FolderRecord[] = [];

  private constructor(
    readonly accountId: string,
    readonly store: MaildirStore,
    readonly stateDir: string,
    readonly journal: ChangeJournal | undefined,
  ) {}

  static async open(accountId: string, maildirDir: string, stateDir: string, journal?: ChangeJournal): Promise<MailCache> {
    const store = await MaildirStore.open(maildirDir);
    await mkdir(join(stateDir, 'index'), { recursive: true });
    const cache = new MailCache(accountId, store, stateDir, journal);
    cache.#folders = await cache.#readJson<FolderRecord[]>(join(stateDir, 'folders.json'), []);
    return cache;
  }

  get folders(): readonly FolderRecord[] {
    return this.#folders;
  }

  folderRecord(path: string): FolderRecord {
    const record = this.#folders.find((f) => f.path === path);
    if (record === undefined) throw new MailError('not-found', `There is no folder "${path}" in this account.`);
    return record;
  }

  byRole(role: FolderRole): FolderRecord | undefined {
    return this.#folders.find((f) => f.role === role);
  }

  segments(record: FolderRecord): FolderPath {
    if (record.path.toUpperCase() === 'INBOX') return ['INBOX'];
    return record.delimiter !== null && record.delimiter !== '' ? record.path.split(record.delimiter) : [record.path];
  }

  maildir(path: string): MaildirFolder {
    return this.store.folder(this.segments(this.folderRecord(path)));
  }

  /** Replaces the folder list; creates Maildir folders for new ones, journals the difference. */
  async setFolders(records: readonly FolderRecord[]): Promise<void> {
    const before = new Map(this.#folders.map((f) => [f.path, f]));
    const changes: ChangeInput[] = [];
    for (const record of records) {
      if (record.selectable) await this.store.createFolder(this.segments(record));
      const old = before.get(record.path);
      if (old === undefined || old.role !== record.role || old.selectable !== record.selectable || old.delimiter !== record.delimiter) {
        changes.push({ kind: 'folder-upsert', folder: await this.#summaryOf(record) });
      }
      before.delete(record.path);
    }
    for (const gone of before.values()) {
      changes.push({ kind: 'folder-remove', folderId: folderId(this.accountId, gone.path) });
      const file = this.#indexFile(gone.path);
      this.#indexes.delete(gone.path);
      await rm(file, { force: true });
      if (gone.selectable && gone.path.toUpperCase() !== 'INBOX') await this.store.deleteFolder(this.segments(gone)).catch(() => undefined);
    }
    this.#folders = [...records];
    await writeFileAtomic(join(this.stateDir, 'folders.json'), JSON.stringify(this.#folders));
    await this.journal?.append(changes);
  }

  async folderSummaries(): Promise<FolderSummary[]> {
    return Promise.all(this.#folders.map((f) => this.#summaryOf(f)));
  }

  async folderSummary(path: string): Promise<FolderSummary> {
    return this.#summaryOf(this.folderRecord(path));
  }

  async index(path: string): Promise<FolderIndex> {
    let index = this.#indexes.get(path);
    if (index === undefined) {
      index = new FolderIndex(path, this.#indexFile(path));
      const file = await this.#readJson<IndexFile | undefined>(index.file, undefined);
      if (file !== undefined && file.path === path) {
        index.sync = file.sync;
        for (const m of file.messages) index.put(uidOfSummary(m), m);
        for (const [from, to] of Object.entries(file.aliases ?? {})) index.aliases.set(Number(from), to);
      }
      this.#indexes.set(path, index);
    }
    return index;
  }

  /** Summary of a message stored in the Maildir, read from its header block and body. */
  async summarizeStored(path: string, uid: number, serverUid: number | null): Promise<MessageSummary> {
    const folder = this.maildir(path);
    const entry = await folder.get(uid);
    const info = await folder.info(uid);
    const bytes = await readAll(await folder.read(uid));
    return summarize(bytes, {
      id: messageId(folderId(this.accountId, path), uid),
      accountId: this.accountId,
      folderId: folderId(this.accountId, path),
      uid: serverUid,
      flags: entry.flags,
      receivedAt: info.internalDate,
      size: info.size,
      bodyDownloaded: true,
    });
  }

  /** Records summaries and removals of one folder, writes its index, journals the changes. */
  async commit(path: string, upserts: readonly MessageSummary[], removedUids: readonly number[], options: { readonly save?: boolean } = {}): Promise<void> {
    if (upserts.length === 0 && removedUids.length === 0) return;
    const index = await this.index(path);
    const changes: ChangeInput[] = [];
    const fid = folderId(this.accountId, path);
    for (const uid of removedUids) {
      const old = index.remove(uid);
      if (old === undefined) continue;
      changes.push({ kind: 'message-remove', folderId: fid, messageId: old.id });
    }
    for (const upsert of upserts) {
      const uid = uidOfSummary(upsert);
      const summary = keepDownloaded(index.messages.get(uid), upsert);
      index.put(uid, summary);
      changes.push({ kind: 'message-upsert', message: summary });
    }
    if (options.save !== false) await this.saveIndex(path);
    if (changes.length > 0) changes.push({ kind: 'folder-upsert', folder: await this.folderSummary(path) });
    await this.journal?.append(changes);
  }

  /** The summary of message `uid` in `path`; a MailError 'not-found' when the folder has no such message. */
  async summary(path: string, uid: number): Promise<MessageSummary> {
    const summary = (await this.index(path)).messages.get(uid);
    if (summary === undefined) throw new MailError('not-found', `Message ${uid} is not in ${path}.`);
    return summary;
  }

  /** The UID a message has now: a placeholder that reached the server answers with its server UID. */
  async resolveUid(path: string, uid: number): Promise<number> {
    const index = await this.index(path);
    if (index.messages.has(uid)) return uid;
    return index.aliases.get(uid) ?? uid;
  }

  async addAlias(path: string, placeholder: number, serverUid: number): Promise<void> {
    const index = await this.index(path);
    index.aliases.set(placeholder, serverUid);
    await this.saveIndex(path);
  }

  async saveIndex(path: string): Promise<void> {
    const index = await this.index(path);
    await writeFileAtomic(index.file, indexJson(index));
  }

  async #summaryOf(record: FolderRecord): Promise<FolderSummary> {
    let unread = 0;
    let total = 0;
    if (record.selectable) {
      const index = await this.index(record.path);
      total = index.messages.size;
      unread = index.unread;
    }
    const name = record.delimiter !== null && record.delimiter !== '' ? (record.path.split(record.delimiter).at(-1) ?? record.path) : record.path;
    return { id: folderId(this.accountId, record.path), accountId: this.accountId, path: record.path, name, delimiter: record.delimiter, role: record.role, unread, total, selectable: record.selectable };
  }

  #indexFile(path: string): string {
    return join(this.stateDir, 'index', `${createHash('sha256').update(path).digest('hex').slice(0, 40)}.json`);
  }

  async #readJson<T>(file: string, fallback: T): Promise<T> {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as T;
    } catch (error) {
      if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return fallback;
      // A damaged index is derived data: rebuilt from the Maildir by the next sync.
      if (error instanceof SyntaxError) return fallback;
      throw new MailError('io-error', `Could not read ${file}.`, { cause: error });
    }
  }
}

/** Summaries per piece of an index file written in pieces. */
const INDEX_JSON_CHUNK = 1_000;

/**
 * The IndexFile of a folder as JSON, in pieces of INDEX_JSON_CHUNK summaries: the index of a
 * 100,000-message folder is tens of megabytes, which as one string (plus the array it was
 * made from) would be held in memory next to the index itself at every save.
 */
function* indexJson(index: FolderIndex): Generator<string> {
  const head: Omit<IndexFile, 'messages'> = { version: 1, path: index.path, sync: index.sync, aliases: Object.fromEntries(index.aliases) };
  yield `${JSON.stringify(head).slice(0, -1)},"messages":[`;
  let piece: string[] = [];
  let first = true;
  for (const summary of index.messages.values()) {
    piece.push(JSON.stringify(summary));
    if (piece.length === INDEX_JSON_CHUNK) {
      yield `${first ? '' : ','}${piece.join(',')}`;
      first = false;
      piece = [];
    }
  }
  if (piece.length > 0) yield `${first ? '' : ','}${piece.join(',')}`;
  yield ']}';
}

/**
 * A header-only summary never replaces a downloaded one. The body is fetched on demand on a
 * session of its own, so a sync (or a flag change) that read the summary before the body was
 * stored may write its header-only copy after it: the stored file is then the whole message,
 * and the summary must say so. Only the flags of such a late copy are taken.
 */
function keepDownloaded(current: MessageSummary | undefined, upsert: MessageSummary): MessageSummary {
  if (current === undefined || !current.bodyDownloaded || upsert.bodyDownloaded) return upsert;
  return { ...current, flags: [...upsert.flags] };
}

/** The local UID a summary is keyed by (its id ends in "#uid"). */
export function uidOfSummary(summary: MessageSummary): number {
  return Number(summary.id.slice(summary.id.lastIndexOf('#') + 1));
}

export async function readAll(stream: AsyncIterable<unknown>): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
