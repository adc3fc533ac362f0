/**
 * Message files (.eml, RFC 5322 bytes) the host was given: on the command line, by the OS
 * ("open with"), or from a host dialog. The host registers each path with allow(); the page may
 * then open exactly those, never an arbitrary path it names (a compromised page must not read
 * ~/.ssh through openMessageFile). An opened file gets an opaque 'file:' id that the message
 * requests (raw source, attachments) accept.
 */
import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { MessageContent, MessageSummary } from './contract.js';
import { messageContent } from '../sync/content.js';
import { summarize } from '../sync/summary.js';
import { ApiError } from './errors.js';
import { MAX_ALLOWED_MESSAGE_FILES, MAX_MESSAGE_FILE_BYTES } from './limits.js';

const FILE_ID_PREFIX = 'file:';

export function isMessageFileId(id: string): boolean {
  return id.startsWith(FILE_ID_PREFIX);
}

export class MessageFiles {
  /** Allowed absolute path → its id (stable while the service runs). */
  readonly #allowed = new Map<string, string>();
  readonly #paths = new Map<string, string>();

  /** Lets the page open this file. Called by the host only (not part of the contract). */
  allow(path: string): void {
    const absolute = resolve(path);
    if (this.#allowed.has(absolute)) return;
    if (this.#allowed.size >= MAX_ALLOWED_MESSAGE_FILES) {
      // The oldest registration goes first; a host would have to be handed a thousand files.
      const [oldPath, oldId] = this.#allowed.entries().next().value ?? [];
      if (oldPath !== undefined && oldId !== undefined) {
        this.#allowed.delete(oldPath);
        this.#paths.delete(oldId);
      }
    }
    const id = `${FILE_ID_PREFIX}${randomBytes(12).toString('hex')}`;
    this.#allowed.set(absolute, id);
    this.#paths.set(id, absolute);
  }

  async open(path: string): Promise<MessageContent> {
    const absolute = resolve(path);
    const id = this.#allowed.get(absolute);
    if (id === undefined) {
      throw new ApiError('not-allowed', `${path} was not opened through the app; open the message file from the File menu or with the operating system instead.`);
    }
    const { bytes, modified } = await this.#read(absolute);
    return messageContent(bytes, fileSummary(id, bytes, modified), []);
  }

  /** The bytes and summary behind a 'file:' id handed out by open(). */
  async bytesOf(id: string): Promise<{ bytes: Uint8Array; summary: MessageSummary }> {
    const path = this.#paths.get(id);
    if (path === undefined) throw new ApiError('not-found', 'That message file is no longer open; open it again.');
    const { bytes, modified } = await this.#read(path);
    return { bytes, summary: fileSummary(id, bytes, modified) };
  }

  async #read(path: string): Promise<{ bytes: Uint8Array; modified: Date }> {
    try {
      const info = await stat(path);
      if (!info.isFile()) throw new ApiError('invalid-request', `${path} is not a file; choose a message file (.eml).`);
      if (info.size > MAX_MESSAGE_FILE_BYTES) {
        throw new ApiError('too-large', `${path} is larger than ${MAX_MESSAGE_FILE_BYTES / (1024 * 1024)} MiB, too large to be one message; open it in a text editor instead.`);
      }
      return { bytes: await readFile(path), modified: info.mtime };
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError('not-found', `Could not read ${path}: ${error instanceof Error ? error.message : String(error)}. Check that the file still exists and is readable.`, { cause: error });
    }
  }
}

function fileSummary(id: string, bytes: Uint8Array, modified: Date): MessageSummary {
  // A file belongs to no account or folder; the ids only need to be distinct from real ones.
  return summarize(bytes, { id, accountId: '', folderId: FILE_ID_PREFIX, uid: null, flags: ['\\Seen'], receivedAt: modified, size: bytes.length, bodyDownloaded: true });
}
