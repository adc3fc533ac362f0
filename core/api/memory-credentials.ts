import { checkCredentialKey, checkSecret, type CredentialKind, type CredentialStore } from '../accounts/credentials.js';

/**
 * A CredentialStore that keeps secrets in this process only. The hosts pass a real keychain
 * store; this one is the fallback when none is given (tests, a web host without a keychain):
 * secrets are never written to disk, so they must be entered again after a restart.
 */
export class MemoryCredentialStore implements CredentialStore {
  readonly #secrets = new Map<string, string>();

  async get(accountId: string, kind: CredentialKind): Promise<string | undefined> {
    checkCredentialKey(accountId, kind);
    return this.#secrets.get(`${kind}:${accountId}`);
  }

  async set(accountId: string, kind: CredentialKind, secret: string): Promise<void> {
    checkCredentialKey(accountId, kind);
    checkSecret(secret);
    this.#secrets.set(`${kind}:${accountId}`, secret);
  }

  async delete(accountId: string, kind: CredentialKind): Promise<boolean> {
    checkCredentialKey(accountId, kind);
    return this.#secrets.delete(`${kind}:${accountId}`);
  }
}
