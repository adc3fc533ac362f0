import { join } from 'node:path';
import type { Account, ConnectionLogEntry, MessageSummary } from '../api/contract.js';
import type { ImapClient } from '../imap/client.js';
import { MailError } from '../net/mail-error.js';
import type { TranscriptEntry } from '../net/transcript.js';
import { MailCache, readAll } from './cache.js';
import { connectImap, type ImapEndpoint } from './imap-connect.js';
import { fetchBody, syncAccount } from './imap-sync.js';
import { isLocalUid } from './ids.js';
import type { ChangeJournal } from './journal.js';
import { DEFAULT_POLL_INTERVAL_MS } from './limits.js';
import { LocalOperations } from './operations.js';
import { Outbox, providerFilesSentMail, type SendReport, type SmtpEndpoint } from './outbox.js';
import { syncPop3 } from './pop3-sync.js';
import type { FolderReport, ProgressListener } from './progress.js';
import { OperationQueue } from './queue.js';
import { isConnectionError, replayQueue } from './replay.js';

export type PasswordSource = (kind: 'incoming-password' | 'outgoing-password') => Promise<string | undefined>;

/** Transcript lines kept per account for the connection log. */
const LOG_ENTRIES = 2000;

export interface SyncNowOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: ProgressListener;
  /** Only these folders (server paths); every folder when absent. */
  readonly folders?: readonly string[];
}

export interface SyncRun {
  readonly folders: readonly FolderReport[];
  readonly replayed: number;
  readonly outbox: SendReport | undefined;
}

/**
 * One account's engine: the local copy, the operation queue, the outbox, and the IMAP session
 * that replays the queue and syncs. Operations are applied locally first and never wait for
 * the network; `syncNow` connects, replays, syncs and sends whatever is waiting.
 */
export class AccountEngine {
  #client: ImapClient | undefined;
  #fetcher: ImapClient | undefined;
  #running: Promise<SyncRun> | undefined;
  #log: ConnectionLogEntry[] = [];
  #background: AbortController | undefined;
  /** One IMAP conversation at a time: a replay and a sync must not interleave their SELECTs, nor replay one entry twice. */
  #lock: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly account: Account,
    readonly cache: MailCache,
    readonly queue: OperationQueue,
    readonly ops: LocalOperations,
    readonly outbox: Outbox,
    readonly passwords: PasswordSource,
  ) {}

  static async open(account: Account, accountDir: string, passwords: PasswordSource, journal?: ChangeJournal): Promise<AccountEngine> {
    const stateDir = join(accountDir, 'state');
    const cache = await MailCache.open(account.id, join(accountDir, 'maildir'), stateDir, journal);
    const queue = await OperationQueue.open(stateDir);
    const outbox = await Outbox.open(account.id, stateDir, journal);
    return new AccountEngine(account, cache, queue, new LocalOperations(cache, queue), outbox, passwords);
  }

  /** Earlier sessions' transcripts plus the current one, secrets already redacted by core/net. */
  get connectionLog(): readonly ConnectionLogEntry[] {
    const current = this.#client?.transcript?.entries ?? [];
    return [...this.#log, ...current.map((e) => ({ at: new Date(e.at).toISOString(), protocol: 'imap' as const, direction: e.direction, text: e.text }))].slice(-LOG_ENTRIES);
  }

  async #incoming(): Promise<ImapEndpoint> {
    const password = await this.passwords('incoming-password');
    if (password === undefined) throw new MailError('auth-failed', `No password is stored for ${this.account.email}; enter it again in the account settings.`);
    const i = this.account.incoming;
    return { host: i.host, port: i.port, security: i.security, user: i.username, password, caFile: this.account.caFile ?? undefined, pinnedSha256: this.account.pinnedSha256?.incoming ?? undefined };
  }

  async #outgoing(): Promise<SmtpEndpoint> {
    const password = (await this.passwords('outgoing-password')) ?? (await this.passwords('incoming-password'));
    if (password === undefined) throw new MailError('auth-failed', `No password is stored for sending as ${this.account.email}.`);
    const o = this.account.outgoing;
    return { host: o.host, port: o.port, security: o.security, user: o.username, password, caFile: this.account.caFile ?? undefined, pinnedSha256: this.account.pinnedSha256?.outgoing ?? undefined };
  }

  #keepLog(protocol: ConnectionLogEntry['protocol'], entries: readonly TranscriptEntry[] | undefined): void {
    if (entries === undefined) return;
    this.#log.push(...entries.map((e) => ({ at: new Date(e.at).toISOString(), protocol, direction: e.direction, text: e.text })));
    if (this.#log.length > LOG_ENTRIES) this.#log = this.#log.slice(-LOG_ENTRIES);
  }

  /** The IMAP session, opened on first use and after a drop. */
  async client(): Promise<ImapClient> {
    if (this.#client?.connected === true) return this.#client;
    this.#keepLog('imap', this.#client?.transcript?.entries);
    this.#client?.close();
    this.#client = undefined;
    this.#client = await connectImap(await this.#incoming());
    return this.#client;
  }

  /** One sync at a time; a second caller waits for the running one. */
  syncNow(options: SyncNowOptions = {}): Promise<SyncRun> {
    this.#running ??= this.#exclusive(() => this.#sync(options)).finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #sync(options: SyncNowOptions): Promise<SyncRun> {
    if (this.account.incoming.protocol === 'pop3') {
      const report = await syncPop3(await this.#incoming(), this.cache, this.account.pop3 ?? { leaveOnServer: true, deleteAfterDays: null }, options);
      const outbox = await this.sendOutbox();
      return { folders: [report], replayed: 0, outbox };
    }
    const client = await this.client();
    const replay = await replayQueue(client, this.cache, this.queue);
    const folders = await syncAccount(client, this.cache, options);
    const outbox = await this.sendOutbox();
    // Copies filed in Sent while sending are queued appends: send them now too.
    if (this.queue.entries.length > 0) {
      await replayQueue(client, this.cache, this.queue);
      const sent = this.cache.byRole('sent');
      if (sent !== undefined && (options.folders === undefined || options.folders.includes(sent.path))) await syncAccount(client, this.cache, { ...options, folders: [sent.path] });
    }
    return { folders, replayed: replay.done, outbox };
  }

  /** Sends what waits in the Outbox; files each sent message in Sent unless the provider does. */
  async sendOutbox(): Promise<SendReport> {
    const endpoint = await this.#outgoing();
    return this.outbox.deliverAll(endpoint, async (bytes) => {
      if (providerFilesSentMail(this.account.outgoing.host)) return;
      const sent = this.cache.byRole('sent');
      if (sent !== undefined) await this.ops.append(sent.path, bytes, ['\\Seen'], null);
    });
  }

  /** Replays the queue now when a session is up; offline, the operations simply wait. */
  flush(): Promise<void> {
    return this.#exclusive(async () => {
      if (this.#client?.connected !== true) return;
      try {
        await replayQueue(this.#client, this.cache, this.queue);
      } catch (error) {
        if (!isConnectionError(error)) throw error;
      }
    });
  }

  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.#lock.then(fn);
    this.#lock = next.catch(() => undefined);
    return next;
  }

  /** The bytes of a message; a header-only one is fetched first (needs the server). */
  async messageBytes(path: string, uid: number): Promise<{ bytes: Uint8Array; summary: MessageSummary }> {
    const index = await this.cache.index(path);
    let summary = index.messages.get(uid);
    if (summary === undefined) throw new MailError('not-found', `Message ${uid} is not in ${path}.`);
    if (!summary.bodyDownloaded) {
      if (isLocalUid(uid)) throw new MailError('not-found', 'The message body is not stored locally.');
      // A session of its own, so opening a message never waits for a running sync.
      if (this.#fetcher?.connected !== true) {
        this.#fetcher?.close();
        this.#fetcher = await connectImap(await this.#incoming());
      }
      summary = await fetchBody(this.#fetcher, this.cache, path, uid);
    }
    return { bytes: await readAll(await this.cache.maildir(path).read(uid)), summary };
  }

  /** IDLE on INBOX (RFC 2177) in a session of its own, and a full sync on every change or poll. */
  startBackground(onError: (error: unknown) => void): void {
    if (this.#background !== undefined || this.account.incoming.protocol !== 'imap') return;
    const controller = new AbortController();
    this.#background = controller;
    const loop = async (): Promise<void> => {
      while (!controller.signal.aborted) {
        try {
          await this.syncNow({ signal: controller.signal });
          const idler = await connectImap(await this.#incoming());
          try {
            await idler.run('select', 'INBOX');
            const wake = new AbortController();
            const timer = setTimeout(() => wake.abort(), DEFAULT_POLL_INTERVAL_MS);
            const stop = () => wake.abort();
            controller.signal.addEventListener('abort', stop, { once: true });
            const off = idler.on((event) => {
              if (event.type === 'exists' || event.type === 'expunge' || event.type === 'flags' || event.type === 'vanished') wake.abort();
            });
            await idler.run('idle', { signal: wake.signal }).catch(() => undefined);
            off();
            clearTimeout(timer);
            controller.signal.removeEventListener('abort', stop);
          } finally {
            await idler.logout().catch(() => undefined);
            idler.close();
          }
        } catch (error) {
          if (controller.signal.aborted) return;
          onError(error);
          await new Promise((resolve) => setTimeout(resolve, DEFAULT_POLL_INTERVAL_MS / 10));
        }
      }
    };
    void loop();
  }

  async close(): Promise<void> {
    this.#background?.abort();
    await this.#running?.catch(() => undefined);
    this.#fetcher?.close();
    this.#fetcher = undefined;
    const client = this.#client;
    this.#client = undefined;
    if (client !== undefined) {
      await client.logout().catch(() => undefined);
      client.close();
    }
  }
}
