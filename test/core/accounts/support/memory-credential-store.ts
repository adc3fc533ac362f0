/** A CredentialStore in memory, for tests of code that uses the port. Never for real secrets. */
import { checkCredentialKey, checkSecret, credentialEntryName, type CredentialKind, type CredentialStore } from '../../../../core/accounts/credentials.js';

export class MemoryCredentialStore implements CredentialStore {
  private readonly entries = new Map<string, string>();

  async get(accountId: string, kind: CredentialKind): Promise<string | undefined> {
    checkCredentialKey(accountId, kind);
    return this.entries.get(credentialEntryName(accountId, kind));
  }

  async set(accountId: string, kind: CredentialKind, secret: string): Promise<void> {
    checkCredentialKey(accountId, kind);
    checkSecret(secret);
    this.entries.set(credentialEntryName(accountId, kind), secret);
  }

  async delete(accountId: string, kind: CredentialKind): Promise<boolean> {
    checkCredentialKey(accountId, kind);
    return this.entries.delete(credentialEntryName(accountId, kind));
  }
}
