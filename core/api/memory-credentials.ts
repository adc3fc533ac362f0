import { checkCredentialKey, checkSecret, type CredentialKind, type CredentialStore } from '../accounts/credentials.js';
import { MailError } from '../net/mail-error.js';

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

/**
 * The keychain when it works, this process's memory when it does not: a keychain module can
 * load and still fail on use (no Secret Service running on a Linux session). The account then
 * works for this run and asks for its password again after a restart, instead of failing.
 */
export class FallbackCredentialStore implements CredentialStore {
  readonly #memory = new MemoryCredentialStore();

  constructor(private readonly primary: CredentialStore) {}

  async get(accountId: string, kind: CredentialKind): Promise<string | undefined> {
    const kept = await this.#memory.get(accountId, kind);
    if (kept !== undefined) return kept;
    return this.#try(() => this.primary.get(accountId, kind), undefined);
  }

  async set(accountId: string, kind: CredentialKind, secret: string): Promise<void> {
    const stored = await this.#try(async () => {
      await this.primary.set(accountId, kind, secret);
      return true;
    }, false);
    if (!stored) await this.#memory.set(accountId, kind, secret);
  }

  async delete(accountId: string, kind: CredentialKind): Promise<boolean> {
    const fromMemory = await this.#memory.delete(accountId, kind);
    const fromPrimary = await this.#try(() => this.primary.delete(accountId, kind), false);
    return fromMemory || fromPrimary;
  }

  async #try<T>(fn: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof MailError && error.code === 'credential-store-unavailable') return fallback;
      throw error;
    }
  }
}
