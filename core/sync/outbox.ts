import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeliveryStatus, MessageSummary } from '../api/contract.js';
import { writeFileAtomic } from '../api/atomic-file.js';
import { MaildirStore, type MaildirFolder } from '../maildir/index.js';
import { withoutBcc } from '../mime/strip-headers.js';
import { MailError } from '../net/mail-error.js';
import type { Transcript } from '../net/transcript.js';
import { openSmtp, type SmtpClient } from '../smtp/index.js';
import { readAll } from './cache.js';
import { messageId, outboxFolderId } from './ids.js';
import type { ChangeJournal } from './journal.js';
import { MAX_SEND_ATTEMPTS } from './limits.js';
import { summarize } from './summary.js';

export interface SmtpEndpoint {
  readonly host: string;
  readonly port: number;
  readonly security: 'tls' | 'starttls' | 'none';
  readonly user: string;
  /** One of password and accessToken (OAuth2: XOAUTH2/OAUTHBEARER). */
  readonly password?: string | undefined;
  readonly accessToken?: string | undefined;
  readonly caFile?: string | undefined;
  /** The certificate the user accepted (SHA-256), consulted when verification fails. */
  readonly pinnedSha256?: string | undefined;
  /** Records the session here, so the caller still has it when the connection or login fails. */
  readonly transcript?: Transcript | undefined;
}

/**
 * Where one outbox message stands, persisted before and after every step that matters:
 *   queued   → waiting for a connection (reason = why the last try failed, if any)
 *   sending  → written BEFORE the SMTP transaction starts
 *   sent     → the server's final 250 arrived; filing in Sent is what remains
 *   failed   → the server refused it for good (reason); kept until the user acts
 *   may-have-been-sent → found 'sending' after a crash or a drop during the data (see reconcile)
 */
export interface OutboxRecord {
  readonly uid: number;
  readonly messageId: string;
  readonly envelope: { readonly from: string; readonly to: readonly string[] };
  readonly state: 'queued' | 'sending' | 'sent' | 'failed' | 'may-have-been-sent';
  readonly reason: string | null;
  readonly attempts: number;
  readonly lastAttemptAt: string | null;
}

export interface SendReport {
  readonly sent: number;
  readonly failed: number;
  readonly waiting: number;
}

/** Providers that put submitted mail in Sent themselves; an APPEND would file it twice. */
const SELF_FILING = /(^|\.)(gmail\.com|googlemail\.com|outlook\.com|office365\.com|hotmail\.com|live\.com)$/iu;

export function providerFilesSentMail(smtpHost: string): boolean {
  return SELF_FILING.test(smtpHost);
}

const CONNECT_CODES = new Set(['connect-failed', 'connect-timeout', 'greeting-timeout', 'dns-failed', 'tls-failed', 'auth-failed', 'starttls-unavailable', 'certificate-untrusted', 'certificate-expired', 'certificate-hostname']);

/**
 * The outbox: a message is delivered into a local Maildir (its own tree, never synced) and
 * recorded before any network traffic, so it survives a crash or an offline start.
 */
export class Outbox {
  #records: OutboxRecord[] = [];
  /**
   * RFC 1870 SIZE from the last successful EHLO of a delivery: bytes, null when the server
   * states no limit, undefined until a delivery connected.
   */
  sizeLimit: number | null | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  /** The delivery round in progress; the next one starts after it (see deliverAll). */
  #delivering: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly accountId: string,
    readonly folder: MaildirFolder,
    readonly recordsPath: string,
    readonly journal: ChangeJournal | undefined,
  ) {}

  static async open(accountId: string, stateDir: string, journal?: ChangeJournal): Promise<Outbox> {
    const store = await MaildirStore.open(join(stateDir, 'outbox'));
    const outbox = new Outbox(accountId, store.inbox, join(stateDir, 'outbox.json'), journal);
    try {
      outbox.#records = (JSON.parse(await readFile(outbox.recordsPath, 'utf8')) as { records: OutboxRecord[] }).records;
    } catch (error) {
      if (!(typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT')) throw new MailError('io-error', `Could not read ${outbox.recordsPath}.`, { cause: error });
    }
    await outbox.#reconcile();
    return outbox;
  }

  get records(): readonly OutboxRecord[] {
    return this.#records;
  }

  /**
   * After a restart. A record still 'sending' means the process stopped during an SMTP
   * transaction, and we cannot know whether the server accepted the data: its 250 may have
   * been sent and lost with the connection, or the server may even have queued the message
   * without replying. Sending again risks a duplicate every recipient sees; not sending risks
   * a message never delivered. A duplicate cannot be taken back, a missing message can be
   * resent by the user who knows (from the recipients, or the Sent folder of a provider that
   * files it), so it is never resent automatically: it becomes 'may-have-been-sent' and waits
   * for the user to resend (retry) or discard it.
   */
  async #reconcile(): Promise<void> {
    let changed = false;
    this.#records = this.#records.map((r) => {
      if (r.state !== 'sending') return r;
      changed = true;
      return { ...r, state: 'may-have-been-sent', reason: 'Sending was interrupted after the message data may have reached the server. Check with the recipients or your Sent folder before sending it again.' };
    });
    if (changed) await this.#save();
  }

  async enqueue(bytes: Uint8Array, envelope: { from: string; to: readonly string[] }): Promise<OutboxRecord> {
    const entry = await this.folder.deliver(bytes, { flags: ['\\Seen'] });
    const parsedId = summarize(bytes, this.#place(entry.uid, bytes.length, new Date())).messageId ?? '';
    const record: OutboxRecord = { uid: entry.uid, messageId: parsedId, envelope, state: 'queued', reason: null, attempts: 0, lastAttemptAt: null };
    await this.#update(record);
    return record;
  }

  /** The user asks to send a failed or may-have-been-sent message again. */
  async retry(uid: number): Promise<void> {
    const record = this.#get(uid);
    await this.#update({ ...record, state: 'queued', reason: null, attempts: 0 });
  }

  async discard(uid: number): Promise<void> {
    this.#get(uid);
    await this.folder.delete(uid).catch(() => undefined);
    this.#records = this.#records.filter((r) => r.uid !== uid);
    await this.#save();
    await this.journal?.append([{ kind: 'message-remove', folderId: outboxFolderId(this.accountId), messageId: messageId(outboxFolderId(this.accountId), uid) }]);
  }

  async read(uid: number): Promise<Uint8Array> {
    return readAll(await this.folder.read(uid));
  }

  async summaries(): Promise<MessageSummary[]> {
    const result: MessageSummary[] = [];
    for (const record of this.#records) result.push(await this.#summaryOf(record));
    return result;
  }

  /**
   * Delivers every queued message. `file` is called after the final 250 with the bytes (to put
   * a copy in Sent); the record is removed only after it returned.
   *
   * One round at a time: the composer's send and a sync running meanwhile both deliver, and two
   * rounds that each read the message as 'queued' would send it twice (a duplicate every
   * recipient sees) and then fail filing the copy the other one already removed. A later round
   * waits for the running one and then finds only what is still queued.
   */
  deliverAll(endpoint: SmtpEndpoint, file: (bytes: Uint8Array) => Promise<void>, connect: (e: SmtpEndpoint) => Promise<SmtpClient> = openEndpoint): Promise<SendReport> {
    const round = this.#delivering.then(() => this.#deliverRound(endpoint, file, connect));
    this.#delivering = round.catch(() => undefined);
    return round;
  }

  async #deliverRound(endpoint: SmtpEndpoint, file: (bytes: Uint8Array) => Promise<void>, connect: (e: SmtpEndpoint) => Promise<SmtpClient>): Promise<SendReport> {
    // Anything left 'sent' by an earlier run only needs filing.
    for (const record of this.#records.filter((r) => r.state === 'sent')) await this.#finish(record, file);
    const due = this.#records.filter((r) => r.state === 'queued');
    let sent = 0;
    let failed = 0;
    if (due.length === 0) return { sent, failed, waiting: this.#waiting() };
    let client: SmtpClient;
    try {
      client = await connect(endpoint);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      for (const record of due) await this.#update({ ...record, reason: `Not sent yet: ${reason}` });
      if (error instanceof MailError && CONNECT_CODES.has(error.code)) return { sent, failed, waiting: this.#waiting() };
      throw error;
    }
    this.sizeLimit = sizeLimitOf(client.capabilities.size);
    try {
      for (const record of due) {
        const bytes = await this.read(record.uid);
        // Recorded (fsynced) before the transaction: see #reconcile for why this matters.
        await this.#update({ ...record, state: 'sending', attempts: record.attempts + 1, lastAttemptAt: new Date().toISOString() });
        try {
          // The stored copy keeps its Bcc field for the sender (and for Sent); the submitted
          // bytes never carry it (RFC 5322 §3.6.3): the envelope alone reaches the Bcc recipients.
          await client.send(record.envelope, withoutBcc(bytes));
        } catch (error) {
          const mailError = error instanceof MailError ? error : new MailError('protocol-error', String(error));
          const current = this.#get(record.uid);
          if (mailError.code === 'connection-closed' || mailError.code === 'command-timeout' || mailError.code === 'cancelled') {
            // The connection died mid-transaction: the data may have been accepted.
            await this.#update({ ...current, state: 'may-have-been-sent', reason: `The connection was lost while sending (${mailError.message}); the server may have accepted the message.` });
            failed++;
            break;
          }
          // The server answered with a refusal: nothing was accepted. 4xx may be retried.
          const retry = mailError.transient && current.attempts < MAX_SEND_ATTEMPTS;
          await this.#update({ ...current, state: retry ? 'queued' : 'failed', reason: mailError.message });
          failed++;
          continue;
        }
        await this.#update({ ...this.#get(record.uid), state: 'sent', reason: null });
        await this.#finish(this.#get(record.uid), file);
        sent++;
      }
    } finally {
      await client.quit().catch(() => undefined);
    }
    return { sent, failed, waiting: this.#waiting() };
  }

  #waiting(): number {
    return this.#records.filter((r) => r.state === 'queued').length;
  }

  async #finish(record: OutboxRecord, file: (bytes: Uint8Array) => Promise<void>): Promise<void> {
    await file(await this.read(record.uid));
    await this.folder.delete(record.uid);
    this.#records = this.#records.filter((r) => r.uid !== record.uid);
    await this.#save();
    await this.journal?.append([{ kind: 'message-remove', folderId: outboxFolderId(this.accountId), messageId: messageId(outboxFolderId(this.accountId), record.uid) }]);
  }

  #get(uid: number): OutboxRecord {
    const record = this.#records.find((r) => r.uid === uid);
    if (record === undefined) throw new MailError('not-found', `Message ${uid} is not in the Outbox.`);
    return record;
  }

  #place(uid: number, size: number, at: Date) {
    const fid = outboxFolderId(this.accountId);
    return { id: messageId(fid, uid), accountId: this.accountId, folderId: fid, uid: null, flags: ['\\Seen'], receivedAt: at, size, bodyDownloaded: true };
  }

  async #summaryOf(record: OutboxRecord): Promise<MessageSummary> {
    const bytes = await this.read(record.uid);
    const delivery: DeliveryStatus = {
      state: record.state === 'sent' ? 'sending' : record.state,
      reason: record.reason,
      lastAttemptAt: record.lastAttemptAt,
    };
    return { ...summarize(bytes, this.#place(record.uid, bytes.length, new Date(record.lastAttemptAt ?? Date.now()))), delivery };
  }

  async #update(record: OutboxRecord): Promise<void> {
    const next = this.#queue.then(async () => {
      this.#records = [...this.#records.filter((r) => r.uid !== record.uid), record];
      await this.#save();
      await this.journal?.append([{ kind: 'message-upsert', message: await this.#summaryOf(record) }]);
    });
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #save(): Promise<void> {
    await writeFileAtomic(this.recordsPath, JSON.stringify({ version: 1, records: this.#records }));
  }
}

/** SmtpCapabilities.size as a limit: 0 (SIZE without a number) and no SIZE both mean none stated. */
export function sizeLimitOf(size: number | undefined): number | null {
  return size === undefined || size === 0 ? null : size;
}

export async function openEndpoint(endpoint: SmtpEndpoint): Promise<SmtpClient> {
  const ca = endpoint.caFile !== undefined ? await readFile(endpoint.caFile) : undefined;
  return openSmtp({ host: endpoint.host, port: endpoint.port, security: endpoint.security, ...(ca !== undefined ? { ca } : {}), ...(endpoint.pinnedSha256 !== undefined ? { pinnedSha256: endpoint.pinnedSha256 } : {}), ...(endpoint.transcript !== undefined ? { transcript: endpoint.transcript } : {}), credentials: endpoint.accessToken !== undefined ? { username: endpoint.user, accessToken: endpoint.accessToken } : { username: endpoint.user, password: endpoint.password ?? '' } });
}
