import { MailError } from '../net/mail-error.js';
import { isErrno, toStoreError } from './errors.js';
import type { StoreFs } from './fs.js';
import { READ_CHUNK_BYTES } from './limits.js';

/** A file's bytes as a stream of chunks, read through the store's file system layer. */
export async function* fileChunks(fs: StoreFs, file: string): AsyncGenerator<Uint8Array> {
  let handle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) throw new MailError('not-found', `${file} does not exist.`, { cause: error });
    if (isErrno(error, 'EISDIR')) throw new MailError('invalid-argument', `${file} is a directory, not a file.`, { cause: error });
    throw toStoreError(error, `opening ${file}`);
  }
  try {
    for (;;) {
      const buffer = Buffer.allocUnsafe(READ_CHUNK_BYTES);
      let n: number;
      try {
        n = await handle.read(buffer, null);
      } catch (error) {
        if (isErrno(error, 'EISDIR')) throw new MailError('invalid-argument', `${file} is a directory, not a file.`, { cause: error });
        throw toStoreError(error, `reading ${file}`);
      }
      if (n === 0) return;
      yield buffer.subarray(0, n);
    }
  } finally {
    await handle.close().catch(() => undefined);
  }
}
