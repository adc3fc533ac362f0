import { randomUUID } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type {
  Account,
  AccountChanges,
  AttachmentData,
  MessageFileData,
  AttachmentUpload,
  ChosenFile,
  ComposedMessage,
  FolderSummary,
  MessageContent,
  MessagePage,
  MessageSummary,
  NewAccount,
  OAuthGrant,
  OAuthSignInRequest,
  SendLimits,
  SyncProgress,
  TegamiEvent,
  TegamiRequests,
} from './contract.js';
import type { CredentialStore } from '../accounts/credentials.js';
import { deleteAccountCredentials } from '../accounts/credentials.js';
import { buildMessage, draftEnvelope, type MessageDraft } from '../mime/index.js';
import { MailError } from '../net/mail-error.js';
import { attachmentBytes, attachmentPart, messageContent, type AttachmentPart } from '../sync/content.js';
import { AccountEngine, type NewMail, type TokenSource } from '../sync/engine.js';
import { folderId as folderIdOf, messageId as messageIdOf, outboxFolderId, parseFolderId, parseMessageId } from '../sync/ids.js';
import { isConnectionError } from '../sync/replay.js';
import type { Connector } from '../net/index.js';
import { ChangeJournal } from '../sync/journal.js';
import type { Progress } from '../sync/progress.js';
import { AccountsStore } from './accounts-store.js';
import { updatedAccount } from './account-update.js';
import { checkNewAccount, discoverSettings, verificationError, verifyNewAccount, type AccountSetupOptions } from './account-setup.js';
import { ApiError } from './errors.js';
import { messageFileName } from './file-names.js';
import { MAX_PAGE_ATTACHMENT_BYTES, MAX_PAGE_MESSAGE_BYTES } from './limits.js';
import { isMessageFileId, MessageFiles } from './message-files.js';
import { createNativeActions } from './native-actions.js';
import type { NativeHost } from './native-host.js';
import { OAuthAccounts, type OAuthOptions } from './oauth-accounts.js';
import { probeSubmissionLimits, SubmissionLimitsStore } from './send-limits.js';
import { SyncStatusBoard } from './sync-status.js';
import type { SubmissionLimits } from '../smtp/capabilities.js';
import { cleanTempArea, stageMessage, stageUpload } from './temp-files.js';

type MailMethodName = Exclude<keyof TegamiRequests, 'getAppInfo' | 'getSettings' | 'updateSettings'>;

export type MailRequests = Pick<TegamiRequests, MailMethodName> & {
  /** Host only (not in the contract): lets the page open this message file with openMessageFile. */
  allowMessageFile(path: string): void;
  close(): Promise<void>;
};

export interface MailServiceOptions {
  readonly dataDir: string;
  readonly credentials: CredentialStore;
  readonly backgroundSync: boolean;
  readonly emit: (event: TegamiEvent) => void;
  /** Discovery and verification overrides (tests, corporate DNS). */
  readonly accountSetup?: AccountSetupOptions;
  /** The host's native side (Electron); absent in the web host, where native requests answer 'unsupported'. */
  readonly native?: NativeHost;
  /** OAuth2 provider lookup and client registrations (default: built-in providers, TEGAMI_OAUTH_* variables). */
  readonly oauth?: OAuthOptions;
  /** Opens SMTP connections for the EHLO-only size check (tests); core/net's connect by default. */
  readonly smtpConnector?: Connector;
}

function describe(error: unknown): { code: string; message: string } {
  if (error instanceof MailError || error instanceof ApiError) return { code: error.code, message: error.message };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/**
 * The mail half of the service: accounts (settings on disk, passwords in the CredentialStore),
 * the change journal, and one sync engine per account under `accounts/<id>/` in the data folder.
 */
export function createMailRequests(options: MailServiceOptions): MailRequests {
  const accounts = new AccountsStore(options.dataDir);
  const engines = new Map<string, Promise<AccountEngine>>();
  const messageFiles = new MessageFiles();
  const oauth = new OAuthAccounts({ clientsFile: join(options.dataDir, 'oauth-clients.json'), ...options.oauth }, options.credentials);
  let journalPromise: Promise<ChangeJournal> | undefined;
  let closed = false;

  function journal(): Promise<ChangeJournal> {
    journalPromise ??= ChangeJournal.open(options.dataDir).then((j) => {
      j.subscribe((changes, lastSeq) => options.emit({ type: 'changes', changes, lastSeq }));
      return j;
    });
    return journalPromise;
  }

  const syncStatus = new SyncStatusBoard();
  let progressSeq = 0;

  function progress(accountId: string, p: Progress, error: unknown = null): void {
    progressSeq += 1;
    const event: SyncProgress = { accountId, ...p, error: error === null ? null : describe(error), seq: progressSeq };
    syncStatus.record(event);
    options.emit({ type: 'sync-progress', progress: event });
  }

  function accountDir(accountId: string): string {
    return join(options.dataDir, 'accounts', accountId);
  }

  const submissionLimits = new SubmissionLimitsStore(accountDir);

  /**
   * The submission limits known for an account. A delivery in this run saw the newest EHLO: its
   * SIZE replaces what was remembered (8BITMIME stays as last known; the Outbox keeps only SIZE).
   */
  async function rememberDeliveredLimit(e: AccountEngine): Promise<SubmissionLimits | null> {
    const remembered = await submissionLimits.get(e.account.id);
    const delivered = e.outbox.sizeLimit;
    if (delivered === undefined || remembered?.maxMessageSize === delivered) return remembered;
    const limits = { maxMessageSize: delivered, eightBitMime: remembered?.eightBitMime ?? false };
    await submissionLimits.remember(e.account.id, limits);
    return limits;
  }

  function engine(accountId: string): Promise<AccountEngine> {
    let e = engines.get(accountId);
    if (e === undefined) {
      e = (async () => {
        const account = await accounts.get(accountId);
        const tokens: TokenSource = (fn) => oauth.withToken(account, fn);
        const opened = await AccountEngine.open(account, accountDir(accountId), (kind) => options.credentials.get(accountId, kind), await journal(), tokens);
        if (options.backgroundSync && !closed) {
          const onProgress = (p: Progress): void => progress(accountId, p);
          if (opened.account.incoming.protocol === 'imap') {
            opened.startBackground(
              (error) => progress(accountId, idle('failed'), error),
              (mail) => newMail(accountId, mail),
              onProgress,
            );
          } else {
            // POP3 has no IDLE to wait on: one sync when the account opens (its first sync
            // after addAccount, which the wizard shows), later ones when the user asks.
            inBackground(opened.syncNow({ onProgress }).catch((error: unknown) => progress(accountId, idle('failed'), error)));
          }
        }
        // Outbox messages from an earlier run: their folder must be in the index for the window to count them.
        if (opened.outbox.records.length > 0) await announceOutbox(opened);
        return opened;
      })();
      e.catch(() => engines.delete(accountId));
      engines.set(accountId, e);
    }
    return e;
  }

  function newMail(accountId: string, mail: NewMail): void {
    options.emit({
      type: 'new-mail',
      accountId,
      folderId: folderIdOf(accountId, mail.folderPath),
      messages: mail.messages.map((m) => ({ id: m.id, from: m.from, subject: m.subject })),
    });
  }

  function idle(phase: Progress['phase']): Progress {
    return { phase, folder: null, foldersDone: 0, foldersTotal: 0, messagesDone: 0, messagesTotal: 0, bytes: 0 };
  }

  /** Work started by a request that answers before it ends (sending, replaying); close() waits for it. */
  const pending = new Set<Promise<unknown>>();
  function inBackground(work: Promise<unknown>): void {
    const tracked = work.catch(() => undefined).finally(() => pending.delete(tracked));
    pending.add(tracked);
  }

  /** Closes the account's engine, if one runs or is opening, and forgets what it reported. */
  async function stopEngine(accountId: string): Promise<void> {
    const running = engines.get(accountId);
    engines.delete(accountId);
    if (running !== undefined) await (await running.catch(() => undefined))?.close();
    syncStatus.forget(accountId);
  }

  /** Sends queued operations now when online; offline they wait for the next sync. A replay that finds the server back after a failed sync reports it. */
  function flushLater(e: AccountEngine): void {
    inBackground(e.flush((p) => progress(e.account.id, p)).catch((error: unknown) => progress(e.account.id, idle('failed'), error)));
  }

  async function locate(id: string): Promise<{ engine: AccountEngine; path: string | undefined; uid: number }> {
    const parsed = parseMessageId(id);
    const e = await engine(parsed.accountId);
    // An id handed out for a placeholder keeps working once the server copy replaced it.
    const uid = parsed.path === undefined ? parsed.uid : await e.cache.resolveUid(parsed.path, parsed.uid);
    return { engine: e, path: parsed.path, uid };
  }

  /** The bytes of any message id: a stored message, an Outbox message, or an opened message file. */
  async function sourceOf(id: string): Promise<{ bytes: Uint8Array; summary: MessageSummary }> {
    return isMessageFileId(id) ? messageFiles.bytesOf(id) : bytesOf(id);
  }

  async function attachmentOf(id: string, handle: string): Promise<AttachmentPart> {
    const part = attachmentPart((await sourceOf(id)).bytes, handle);
    if (part === undefined) throw new ApiError('not-found', `The message has no attachment ${handle}.`);
    return part;
  }

  async function bytesOf(id: string): Promise<{ bytes: Uint8Array; summary: MessageSummary; engine: AccountEngine }> {
    const { engine: e, path, uid } = await locate(id);
    if (path === undefined) {
      const summary = (await e.outbox.summaries()).find((s) => s.id === id);
      if (summary === undefined) throw new ApiError('not-found', 'The message is no longer in the Outbox.');
      return { bytes: await e.outbox.read(uid), summary, engine: e };
    }
    return { ...(await e.messageBytes(path, uid)), engine: e };
  }

  function outboxFolder(e: AccountEngine): FolderSummary {
    return outboxSummary(e.account.id, e.outbox.records.length);
  }

  function outboxSummary(accountId: string, total: number): FolderSummary {
    return { id: outboxFolderId(accountId), accountId, path: 'Outbox', name: 'Outbox', delimiter: null, role: 'outbox', unread: 0, total, selectable: true };
  }

  /**
   * The Outbox is ours, not the server's, so no folder sync journals it; without this entry a
   * window that follows the journal would hold its messages under a folder it does not know,
   * and could neither list nor count them. An upsert is idempotent, so repeating it is harmless.
   */
  async function announceOutbox(e: AccountEngine): Promise<void> {
    await (await journal()).append([{ kind: 'folder-upsert', folder: outboxFolder(e) }]);
  }

  async function compose(e: AccountEngine, message: ComposedMessage, extraHeaders: ReadonlyArray<readonly [string, string]> = []): Promise<{ bytes: Uint8Array; draft: MessageDraft }> {
    const attachments = [];
    for (const a of message.attachments) {
      let content: Buffer;
      try {
        content = await readFile(a.path);
      } catch (error) {
        throw new ApiError('not-found', `Could not read the attachment ${a.path}: ${describe(error).message}`, { cause: error });
      }
      attachments.push({ filename: a.filename ?? basename(a.path), ...(a.contentType !== null ? { contentType: a.contentType } : {}), content });
    }
    const draft: MessageDraft = {
      from: { name: e.account.name, address: e.account.email },
      to: message.to.map((m) => ({ name: m.name, address: m.address })),
      cc: message.cc.map((m) => ({ name: m.name, address: m.address })),
      bcc: message.bcc.map((m) => ({ name: m.name, address: m.address })),
      subject: message.subject,
      text: message.text,
      ...(message.html !== null ? { html: message.html } : {}),
      ...(message.inReplyTo !== null ? { inReplyTo: message.inReplyTo } : {}),
      references: message.references,
      attachments,
      headers: extraHeaders,
    };
    // Text is written 7-bit (the message waits in the Outbox for whichever connection delivers
    // it); a forwarded message cannot be re-encoded (RFC 2046 §5.2.1), so it goes as 8bit when
    // the server is known to take 8BITMIME and as application/octet-stream otherwise (see
    // embeddedMessage in core/mime/build.ts).
    const eightBitAttachedMessages = (await submissionLimits.get(e.account.id))?.eightBitMime ?? false;
    // Both copies built here are the sender's own: a draft must reopen with its Bcc recipients,
    // and the Outbox/Sent copy keeps them as Thunderbird's does. The Outbox strips the field from
    // the bytes it submits (RFC 5322 §3.6.3).
    return { bytes: await buildMessage(draft, { eightBitAttachedMessages, keepBcc: true }), draft };
  }

  async function removeDraft(e: AccountEngine, draftId: string | null): Promise<number | null> {
    if (draftId === null) return null;
    const parsed = parseMessageId(draftId);
    if (parsed.accountId !== e.account.id || parsed.path === undefined) return null;
    return e.cache.resolveUid(parsed.path, parsed.uid);
  }

  // Staged uploads and opened attachments from earlier runs (see temp-files.ts).
  void cleanTempArea(options.dataDir, 'staging').catch(() => undefined);
  void cleanTempArea(options.dataDir, 'temp').catch(() => undefined);

  const native = createNativeActions({
    dataDir: options.dataDir,
    native: options.native,
    attachment: attachmentOf,
    message: async (id) => {
      const { bytes, summary } = await sourceOf(id);
      return { bytes, subject: summary.subject };
    },
  });

  if (options.backgroundSync) {
    void accounts
      .list()
      .then((list) => Promise.all(list.map((a) => engine(a.id))))
      .catch(() => undefined);
  }

  return {
    listAccounts: () => accounts.list(),
    discoverSettings: (request) => discoverSettings(request, options.accountSetup),
    // With a browser sign-in, both servers are checked with its access token instead of a password.
    verifyAccount: (input) => verifyNewAccount(input, options.accountSetup, input.oauthGrantId != null ? oauth.peek(input.oauthGrantId, input.email).tokens.accessToken : undefined),
    async addAccount(input: NewAccount): Promise<Account> {
      const { password, outgoingPassword, verify, oauthGrantId, auth, ...settings } = input;
      const grantId = oauthGrantId ?? null;
      if (auth === 'oauth2' && grantId === null) throw new ApiError('invalid-arguments', 'This account signs in with the browser; sign in first (startOAuthSignIn) and pass its oauthGrantId.');
      const grant = grantId !== null ? oauth.peek(grantId, input.email) : undefined;
      // Log in before anything is stored: a failed check saves nothing (issue: "verified by
      // logging in before the account is saved").
      const check = verify !== false ? await checkNewAccount(input, options.accountSetup, grant?.tokens.accessToken) : undefined;
      if (check !== undefined && !check.verification.ok) throw verificationError(check.verification);
      const account: Account = { id: randomUUID(), ...settings, ...(grant !== undefined ? { auth: 'oauth2' as const } : auth !== undefined ? { auth } : {}) };
      // The composer's size meter knows the server's SIZE from this login on (RFC 1870).
      if (check?.submission != null) await submissionLimits.remember(account.id, check.submission);
      // Secrets first: an account on disk without its password would fail every sync.
      if (grant !== undefined && grantId !== null) {
        await oauth.store(account, grant);
        oauth.consume(grantId);
      } else {
        if (password !== '') await options.credentials.set(account.id, 'incoming-password', password);
        if (outgoingPassword !== null && outgoingPassword !== '') await options.credentials.set(account.id, 'outgoing-password', outgoingPassword);
      }
      await accounts.add(account);
      await (await journal()).append([{ kind: 'account-upsert', account }, { kind: 'folder-upsert', folder: outboxSummary(account.id, 0) }]);
      if (options.backgroundSync) void engine(account.id).catch(() => undefined);
      return account;
    },
    async updateAccount(accountId: string, changes: AccountChanges): Promise<Account> {
      const current = await accounts.get(accountId);
      const { password, outgoingPassword, verify, ...settings } = changes;
      const oauthLogin = current.auth === 'oauth2';
      if (oauthLogin && (password !== undefined || (outgoingPassword !== undefined && outgoingPassword !== null))) {
        throw new ApiError('invalid-arguments', 'This account signs in with the browser and has no password to change.');
      }
      const account = updatedAccount(current, settings);
      if (verify !== false) {
        // The check logs in with what will be saved: the new password, else the saved one.
        const incomingPassword = password ?? (await options.credentials.get(accountId, 'incoming-password')) ?? '';
        const outgoing = outgoingPassword !== undefined ? outgoingPassword : ((await options.credentials.get(accountId, 'outgoing-password')) ?? null);
        const candidate: NewAccount = { ...account, password: incomingPassword, outgoingPassword: outgoing };
        const check = oauthLogin
          ? await oauth.withToken(current, (token) => checkNewAccount(candidate, options.accountSetup, token))
          : await checkNewAccount(candidate, options.accountSetup);
        if (!check.verification.ok) throw verificationError(check.verification);
        if (check.submission !== null) await submissionLimits.remember(accountId, check.submission);
      }
      // Secrets first, as in addAccount: settings on disk whose password is missing fail every sync.
      if (password !== undefined) await options.credentials.set(accountId, 'incoming-password', password);
      if (outgoingPassword === null) await options.credentials.delete(accountId, 'outgoing-password');
      else if (outgoingPassword !== undefined) await options.credentials.set(accountId, 'outgoing-password', outgoingPassword);
      await accounts.update(account);
      // The running engine holds the old settings (and may be mid-sync with them): it stops, and
      // the next engine(accountId), a request's or the restart below, opens with the stored ones.
      // A failure reported with the old settings (a wrong password) says nothing about the new ones.
      await stopEngine(accountId);
      await (await journal()).append([{ kind: 'account-upsert', account }]);
      if (options.backgroundSync) void engine(accountId).catch(() => undefined);
      return account;
    },
    async removeAccount(accountId: string): Promise<void> {
      await accounts.get(accountId);
      await stopEngine(accountId);
      await accounts.remove(accountId);
      await deleteAccountCredentials(options.credentials, accountId);
      await rm(accountDir(accountId), { recursive: true, force: true });
      submissionLimits.forget(accountId);
      await (await journal()).append([{ kind: 'account-remove', accountId }]);
    },
    async getChanges(sinceSeq: number) {
      return (await journal()).changesSince(sinceSeq);
    },

    async listFolders(accountId: string): Promise<readonly FolderSummary[]> {
      const e = await engine(accountId);
      return [...(await e.cache.folderSummaries()), outboxFolder(e)];
    },
    async createFolder(accountId: string, path: string): Promise<FolderSummary> {
      const e = await engine(accountId);
      const delimiter = e.cache.folders.find((f) => f.delimiter !== null)?.delimiter ?? null;
      await e.ops.createFolder(path, delimiter);
      flushLater(e);
      return e.cache.folderSummary(path);
    },
    async renameFolder(id: string, newPath: string): Promise<FolderSummary> {
      const { accountId, path } = parseFolderId(id);
      if (path === undefined) throw new ApiError('invalid-request', 'The Outbox cannot be renamed.');
      const e = await engine(accountId);
      await e.ops.renameFolder(path, newPath);
      flushLater(e);
      return e.cache.folderSummary(newPath);
    },
    async deleteFolder(id: string): Promise<void> {
      const { accountId, path } = parseFolderId(id);
      if (path === undefined) throw new ApiError('invalid-request', 'The Outbox cannot be deleted.');
      const e = await engine(accountId);
      await e.ops.deleteFolder(path);
      flushLater(e);
    },

    async listMessages(id: string, page): Promise<MessagePage> {
      const { accountId, path } = parseFolderId(id);
      const e = await engine(accountId);
      const all = path === undefined ? await e.outbox.summaries() : [...(await e.cache.index(e.cache.folderRecord(path).path)).messages.values()];
      all.sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : 0));
      return { messages: all.slice(page.offset, page.offset + page.limit), total: all.length };
    },
    async getMessage(id: string): Promise<MessageContent> {
      const { bytes, summary, engine: e } = await bytesOf(id);
      const domain = e.account.email.slice(e.account.email.lastIndexOf('@') + 1);
      return messageContent(bytes, summary, [e.account.incoming.host, domain]);
    },
    async getRawMessage(id: string) {
      const { bytes } = await sourceOf(id);
      return { size: bytes.length, text: Buffer.from(bytes).toString('utf8') };
    },
    async getMessageFile(id: string): Promise<MessageFileData> {
      const { bytes, summary } = await sourceOf(id);
      if (bytes.length > MAX_PAGE_MESSAGE_BYTES) {
        throw new ApiError('too-large', `The message is larger than ${MAX_PAGE_MESSAGE_BYTES / (1024 * 1024)} MiB, too large to download here; save it from the desktop app instead.`);
      }
      return { filename: messageFileName(summary.subject), size: bytes.length, base64: Buffer.from(bytes).toString('base64') };
    },
    async saveAttachment(id: string, handle: string, path: string) {
      const { bytes } = await sourceOf(id);
      const content = attachmentBytes(bytes, handle);
      if (content === undefined) throw new ApiError('not-found', `The message has no attachment ${handle}.`);
      try {
        await writeFile(path, content, { flag: 'wx' });
      } catch (error) {
        const exists = typeof error === 'object' && error !== null && 'code' in error && error.code === 'EEXIST';
        throw new ApiError('storage-failed', exists ? `${path} already exists; choose another name.` : `Could not write ${path}: ${describe(error).message}`, { cause: error });
      }
      return { path, bytes: content.length };
    },

    async setFlags(ids, change): Promise<void> {
      const touched = new Set<AccountEngine>();
      for (const id of ids) {
        const { engine: e, path, uid } = await locate(id);
        if (path === undefined) continue;
        await e.ops.setFlags(path, uid, change.add, change.remove);
        touched.add(e);
      }
      for (const e of touched) flushLater(e);
    },
    async moveMessages(ids, target): Promise<void> {
      const to = parseFolderId(target);
      for (const id of ids) {
        const { engine: e, path, uid } = await locate(id);
        if (path === undefined || to.path === undefined || to.accountId !== e.account.id) throw new ApiError('invalid-request', 'Messages can be moved only between folders of the same account.');
        await e.ops.move(path, uid, to.path);
      }
      flushLater(await engine(to.accountId));
    },
    async copyMessages(ids, target): Promise<void> {
      const to = parseFolderId(target);
      for (const id of ids) {
        const { engine: e, path, uid } = await locate(id);
        if (path === undefined || to.path === undefined || to.accountId !== e.account.id) throw new ApiError('invalid-request', 'Messages can be copied only between folders of the same account.');
        await e.ops.copy(path, uid, to.path);
      }
      flushLater(await engine(to.accountId));
    },
    async deleteMessages(ids, permanent): Promise<void> {
      const touched = new Set<AccountEngine>();
      for (const id of ids) {
        const { engine: e, path, uid } = await locate(id);
        if (path === undefined) await e.outbox.discard(uid);
        else await e.ops.delete(path, uid, permanent);
        touched.add(e);
      }
      for (const e of touched) flushLater(e);
    },

    async sendMessage(message: ComposedMessage) {
      const e = await engine(message.accountId);
      if (message.to.length + message.cc.length + message.bcc.length === 0) throw new ApiError('invalid-arguments', 'The message has no recipient.');
      const { bytes, draft } = await compose(e, message);
      const envelope = draftEnvelope(draft);
      const record = await e.outbox.enqueue(bytes, envelope);
      await announceOutbox(e);
      const replaced = await removeDraft(e, message.draftId);
      const drafts = e.cache.byRole('drafts');
      if (replaced !== null && drafts !== undefined) await e.ops.delete(drafts.path, replaced, true).catch(() => undefined);
      // Reported like a sync: a delivery that reached the server ends an earlier failure in the
      // status line, one that could not reach it is the account's failure (AccountEngine.deliver).
      inBackground(
        e.deliver((p) => progress(e.account.id, p)).then(
          () => rememberDeliveredLimit(e),
          (error: unknown) => progress(e.account.id, idle('failed'), error),
        ),
      );
      return { id: messageIdOf(outboxFolderId(e.account.id), record.uid), messageId: record.messageId };
    },
    async saveDraft(message: ComposedMessage) {
      const e = await engine(message.accountId);
      const drafts = e.cache.byRole('drafts');
      if (drafts === undefined) throw new ApiError('not-found', 'This account has no Drafts folder yet; sync it first or create one.');
      const { bytes } = await compose(e, message);
      const summary = await e.ops.append(drafts.path, bytes, ['\\Draft', '\\Seen'], await removeDraft(e, message.draftId));
      flushLater(e);
      return { id: summary.id, messageId: summary.messageId ?? '' };
    },
    async syncNow(accountId: string | null): Promise<void> {
      const ids = accountId === null ? (await accounts.list()).map((a) => a.id) : [accountId];
      for (const id of ids) {
        const e = await engine(id);
        try {
          await e.syncNow({ onProgress: (p) => progress(id, p) });
        } catch (error) {
          progress(id, idle('failed'), error);
          throw error;
        }
      }
    },
    async getConnectionLog(accountId: string) {
      return (await engine(accountId)).connectionLog;
    },
    async getSyncStatus() {
      return syncStatus.reports();
    },

    async getAttachment(id: string, handle: string): Promise<AttachmentData> {
      const part = await attachmentOf(id, handle);
      if (part.content.length > MAX_PAGE_ATTACHMENT_BYTES) {
        throw new ApiError('too-large', `${part.filename ?? 'The attachment'} is larger than ${MAX_PAGE_ATTACHMENT_BYTES / (1024 * 1024)} MiB and cannot be shown here; use Save to write it to a file instead.`);
      }
      return { filename: part.filename, contentType: part.contentType, size: part.content.length, base64: Buffer.from(part.content).toString('base64') };
    },
    async searchServer(id: string, text: string): Promise<readonly string[]> {
      const { accountId, path } = parseFolderId(id);
      if (path === undefined) throw new ApiError('invalid-request', 'The Outbox exists only here; search it with the local search.');
      if (text.trim() === '') throw new ApiError('invalid-arguments', 'Type something to search for.');
      const e = await engine(accountId);
      if (e.account.incoming.protocol !== 'imap') throw new ApiError('unavailable', 'POP3 servers cannot search; the local search covers everything downloaded.');
      let uids: number[];
      try {
        uids = await e.searchText(path, text);
      } catch (error) {
        if (isConnectionError(error)) throw new ApiError('offline', `The server ${e.account.incoming.host} cannot be reached, so only the messages stored here were searched; try again when you are online.`, { cause: error });
        throw error;
      }
      const wanted = new Set(uids);
      const found = [...(await e.cache.index(path)).messages.values()].filter((m) => m.uid !== null && wanted.has(m.uid));
      found.sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : 0));
      return found.map((m) => m.id);
    },
    stageAttachment(upload: AttachmentUpload): Promise<ChosenFile> {
      return stageUpload(options.dataDir, upload);
    },
    async stageMessageAttachment(id: string, filename: string): Promise<ChosenFile> {
      return stageMessage(options.dataDir, filename, (await sourceOf(id)).bytes);
    },
    async getSendLimits(accountId: string): Promise<SendLimits> {
      const e = await engine(accountId);
      const known = await rememberDeliveredLimit(e);
      if (known !== null) return { maxMessageSize: known.maxMessageSize };
      let probed: SubmissionLimits;
      try {
        probed = await probeSubmissionLimits(e.account, options.smtpConnector);
      } catch (error) {
        // Offline the limit is simply not known yet ("has not been asked yet"); asked again next time.
        if (isConnectionError(error)) return { maxMessageSize: null };
        throw error;
      }
      await submissionLimits.remember(accountId, probed);
      return { maxMessageSize: probed.maxMessageSize };
    },
    allowMessageFile(path: string): void {
      messageFiles.allow(path);
    },
    openMessageFile(path: string): Promise<MessageContent> {
      return messageFiles.open(path);
    },
    ...native,
    async startOAuthSignIn(request: OAuthSignInRequest): Promise<OAuthGrant> {
      const host = options.native;
      if (host === undefined) {
        throw new ApiError('oauth-needs-browser', 'Signing in with your provider needs the system browser, which this browser-based window cannot open for the app. Use the desktop app to add this account, or set it up with an app password.');
      }
      return oauth.signIn(request.address, (url) => host.openExternal(url));
    },

    async close(): Promise<void> {
      closed = true;
      await Promise.all([...pending]);
      for (const e of engines.values()) await (await e.catch(() => undefined))?.close();
      engines.clear();
      if (journalPromise !== undefined) await (await journalPromise).close();
    },
  };
}
