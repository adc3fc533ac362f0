import * as path from 'node:path';
import { nodeStoreFs, type StoreFile, type StoreFs } from '../../../core/maildir/fs.js';

export function errno(code: string): Error {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

export interface FsLog {
  readonly opens: string[];
  readonly readFiles: string[];
  readonly stats: string[];
  readonly readdirs: string[];
}

/** The real file system, with every call that can read a file logged. */
export function countingFs(base: StoreFs = nodeStoreFs): { fs: StoreFs; log: FsLog } {
  const log: FsLog = { opens: [], readFiles: [], stats: [], readdirs: [] };
  const fs: StoreFs = {
    ...base,
    open: (p, flags) => {
      log.opens.push(p);
      return base.open(p, flags);
    },
    readFile: (p) => {
      log.readFiles.push(p);
      return base.readFile(p);
    },
    stat: (p) => {
      log.stats.push(p);
      return base.stat(p);
    },
    readdir: (p) => {
      log.readdirs.push(p);
      return base.readdir(p);
    },
  };
  return { fs, log };
}

/** Paths of message files (inside new/ or cur/) among the given paths. */
export function messageFiles(paths: readonly string[]): string[] {
  return paths.filter((p) => ['new', 'cur'].includes(path.basename(path.dirname(p))));
}

export interface Faults {
  /** Throw this errno from write() of files opened for writing whose path matches. */
  write?: { readonly code: string; readonly match: (p: string) => boolean; readonly afterBytes?: number };
  sync?: { readonly code: string; readonly match: (p: string) => boolean };
  rename?: { readonly code: string; readonly match: (to: string) => boolean };
}

/** The real file system with faults a healthy disk does not produce on demand. */
export function faultyFs(faults: Faults, base: StoreFs = nodeStoreFs): StoreFs {
  return {
    ...base,
    async open(p, flags) {
      const file = await base.open(p, flags);
      let written = 0;
      const wrapped: StoreFile = {
        read: (b, pos) => file.read(b, pos),
        close: () => file.close(),
        async write(data) {
          if (faults.write?.match(p) && written + data.length > (faults.write.afterBytes ?? 0)) {
            const room = Math.max(0, (faults.write.afterBytes ?? 0) - written);
            if (room > 0) await file.write(data.subarray(0, room));
            written += room;
            throw errno(faults.write.code);
          }
          written += data.length;
          await file.write(data);
        },
        async sync() {
          if (faults.sync?.match(p)) throw errno(faults.sync.code);
          await file.sync();
        },
      };
      return wrapped;
    },
    async rename(from, to) {
      if (faults.rename?.match(to)) throw errno(faults.rename.code);
      await base.rename(from, to);
    },
  };
}
