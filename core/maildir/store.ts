import * as path from 'node:path';
import { MailError } from '../net/mail-error.js';
import { syncDirectory, writeFileAtomic } from './atomic.js';
import { makeContext, type MaildirStoreOptions, type StoreContext } from './context.js';
import { isErrno, storeStep } from './errors.js';
import type { StoreFs } from './fs.js';
import { MaildirFolder } from './folder.js';
import { checkFolderPath, folderDirName, formatFolderPath, isInbox, parseFolderDirName, type FolderPath } from './names.js';
import { KEYWORDS_FILE, UIDLIST_FILE } from './state.js';

export const INBOX: FolderPath = ['INBOX'];

/** The Maildir++ marker file Courier and Dovecot put in every subfolder. */
const FOLDER_MARKER = 'maildirfolder';

/**
 * Written at the root of every tree the store creates, so an import can tell our folder
 * name spelling (names.ts) from Dovecot's and Courier's modified UTF-7.
 */
export const LAYOUT_FILE = 'tegami-layout';
const LAYOUT_TEXT = 'folder-names: percent-utf8\n';

function sameFolder(a: FolderPath, b: FolderPath): boolean {
  if (isInbox(a) || isInbox(b)) return isInbox(a) && isInbox(b);
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/**
 * One account's Maildir++ tree: the root is INBOX, every other folder a `.name` directory
 * beside INBOX's tmp/ new/ cur/ (see names.ts for the encoding). Folder handles are cached,
 * so two callers asking for the same folder share its state and its operation queue.
 */
export class MaildirStore {
  private readonly folders = new Map<string, MaildirFolder>();

  private constructor(
    readonly root: string,
    private readonly ctx: StoreContext,
  ) {}

  /**
   * Opens the Maildir at root, creating it when missing unless `create` is false (then a
   * missing Maildir is 'not-found'). Reads nothing else.
   */
  static async open(root: string, options: MaildirStoreOptions & { readonly create?: boolean } = {}): Promise<MaildirStore> {
    const store = new MaildirStore(path.resolve(root), makeContext(options));
    if (options.create === false) {
      const exists = await store.ctx.fs.stat(path.join(store.root, 'cur')).then(
        (s) => s.isDirectory,
        () => false,
      );
      if (!exists) throw new MailError('not-found', `There is no Maildir at ${store.root}.`);
      return store;
    }
    await storeStep(`creating the Maildir at ${store.root}`, async () => {
      await store.makeMaildir(store.root);
      const layout = path.join(store.root, LAYOUT_FILE);
      const exists = await store.ctx.fs.stat(layout).then(
        () => true,
        (error: unknown) => {
          if (isErrno(error, 'ENOENT')) return false;
          throw error;
        },
      );
      if (!exists) await writeFileAtomic(store.ctx.fs, layout, new TextEncoder().encode(LAYOUT_TEXT));
    });
    return store;
  }

  get infoSeparator(): string {
    return this.ctx.separator;
  }

  /** The file system layer the store works through (import and export use it too). */
  get fileSystem(): StoreFs {
    return this.ctx.fs;
  }

  /** A handle on a folder; no I/O until it is used ('not-found' then if it does not exist). */
  folder(folderPath: FolderPath): MaildirFolder {
    checkFolderPath(folderPath);
    const dirName = folderDirName(folderPath);
    const key = isInbox(folderPath) ? '' : dirName;
    let folder = this.folders.get(key);
    if (folder === undefined) {
      folder = new MaildirFolder(this.ctx, isInbox(folderPath) ? INBOX : [...folderPath], path.join(this.root, dirName));
      this.folders.set(key, folder);
    }
    return folder;
  }

  get inbox(): MaildirFolder {
    return this.folder(INBOX);
  }

  /** INBOX first, then every folder in on-disk name order (parents before their children). */
  async listFolders(): Promise<FolderPath[]> {
    const names = await storeStep(`listing the folders in ${this.root}`, () => this.ctx.fs.readdir(this.root));
    const result: FolderPath[] = [INBOX];
    for (const name of names.sort()) {
      const folderPath = parseFolderDirName(name);
      if (folderPath === undefined || isInbox(folderPath)) continue;
      const isDir = await this.ctx.fs.stat(path.join(this.root, name)).then(
        (s) => s.isDirectory,
        () => false,
      );
      if (isDir) result.push(folderPath);
    }
    return result;
  }

  async hasFolder(folderPath: FolderPath): Promise<boolean> {
    const dir = this.folder(folderPath).dir;
    try {
      return (await this.ctx.fs.stat(path.join(dir, 'cur'))).isDirectory;
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return false;
      throw error;
    }
  }

  /**
   * Creates a folder (and nothing for INBOX, which always exists). Refuses a name that differs
   * from an existing one only in letter case: on NTFS and default APFS both would be one
   * directory, and a Maildir copied there would silently merge two folders.
   */
  async createFolder(folderPath: FolderPath): Promise<MaildirFolder> {
    const folder = this.folder(folderPath);
    if (isInbox(folderPath)) return folder;
    const dirName = path.basename(folder.dir);
    const existing = await storeStep(`listing the folders in ${this.root}`, () => this.ctx.fs.readdir(this.root));
    for (const name of existing) {
      if (name === dirName) return folder;
      if (name.toLowerCase() === dirName.toLowerCase() && parseFolderDirName(name) !== undefined) {
        throw new MailError(
          'invalid-argument',
          `Folder "${formatFolderPath(folderPath)}" differs from the existing "${formatFolderPath(parseFolderDirName(name) ?? [])}" only in letter case, which some file systems cannot keep apart.`,
        );
      }
    }
    await storeStep(`creating folder ${formatFolderPath(folderPath)}`, async () => {
      await this.makeMaildir(folder.dir);
      await writeFileAtomic(this.ctx.fs, path.join(folder.dir, FOLDER_MARKER), new Uint8Array());
      await syncDirectory(this.ctx.fs, this.root);
    });
    return folder;
  }

  /** Deletes a folder and its messages (not its subfolders, as IMAP DELETE, RFC 3501 §6.3.4). */
  async deleteFolder(folderPath: FolderPath): Promise<void> {
    if (isInbox(folderPath)) throw new MailError('invalid-argument', 'INBOX cannot be deleted.');
    const folder = this.folder(folderPath);
    if (!(await this.hasFolder(folderPath))) {
      throw new MailError('not-found', `Folder ${formatFolderPath(folderPath)} does not exist.`);
    }
    await folder.reload();
    await storeStep(`deleting folder ${formatFolderPath(folderPath)}`, async () => {
      const fs = this.ctx.fs;
      // The marker and state go first: a crash midway leaves a folder that is plainly damaged
      // rather than one that looks complete with some of its messages missing.
      for (const file of [FOLDER_MARKER, UIDLIST_FILE, KEYWORDS_FILE]) {
        await fs.unlink(path.join(folder.dir, file)).catch((error: unknown) => {
          if (!isErrno(error, 'ENOENT')) throw error;
        });
      }
      for (const sub of ['tmp', 'new', 'cur']) {
        const dir = path.join(folder.dir, sub);
        for (const name of await fs.readdir(dir)) await fs.unlink(path.join(dir, name));
        await fs.rmdir(dir);
      }
      for (const name of await fs.readdir(folder.dir)) await fs.unlink(path.join(folder.dir, name));
      await fs.rmdir(folder.dir);
      await syncDirectory(fs, this.root);
    });
    this.folders.delete(path.basename(folder.dir));
  }

  /** Renames a folder and every folder below it (IMAP RENAME, RFC 3501 §6.3.5). */
  async renameFolder(from: FolderPath, to: FolderPath): Promise<MaildirFolder> {
    if (isInbox(from) || isInbox(to)) throw new MailError('invalid-argument', 'INBOX cannot be renamed here.');
    checkFolderPath(to);
    if (sameFolder(from, to)) return this.folder(to);
    if (!(await this.hasFolder(from))) throw new MailError('not-found', `Folder ${formatFolderPath(from)} does not exist.`);
    if (await this.hasFolder(to)) throw new MailError('invalid-argument', `Folder ${formatFolderPath(to)} already exists.`);
    const all = await this.listFolders();
    const moving = all.filter((p) => !isInbox(p) && p.length >= from.length && from.every((s, i) => p[i] === s));
    const renames = moving.map((p) => ({ old: p, next: [...to, ...p.slice(from.length)] }));
    for (const r of renames) folderDirName(r.next); // checks every new name fits before touching anything
    for (const r of renames) await this.folder(r.old).reload();
    await storeStep(`renaming folder ${formatFolderPath(from)}`, async () => {
      for (const r of renames) {
        await this.ctx.fs.rename(path.join(this.root, folderDirName(r.old)), path.join(this.root, folderDirName(r.next)));
        this.folders.delete(folderDirName(r.old));
        this.folders.delete(folderDirName(r.next));
      }
      await syncDirectory(this.ctx.fs, this.root);
    });
    return this.folder(to);
  }

  private async makeMaildir(dir: string): Promise<void> {
    for (const sub of ['tmp', 'new', 'cur']) await this.ctx.fs.mkdir(path.join(dir, sub));
  }
}
