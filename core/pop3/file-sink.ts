import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { MailError } from '../net/mail-error.js';
import type { MessageSink } from './sink.js';

/**
 * A durable sink for one message file: chunks go to a temporary file in the same directory;
 * commit() fsyncs it, renames it to `path` and fsyncs the directory, so once commit() resolves
 * the message survives a crash (the Maildir delivery order: write, fsync, rename). abort()
 * removes the temporary file: a failed transfer leaves nothing behind, never half a message.
 */
export function atomicFileSink(path: string): MessageSink & { readonly tempPath: string } {
  const dir = dirname(path);
  const tempPath = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.part`);
  let file: FileHandle | undefined;
  let state: 'open' | 'done' = 'open';

  const ioError = (error: unknown, what: string): MailError => {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    return new MailError(code === 'ENOSPC' || code === 'EDQUOT' ? 'disk-full' : 'io-error', `${what} ${path} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  };

  const handle = async (): Promise<FileHandle> => {
    if (state !== 'open') throw new MailError('io-error', 'The message file was already committed or aborted.');
    // 'wx': never overwrite an existing file, even a temporary one.
    file ??= await open(tempPath, 'wx', 0o600).catch((error: unknown) => {
      throw ioError(error, 'Creating');
    });
    return file;
  };

  return {
    tempPath,
    async write(chunk) {
      const fh = await handle();
      try {
        await fh.write(chunk);
      } catch (error) {
        throw ioError(error, 'Writing');
      }
    },
    async commit() {
      const fh = await handle();
      state = 'done';
      try {
        await fh.sync();
        await fh.close();
        file = undefined;
        await rename(tempPath, path);
        const directory = await open(dir, 'r');
        try {
          await directory.sync();
        } finally {
          await directory.close();
        }
      } catch (error) {
        await file?.close().catch(() => undefined);
        await unlink(tempPath).catch(() => undefined);
        throw ioError(error, 'Storing');
      }
    },
    async abort() {
      if (state === 'done') return;
      state = 'done';
      await file?.close().catch(() => undefined);
      file = undefined;
      await unlink(tempPath).catch(() => undefined);
    },
  };
}
