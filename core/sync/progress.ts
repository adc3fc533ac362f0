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

const NOTHING_COUNTED = { folder: null, foldersDone: 0, foldersTotal: 0, messagesDone: 0, messagesTotal: 0, bytes: 0 } as const;

/**
 * One whole sync run (connect, replay, folders, outbox) as its listener sees it. The folder
 * pass's own 'done' is held back: the run is not done until the Outbox has been tried too, and
 * a status that says "up to date" while queued mail is still being sent would not be true. So
 * the listener gets exactly one 'done', the last report of a run that succeeded, carrying the
 * folder counts of the pass.
 */
export class RunProgress {
  #folders = { foldersDone: 0, foldersTotal: 0, bytes: 0 };

  constructor(private readonly listener: ProgressListener | undefined) {}

  /** For syncAccount / syncPop3: folder and message reports pass through, their 'done' is kept. */
  readonly forward: ProgressListener = (progress) => {
    this.#folders = { foldersDone: progress.foldersDone, foldersTotal: progress.foldersTotal, bytes: progress.bytes };
    if (progress.phase !== 'done') this.listener?.(progress);
  };

  /** A step without counts of its own ('connecting', 'queue', 'outbox'); the folder counts so far stay. */
  step(phase: 'connecting' | 'queue' | 'outbox'): void {
    this.listener?.({ ...NOTHING_COUNTED, ...this.#folders, phase });
  }

  /** The run succeeded: every folder was compared, the queue replayed and the Outbox tried. */
  done(): void {
    const { foldersTotal, bytes } = this.#folders;
    this.listener?.({ ...NOTHING_COUNTED, phase: 'done', foldersDone: foldersTotal, foldersTotal, bytes });
  }
}

/**
 * The report of work outside a sync run that reached the account's servers: a delivery round
 * that handed messages to the submission server, or a replay of the queue on a live IMAP
 * session. It is a 'done' without folder counts, since it ends what the status line shows just
 * like a run's 'done' does: an earlier failure is over and the account is online again. The
 * engine sends it only when the incoming server is not known to be failing (see
 * AccountEngine.deliver), so a delivery never hides a sync that still fails.
 */
export function reportReached(listener: ProgressListener | undefined): void {
  listener?.({ ...NOTHING_COUNTED, phase: 'done' });
}
