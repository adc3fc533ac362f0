import { open, readFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Change, ChangesResult } from '../api/contract.js';
import { writeFileAtomic } from '../api/atomic-file.js';
import { MailError } from '../net/mail-error.js';
import { JOURNAL_COMPACT_AT, JOURNAL_KEEP_ENTRIES, MAX_CHANGES_PER_CALL, MAX_JOURNAL_LINE_BYTES } from './limits.js';

/** A change before the journal numbers it. */
export type ChangeInput = Change extends infer C ? (C extends { seq: number } ? Omit<C, 'seq'> : never) : never;

export type ChangeListener = (changes: readonly Change[], lastSeq: number) => void;

export const JOURNAL_FILE = 'journal.jsonl';

/**
 * The change journal: every change to accounts, folders and message summaries gets the next
 * sequence number and is appended as one JSON line to `journal.jsonl` (fsynced per batch), so a
 * renderer that was closed asks `changesSince(n)` and catches up.
 *
 * The file is append-only between compactions. A crash can leave a torn last line; it was never
 * acknowledged (the append had not returned), so reading skips it and the next append starts on
 * a fresh line. Compaction rewrites the file atomically with only the newest entries; a client
 * asking for something older than the oldest kept entry is told to resync.
 */
export class ChangeJournal {
  readonly path: string;
  #entries: Change[] = [];
  /** Sequence numbers below this are gone (compacted): asking from before it means resync. */
  #floor = 0;
  #lastSeq = 0;
  #handle: FileHandle | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  readonly #listeners = new Set<ChangeListener>();

  private constructor(
    dir: string,
    private readonly compactAt: number,
    private readonly keep: number,
  ) {
    this.path = join(dir, JOURNAL_FILE);
  }

  /** `limits` defaults to JOURNAL_COMPACT_AT / JOURNAL_KEEP_ENTRIES (smaller in tests). */
  static async open(dir: string, limits: { readonly compactAt?: number; readonly keep?: number } = {}): Promise<ChangeJournal> {
    const journal = new ChangeJournal(dir, limits.compactAt ?? JOURNAL_COMPACT_AT, limits.keep ?? JOURNAL_KEEP_ENTRIES);
    await journal.#load();
    return journal;
  }

  get lastSeq(): number {
    return this.#lastSeq;
  }

  /** Numbers, persists and publishes the changes; resolves once they are on disk. */
  append(inputs: readonly ChangeInput[]): Promise<readonly Change[]> {
    if (inputs.length === 0) return Promise.resolve([]);
    const next = this.#queue.then(async () => {
      const numbered = inputs.map((input) => ({ ...input, seq: ++this.#lastSeq }) as Change);
      const text = numbered.map((c) => `${JSON.stringify(c)}\n`).join('');
      try {
        this.#handle ??= await open(this.path, 'a', 0o600);
        await this.#handle.appendFile(text);
        await this.#handle.datasync();
      } catch (error) {
        this.#lastSeq -= numbered.length;
        throw new MailError('io-error', `Could not write the change journal ${this.path}.`, { cause: error });
      }
      this.#entries.push(...numbered);
      if (this.#entries.length >= this.compactAt) await this.#compact();
      for (const listener of [...this.#listeners]) {
        try {
          listener(numbered, this.#lastSeq);
        } catch {
          // A failing subscriber must not undo a persisted change or starve the others.
        }
      }
      return numbered;
    });
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** Changes after `sinceSeq`, at most MAX_CHANGES_PER_CALL; or resync when they are gone. */
  changesSince(sinceSeq: number): ChangesResult {
    // A sequence ahead of ours comes from another data folder (or a wiped one): start over.
    if (sinceSeq > this.#lastSeq || sinceSeq < this.#floor) return { resync: true, lastSeq: this.#lastSeq };
    const start = lowerBound(this.#entries, sinceSeq + 1);
    const changes = this.#entries.slice(start, start + MAX_CHANGES_PER_CALL);
    const last = changes.at(-1);
    return { resync: false, changes, lastSeq: last === undefined ? this.#lastSeq : last.seq };
  }

  subscribe(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async close(): Promise<void> {
    await this.#queue;
    await this.#handle?.close();
    this.#handle = undefined;
  }

  async #compact(): Promise<void> {
    const kept = this.#entries.slice(-this.keep);
    const floor = (kept[0]?.seq ?? this.#lastSeq + 1) - 1;
    const header = JSON.stringify({ floor, lastSeq: this.#lastSeq });
    await this.#handle?.close();
    this.#handle = undefined;
    await writeFileAtomic(this.path, `${header}\n${kept.map((c) => `${JSON.stringify(c)}\n`).join('')}`);
    this.#entries = kept;
    this.#floor = floor;
  }

  async #load(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return;
      throw new MailError('io-error', `Could not read the change journal ${this.path}.`, { cause: error });
    }
    const lines = text.split('\n');
    let torn = false;
    for (const [index, line] of lines.entries()) {
      if (line === '') continue;
      if (line.length > MAX_JOURNAL_LINE_BYTES) {
        torn = true;
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        // Only the last line can be torn by a crash; anything else is damage we step over.
        torn = torn || index === lines.length - 1;
        continue;
      }
      if (typeof value !== 'object' || value === null) continue;
      const record = value as Record<string, unknown>;
      if (typeof record['floor'] === 'number' && typeof record['lastSeq'] === 'number') {
        this.#floor = record['floor'];
        this.#lastSeq = Math.max(this.#lastSeq, record['lastSeq']);
        continue;
      }
      if (typeof record['seq'] === 'number' && typeof record['kind'] === 'string') {
        this.#entries.push(value as Change);
        this.#lastSeq = Math.max(this.#lastSeq, record['seq']);
      }
    }
    if (torn || !text.endsWith('\n')) {
      // Start the next append on its own line so a torn fragment never merges with it.
      const handle = await open(this.path, 'a', 0o600);
      await handle.appendFile('\n');
      await handle.datasync();
      this.#handle = handle;
    }
  }
}

function lowerBound(entries: readonly Change[], seq: number): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((entries[mid] as Change).seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
