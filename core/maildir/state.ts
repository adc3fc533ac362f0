import * as path from 'node:path';
import { MailError } from '../net/mail-error.js';
import { writeFileAtomic } from './atomic.js';
import { isErrno } from './errors.js';
import type { StoreFs } from './fs.js';
import { MAX_STATE_FILE_BYTES, STATE_FORMAT_VERSION } from './limits.js';

/**
 * Per-folder state files, both replaced atomically (tmp + fsync + rename + fsync dir):
 *
 *   tegami-uidlist.json   UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ and the UID ↔ base-name map
 *   tegami-keywords.json  IMAP keywords per base name (the flags a file name cannot hold)
 *
 * The map holds base names only; where a file currently is (new/ or cur/, which letters) is
 * learnt from the directory listing, so a flag change that only renames a file does not need
 * to rewrite a map of 100,000 entries. Mod-sequences are 63-bit (RFC 7162 §3.1.1) and are
 * kept as decimal strings in JSON and as bigint in memory.
 */
export const UIDLIST_FILE = 'tegami-uidlist.json';
export const KEYWORDS_FILE = 'tegami-keywords.json';

export interface UidEntry {
  readonly uid: number;
  readonly base: string;
  readonly modseq?: bigint;
}

export interface UidList {
  readonly uidValidity: number;
  readonly uidNext: number;
  readonly highestModSeq: bigint;
  readonly entries: readonly UidEntry[];
}

function corrupt(file: string, why: string): MailError {
  return new MailError('io-error', `The folder state file ${file} is damaged (${why}); move it away to rebuild it.`, {
    details: { file },
  });
}

function isUid(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 0xffffffff;
}

function parseModSeq(value: unknown): bigint | undefined {
  if (typeof value !== 'string' || !/^(0|[1-9][0-9]{0,18})$/.test(value)) return undefined;
  const n = BigInt(value);
  return n <= 0x7fffffffffffffffn ? n : undefined;
}

async function readJson(fs: StoreFs, file: string): Promise<unknown> {
  let bytes: Uint8Array;
  try {
    const info = await fs.stat(file);
    if (info.size > MAX_STATE_FILE_BYTES) throw corrupt(file, `larger than ${MAX_STATE_FILE_BYTES} bytes`);
    bytes = await fs.readFile(file);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch {
    throw corrupt(file, 'not valid JSON');
  }
}

function field(record: object, key: string): unknown {
  return Object.hasOwn(record, key) ? (record as Record<string, unknown>)[key] : undefined;
}

/** Reads a folder's UID list; undefined when the folder has none yet. */
export async function readUidList(fs: StoreFs, dir: string): Promise<UidList | undefined> {
  const file = path.join(dir, UIDLIST_FILE);
  const json = await readJson(fs, file);
  if (json === undefined) return undefined;
  if (typeof json !== 'object' || json === null) throw corrupt(file, 'not an object');
  if (field(json, 'version') !== STATE_FORMAT_VERSION) throw corrupt(file, 'unknown version');
  const uidValidity = field(json, 'uidValidity');
  const uidNext = field(json, 'uidNext');
  const highestModSeq = parseModSeq(field(json, 'highestModSeq'));
  const messages = field(json, 'messages');
  if (!isUid(uidValidity)) throw corrupt(file, 'bad uidValidity');
  if (!isUid(uidNext) && uidNext !== 0x100000000) throw corrupt(file, 'bad uidNext');
  if (highestModSeq === undefined) throw corrupt(file, 'bad highestModSeq');
  if (!Array.isArray(messages)) throw corrupt(file, 'bad messages');
  const entries: UidEntry[] = [];
  for (const item of messages as unknown[]) {
    if (!Array.isArray(item) || item.length < 2 || item.length > 3) throw corrupt(file, 'bad message entry');
    const [uid, base, modseqText] = item as unknown[];
    if (!isUid(uid) || uid >= uidNext || typeof base !== 'string' || base.length === 0) throw corrupt(file, 'bad message entry');
    const modseq = modseqText === undefined ? undefined : parseModSeq(modseqText);
    if (modseqText !== undefined && modseq === undefined) throw corrupt(file, 'bad message modseq');
    entries.push(modseq === undefined ? { uid, base } : { uid, base, modseq });
  }
  return { uidValidity, uidNext, highestModSeq, entries };
}

export async function writeUidList(fs: StoreFs, dir: string, list: UidList): Promise<void> {
  const messages = list.entries.map((e) => (e.modseq === undefined ? [e.uid, e.base] : [e.uid, e.base, e.modseq.toString()]));
  const json = JSON.stringify({
    version: STATE_FORMAT_VERSION,
    uidValidity: list.uidValidity,
    uidNext: list.uidNext,
    highestModSeq: list.highestModSeq.toString(),
    messages,
  });
  await writeFileAtomic(fs, path.join(dir, UIDLIST_FILE), new TextEncoder().encode(json));
}

/** Reads the keyword sidecar: base name → keywords. */
export async function readKeywords(fs: StoreFs, dir: string): Promise<Map<string, readonly string[]>> {
  const file = path.join(dir, KEYWORDS_FILE);
  const json = await readJson(fs, file);
  const map = new Map<string, readonly string[]>();
  if (json === undefined) return map;
  if (typeof json !== 'object' || json === null || field(json, 'version') !== STATE_FORMAT_VERSION) {
    throw corrupt(file, 'not a keyword file');
  }
  const keywords = field(json, 'keywords');
  if (typeof keywords !== 'object' || keywords === null || Array.isArray(keywords)) throw corrupt(file, 'bad keywords');
  for (const [base, list] of Object.entries(keywords)) {
    if (!Array.isArray(list) || !list.every((k): k is string => typeof k === 'string' && k.length > 0)) {
      throw corrupt(file, 'bad keyword list');
    }
    if (list.length > 0) map.set(base, list);
  }
  return map;
}

export async function writeKeywords(fs: StoreFs, dir: string, keywords: ReadonlyMap<string, readonly string[]>): Promise<void> {
  // A null prototype, so a base name such as "__proto__" is stored as data.
  const record = Object.create(null) as Record<string, readonly string[]>;
  for (const [base, list] of [...keywords].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (list.length > 0) record[base] = list;
  }
  const json = JSON.stringify({ version: STATE_FORMAT_VERSION, keywords: record });
  await writeFileAtomic(fs, path.join(dir, KEYWORDS_FILE), new TextEncoder().encode(json));
}
