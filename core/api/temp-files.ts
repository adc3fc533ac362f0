/**
 * Files the service writes for a moment: uploads the page staged for a message being composed
 * (`<dataDir>/staging`) and attachments written out to be opened or dragged (`<dataDir>/temp`).
 * Each file gets a fresh random folder of its own, so names never collide and nothing is
 * overwritten; folders older than TEMP_FILE_MAX_AGE_MS are removed when the service starts (a
 * draft may still refer to a staged file for a while, an opened attachment may still be open).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AttachmentUpload, ChosenFile } from './contract.js';
import { ApiError } from './errors.js';
import { sanitizeFileName } from './file-names.js';
import { MAX_PAGE_ATTACHMENT_BYTES, TEMP_FILE_MAX_AGE_MS } from './limits.js';

export type TempArea = 'staging' | 'temp';

export function tempAreaDir(dataDir: string, area: TempArea): string {
  return join(dataDir, area);
}

/** Writes `content` as `<area>/<random>/<sanitized name>` (private to the user) and returns the path. */
export async function writeTempFile(dataDir: string, area: TempArea, filename: string | null, content: Uint8Array): Promise<string> {
  const dir = join(tempAreaDir(dataDir, area), randomBytes(12).toString('hex'));
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, sanitizeFileName(filename));
  try {
    await writeFile(path, content, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw new ApiError('storage-failed', `Could not write a temporary file in ${dir}: ${error instanceof Error ? error.message : String(error)}. Check the free space of the data folder.`, { cause: error });
  }
  return path;
}

/** Decoded size of a base64 text without decoding it (padding excluded). */
export function base64DecodedLength(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}

/**
 * stageAttachment: a file the page holds (picked or dropped in the browser) written where a
 * ComposedMessage can attach it by path. The size is checked before decoding.
 */
export async function stageUpload(dataDir: string, upload: AttachmentUpload): Promise<ChosenFile> {
  if (!/^[A-Za-z0-9+/]*={0,2}$/u.test(upload.base64) || upload.base64.length % 4 === 1) {
    throw new ApiError('invalid-arguments', 'The file content is not valid base64; read the file again and retry.');
  }
  if (base64DecodedLength(upload.base64) > MAX_PAGE_ATTACHMENT_BYTES) {
    throw new ApiError('too-large', `The file is larger than ${MAX_PAGE_ATTACHMENT_BYTES / (1024 * 1024)} MiB and cannot be attached here; share it by a link instead.`);
  }
  const content = Buffer.from(upload.base64, 'base64');
  const filename = sanitizeFileName(upload.filename);
  const path = await writeTempFile(dataDir, 'staging', filename, content);
  return { path, filename, contentType: upload.contentType, size: content.length };
}

/**
 * stageMessageAttachment: a stored message's bytes, unchanged, as a message/rfc822 file a
 * ComposedMessage can attach by path (forwarding as an attachment).
 */
export async function stageMessage(dataDir: string, filename: string, bytes: Uint8Array): Promise<ChosenFile> {
  const name = sanitizeFileName(filename);
  const path = await writeTempFile(dataDir, 'staging', name, bytes);
  return { path, filename: name, contentType: 'message/rfc822', size: bytes.length };
}

/** Removes the per-file folders of an area that are older than maxAgeMs; resolves to how many. */
export async function cleanTempArea(dataDir: string, area: TempArea, now: number = Date.now(), maxAgeMs: number = TEMP_FILE_MAX_AGE_MS): Promise<number> {
  const root = tempAreaDir(dataDir, area);
  let names: string[];
  try {
    names = await readdir(root);
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return 0;
    throw error;
  }
  let removed = 0;
  for (const name of names) {
    const path = join(root, name);
    const info = await stat(path).catch(() => undefined);
    if (info === undefined || now - info.mtimeMs <= maxAgeMs) continue;
    await rm(path, { recursive: true, force: true });
    removed++;
  }
  return removed;
}
