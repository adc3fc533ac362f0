import { MailError } from '../net/mail-error.js';
import type { Pop3Client, RetrResult } from './client.js';
import { issueDeletionGrant } from './grants.js';
import type { UidListing } from './listing.js';
import {
  deletesRightAfterDownload,
  forget,
  planSession,
  recordDownloaded,
  validatePolicy,
  type AccountPop3State,
  type RetentionPolicy,
} from './retention.js';
import type { MessageSink } from './sink.js';
import type { Pop3StateStore } from './state-file.js';

/**
 * One leave-on-server download session over an authenticated client: lists UIDLs, decides with
 * the account's policy what to download and what to delete, and is the only place that issues
 * deletion grants. The order of events for every message is fixed:
 *
 *   RETR → sink.write()… → sink.commit() resolves (durable) → state saved → DELE (if due)
 *
 * and DELE only takes effect on the server after finish() sends QUIT (RFC 1939 §6). A session
 * that fails or is dropped before that deletes nothing; its downloads are remembered, so the
 * next session does not fetch them again and sends their DELE again when the policy says so.
 */
export class DownloadSession {
  private state: AccountPop3State;
  private readonly byUidl: ReadonlyMap<string, UidListing>;
  private readonly pendingUidls: Set<string>;
  private readonly dueUidls: Set<string>;
  private readonly marked = new Set<string>();
  private finished = false;
  /** A message was retrieved in full but the store did not confirm it (see finish()). */
  private retrievedNotDurable = false;

  private constructor(
    private readonly client: Pop3Client,
    private readonly store: Pop3StateStore,
    private readonly policy: RetentionPolicy,
    private readonly now: () => Date,
    listing: readonly UidListing[],
    state: AccountPop3State,
    toDownload: readonly UidListing[],
    toDelete: readonly UidListing[],
  ) {
    this.state = state;
    this.byUidl = new Map(listing.map((item) => [item.uidl, item]));
    this.pendingUidls = new Set(toDownload.map((item) => item.uidl));
    this.dueUidls = new Set(toDelete.map((item) => item.uidl));
  }

  /** Lists the maildrop (UIDL) and plans the session; the state gains the new UIDLs. */
  static async begin(client: Pop3Client, store: Pop3StateStore, policy: RetentionPolicy, now: () => Date = () => new Date()): Promise<DownloadSession> {
    validatePolicy(policy);
    const listing = await client.uidl();
    const plan = planSession(await store.load(), listing, policy, now());
    await store.save(plan.state);
    return new DownloadSession(client, store, policy, now, listing, plan.state, plan.toDownload, plan.toDelete);
  }

  /** Messages never downloaded, in server order. */
  get toDownload(): UidListing[] {
    return [...this.byUidl.values()].filter((item) => this.pendingUidls.has(item.uidl));
  }

  /** Messages downloaded earlier that the policy now removes from the server. */
  get toDelete(): UidListing[] {
    return [...this.byUidl.values()].filter((item) => this.dueUidls.has(item.uidl) && !this.marked.has(item.uidl));
  }

  /** UIDLs marked deleted in this session (removed from the server only if finish() succeeds). */
  get markedForDeletion(): readonly string[] {
    return [...this.marked];
  }

  get currentState(): AccountPop3State {
    return this.state;
  }

  /**
   * Retrieves one message into `sink`. Only after the sink's commit() resolved (the store says
   * the message is durable) is the download recorded and, if the policy deletes right after
   * download, DELE sent. If anything fails the sink is aborted and nothing is deleted.
   */
  async downloadAndDeliver(uidl: string, sink: MessageSink): Promise<RetrResult> {
    this.assertActive();
    const item = this.byUidl.get(uidl);
    if (item === undefined) {
      await sink.abort(new MailError('not-found', `No message with unique-id ${uidl} in this session.`));
      throw new MailError('not-found', `No message with unique-id ${uidl} is on the server in this session.`);
    }
    let result: RetrResult;
    try {
      result = await this.client.retr(item.msg, sink);
    } catch (error) {
      // Still connected means the transfer completed and the store's commit failed.
      if (this.client.state === 'transaction') this.retrievedNotDurable = true;
      throw error;
    }
    // retr() returns only once sink.commit() resolved: the message is durable now.
    const durableAt = this.now();
    this.state = recordDownloaded(this.state, uidl, durableAt);
    this.pendingUidls.delete(uidl);
    await this.store.save(this.state);
    if (deletesRightAfterDownload(this.policy)) {
      await this.client.dele(issueDeletionGrant(this.client, item.msg, uidl, durableAt.toISOString()));
      this.marked.add(uidl);
    }
    return result;
  }

  /** Marks for deletion every previously downloaded message the policy says is due. */
  async deleteDue(): Promise<string[]> {
    this.assertActive();
    const done: string[] = [];
    for (const item of this.toDelete) {
      const record = this.state.uidls[item.uidl];
      // The record's download date is the proof of durability from an earlier session.
      if (record?.downloadedAt === undefined) continue;
      await this.client.dele(issueDeletionGrant(this.client, item.msg, item.uidl, record.downloadedAt));
      this.marked.add(item.uidl);
      done.push(item.uidl);
    }
    return done;
  }

  /**
   * Marks for deletion messages downloaded earlier that the user deleted locally (the account
   * deletes from the server what is deleted here). Their download date is the proof they were
   * durable here; a unique-id the server no longer lists is reported `absent` (already gone),
   * one never downloaded is left alone. DELE takes effect only with finish()'s QUIT.
   */
  async deleteDeletedLocally(uidls: Iterable<string>): Promise<{ readonly marked: string[]; readonly absent: string[] }> {
    this.assertActive();
    const marked: string[] = [];
    const absent: string[] = [];
    for (const uidl of uidls) {
      const item = this.byUidl.get(uidl);
      if (item === undefined) {
        absent.push(uidl);
        continue;
      }
      const record = Object.hasOwn(this.state.uidls, uidl) ? this.state.uidls[uidl] : undefined;
      if (record?.downloadedAt === undefined) continue;
      if (!this.marked.has(uidl)) {
        await this.client.dele(issueDeletionGrant(this.client, item.msg, uidl, record.downloadedAt));
        this.marked.add(uidl);
      }
      marked.push(uidl);
    }
    return { marked, absent };
  }

  /**
   * QUIT: the server enters the UPDATE state and removes the marked messages. Once it confirmed,
   * their UIDLs are forgotten. Returns the UIDLs removed from the server (none when the session
   * had to end without QUIT, see below).
   */
  async finish(): Promise<string[]> {
    this.assertActive();
    this.finished = true;
    if (this.retrievedNotDurable && this.client.capabilities.expireDays === 0) {
      // RFC 2449 §6.7: with EXPIRE 0 the server removes every retrieved message when the session
      // enters UPDATE, DELE or not. A message that was retrieved but not stored would be lost,
      // so the session ends without QUIT: nothing at all is removed, and the next session
      // fetches it again and repeats this session's deletions.
      this.client.close();
      return [];
    }
    await this.client.quit();
    const removed = [...this.marked];
    if (removed.length > 0) {
      this.state = forget(this.state, removed);
      await this.store.save(this.state);
    }
    return removed;
  }

  private assertActive(): void {
    if (this.finished) throw new MailError('protocol-error', 'This download session has already finished.');
  }
}
