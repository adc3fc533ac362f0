import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../api/atomic-file.js';
import { MailError } from '../net/mail-error.js';

/**
 * Operations made locally that the server has not seen yet, in the order they were made.
 * Message operations name the server UID in `path` and the UIDVALIDITY it belongs to; a move, copy or append also names the
 * placeholder (a local UID at or above LOCAL_UID_BASE) that stands for the result until the
 * server's copy arrives with the next sync.
 */
export type QueuedOperation =
  | { readonly op: 'flags'; readonly path: string; readonly uid: number; readonly uidValidity?: number; readonly add: readonly string[]; readonly remove: readonly string[] }
  | { readonly op: 'move'; readonly path: string; readonly uid: number; readonly uidValidity?: number; readonly to: string; readonly placeholder: number }
  | { readonly op: 'copy'; readonly path: string; readonly uid: number; readonly uidValidity?: number; readonly to: string; readonly placeholder: number }
  | { readonly op: 'expunge'; readonly path: string; readonly uid: number; readonly uidValidity?: number }
  | { readonly op: 'append'; readonly path: string; readonly placeholder: number; readonly flags: readonly string[]; readonly replaces: number | null }
  | { readonly op: 'create-folder'; readonly path: string }
  | { readonly op: 'delete-folder'; readonly path: string }
  | { readonly op: 'rename-folder'; readonly path: string; readonly to: string };

export interface QueueEntry {
  readonly id: number;
  readonly operation: QueuedOperation;
  readonly attempts: number;
  readonly lastError: string | null;
}

interface QueueFile {
  readonly version: 1;
  readonly nextId: number;
  readonly entries: readonly QueueEntry[];
}

/**
 * The durable operation queue: one JSON file, rewritten atomically on every change, so an
 * operation the user made is on disk before the call returns and survives a crash or restart.
 */
export class OperationQueue {
  readonly path: string;
  #entries: QueueEntry[] = [];
  #nextId = 1;
  #queue: Promise<unknown> = Promise.resolve();
  #refusal: string | undefined;

  private constructor(stateDir: string) {
    this.path = join(stateDir, 'queue.json');
  }

  static async open(stateDir: string): Promise<OperationQueue> {
    const queue = new OperationQueue(stateDir);
    try {
      const file = JSON.parse(await readFile(queue.path, 'utf8')) as QueueFile;
      queue.#entries = [...file.entries];
      queue.#nextId = file.nextId;
    } catch (error) {
      if (!(typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT')) {
        throw new MailError('io-error', `Could not read the operation queue ${queue.path}; it must be repaired before changes can be sent.`, { cause: error });
      }
    }
    return queue;
  }

  get entries(): readonly QueueEntry[] {
    return this.#entries;
  }

  /**
   * From now on nothing may be queued: for an account whose server no replay speaks to (POP3),
   * an operation added would wait forever, shown as done here and never done there.
   */
  refuse(reason: string): void {
    this.#refusal = reason;
  }

  add(operation: QueuedOperation): Promise<QueueEntry> {
    if (this.#refusal !== undefined) return Promise.reject(new MailError('invalid-argument', `Cannot queue ${operation.op} for ${operation.path}: ${this.#refusal}`));
    return this.#change(() => {
      const entry: QueueEntry = { id: this.#nextId++, operation, attempts: 0, lastError: null };
      this.#entries.push(entry);
      return entry;
    });
  }

  remove(id: number): Promise<void> {
    return this.#change(() => {
      this.#entries = this.#entries.filter((e) => e.id !== id);
    });
  }

  failed(id: number, reason: string): Promise<void> {
    return this.#change(() => {
      this.#entries = this.#entries.map((e) => (e.id === id ? { ...e, attempts: e.attempts + 1, lastError: reason } : e));
    });
  }

  #change<T>(fn: () => T): Promise<T> {
    const next = this.#queue.then(async () => {
      const before = { entries: this.#entries, nextId: this.#nextId };
      const result = fn();
      try {
        await writeFileAtomic(this.path, JSON.stringify({ version: 1, nextId: this.#nextId, entries: this.#entries } satisfies QueueFile));
      } catch (error) {
        this.#entries = before.entries;
        this.#nextId = before.nextId;
        throw new MailError('io-error', `Could not save the operation queue ${this.path}.`, { cause: error });
      }
      return result;
    });
    this.#queue = next.catch(() => undefined);
    return next;
  }
}
