import { randomUUID } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type {
  Account,
  ComposedMessage,
  FolderSummary,
  MessageContent,
  MessagePage,
  MessageSummary,
  NewAccount,
  SyncProgress,
  TegamiEvent,
  TegamiRequests,
} from './contract.js';
import type { CredentialStore } from '../accounts/credentials.js';
import { deleteAccountCredentials } from '../accounts/credentials.js';
import { buildMessage, draftEnvelope, type MessageDraft } from '../mime/index.js';
import { MailError } from '../net/mail-error.js';
import { attachmentBytes, messageContent } from '../sync/content.js';
import { AccountEngine } from '../sync/engine.js';
import { messageId as messageIdOf, outboxFolderId, parseFolderId, parseMessageId } from '../sync/ids.js';
import { ChangeJournal } from '../sync/journal.js';
import type { Progress } from '../sync/progress.js';
import { AccountsStore } from './accounts-store.js';
import { discoverSettings, verificationError, verifyNewAccount, type AccountSetupOptions } from './account-setup.js';
import { ApiError } from './errors.js';

type MailMethodName = Exclude<keyof TegamiRequests, 'getAppInfo' | 'getSettings' | 'updateSettings'>;

export type MailRequests = Pick<TegamiRequests, MailMethodName> & { close(): Promise<void> };

export interface MailServiceOptions {
  readonly dataDir: string;
  readonly credentials: CredentialStore;
  readonly backgroundSync: boolean;
  readonly emit: (event: TegamiEvent) => void;
  /** Discovery and verification overrides (tests, corporate DNS). */
  readonly accountSetup?: AccountSetupOptions;
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
  let journalPromise: Promise<ChangeJournal> | undefined;
  let closed = false;

  function journal(): Promise<ChangeJournal> {
    journalPromise ??= ChangeJournal.open(options.dataDir).then((j) => {
      j.subscribe((changes, lastSeq) => options.emit({ type: 'changes', changes, lastSeq }));
      return j;
    });
    return journalPromise;
  }

  function progress(accountId: string, p: Progress, error: unknown = null): void {
    const event: SyncProgress = { accountId, ...p, error: error === null ? null : describe(error) };
    options.emit({ type: 'sync-progress', progress: event });
  }

  function accountDir(accountId: string): string {
    return join(options.dataDir, 'accounts', accountId);
  }

  function engine(accountId: string): Promise<AccountEngine> {
    let e = engines.get(accountId);
    if (e === undefined) {
      e = (async () => {
        const account = await accounts.get(accountId);
        const opened = await AccountEngine.open(account, accountDir(accountId), (kind) => options.credentials.get(accountId, kind), await journal());
        if (options.backgroundSync && !closed) opened.startBackground((error) => progress(accountId, idle('failed'), error));
        return opened;
      })();
      e.catch(() => engines.delete(accountId));
      engines.set(accountId, e);
    }
    return e;
  }

  function idle(phase: Progress['phase']): Progress {
    return { phase, folder: null, foldersDone: 0, foldersTotal: 0, messagesDone: 0, messagesTotal: 0, bytes: 0 };
  }

  /** Sends queued operations now when online; offline they wait for the next sync. */
  function flushLater(e: AccountEngine): void {
    void e.flush().catch((error: unknown) => progress(e.account.id, idle('failed'), error));
  }

  async function locate(id: string): Promise<{ engine: AccountEngine; path: string | undefined; uid: number }> {
    const parsed = parseMessageId(id);
    const e = await engine(parsed.accountId);
    // An id handed out for a placeholder keeps working once the server copy replaced it.
    const uid = parsed.path === undefined ? parsed.uid : await e.cache.resolveUid(parsed.path, parsed.uid);
    return { engine: e, path: parsed.path, uid };
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

  async function outboxFolder(e: AccountEngine): Promise<FolderSummary> {
    return { id: outboxFolderId(e.account.id), accountId: e.account.id, path: 'Outbox', name: 'Outbox', delimiter: null, role: 'outbox', unread: 0, total: e.outbox.records.length, selectable: true };
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
    return { bytes: await buildMessage(draft), draft };
  }

  async function removeDraft(e: AccountEngine, draftId: string | null): Promise<number | null> {
    if (draftId === null) return null;
    const parsed = parseMessageId(draftId);
    if (parsed.accountId !== e.account.id || parsed.path === undefined) return null;
    return e.cache.resolveUid(parsed.path, parsed.uid);
  }

  if (options.backgroundSync) {
    void accounts
      .list()
      .then((list) => Promise.all(list.map((a) => engine(a.id))))
      .catch(() => undefined);
  }

  return {
    listAccounts: () => accounts.list(),
    discoverSettings: (request) => discoverSettings(request, options.accountSetup),
    verifyAccount: (input) => verifyNewAccount(input, options.accountSetup),
    async addAccount(input: NewAccount): Promise<Account> {
      const { password, outgoingPassword, verify, ...settings } = input;
      // Log in before anything is stored: a failed check saves nothing (issue: "verified by
      // logging in before the account is saved").
      if (verify !== false) {
        const verification = await verifyNewAccount(input, options.accountSetup);
        if (!verification.ok) throw verificationError(verification);
      }
      const account: Account = { id: randomUUID(), ...settings };
      // Secrets first: an account on disk without its password would fail every sync.
      if (password !== '') await options.credentials.set(account.id, 'incoming-password', password);
      if (outgoingPassword !== null && outgoingPassword !== '') await options.credentials.set(account.id, 'outgoing-password', outgoingPassword);
      await accounts.add(account);
      await (await journal()).append([{ kind: 'account-upsert', account }]);
      if (options.backgroundSync) void engine(account.id).catch(() => undefined);
      return account;
    },
    async removeAccount(accountId: string): Promise<void> {
      await accounts.get(accountId);
      const running = engines.get(accountId);
      engines.delete(accountId);
      if (running !== undefined) await (await running.catch(() => undefined))?.close();
      await accounts.remove(accountId);
      await deleteAccountCredentials(options.credentials, accountId);
      await rm(accountDir(accountId), { recursive: true, force: true });
      await (await journal()).append([{ kind: 'account-remove', accountId }]);
    },
    async getChanges(sinceSeq: number) {
      return (await journal()).changesSince(sinceSeq);
    },

    async listFolders(accountId: string): Promise<readonly FolderSummary[]> {
      const e = await engine(accountId);
      return [...(await e.cache.folderSummaries()), await outboxFolder(e)];
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
      const { bytes } = await bytesOf(id);
      return { size: bytes.length, text: Buffer.from(bytes).toString('utf8') };
    },
    async saveAttachment(id: string, handle: string, path: string) {
      const { bytes } = await bytesOf(id);
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
      const replaced = await removeDraft(e, message.draftId);
      const drafts = e.cache.byRole('drafts');
      if (replaced !== null && drafts !== undefined) await e.ops.delete(drafts.path, replaced, true).catch(() => undefined);
      void e.sendOutbox().then(
        () => e.flush(),
        (error: unknown) => progress(e.account.id, idle('failed'), error),
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
    async close(): Promise<void> {
      closed = true;
      for (const e of engines.values()) await (await e.catch(() => undefined))?.close();
      engines.clear();
      if (journalPromise !== undefined) await (await journalPromise).close();
    },
  };
}
