import { randomUUID } from 'node:crypto';
import type { Account, NewAccount, TegamiEvent, TegamiRequests } from './contract.js';
import type { CredentialStore } from '../accounts/credentials.js';
import { deleteAccountCredentials } from '../accounts/credentials.js';
import { AccountsStore } from './accounts-store.js';
import { ApiError } from './errors.js';
import { ChangeJournal } from '../sync/journal.js';

type MailMethodName = Exclude<keyof TegamiRequests, 'getAppInfo' | 'getSettings' | 'updateSettings'>;

export type MailRequests = Pick<TegamiRequests, MailMethodName> & { close(): Promise<void> };

export interface MailServiceOptions {
  readonly dataDir: string;
  readonly credentials: CredentialStore;
  readonly backgroundSync: boolean;
  readonly emit: (event: TegamiEvent) => void;
}

/**
 * The mail half of the service: accounts (settings on disk, passwords in the CredentialStore),
 * the change journal, and the sync engine per account.
 */
export function createMailRequests(options: MailServiceOptions): MailRequests {
  const accounts = new AccountsStore(options.dataDir);
  let journalPromise: Promise<ChangeJournal> | undefined;
  function journal(): Promise<ChangeJournal> {
    journalPromise ??= ChangeJournal.open(options.dataDir).then((j) => {
      j.subscribe((changes, lastSeq) => options.emit({ type: 'changes', changes, lastSeq }));
      return j;
    });
    return journalPromise;
  }

  function unavailable(what: string): never {
    throw new ApiError('unavailable', `${what} is not available in this version yet.`);
  }

  return {
    listAccounts: () => accounts.list(),
    async addAccount(input: NewAccount): Promise<Account> {
      const { password, outgoingPassword, ...settings } = input;
      const account: Account = { id: randomUUID(), ...settings };
      // Secrets first: an account on disk without its password would fail every sync.
      if (password !== '') await options.credentials.set(account.id, 'incoming-password', password);
      if (outgoingPassword !== null && outgoingPassword !== '') await options.credentials.set(account.id, 'outgoing-password', outgoingPassword);
      await accounts.add(account);
      await (await journal()).append([{ kind: 'account-upsert', account }]);
      return account;
    },
    async removeAccount(accountId: string): Promise<void> {
      await accounts.get(accountId);
      await accounts.remove(accountId);
      await deleteAccountCredentials(options.credentials, accountId);
      await (await journal()).append([{ kind: 'account-remove', accountId }]);
    },
    async getChanges(sinceSeq: number) {
      return (await journal()).changesSince(sinceSeq);
    },
    listFolders: async () => unavailable('Listing folders'),
    createFolder: async () => unavailable('Creating folders'),
    renameFolder: async () => unavailable('Renaming folders'),
    deleteFolder: async () => unavailable('Deleting folders'),
    listMessages: async () => unavailable('Listing messages'),
    getMessage: async () => unavailable('Reading messages'),
    getRawMessage: async () => unavailable('Reading message sources'),
    saveAttachment: async () => unavailable('Saving attachments'),
    setFlags: async () => unavailable('Changing flags'),
    moveMessages: async () => unavailable('Moving messages'),
    copyMessages: async () => unavailable('Copying messages'),
    deleteMessages: async () => unavailable('Deleting messages'),
    sendMessage: async () => unavailable('Sending'),
    saveDraft: async () => unavailable('Saving drafts'),
    syncNow: async () => unavailable('Syncing'),
    getConnectionLog: async () => unavailable('The connection log'),
    async close(): Promise<void> {
      if (journalPromise !== undefined) await (await journalPromise).close();
    },
  };
}
