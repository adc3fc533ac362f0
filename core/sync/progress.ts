import type { SyncPhase } from '../api/contract.js';

/** What a long operation reports as it goes; the service turns it into 'sync-progress' events. */
export interface Progress {
  readonly phase: SyncPhase;
  readonly folder: string | null;
  readonly foldersDone: number;
  readonly foldersTotal: number;
  readonly messagesDone: number;
  readonly messagesTotal: number;
  readonly bytes: number;
}

export type ProgressListener = (progress: Progress) => void;

/** Per folder result of one sync run, as the CLI prints it. */
export interface FolderReport {
  readonly path: string;
  readonly added: number;
  readonly updated: number;
  readonly removed: number;
  /** Messages the server has; after the run the local copy has the same. */
  readonly total: number;
  readonly bytes: number;
  readonly ms: number;
  /** How the changes were found: full UID/flag comparison, CONDSTORE, QRESYNC, or a UIDVALIDITY reset. */
  readonly method: 'full' | 'condstore' | 'qresync' | 'uidvalidity-reset';
}
