import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../api/atomic-file.js';
import { MailError } from '../net/mail-error.js';

interface LedgerFile {
  readonly version: 1;
  /** Folder path → local UID → the server's unique-id (RFC 1939 §7 UIDL) of the message. */
  readonly messages: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Unique-ids the user deleted here, to be deleted on the server by the next session. */
  readonly deleted: readonly string[];
}

/**
 * What a POP3 account's local copies are on the server: which UIDL each downloaded message has
 * (it keeps it when moved between local folders), and which the user deleted here while the
 * server keeps mail, so the next POP3 session sends DELE for them and QUIT to commit (RFC 1939
 * §6). A POP3 account has no operation queue: nothing but this list goes to its server.
 *
 * One JSON file, replaced atomically on every change; the sync and the user's actions change it
 * from the same process, one change at a time.
 */
export class Pop3Ledger {
  readonly path: string;
  #messages = new Map<string, Map<number, string>>();
  #deleted = new Set<string>();
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(stateDir: string) {
    this.path = join(stateDir, 'pop3-ledger.json');
  }

  static async open(stateDir: string): Promise<Pop3Ledger> {
    const ledger = new Pop3Ledger(stateDir);
    let text: string;
    try {
      text = await readFile(ledger.path, 'utf8');
    } catch (error) {
      if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return ledger;
      throw new MailError('io-error', `Could not read ${ledger.path}.`, { cause: error });
    }
    let file: LedgerFile;
    try {
      file = JSON.parse(text) as LedgerFile;
    } catch (error) {
      throw new MailError('io-error', `${ledger.path} is not valid JSON; it must be repaired before deletions can reach the server.`, { cause: error });
    }
    for (const [path, byUid] of Object.entries(file.messages)) {
      ledger.#messages.set(path, new Map(Object.entries(byUid).map(([uid, uidl]) => [Number(uid), uidl])));
    }
    ledger.#deleted = new Set(file.deleted);
    return ledger;
  }

  /** The server's unique-id of a local message, when it was downloaded by POP3. */
  uidlOf(path: string, uid: number): string | undefined {
    return this.#messages.get(path)?.get(uid);
  }

  /** Unique-ids waiting for the next session's DELE. */
  get deleted(): readonly string[] {
    return [...this.#deleted];
  }

  /** A message downloaded into `path` as `uid`. */
  downloaded(path: string, uid: number, uidl: string): Promise<void> {
    return this.#change(() => this.#set(path, uid, uidl));
  }

  /** A message moved between local folders keeps its unique-id. */
  moved(path: string, uid: number, to: string, toUid: number): Promise<void> {
    return this.#change(() => {
      const uidl = this.#take(path, uid);
      if (uidl !== undefined) this.#set(to, toUid, uidl);
    });
  }

  /**
   * The user deleted the local copy. With `deleteOnServer` its unique-id waits for the next
   * session's DELE; otherwise it is only forgotten here (the download state still keeps it from
   * being downloaded again).
   */
  removed(path: string, uid: number, deleteOnServer: boolean): Promise<void> {
    return this.#change(() => {
      const uidl = this.#take(path, uid);
      if (uidl !== undefined && deleteOnServer) this.#deleted.add(uidl);
    });
  }

  /** The server confirmed (QUIT) these are gone, or no longer lists them: nothing is left to do. */
  settled(uidls: Iterable<string>): Promise<void> {
    return this.#change(() => {
      for (const uidl of uidls) this.#deleted.delete(uidl);
    });
  }

  #set(path: string, uid: number, uidl: string): void {
    let byUid = this.#messages.get(path);
    if (byUid === undefined) this.#messages.set(path, (byUid = new Map()));
    byUid.set(uid, uidl);
  }

  #take(path: string, uid: number): string | undefined {
    const byUid = this.#messages.get(path);
    const uidl = byUid?.get(uid);
    byUid?.delete(uid);
    return uidl;
  }

  #change(fn: () => void): Promise<void> {
    const next = this.#queue.then(async () => {
      fn();
      const file: LedgerFile = {
        version: 1,
        messages: Object.fromEntries([...this.#messages].map(([path, byUid]) => [path, Object.fromEntries([...byUid].map(([uid, uidl]) => [String(uid), uidl]))])),
        deleted: [...this.#deleted],
      };
      try {
        await writeFileAtomic(this.path, JSON.stringify(file));
      } catch (error) {
        throw new MailError('io-error', `Could not save ${this.path}.`, { cause: error });
      }
    });
    this.#queue = next.catch(() => undefined);
    return next;
  }
}
