/**
 * The native half of the contract (openExternal, openAttachment, saveAttachmentsWithDialog,
 * saveMessagesWithDialog, chooseAttachmentFiles, startAttachmentDrag). The service does the mail part: decodes the
 * attachment, refuses types that run code unless the user confirmed, writes files under safe
 * names without overwriting anything; then it asks the host through the NativeHost port. Without
 * a port (the web host) every request answers { status: 'unsupported' } and the page does it.
 */
import { stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { DialogSaveResult, FileChoiceResult, NativeResult, SavedFile, TegamiRequests, WindowRequest } from './contract.js';
import type { AttachmentPart } from '../sync/content.js';
import { ApiError } from './errors.js';
import { isExecutableAttachment, messageFileName, numberedFileName, sanitizeFileName } from './file-names.js';
import type { NativeHost } from './native-host.js';
import { writeTempFile } from './temp-files.js';

export type NativeRequests = Pick<TegamiRequests, 'openExternal' | 'openAttachment' | 'saveAttachmentsWithDialog' | 'saveMessagesWithDialog' | 'chooseAttachmentFiles' | 'startAttachmentDrag' | 'openWindow'>;

/** Finds an attachment of a message (any kind of message id the service hands out). */
export type AttachmentLookup = (messageId: string, handle: string) => Promise<AttachmentPart>;

/** A message's stored bytes and its decoded subject (any kind of message id the service hands out). */
export type MessageLookup = (messageId: string) => Promise<{ readonly bytes: Uint8Array; readonly subject: string | null }>;

export interface NativeActionsOptions {
  readonly dataDir: string;
  readonly native: NativeHost | undefined;
  readonly attachment: AttachmentLookup;
  readonly message: MessageLookup;
}

/** A file about to be written: its proposed (already safe) name and content. */
interface FileToSave {
  readonly name: string;
  readonly content: Uint8Array;
}

const UNSUPPORTED = { status: 'unsupported' } as const;
const DONE = { status: 'done' } as const;

/** Most "name (n)" variants tried when saving several files into one folder. */
const MAX_NAME_VARIANTS = 1000;

/** Only links a browser or mail handler should get: never file:, javascript:, custom schemes. */
export function checkExternalUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ApiError('not-allowed', 'The link is not a valid URL, so it was not opened.');
  }
  if (!['http:', 'https:', 'mailto:'].includes(parsed.protocol)) {
    throw new ApiError('not-allowed', `Links of the kind "${parsed.protocol}" are not opened; only http, https and mailto links are.`);
  }
  return parsed.toString();
}

function refuseExecutable(part: AttachmentPart, allowExecutable: boolean): void {
  if (allowExecutable || !isExecutableAttachment(part.filename, part.contentType)) return;
  throw new ApiError(
    'executable-attachment',
    `${part.filename ?? 'This attachment'} is a program or script (${part.contentType}); opening it would run it. Save it instead, or confirm that you trust the sender and open it anyway.`,
    { details: { filename: part.filename, contentType: part.contentType } },
  );
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Writes a new file, never replacing one: 'wx' fails when the name is taken (also in a race). */
async function writeNew(path: string, content: Uint8Array): Promise<SavedFile> {
  try {
    await writeFile(path, content, { flag: 'wx' });
  } catch (error) {
    const taken = typeof error === 'object' && error !== null && 'code' in error && error.code === 'EEXIST';
    throw new ApiError('storage-failed', taken ? `${path} already exists; choose another name.` : `Could not write ${path}: ${error instanceof Error ? error.message : String(error)}. Choose a folder you can write to.`, { cause: error });
  }
  return { path, bytes: content.length };
}

/**
 * One file: a save dialog proposing its name. Several ("save all"): a folder dialog, and a name
 * already taken (on disk, or by an earlier file of this batch) gets " (2)", " (3)", …; nothing
 * that exists is replaced.
 */
async function saveWithDialog(native: NativeHost, files: readonly FileToSave[]): Promise<DialogSaveResult> {
  const first = files[0];
  if (files.length === 1 && first !== undefined) {
    const path = await native.chooseSavePath(first.name);
    if (path === null) return { status: 'cancelled' };
    return { status: 'saved', files: [await writeNew(path, first.content)] };
  }
  const folder = await native.chooseFolder();
  if (folder === null) return { status: 'cancelled' };
  const saved: SavedFile[] = [];
  const used = new Set<string>();
  for (const file of files) {
    let candidate = file.name;
    for (let n = 2; used.has(candidate.toLowerCase()) || (await exists(join(folder, candidate))); n++) {
      if (n > MAX_NAME_VARIANTS) throw new ApiError('storage-failed', `Too many files called ${file.name} in ${folder}; choose another folder.`);
      candidate = numberedFileName(file.name, n);
    }
    used.add(candidate.toLowerCase());
    saved.push(await writeNew(join(folder, candidate), file.content));
  }
  return { status: 'saved', files: saved };
}

export function createNativeActions(options: NativeActionsOptions): NativeRequests {
  const { native } = options;

  /** The attachment written to a private folder of its own under the data folder. */
  async function writeForHost(messageId: string, handle: string, allowExecutable: boolean): Promise<string> {
    const part = await options.attachment(messageId, handle);
    refuseExecutable(part, allowExecutable);
    return writeTempFile(options.dataDir, 'temp', part.filename, part.content);
  }

  return {
    async openExternal(url: string): Promise<NativeResult> {
      const checked = checkExternalUrl(url);
      if (native === undefined) return UNSUPPORTED;
      await native.openExternal(checked);
      return DONE;
    },

    async openAttachment(messageId: string, handle: string, allowExecutable: boolean): Promise<NativeResult> {
      if (native === undefined) return UNSUPPORTED;
      await native.openPath(await writeForHost(messageId, handle, allowExecutable));
      return DONE;
    },

    async openWindow(request: WindowRequest): Promise<NativeResult> {
      if (native === undefined) return UNSUPPORTED;
      await native.openWindow(request);
      return DONE;
    },

    async startAttachmentDrag(messageId: string, handle: string): Promise<NativeResult> {
      if (native === undefined) return UNSUPPORTED;
      // Dropped somewhere (a desktop, a file manager) the file would be one double-click from
      // running, so the same rule as opening applies, without the override.
      await native.startDrag(await writeForHost(messageId, handle, false));
      return DONE;
    },

    async saveAttachmentsWithDialog(messageId: string, handles: readonly string[]): Promise<DialogSaveResult> {
      if (native === undefined) return UNSUPPORTED;
      if (handles.length === 0) throw new ApiError('invalid-arguments', 'Choose at least one attachment to save.');
      const files: FileToSave[] = [];
      for (const handle of handles) {
        const part = await options.attachment(messageId, handle);
        files.push({ name: sanitizeFileName(part.filename), content: part.content });
      }
      return saveWithDialog(native, files);
    },

    async saveMessagesWithDialog(messageIds: readonly string[]): Promise<DialogSaveResult> {
      if (native === undefined) return UNSUPPORTED;
      if (messageIds.length === 0) throw new ApiError('invalid-arguments', 'Choose at least one message to save.');
      const files: FileToSave[] = [];
      for (const id of messageIds) {
        // The stored bytes as they are: a .eml file is the RFC 5322 message itself.
        const { bytes, subject } = await options.message(id);
        files.push({ name: messageFileName(subject), content: bytes });
      }
      return saveWithDialog(native, files);
    },

    async chooseAttachmentFiles(): Promise<FileChoiceResult> {
      if (native === undefined) return UNSUPPORTED;
      const paths = await native.chooseFiles();
      if (paths === null || paths.length === 0) return { status: 'cancelled' };
      const files = [];
      for (const path of paths) {
        const info = await stat(path).catch((error: unknown) => {
          throw new ApiError('not-found', `Could not read ${path}: ${error instanceof Error ? error.message : String(error)}. Choose the file again.`, { cause: error });
        });
        if (!info.isFile()) throw new ApiError('invalid-request', `${path} is not a file; attach the files inside a folder one by one, or a zip archive of it.`);
        files.push({ path, filename: basename(path), contentType: null, size: info.size });
      }
      return { status: 'chosen', files };
    },
  };
}
