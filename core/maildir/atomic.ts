import * as path from 'node:path';
import { isErrno } from './errors.js';
import type { StoreFs } from './fs.js';

/**
 * fsync a directory so a rename or unlink inside it survives a power loss (POSIX does not
 * promise that an fsync of the file alone makes its new directory entry durable). Windows
 * cannot open a directory as a file; NTFS journals the metadata itself, so there it is a no-op.
 */
export async function syncDirectory(fs: StoreFs, dir: string): Promise<void> {
  let handle;
  try {
    handle = await fs.open(dir, 'r');
  } catch (error) {
    if (process.platform === 'win32' && (isErrno(error, 'EISDIR') || isErrno(error, 'EPERM'))) return;
    throw error;
  }
  try {
    await handle.sync();
  } catch (error) {
    // Some file systems (and Windows) refuse fsync on a directory; that is not a data loss.
    if (!isErrno(error, 'EINVAL') && !isErrno(error, 'EBADF') && !isErrno(error, 'EPERM')) throw error;
  } finally {
    await handle.close();
  }
}

let atomicCounter = 0;

/**
 * Replaces a small file atomically: write a temporary sibling, fsync it, rename it over the
 * target, fsync the directory. A crash leaves either the old or the new file, never a mix.
 * The temporary name starts with "." and ends in ".tmp" so listings never take it for data.
 */
export async function writeFileAtomic(fs: StoreFs, target: string, data: Uint8Array): Promise<void> {
  const dir = path.dirname(target);
  atomicCounter += 1;
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${atomicCounter}.tmp`);
  const file = await fs.open(temp, 'wx');
  try {
    await file.write(data);
    await file.sync();
  } catch (error) {
    await file.close().catch(() => undefined);
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  await file.close();
  try {
    await fs.rename(temp, target);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(fs, dir);
}
