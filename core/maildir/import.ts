import * as path from 'node:path';
import { MailError } from '../net/mail-error.js';
import { isErrno, storeStep } from './errors.js';
import { fileChunks } from './file-chunks.js';
import { parseFromLine } from './from-line.js';
import { mboxStatusFlags, peekHeader } from './header-peek.js';
import { DEFAULT_INFO_SEPARATOR, parseFileName, type InfoSeparator, type ParsedFileName } from './filename.js';
import { joinFlags } from './flags.js';
import type { StoreFs } from './fs.js';
import { readMbox, type MboxFormat } from './mbox-reader.js';
import { formatFolderPath, parseFolderDirName, type FolderPath } from './names.js';
import { readKeywords } from './state.js';
import { INBOX, LAYOUT_FILE, type MaildirStore } from './store.js';
import { decodeModifiedUtf7 } from './utf7.js';

export interface ImportCount {
  readonly folder: FolderPath;
  readonly messages: number;
}

/**
 * Imports every message of an mbox stream into one folder (created when missing), with the
 * From_ line's date as INTERNALDATE and the flags of its Status/X-Status header fields.
 */
export async function importMbox(
  store: MaildirStore,
  source: AsyncIterable<Uint8Array>,
  options: { readonly folder?: FolderPath; readonly format?: MboxFormat } = {},
): Promise<ImportCount> {
  const folderPath = options.folder ?? INBOX;
  const folder = await store.createFolder(folderPath);
  const messages = await folder.batch(async () => {
    let count = 0;
    for await (const message of readMbox(source, options.format ?? 'mboxrd')) {
      const { header, content } = await peekHeader(message.content);
      const flags = mboxStatusFlags(header);
      await folder.deliver(content, message.date === undefined ? { flags } : { flags, internalDate: message.date });
      count++;
    }
    return count;
  });
  return { folder: folderPath, messages };
}

/** A header field name followed by ':' (RFC 5322 §2.2). */
function looksLikeMessage(first: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(first.subarray(0, 1000));
  return /^[\x21-\x39\x3b-\x7e]+[ \t]*:/.test(head);
}

/**
 * The file's bytes, checked to begin like a message. Some programs save a single message with
 * its mbox From_ line in front; that line is envelope data, not part of the message, and is
 * dropped.
 */
async function* checkedMessage(file: string, chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let first = true;
  for await (const whole of chunks) {
    let chunk = whole;
    if (first) {
      const lf = chunk.indexOf(0x0a);
      if (lf > 0 && parseFromLine(chunk.subarray(0, lf + 1)) !== undefined) chunk = chunk.subarray(lf + 1);
      if (!looksLikeMessage(chunk)) {
        throw new MailError('invalid-argument', `${file} is not a mail message (it does not begin with a header field).`);
      }
    }
    first = false;
    yield chunk;
  }
  if (first) throw new MailError('invalid-argument', `${file} is empty.`);
}

/** Imports single message files (.eml); INTERNALDATE is the file's modification time. */
export async function importEml(store: MaildirStore, files: readonly string[], options: { readonly folder?: FolderPath } = {}): Promise<ImportCount> {
  const folderPath = options.folder ?? INBOX;
  const folder = await store.createFolder(folderPath);
  const fs = store.fileSystem;
  const messages = await folder.batch(async () => {
    let count = 0;
    for (const file of files) {
      const mtime = await fs.stat(file).then(
        (s) => new Date(s.mtimeMs),
        () => undefined,
      );
      await folder.deliver(checkedMessage(file, fileChunks(fs, file)), mtime === undefined ? {} : { internalDate: mtime });
      count++;
    }
    return count;
  });
  return { folder: folderPath, messages };
}

interface SourceFolder {
  readonly folder: FolderPath;
  readonly dir: string;
}

/**
 * The folders of a Maildir++ tree. A tree written by Tegami (it has our layout file) uses our
 * percent encoding; any other (Dovecot, Courier) spells names in modified UTF-7 with "." as
 * the separator.
 */
async function sourceFolders(fs: StoreFs, root: string): Promise<SourceFolder[]> {
  const ours = await fs.stat(path.join(root, LAYOUT_FILE)).then(
    () => true,
    () => false,
  );
  const folders: SourceFolder[] = [];
  if (await isMaildir(fs, root)) folders.push({ folder: INBOX, dir: root });
  for (const name of (await fs.readdir(root)).sort()) {
    if (!name.startsWith('.') || name === '.' || name === '..') continue;
    const dir = path.join(root, name);
    if (!(await isMaildir(fs, dir))) continue;
    let folder: FolderPath | undefined;
    if (ours) folder = parseFolderDirName(name);
    else {
      const parts = name.slice(1).split('.').map(decodeModifiedUtf7);
      folder = parts.every((p): p is string => p !== undefined && p.length > 0) ? parts : undefined;
    }
    if (folder === undefined) {
      throw new MailError('invalid-argument', `Cannot read the folder name of ${dir}.`);
    }
    folders.push({ folder, dir });
  }
  if (folders.length === 0) throw new MailError('invalid-argument', `${root} is not a Maildir (it has no cur/ and new/ directories).`);
  return folders;
}

async function isMaildir(fs: StoreFs, dir: string): Promise<boolean> {
  for (const sub of ['cur', 'new']) {
    const ok = await fs.stat(path.join(dir, sub)).then(
      (s) => s.isDirectory,
      () => false,
    );
    if (!ok) return false;
  }
  return true;
}

/** Dovecot's `dovecot-keywords`: "N keyword" lines, N = 0 for letter a, 1 for b, … */
async function dovecotKeywordLetters(fs: StoreFs, dir: string): Promise<Map<string, string>> {
  const letters = new Map<string, string>();
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path.join(dir, 'dovecot-keywords'));
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return letters;
    throw error;
  }
  for (const line of new TextDecoder().decode(bytes).split('\n')) {
    const m = /^(\d+) (\S+)$/.exec(line.trim());
    if (m?.[1] !== undefined && m[2] !== undefined && Number(m[1]) < 26) letters.set(String.fromCharCode(0x61 + Number(m[1])), m[2]);
  }
  return letters;
}

/**
 * Copies every message of another Maildir (or Maildir++ tree) into the store: flags from the
 * file names, keywords from Dovecot's `dovecot-keywords` or our own sidecar, INTERNALDATE
 * from the modification time. The source is only read, never changed.
 */
export async function importMaildir(
  store: MaildirStore,
  sourceRoot: string,
  options: { readonly sourceSeparator?: InfoSeparator } = {},
): Promise<ImportCount[]> {
  const fs = store.fileSystem;
  const separator = options.sourceSeparator ?? DEFAULT_INFO_SEPARATOR;
  const root = path.resolve(sourceRoot);
  if (root === store.root) throw new MailError('invalid-argument', 'A Maildir cannot be imported into itself.');
  const folders = await storeStep(`reading the Maildir at ${root}`, () => sourceFolders(fs, root));
  const results: ImportCount[] = [];
  for (const source of folders) {
    const letterKeywords = await storeStep(`reading keywords in ${source.dir}`, () => dovecotKeywordLetters(fs, source.dir));
    const ownKeywords = await readKeywords(fs, source.dir);
    const target = await store.createFolder(source.folder);
    const messages = await target.batch(async () => {
      let count = 0;
      // new/ and cur/ together in base-name order, which is delivery order for unique names.
      const files: { file: string; parsed: ParsedFileName }[] = [];
      for (const subdir of ['new', 'cur'] as const) {
        const dir = path.join(source.dir, subdir);
        for (const name of await storeStep(`listing ${dir}`, () => fs.readdir(dir))) {
          const parsed = parseFileName(name, separator);
          if (parsed !== undefined) files.push({ file: path.join(dir, name), parsed });
        }
      }
      files.sort((a, b) => (a.parsed.base < b.parsed.base ? -1 : a.parsed.base > b.parsed.base ? 1 : 0));
      for (const { file, parsed } of files) {
        const info = await storeStep(`reading ${file}`, () => fs.stat(file));
        if (info.isDirectory) continue;
        const keywords = [...parsed.letters].flatMap((c) => {
          const keyword = letterKeywords.get(c);
          return keyword === undefined ? [] : [keyword];
        });
        const flags = joinFlags(parsed.letters, [...keywords, ...(ownKeywords.get(parsed.base) ?? [])]);
        await target.deliver(fileChunks(fs, file), { flags, internalDate: new Date(info.mtimeMs) });
        count++;
      }
      return count;
    });
    results.push({ folder: source.folder, messages });
  }
  return results;
}

export function describeImport(count: ImportCount): string {
  return `${count.messages} message${count.messages === 1 ? '' : 's'} into ${formatFolderPath(count.folder)}`;
}
