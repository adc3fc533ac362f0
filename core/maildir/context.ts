import * as os from 'node:os';
import { DEFAULT_INFO_SEPARATOR, type InfoSeparator } from './filename.js';
import { nodeStoreFs, type StoreFs } from './fs.js';

/** Options of a store; every one has a production default and exists to be set by tests. */
export interface MaildirStoreOptions {
  /** The file system; node:fs/promises unless a test counts reads or injects faults. */
  readonly fs?: StoreFs;
  /** ':' on POSIX, ';' on Windows (see filename.ts). */
  readonly infoSeparator?: InfoSeparator;
  /** Host name written into new file names. */
  readonly host?: string;
  /** Clock in milliseconds (file names, tmp/ clean-up, new UIDVALIDITY values). */
  readonly now?: () => number;
}

/** What every folder of one store shares. */
export interface StoreContext {
  readonly fs: StoreFs;
  readonly separator: InfoSeparator;
  readonly host: string;
  readonly now: () => number;
}

export function makeContext(options: MaildirStoreOptions): StoreContext {
  return {
    fs: options.fs ?? nodeStoreFs,
    separator: options.infoSeparator ?? DEFAULT_INFO_SEPARATOR,
    host: options.host ?? os.hostname(),
    // Sub-millisecond precision where available, for the M<usecs> part of file names.
    now: options.now ?? (() => performance.timeOrigin + performance.now()),
  };
}
