import * as path from 'node:path';
import { Readable } from 'node:stream';
import { MailError } from '../net/mail-error.js';
import { syncDirectory } from './atomic.js';
import type { StoreContext } from './context.js';
import { isErrno, storeStep, toStoreError } from './errors.js';
import { fileNameInCur, parseFileName, uniqueBaseName } from './filename.js';
import { joinFlags, splitFlags } from './flags.js';
import { BATCH_WRITE_CONCURRENCY, READ_CHUNK_BYTES, TMP_MAX_AGE_MS } from './limits.js';
import { formatFolderPath, type FolderPath } from './names.js';
import { readKeywords, readUidList, writeKeywords, writeUidList, type UidEntry } from './state.js';

/** One message as the store knows it, without opening its file. */
export interface MessageEntry {
  readonly uid: number;
  /** The file's base name: unique, stable across flag changes and moves. */
  readonly base: string;
  /** IMAP flags: the mapped system flags (and $Forwarded) followed by the keywords. */
  readonly flags: readonly string[];
  /** True while the file is still in new/ (nobody has looked at it or changed its flags). */
  readonly recent: boolean;
  /** The mod-sequence the sync engine recorded for this message, if any. */
  readonly modseq: bigint | undefined;
  /** Absolute path of the file right now (it changes with the flags). */
  readonly path: string;
}

export interface FolderState {
  readonly uidValidity: number;
  readonly uidNext: number;
  readonly highestModSeq: bigint;
}

/** Message bytes for delivery: one buffer, or chunks (a stream of any size). */
export type MessageContent = Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

export interface DeliverOptions {
  /** IMAP flags and keywords; with none the message goes to new/, otherwise to cur/. */
  readonly flags?: Iterable<string>;
  /** The UID to record (the server's); by default the folder's UIDNEXT. */
  readonly uid?: number;
  readonly modseq?: bigint;
  /** Written as the file's modification time: the IMAP INTERNALDATE, as Dovecot keeps it. */
  readonly internalDate?: Date;
}

/** One message of a batch delivery; the UID is required (batches come from a server). */
export interface BatchMessage extends DeliverOptions {
  readonly content: MessageContent;
  readonly uid: number;
}

export interface FlagChangeOptions {
  readonly modseq?: bigint;
}

type Subdir = 'new' | 'cur';

interface Slot {
  uid: number;
  readonly base: string;
  subdir: Subdir;
  /** The file's name as it is on disk now (another program may have written it its way). */
  name: string;
  /** Every letter of the info part, including ones we do not map (Dovecot keyword letters). */
  letters: string;
  modseq: bigint | undefined;
}

interface Loaded {
  uidValidity: number;
  uidNext: number;
  highestModSeq: bigint;
  readonly byUid: Map<number, Slot>;
  readonly byBase: Map<string, Slot>;
  readonly keywords: Map<string, readonly string[]>;
}

const MAX_UID = 0xffffffff;

/** The temporary name writeFileAtomic gives the state files (see atomic.ts). */
const STATE_TEMP = /^\.tegami-(?:uidlist|keywords)\.json\.(\d+)\.\d+\.tmp$/;

function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return isErrno(error, 'EPERM');
  }
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

async function* chunksOf(content: MessageContent): AsyncGenerator<Uint8Array> {
  if (content instanceof Uint8Array) {
    yield content;
    return;
  }
  yield* content;
}

/**
 * One Maildir folder: tmp/, new/, cur/ plus its state files. The state is loaded on first use
 * (two small reads and a listing of new/ and cur/; message files are never opened for that)
 * and every change is serialised through one queue, so callers may run operations in parallel.
 */
export class MaildirFolder {
  private loaded: Promise<Loaded> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private batchDepth = 0;
  private uidsDirty = false;
  private keywordsDirty = false;

  constructor(
    private readonly ctx: StoreContext,
    readonly path: FolderPath,
    /** The folder's directory (the account root for INBOX). */
    readonly dir: string,
  ) {}

  get name(): string {
    return formatFolderPath(this.path);
  }

  /** UIDVALIDITY, UIDNEXT and HIGHESTMODSEQ. */
  async state(): Promise<FolderState> {
    const l = await this.load();
    return { uidValidity: l.uidValidity, uidNext: l.uidNext, highestModSeq: l.highestModSeq };
  }

  /** Records new values (from the server's SELECT/STATUS); written atomically at once. */
  async setState(patch: Partial<FolderState>): Promise<FolderState> {
    return this.exclusive(async (l) => {
      if (patch.uidValidity !== undefined) {
        if (!Number.isInteger(patch.uidValidity) || patch.uidValidity < 1 || patch.uidValidity > MAX_UID) {
          throw new MailError('invalid-argument', `UIDVALIDITY ${patch.uidValidity} is out of range.`);
        }
        l.uidValidity = patch.uidValidity;
      }
      if (patch.uidNext !== undefined) {
        let highest = 0;
        for (const uid of l.byUid.keys()) if (uid > highest) highest = uid;
        if (!Number.isInteger(patch.uidNext) || patch.uidNext <= highest || patch.uidNext > MAX_UID + 1) {
          throw new MailError('invalid-argument', `UIDNEXT ${patch.uidNext} must be above the highest UID in use (${highest}).`);
        }
        l.uidNext = patch.uidNext;
      }
      if (patch.highestModSeq !== undefined) {
        if (patch.highestModSeq < 0n || patch.highestModSeq > 0x7fffffffffffffffn) {
          throw new MailError('invalid-argument', 'HIGHESTMODSEQ is out of range.');
        }
        l.highestModSeq = patch.highestModSeq;
      }
      this.uidsDirty = true;
      await this.persist(l);
      return { uidValidity: l.uidValidity, uidNext: l.uidNext, highestModSeq: l.highestModSeq };
    });
  }

  /**
   * Starts a new UID epoch after the server's UIDVALIDITY changed (RFC 3501 §2.3.1.1: every
   * UID held so far is void). Messages named in `uids` (base name → new UID) take those UIDs;
   * every other message stays in the folder — it may hold local changes — and gets a fresh
   * UID above all of them, in base-name order. Mod-sequences are cleared with the old epoch.
   */
  async renumber(uidValidity: number, uids: ReadonlyMap<string, number> = new Map()): Promise<FolderState> {
    return this.exclusive(async (l) => {
      if (!Number.isInteger(uidValidity) || uidValidity < 1 || uidValidity > MAX_UID) {
        throw new MailError('invalid-argument', `UIDVALIDITY ${uidValidity} is out of range.`);
      }
      const taken = new Set<number>();
      for (const [base, uid] of uids) {
        if (!l.byBase.has(base)) throw new MailError('not-found', `There is no message ${base} in ${this.name}.`);
        if (!Number.isInteger(uid) || uid < 1 || uid > MAX_UID || taken.has(uid)) {
          throw new MailError('invalid-argument', `UID ${uid} is out of range or given twice.`);
        }
        taken.add(uid);
      }
      let next = 1;
      for (const uid of taken) if (uid >= next) next = uid + 1;
      const slots = [...l.byBase.values()].sort((a, b) => compareNames(a.base, b.base));
      const rest = slots.filter((slot) => !uids.has(slot.base));
      if (next + rest.length - 1 > MAX_UID) throw new MailError('invalid-argument', 'Not enough UIDs left to renumber the folder.');
      l.byUid.clear();
      for (const slot of slots) {
        slot.uid = uids.get(slot.base) ?? next++;
        slot.modseq = undefined;
        l.byUid.set(slot.uid, slot);
      }
      l.uidValidity = uidValidity;
      l.uidNext = next;
      l.highestModSeq = 0n;
      this.uidsDirty = true;
      await this.persist(l);
      return { uidValidity: l.uidValidity, uidNext: l.uidNext, highestModSeq: l.highestModSeq };
    });
  }

  /** Every message, in UID order. */
  async list(): Promise<MessageEntry[]> {
    const l = await this.load();
    return [...l.byUid.values()].sort((a, b) => a.uid - b.uid).map((s) => this.entryOf(l, s));
  }

  async count(): Promise<number> {
    return (await this.load()).byUid.size;
  }

  /** The message with this UID; 'not-found' when there is none. */
  async get(uid: number): Promise<MessageEntry> {
    const l = await this.load();
    return this.entryOf(l, this.slot(l, uid));
  }

  /** Size in bytes and INTERNALDATE (the file's mtime), from one stat of the file. */
  async info(uid: number): Promise<{ size: number; internalDate: Date }> {
    return this.withFile(uid, async (file) => {
      const s = await this.ctx.fs.stat(file);
      return { size: s.size, internalDate: new Date(s.mtimeMs) };
    });
  }

  /**
   * Delivers one message (Maildir spec, "How a message is delivered"): the bytes go to a new
   * file in tmp/, which is fsynced and closed, then renamed into new/ or cur/, and that
   * directory is fsynced. A crash before the rename leaves at most a file in tmp/ (removed
   * after 36 hours); after it, the whole message. When a UID is given it is written to the
   * UID map before the rename, so a crash cannot make the store forget which server message
   * the file is; a map entry whose file never arrived is dropped when the folder is opened.
   */
  async deliver(content: MessageContent, options: DeliverOptions = {}): Promise<MessageEntry> {
    await this.load();
    const { letters, keywords } = splitFlags(options.flags ?? []);
    const base = uniqueBaseName({ nowMs: this.ctx.now(), pid: process.pid, host: this.ctx.host }, this.ctx.separator);
    const tmpPath = path.join(this.dir, 'tmp', base);
    await this.writeTmp(tmpPath, content, options.internalDate);
    const subdir: Subdir = letters.length === 0 ? 'new' : 'cur';
    const finalName = subdir === 'new' ? base : fileNameInCur(base, letters, this.ctx.separator);
    try {
      return await this.exclusive(async (l) => {
        const uid = options.uid ?? l.uidNext;
        if (!Number.isInteger(uid) || uid < 1 || uid > MAX_UID) {
          throw new MailError('invalid-argument', `UID ${uid} is out of range.`);
        }
        if (l.byUid.has(uid)) throw new MailError('invalid-argument', `UID ${uid} is already used in ${this.name}.`);
        const slot: Slot = { uid, base, subdir, name: finalName, letters, modseq: options.modseq };
        this.register(l, slot, keywords);
        try {
          await this.persist(l);
          await this.ctx.fs.rename(tmpPath, path.join(this.dir, subdir, finalName));
        } catch (error) {
          // Not delivered: forget the entry again (on disk it is dropped at the next open anyway).
          this.unregister(l, slot);
          await this.persist(l).catch(() => undefined);
          throw toStoreError(error, `delivering a message to ${this.name}`);
        }
        await storeStep(`delivering a message to ${this.name}`, () => syncDirectory(this.ctx.fs, path.join(this.dir, subdir)));
        return this.entryOf(l, slot);
      });
    } catch (error) {
      await this.ctx.fs.unlink(tmpPath).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Delivers many messages with the durability of deliver() but one directory fsync per batch
   * instead of one per message: every file is written to tmp/ and fsynced (several at a time),
   * then each is renamed into new/ or cur/, then each directory used is fsynced once. Only
   * then does this resolve, so whatever the caller records next (its index, the journal, a
   * POP3 DELE) depends only on messages that are already durable. A crash before that final
   * fsync may lose renames of this batch but never leaves a half file: each file was complete
   * and fsynced in tmp/ before its rename. The UIDs go to the UID map before the renames, as
   * in deliver(); entries whose file did not arrive are dropped when the folder is opened.
   * If a step fails, the messages renamed so far stay delivered (their directory is fsynced),
   * the rest are removed from tmp/, and the error is thrown.
   */
  async deliverBatch(messages: readonly BatchMessage[]): Promise<MessageEntry[]> {
    await this.load();
    const seen = new Set<number>();
    for (const m of messages) {
      if (!Number.isInteger(m.uid) || m.uid < 1 || m.uid > MAX_UID) throw new MailError('invalid-argument', `UID ${m.uid} is out of range.`);
      if (seen.has(m.uid)) throw new MailError('invalid-argument', `UID ${m.uid} appears twice in one delivery to ${this.name}.`);
      seen.add(m.uid);
    }
    const planned = messages.map((m) => {
      const { letters, keywords } = splitFlags(m.flags ?? []);
      const base = uniqueBaseName({ nowMs: this.ctx.now(), pid: process.pid, host: this.ctx.host }, this.ctx.separator);
      const subdir: Subdir = letters.length === 0 ? 'new' : 'cur';
      const name = subdir === 'new' ? base : fileNameInCur(base, letters, this.ctx.separator);
      const slot: Slot = { uid: m.uid, base, subdir, name, letters, modseq: m.modseq };
      return { message: m, tmpPath: path.join(this.dir, 'tmp', base), slot, keywords };
    });
    const written: string[] = [];
    const removeTmp = async (paths: readonly string[]): Promise<void> => {
      await Promise.all(paths.map((p) => this.ctx.fs.unlink(p).catch(() => undefined)));
    };
    let next = 0;
    let failure: { error: unknown } | undefined;
    const worker = async (): Promise<void> => {
      // After one failure the others stop taking files, so every file written is known here.
      while (failure === undefined && next < planned.length) {
        const p = planned[next++];
        if (p === undefined) return;
        try {
          await this.writeTmp(p.tmpPath, p.message.content, p.message.internalDate);
          written.push(p.tmpPath);
        } catch (error) {
          failure ??= { error };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(BATCH_WRITE_CONCURRENCY, planned.length) }, worker));
    if (failure !== undefined) {
      await removeTmp(written);
      throw failure.error;
    }
    return this.exclusive(async (l) => {
      for (const p of planned) {
        if (l.byUid.has(p.slot.uid)) {
          await removeTmp(written);
          throw new MailError('invalid-argument', `UID ${p.slot.uid} is already used in ${this.name}.`);
        }
      }
      for (const p of planned) this.register(l, p.slot, p.keywords);
      const subdirs = new Set<Subdir>();
      let renamed = 0;
      try {
        await this.persist(l);
        for (const p of planned) {
          await this.ctx.fs.rename(p.tmpPath, path.join(this.dir, p.slot.subdir, p.slot.name));
          subdirs.add(p.slot.subdir);
          renamed += 1;
        }
      } catch (error) {
        // Not delivered: forget the rest again; what was renamed stays and is made durable.
        const rest = planned.slice(renamed);
        for (const p of rest) this.unregister(l, p.slot);
        await this.persist(l).catch(() => undefined);
        await removeTmp(rest.map((p) => p.tmpPath));
        for (const subdir of subdirs) await syncDirectory(this.ctx.fs, path.join(this.dir, subdir)).catch(() => undefined);
        throw toStoreError(error, `delivering messages to ${this.name}`);
      }
      for (const subdir of subdirs) {
        await storeStep(`delivering messages to ${this.name}`, () => syncDirectory(this.ctx.fs, path.join(this.dir, subdir)));
      }
      return planned.map((p) => this.entryOf(l, p.slot));
    });
  }

  /** A readable stream of the message's bytes, read in chunks (never the whole file at once). */
  async read(uid: number): Promise<Readable> {
    const handle = await this.withFile(uid, (file) => this.ctx.fs.open(file, 'r'));
    const name = this.name;
    async function* chunks(): AsyncGenerator<Buffer> {
      try {
        for (;;) {
          const buffer = Buffer.allocUnsafe(READ_CHUNK_BYTES);
          let n: number;
          try {
            n = await handle.read(buffer, null);
          } catch (error) {
            throw toStoreError(error, `reading message ${uid} in ${name}`);
          }
          if (n === 0) return;
          yield buffer.subarray(0, n);
        }
      } finally {
        await handle.close().catch(() => undefined);
      }
    }
    return Readable.from(chunks(), { objectMode: false });
  }

  /** Replaces the message's flags and keywords; the file keeps its base name. */
  async setFlags(uid: number, flags: Iterable<string>, options: FlagChangeOptions = {}): Promise<MessageEntry> {
    const wanted = splitFlags(flags);
    return this.exclusive(async (l) => this.applyFlags(l, this.slot(l, uid), wanted.letters, wanted.keywords, options));
  }

  /** Adds and removes flags relative to the current ones (IMAP STORE +FLAGS / -FLAGS). */
  async updateFlags(
    uid: number,
    change: { readonly add?: Iterable<string>; readonly remove?: Iterable<string> },
    options: FlagChangeOptions = {},
  ): Promise<MessageEntry> {
    return this.exclusive(async (l) => {
      const slot = this.slot(l, uid);
      const current = joinFlags(slot.letters, l.keywords.get(slot.base) ?? []);
      const removed = new Set([...(change.remove ?? [])].map((f) => f.toLowerCase()));
      const next = [...current.filter((f) => !removed.has(f.toLowerCase())), ...(change.add ?? [])];
      const wanted = splitFlags(next);
      return this.applyFlags(l, slot, wanted.letters, wanted.keywords, options);
    });
  }

  /** Removes the message (IMAP EXPUNGE of one message). */
  async delete(uid: number): Promise<void> {
    await this.exclusive(async (l) => {
      const slot = this.slot(l, uid);
      await storeStep(`deleting message ${uid} in ${this.name}`, async () => {
        await this.ctx.fs.unlink(this.filePath(slot));
        await syncDirectory(this.ctx.fs, path.join(this.dir, slot.subdir));
      });
      this.unregister(l, slot);
      await this.persist(l);
    });
  }

  /**
   * Moves a message into another folder of the same store with one rename (same file
   * system, so the file is never half in both). The target records the message first, then
   * the file moves, then the source forgets it: a crash in between is repaired when either
   * folder is next opened (a map entry without its file is dropped, a file without one gets
   * a new UID).
   */
  async moveTo(uid: number, target: MaildirFolder, options: { readonly uid?: number } = {}): Promise<MessageEntry> {
    if (target === this) throw new MailError('invalid-argument', 'A message cannot be moved into its own folder.');
    const source = await this.exclusive(async (l) => {
      const slot = this.slot(l, uid);
      return { slot: { ...slot }, keywords: l.keywords.get(slot.base) ?? [], from: this.filePath(slot) };
    });
    const moved = await target.exclusive(async (t) => {
      const newUid = options.uid ?? t.uidNext;
      if (t.byUid.has(newUid)) throw new MailError('invalid-argument', `UID ${newUid} is already used in ${target.name}.`);
      if (t.byBase.has(source.slot.base)) throw new MailError('invalid-argument', `The message is already in ${target.name}.`);
      const slot: Slot = { ...source.slot, uid: newUid, modseq: undefined };
      target.register(t, slot, source.keywords);
      await target.persist(t);
      try {
        await target.ctx.fs.rename(source.from, target.filePath(slot));
      } catch (error) {
        target.unregister(t, slot);
        await target.persist(t);
        throw toStoreError(error, `moving message ${uid} from ${this.name} to ${target.name}`);
      }
      await storeStep(`moving message ${uid} from ${this.name} to ${target.name}`, async () => {
        await syncDirectory(target.ctx.fs, path.join(target.dir, slot.subdir));
        await syncDirectory(this.ctx.fs, path.dirname(source.from));
      });
      return target.entryOf(t, slot);
    });
    await this.exclusive(async (l) => {
      const slot = l.byUid.get(uid);
      if (slot !== undefined && slot.base === source.slot.base) this.unregister(l, slot);
      await this.persist(l);
    });
    return moved;
  }

  /**
   * Runs fn with the state files written once at the end instead of after every change
   * (an import of 100,000 messages would otherwise rewrite the UID map 100,000 times). A
   * crash inside a batch loses no message: files delivered meanwhile get UIDs on next open.
   */
  async batch<T>(fn: () => Promise<T>): Promise<T> {
    this.batchDepth += 1;
    try {
      return await fn();
    } finally {
      this.batchDepth -= 1;
      if (this.batchDepth === 0) await this.exclusive((l) => this.persist(l));
    }
  }

  /**
   * Writes the state files now, even inside a batch(): for a change made while someone else's
   * batch is open (a body opened during a sync) that must be durable before the caller
   * records it elsewhere, e.g. in an index that names the message by its UID.
   */
  async flush(): Promise<void> {
    await this.exclusive((l) => this.writeState(l));
  }

  /** Forgets the loaded state; the next call reads the files and directories again. */
  async reload(): Promise<void> {
    await this.queue;
    this.loaded = undefined;
  }

  // ---- internals -------------------------------------------------------------------------

  private async writeTmp(tmpPath: string, content: MessageContent, internalDate: Date | undefined): Promise<void> {
    const fs = this.ctx.fs;
    const what = `writing a message to ${this.name}`;
    const file = await storeStep(what, () => fs.open(tmpPath, 'wx'));
    try {
      for await (const chunk of chunksOf(content)) await file.write(chunk);
      await file.sync();
      await file.close();
      if (internalDate !== undefined) await fs.utimes(tmpPath, internalDate, internalDate);
    } catch (error) {
      await file.close().catch(() => undefined);
      await fs.unlink(tmpPath).catch(() => undefined);
      throw toStoreError(error, what);
    }
  }

  private applyFlags(l: Loaded, slot: Slot, mapped: string, keywords: readonly string[], options: FlagChangeOptions): Promise<MessageEntry> {
    return storeStep(`changing flags of message ${slot.uid} in ${this.name}`, async () => {
      // Letters we do not map (Dovecot's a–z keyword letters) stay as they were.
      const unmapped = [...slot.letters].filter((c) => !'DFPRST'.includes(c));
      const letters = [...mapped, ...unmapped].sort().join('');
      const name = fileNameInCur(slot.base, letters, this.ctx.separator);
      if (slot.subdir !== 'cur' || slot.name !== name) {
        await this.ctx.fs.rename(this.filePath(slot), path.join(this.dir, 'cur', name));
        await syncDirectory(this.ctx.fs, path.join(this.dir, 'cur'));
        if (slot.subdir === 'new') await syncDirectory(this.ctx.fs, path.join(this.dir, 'new'));
        slot.letters = letters;
        slot.subdir = 'cur';
        slot.name = name;
      }
      const before = l.keywords.get(slot.base) ?? [];
      if (before.join('\n') !== keywords.join('\n')) {
        if (keywords.length > 0) l.keywords.set(slot.base, keywords);
        else l.keywords.delete(slot.base);
        this.keywordsDirty = true;
      }
      if (options.modseq !== undefined) {
        slot.modseq = options.modseq;
        this.uidsDirty = true;
      }
      await this.persist(l);
      return this.entryOf(l, slot);
    });
  }

  private register(l: Loaded, slot: Slot, keywords: readonly string[]): void {
    l.byUid.set(slot.uid, slot);
    l.byBase.set(slot.base, slot);
    if (slot.uid >= l.uidNext) l.uidNext = slot.uid + 1;
    if (keywords.length > 0) {
      l.keywords.set(slot.base, keywords);
      this.keywordsDirty = true;
    }
    this.uidsDirty = true;
  }

  private unregister(l: Loaded, slot: Slot): void {
    l.byUid.delete(slot.uid);
    l.byBase.delete(slot.base);
    if (l.keywords.delete(slot.base)) this.keywordsDirty = true;
    this.uidsDirty = true;
  }

  private slot(l: Loaded, uid: number): Slot {
    const slot = l.byUid.get(uid);
    if (slot === undefined) throw new MailError('not-found', `There is no message with UID ${uid} in ${this.name}.`);
    return slot;
  }

  private filePath(slot: Slot): string {
    return path.join(this.dir, slot.subdir, slot.name);
  }

  private entryOf(l: Loaded, slot: Slot): MessageEntry {
    return {
      uid: slot.uid,
      base: slot.base,
      flags: joinFlags(slot.letters, l.keywords.get(slot.base) ?? []),
      recent: slot.subdir === 'new',
      modseq: slot.modseq,
      path: this.filePath(slot),
    };
  }

  /**
   * Runs fn on the message's current path. Another program (a second mail client on the same
   * Maildir) may have renamed it for a flag change; then one fresh listing finds it again.
   */
  private async withFile<T>(uid: number, fn: (file: string) => Promise<T>): Promise<T> {
    const what = `opening message ${uid} in ${this.name}`;
    const l = await this.load();
    try {
      return await fn(this.filePath(this.slot(l, uid)));
    } catch (error) {
      if (!isErrno(error, 'ENOENT')) throw toStoreError(error, what);
    }
    await this.exclusive(async (fresh) => {
      await this.reconcile(fresh);
      await this.persist(fresh);
    });
    const again = await this.load();
    return storeStep(what, () => fn(this.filePath(this.slot(again, uid))));
  }

  private exclusive<T>(fn: (l: Loaded) => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => fn(await this.load()));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async persist(l: Loaded): Promise<void> {
    if (this.batchDepth > 0) return;
    await this.writeState(l);
  }

  private async writeState(l: Loaded): Promise<void> {
    await storeStep(`saving the state of ${this.name}`, async () => {
      if (this.uidsDirty) {
        this.uidsDirty = false;
        const entries: UidEntry[] = [...l.byUid.values()]
          .sort((a, b) => a.uid - b.uid)
          .map((s) => (s.modseq === undefined ? { uid: s.uid, base: s.base } : { uid: s.uid, base: s.base, modseq: s.modseq }));
        try {
          await writeUidList(this.ctx.fs, this.dir, { uidValidity: l.uidValidity, uidNext: l.uidNext, highestModSeq: l.highestModSeq, entries });
        } catch (error) {
          this.uidsDirty = true;
          throw error;
        }
      }
      if (this.keywordsDirty) {
        this.keywordsDirty = false;
        try {
          await writeKeywords(this.ctx.fs, this.dir, l.keywords);
        } catch (error) {
          this.keywordsDirty = true;
          throw error;
        }
      }
    });
  }

  private load(): Promise<Loaded> {
    if (this.loaded === undefined) {
      const loading = storeStep(`opening folder ${this.name}`, () => this.loadFromDisk());
      this.loaded = loading;
      loading.catch(() => {
        if (this.loaded === loading) this.loaded = undefined;
      });
    }
    return this.loaded;
  }

  private async loadFromDisk(): Promise<Loaded> {
    const fs = this.ctx.fs;
    for (const sub of ['cur', 'new', 'tmp']) {
      let isDir = false;
      try {
        isDir = (await fs.stat(path.join(this.dir, sub))).isDirectory;
      } catch (error) {
        if (!isErrno(error, 'ENOENT')) throw error;
      }
      if (!isDir) throw new MailError('not-found', `Folder ${this.name} does not exist.`, { details: { folder: this.name } });
    }
    const list = await readUidList(fs, this.dir);
    const keywords = await readKeywords(fs, this.dir);
    const l: Loaded = {
      uidValidity: list?.uidValidity ?? Math.max(1, Math.min(MAX_UID, Math.floor(this.ctx.now() / 1000))),
      uidNext: list?.uidNext ?? 1,
      highestModSeq: list?.highestModSeq ?? 0n,
      byUid: new Map(),
      byBase: new Map(),
      keywords,
    };
    for (const entry of list?.entries ?? []) {
      // Placeholder location; reconcile() puts every file where the listing says it is.
      const slot: Slot = { uid: entry.uid, base: entry.base, subdir: 'cur', name: '', letters: '', modseq: entry.modseq };
      l.byUid.set(slot.uid, slot);
      l.byBase.set(slot.base, slot);
    }
    if (list === undefined) this.uidsDirty = true;
    await this.reconcile(l);
    await this.cleanTmp();
    await this.persist(l);
    return l;
  }

  /**
   * Brings the map in line with new/ and cur/ (listing only; no file is opened): entries whose
   * file is gone are dropped (expunged by another program, or a delivery that crashed before
   * its rename), files nobody knows get the next UIDs in name order (oldest delivery first).
   */
  private async reconcile(l: Loaded): Promise<void> {
    const found = new Map<string, { subdir: Subdir; name: string; letters: string }>();
    for (const subdir of ['new', 'cur'] as const) {
      for (const name of await this.ctx.fs.readdir(path.join(this.dir, subdir))) {
        const parsed = parseFileName(name, this.ctx.separator);
        if (parsed === undefined) continue;
        // A message in both places can only come from an outside copy; cur/ wins.
        found.set(parsed.base, { subdir, name, letters: parsed.letters });
      }
    }
    for (const slot of [...l.byUid.values()]) {
      const where = found.get(slot.base);
      if (where === undefined) {
        this.unregister(l, slot);
        continue;
      }
      slot.subdir = where.subdir;
      slot.name = where.name;
      slot.letters = where.letters;
      found.delete(slot.base);
    }
    for (const base of [...found.keys()].sort(compareNames)) {
      const where = found.get(base);
      if (where === undefined || l.uidNext > MAX_UID) continue;
      this.register(l, { uid: l.uidNext, base, subdir: where.subdir, name: where.name, letters: where.letters, modseq: undefined }, []);
    }
    for (const base of [...l.keywords.keys()]) {
      if (!l.byBase.has(base)) {
        l.keywords.delete(base);
        this.keywordsDirty = true;
      }
    }
  }

  /**
   * Maildir spec: files in tmp/ untouched for 36 hours are left-overs of crashed deliveries.
   * Temporary state files (".tegami-uidlist.json.<pid>.<n>.tmp") of a process that no longer
   * runs are left-overs of a crash during an atomic state write; the real file is intact.
   */
  private async cleanTmp(): Promise<void> {
    const fs = this.ctx.fs;
    for (const name of await fs.readdir(this.dir)) {
      const m = STATE_TEMP.exec(name);
      if (m !== null && !isProcessAlive(Number(m[1]))) {
        await fs.unlink(path.join(this.dir, name)).catch((error: unknown) => {
          if (!isErrno(error, 'ENOENT')) throw error;
        });
      }
    }
    const tmp = path.join(this.dir, 'tmp');
    const cutoff = this.ctx.now() - TMP_MAX_AGE_MS;
    for (const name of await fs.readdir(tmp)) {
      const file = path.join(tmp, name);
      try {
        const s = await fs.stat(file);
        if (!s.isDirectory && s.mtimeMs < cutoff) await fs.unlink(file);
      } catch (error) {
        if (!isErrno(error, 'ENOENT')) throw error;
      }
    }
  }
}
