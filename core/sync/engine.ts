import { join } from 'node:path';
import type { Account, ConnectionLogEntry, MessageSummary } from '../api/contract.js';
import type { ImapClient } from '../imap/client.js';
import { MailError } from '../net/mail-error.js';
import { Transcript, type TranscriptEntry } from '../net/transcript.js';
import { Backoff } from './backoff.js';
import { MailCache, readAll } from './cache.js';
import { connectImap, type ImapEndpoint } from './imap-connect.js';
import { fetchBody, syncAccount } from './imap-sync.js';
import { isLocalUid } from './ids.js';
import type { ChangeJournal } from './journal.js';
import { CONNECTION_LOG_MAX_ENTRIES, DEFAULT_POLL_INTERVAL_MS, OUTBOX_RETRY_INITIAL_MS, OUTBOX_RETRY_MAX_MS, SYNC_RETRY_INITIAL_MS, SYNC_RETRY_MAX_MS } from './limits.js';
import { LocalOperations, type MailOperations } from './operations.js';
import { Pop3Ledger } from './pop3-ledger.js';
import { Pop3Operations } from './pop3-operations.js';
import { Outbox, openEndpoint, providerFilesSentMail, type SendReport, type SmtpEndpoint } from './outbox.js';
import { deletesOnServerWhenDeletedHere, pop3Policy, syncPop3 } from './pop3-sync.js';
import { reportReached, RunProgress, type FolderReport, type ProgressListener } from './progress.js';
import { OperationQueue } from './queue.js';
import { isConnectionError, replayQueue } from './replay.js';

export type PasswordSource = (kind: 'incoming-password' | 'outgoing-password') => Promise<string | undefined>;

/**
 * For an account that signs in with OAuth2: runs `fn` with a valid access token and, when the
 * server refuses the token, refreshes it and runs `fn` once more (OAuthTokenManager.withFreshToken).
 */
export type TokenSource = <T>(fn: (accessToken: string) => Promise<T>) => Promise<T>;

export interface SyncNowOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: ProgressListener;
  /** Only these folders (server paths); every folder when absent. */
  readonly folders?: readonly string[];
}

/** Unseen messages a background sync stored in the Inbox (for 'new-mail' notifications). */
export interface NewMail {
  readonly folderPath: string;
  /** Oldest first. */
  readonly messages: readonly MessageSummary[];
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
  /** The fetcher session serves one request at a time: a body fetch and a search both SELECT. */
  #fetcherLock: Promise<unknown> = Promise.resolve();
  #running: Promise<SyncRun> | undefined;
  #log: ConnectionLogEntry[] = [];
  #background: AbortController | undefined;
  /** Where the background engine reports what failed and how its work goes (startBackground's onError and onProgress). */
  #onBackgroundError: ((error: unknown) => void) | undefined;
  #onBackgroundProgress: ProgressListener | undefined;
  /** The background loop's wait after a failure, while it lasts; calling it ends the wait at once. */
  #endRetryWait: (() => void) | undefined;
  /**
   * The last sync (or replay) failed and none has succeeded since: the incoming server is not
   * known to work, so a delivery round that succeeds must not report the account online.
   */
  #incomingFailing = false;
  /** The next Outbox attempt while messages wait (see #armOutboxRetry), and the delays after it. */
  #outboxRetry: NodeJS.Timeout | undefined;
  readonly #outboxBackoff = new Backoff(OUTBOX_RETRY_INITIAL_MS, OUTBOX_RETRY_MAX_MS);
  #outboxRetrying: Promise<void> | undefined;
  /** One IMAP conversation at a time: a replay and a sync must not interleave their SELECTs, nor replay one entry twice. */
  #lock: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly account: Account,
    readonly cache: MailCache,
    readonly queue: OperationQueue,
    readonly ops: MailOperations,
    readonly outbox: Outbox,
    readonly passwords: PasswordSource,
    readonly tokens: TokenSource | undefined,
    /** POP3 only: unique-ids of the local copies and the deletions for the next session. */
    readonly pop3Ledger: Pop3Ledger | undefined = undefined,
  ) {}

  /** `tokens` is required for an account with auth 'oauth2' and unused otherwise. */
  static async open(account: Account, accountDir: string, passwords: PasswordSource, journal?: ChangeJournal, tokens?: TokenSource): Promise<AccountEngine> {
    if (account.auth === 'oauth2' && tokens === undefined) throw new MailError('config-invalid', `${account.email} signs in with OAuth2, but no token source was given.`);
    const stateDir = join(accountDir, 'state');
    const cache = await MailCache.open(account.id, join(accountDir, 'maildir'), stateDir, journal);
    const queue = await OperationQueue.open(stateDir);
    const outbox = await Outbox.open(account.id, stateDir, journal);
    const pop3 = account.incoming.protocol === 'pop3' ? await AccountEngine.#pop3Operations(account, cache, queue, stateDir) : undefined;
    return new AccountEngine(account, cache, queue, pop3 ?? new LocalOperations(cache, queue), outbox, passwords, account.auth === 'oauth2' ? tokens : undefined, pop3?.ledger);
  }

  /**
   * A POP3 account's actions are local (Pop3Operations); its queue must stay empty, since no
   * replay speaks POP3. Entries an earlier version queued for it could never be sent: they go.
   */
  static async #pop3Operations(account: Account, cache: MailCache, queue: OperationQueue, stateDir: string): Promise<Pop3Operations> {
    for (const entry of queue.entries) await queue.remove(entry.id);
    queue.refuse('a POP3 account has no server folders; its changes are made here only.');
    return new Pop3Operations(cache, await Pop3Ledger.open(stateDir), deletesOnServerWhenDeletedHere(pop3Policy(account)));
  }

  /** Earlier sessions' transcripts plus the current one, secrets already redacted by core/net. */
  get connectionLog(): readonly ConnectionLogEntry[] {
    const current = this.#client?.transcript?.entries ?? [];
    return [...this.#log, ...current.map((e) => ({ at: new Date(e.at).toISOString(), protocol: 'imap' as const, direction: e.direction, text: e.text }))].slice(-CONNECTION_LOG_MAX_ENTRIES);
  }

  async #incoming(): Promise<ImapEndpoint> {
    const i = this.account.incoming;
    const base = { host: i.host, port: i.port, security: i.security, user: i.username, caFile: this.account.caFile ?? undefined, pinnedSha256: this.account.pinnedSha256?.incoming ?? undefined };
    if (this.tokens !== undefined) return base;
    const password = await this.passwords('incoming-password');
    if (password === undefined) throw new MailError('auth-failed', `No password is stored for ${this.account.email}; enter it again in the account settings.`);
    return { ...base, password };
  }

  async #outgoing(): Promise<SmtpEndpoint> {
    const o = this.account.outgoing;
    const base = { host: o.host, port: o.port, security: o.security, user: o.username, caFile: this.account.caFile ?? undefined, pinnedSha256: this.account.pinnedSha256?.outgoing ?? undefined };
    if (this.tokens !== undefined) return base;
    const password = (await this.passwords('outgoing-password')) ?? (await this.passwords('incoming-password'));
    if (password === undefined) throw new MailError('auth-failed', `No password is stored for sending as ${this.account.email}.`);
    return { ...base, password };
  }

  /** Logs in with the password, or with an access token (refreshed and retried once when refused). */
  #withSecret<E extends { readonly password?: string | undefined; readonly accessToken?: string | undefined }, T>(endpoint: E, fn: (e: E) => Promise<T>): Promise<T> {
    const tokens = this.tokens;
    if (tokens === undefined) return fn(endpoint);
    return tokens((accessToken) => fn({ ...endpoint, accessToken }));
  }

  /**
   * A failed attempt leaves no client behind to read the transcript from, so it is recorded in
   * one of ours: the log then shows the server's NO to the login (secrets redacted by core/net).
   */
  async #connectIncoming(): Promise<ImapClient> {
    const transcript = new Transcript();
    try {
      return await this.#withSecret({ ...(await this.#incoming()), transcript }, connectImap);
    } catch (error) {
      this.#keepLog('imap', transcript.entries);
      throw error;
    }
  }

  #keepLog(protocol: ConnectionLogEntry['protocol'], entries: readonly TranscriptEntry[] | undefined): void {
    if (entries === undefined) return;
    this.#log.push(...entries.map((e) => ({ at: new Date(e.at).toISOString(), protocol, direction: e.direction, text: e.text })));
    if (this.#log.length > CONNECTION_LOG_MAX_ENTRIES) this.#log = this.#log.slice(-CONNECTION_LOG_MAX_ENTRIES);
  }

  /** The IMAP session, opened on first use and after a drop. */
  async client(): Promise<ImapClient> {
    if (this.#client?.connected === true) return this.#client;
    this.#keepLog('imap', this.#client?.transcript?.entries);
    this.#client?.close();
    this.#client = undefined;
    this.#client = await this.#connectIncoming();
    return this.#client;
  }

  /** One sync at a time; a second caller waits for the running one. */
  syncNow(options: SyncNowOptions = {}): Promise<SyncRun> {
    this.#running ??= this.#exclusive(() => this.#sync(options))
      .then(
        (run) => {
          this.#incomingFailing = false;
          return run;
        },
        (error: unknown) => {
          this.#incomingFailing = true;
          throw error;
        },
      )
      .finally(() => {
        this.#running = undefined;
      });
    return this.#running;
  }

  async #sync(options: SyncNowOptions): Promise<SyncRun> {
    const run = new RunProgress(options.onProgress);
    run.step('connecting');
    if (this.account.incoming.protocol === 'pop3') {
      const policy = pop3Policy(this.account);
      const ledger = this.pop3Ledger;
      if (ledger === undefined) throw new MailError('config-invalid', `${this.account.email} was opened without its POP3 state.`);
      // POP3 sessions are short: each one, finished or failed, goes into the log whole.
      const transcript = new Transcript();
      let report: FolderReport;
      try {
        report = await this.#withSecret({ ...(await this.#incoming()), transcript }, (endpoint) => syncPop3(endpoint, this.cache, ledger, policy, { ...options, onProgress: run.forward }));
      } finally {
        this.#keepLog('pop3', transcript.entries);
      }
      const outbox = await this.#sendAsPartOf(run);
      run.done();
      return { folders: [report], replayed: 0, outbox };
    }
    const client = await this.client();
    if (this.queue.entries.length > 0) run.step('queue');
    const replay = await replayQueue(client, this.cache, this.queue);
    const folders = await syncAccount(client, this.cache, { ...options, onProgress: run.forward });
    const outbox = await this.#sendAsPartOf(run);
    // Copies filed in Sent while sending are queued appends: send them now too.
    if (this.queue.entries.length > 0) {
      await replayQueue(client, this.cache, this.queue);
      const sent = this.cache.byRole('sent');
      // Quietly: the folder pass was reported already, and this one folder would restart its counts.
      const quiet = options.signal !== undefined ? { signal: options.signal } : {};
      if (sent !== undefined && (options.folders === undefined || options.folders.includes(sent.path))) await syncAccount(client, this.cache, { ...quiet, folders: [sent.path] });
    }
    run.done();
    return { folders, replayed: replay.done, outbox };
  }

  /** The Outbox step of a sync run, reported as 'outbox' only when something waits to be sent. */
  #sendAsPartOf(run: RunProgress): Promise<SendReport> {
    if (this.outbox.records.some((r) => r.state === 'queued' || r.state === 'sent')) run.step('outbox');
    return this.sendOutbox();
  }

  /**
   * Sends what waits in the Outbox; files each sent message in Sent unless the provider does.
   * A submission server that cannot be reached, or refuses the login, leaves the messages
   * queued with the reason ("Not sent yet: …") and is no error here: within a sync run the
   * run's own outcome is the incoming server's. A delivery on its own is `deliver`.
   */
  async sendOutbox(): Promise<SendReport> {
    return (await this.#deliverRound()).report;
  }

  /**
   * A delivery round on its own, outside a sync run: the composer's send and the Outbox retry.
   * It sends what waits, then replays the queue (the copies filed in Sent), and reports its
   * outcome the way a sync run does, so the status line follows it:
   * - a submission server that could not be reached (or refused the login) fails the round:
   *   delivering was all it was for, so that error is thrown, for the caller to report as a
   *   failed sync is, with the SMTP session in the connection log;
   * - a round that reached the submission server (sent, or had a message refused for good) or
   *   replayed the queue on a live IMAP session reports through `onProgress` (reportReached),
   *   which ends an earlier failure, unless the incoming server is still known to fail: then it
   *   says nothing, and the background loop, which waits out its delay after that failure, is
   *   asked to try again now, since the network is evidently back;
   * - a round that found nothing to do says nothing.
   */
  async deliver(onProgress?: ProgressListener): Promise<SendReport> {
    const { report, unreachable } = await this.#deliverRound();
    if (unreachable !== null) throw unreachable;
    const replayed = await this.flush();
    if (report.sent + report.failed > 0 || replayed) {
      if (!this.#incomingFailing) reportReached(onProgress);
      else this.#endRetryWait?.();
    }
    return report;
  }

  /** One delivery round, and the error that kept it from reaching the submission server (null when it did or had nothing to send). */
  async #deliverRound(): Promise<{ report: SendReport; unreachable: unknown }> {
    // The submission session, finished or refused (deliverAll reports a failed login as "not
    // sent yet" without throwing), goes into the log whole; nothing is recorded when nothing waits.
    const transcript = new Transcript();
    const endpoint = { ...(await this.#outgoing()), transcript };
    let unreachable: unknown = null;
    try {
      const report = await this.outbox.deliverAll(
        endpoint,
        async (bytes) => {
          if (providerFilesSentMail(this.account.outgoing.host)) return;
          const sent = this.cache.byRole('sent');
          if (sent !== undefined) await this.ops.append(sent.path, bytes, ['\\Seen'], null);
        },
        async (e) => {
          try {
            return await this.#withSecret(e, openEndpoint);
          } catch (error) {
            unreachable = error;
            throw error;
          }
        },
      );
      return { report, unreachable };
    } finally {
      this.#keepLog('smtp', transcript.entries);
      this.#armOutboxRetry();
    }
  }

  /**
   * With the background engine running, a message still queued after a delivery round (server
   * unreachable, no greeting, a 4xx) is tried again soon, with a growing delay. Otherwise it
   * would wait for the next full sync, and with IMAP up that is the next change in the Inbox or
   * the periodic check minutes later. The retry needs no IMAP session: only the Sent copy does,
   * and flush() leaves it queued while IMAP is unreachable.
   */
  #armOutboxRetry(): void {
    const background = this.#background;
    if (background === undefined || background.signal.aborted) return;
    if (!this.outbox.records.some((r) => r.state === 'queued')) {
      this.#outboxBackoff.reset();
      return;
    }
    if (this.#outboxRetry !== undefined) return;
    this.#outboxRetry = setTimeout(() => {
      this.#outboxRetry = undefined;
      if (background.signal.aborted) return;
      this.#outboxRetrying = this.deliver(this.#onBackgroundProgress)
        .then(() => undefined)
        .catch((error: unknown) => {
          if (!background.signal.aborted) this.#onBackgroundError?.(error);
        })
        .finally(() => {
          this.#outboxRetrying = undefined;
        });
    }, this.#outboxBackoff.next());
    // The timer alone keeps no process alive (a CLI run, a test that ends).
    this.#outboxRetry.unref();
  }

  /**
   * Replays the queue now, on a new session when the last one dropped (a server restart, a NAT
   * that forgot the idle connection): otherwise a change, or the copy of a sent message filed
   * in Sent, would wait for the next full sync. Offline, the operations simply wait.
   *
   * True when the queue was replayed on a live session. When that follows a failed sync, the
   * server is back: `onProgress` hears it (reportReached), which ends the failure shown.
   */
  flush(onProgress?: ProgressListener): Promise<boolean> {
    return this.#exclusive(async () => {
      // A POP3 account has no server folders to replay to.
      if (this.account.incoming.protocol !== 'imap' || this.queue.entries.length === 0) return false;
      try {
        await replayQueue(await this.client(), this.cache, this.queue);
      } catch (error) {
        if (!isConnectionError(error)) throw error;
        this.#incomingFailing = true;
        return false;
      }
      const recovered = this.#incomingFailing;
      this.#incomingFailing = false;
      if (recovered) reportReached(onProgress);
      return true;
    });
  }

  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.#lock.then(fn);
    this.#lock = next.catch(() => undefined);
    return next;
  }

  /** The bytes of a message; a header-only one is fetched first (needs the server). */
  async messageBytes(path: string, uid: number): Promise<{ bytes: Uint8Array; summary: MessageSummary }> {
    let summary = await this.cache.summary(path, uid);
    if (!summary.bodyDownloaded) {
      if (isLocalUid(uid)) throw new MailError('not-found', 'The message body is not stored locally.');
      summary = await this.#withFetcher((fetcher) => fetchBody(fetcher, this.cache, path, uid));
    }
    return { bytes: await readAll(await this.cache.maildir(path).read(uid)), summary };
  }

  /**
   * Server-side UID SEARCH TEXT (RFC 3501 §6.4.4: header and body) in one folder; the server
   * UIDs that match, ascending. Non-ASCII text goes as a literal under CHARSET UTF-8 (or as
   * UTF-8 without CHARSET once UTF8=ACCEPT is enabled, RFC 6855 §3); see imap/commands/search.ts.
   */
  async searchText(path: string, text: string): Promise<number[]> {
    if (this.account.incoming.protocol !== 'imap') throw new MailError('invalid-argument', 'POP3 servers cannot search.');
    return this.#withFetcher(async (fetcher) => {
      if (fetcher.state.selected?.path !== path) await fetcher.run('select', path);
      return (await fetcher.run('search', { field: 'TEXT', value: text }, { byUid: true })).ids;
    });
  }

  /** Runs `fn` on the on-demand session (its own, so it never waits for a running sync), one at a time. */
  #withFetcher<T>(fn: (fetcher: ImapClient) => Promise<T>): Promise<T> {
    const next = this.#fetcherLock.then(async () => {
      if (this.#fetcher?.connected !== true) {
        this.#fetcher?.close();
        this.#fetcher = undefined;
        this.#fetcher = await this.#connectIncoming();
      }
      return fn(this.#fetcher);
    });
    this.#fetcherLock = next.catch(() => undefined);
    return next;
  }

  /**
   * Where the Inbox stands before a background sync: its UIDVALIDITY and highest server UID,
   * or undefined when it was never synced (the account's first sync announces nothing).
   */
  async #inboxMark(): Promise<{ path: string; uidValidity: number; maxUid: number } | undefined> {
    const inbox = this.cache.byRole('inbox');
    if (inbox === undefined) return undefined;
    const index = await this.cache.index(inbox.path);
    if (index.sync.uidValidity === 0) return undefined;
    let maxUid = 0;
    for (const m of index.messages.values()) if (m.uid !== null && m.uid > maxUid) maxUid = m.uid;
    return { path: inbox.path, uidValidity: index.sync.uidValidity, maxUid };
  }

  /** Unseen Inbox messages the server numbered above the mark (UIDs only grow, RFC 3501 §2.3.1.1). */
  async #arrivedSince(mark: { path: string; uidValidity: number; maxUid: number } | undefined): Promise<NewMail | undefined> {
    if (mark === undefined) return undefined;
    const index = await this.cache.index(mark.path);
    // A new UIDVALIDITY renumbered everything: "above the mark" means nothing then.
    if (index.sync.uidValidity !== mark.uidValidity) return undefined;
    const messages = [...index.messages.values()]
      .filter((m) => m.uid !== null && m.uid > mark.maxUid && !m.flags.some((f) => f.toLowerCase() === '\\seen'))
      .sort((a, b) => (a.uid ?? 0) - (b.uid ?? 0));
    return messages.length === 0 ? undefined : { folderPath: mark.path, messages };
  }

  /**
   * IDLE on INBOX (RFC 2177) in a session of its own, and a full sync on every change or poll.
   * `onProgress` hears every background sync run, so the account's status follows it: a run
   * that succeeds after a failure ends in 'done', which is what clears the failure.
   */
  startBackground(onError: (error: unknown) => void, onNewMail: (mail: NewMail) => void = () => undefined, onProgress?: ProgressListener): void {
    if (this.#background !== undefined || this.account.incoming.protocol !== 'imap') return;
    const controller = new AbortController();
    this.#background = controller;
    this.#onBackgroundError = onError;
    this.#onBackgroundProgress = onProgress;
    const retry = new Backoff(SYNC_RETRY_INITIAL_MS, SYNC_RETRY_MAX_MS);
    const loop = async (): Promise<void> => {
      while (!controller.signal.aborted) {
        try {
          const mark = await this.#inboxMark();
          await this.syncNow({ signal: controller.signal, ...(onProgress !== undefined ? { onProgress } : {}) });
          retry.reset();
          const arrived = await this.#arrivedSince(mark);
          if (arrived !== undefined && !controller.signal.aborted) onNewMail(arrived);
          const idler = await this.#connectIncoming();
          try {
            const inboxPath = this.cache.byRole('inbox')?.path ?? 'INBOX';
            const selected = await idler.run('select', inboxPath);
            // Mail that arrived between the end of the sync and this SELECT raises no EXISTS
            // during IDLE; a UIDNEXT beyond the one the sync recorded gives it away (RFC 3501 §2.3.1.1).
            const recorded = (await this.cache.index(inboxPath)).sync.uidNext;
            const uidNext = selected.mailbox.uidNext;
            if (uidNext !== undefined && recorded !== 0 && uidNext !== recorded) continue;
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
          // A sync that failed, or the IDLE session that could not be opened after it.
          this.#incomingFailing = true;
          onError(error);
          await this.#retryWait(retry.next(), controller.signal);
        }
      }
    };
    void loop();
  }

  /**
   * The background loop's wait after a failure: its delay, or less when the engine is closed
   * or a delivery round found the network back (#endRetryWait). The host has no "network is
   * back" signal of its own to end it with.
   */
  #retryWait(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const end = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', end);
        if (this.#endRetryWait === end) this.#endRetryWait = undefined;
        resolve();
      };
      const timer = setTimeout(end, ms);
      signal.addEventListener('abort', end, { once: true });
      this.#endRetryWait = end;
    });
  }

  async close(): Promise<void> {
    this.#background?.abort();
    clearTimeout(this.#outboxRetry);
    this.#outboxRetry = undefined;
    await this.#outboxRetrying;
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
