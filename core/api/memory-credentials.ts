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
 * A host's secret store that refuses, with the reason and what to do, when it cannot keep a
 * secret safely (no keychain and no real encryption): an account that needs a password or a
 * sign-in is then not added, instead of working for this run only and silently asking again
 * after a restart (DESIGN.md: secrets never touch disk in clear text, issue #8). Reading a
 * secret that cannot be read fails the same explicit way; other errors pass through.
 */
export class RefusingCredentialStore implements CredentialStore {
  constructor(private readonly primary: CredentialStore) {}

  get(accountId: string, kind: CredentialKind): Promise<string | undefined> {
    return this.#explain(() => this.primary.get(accountId, kind));
  }

  set(accountId: string, kind: CredentialKind, secret: string): Promise<void> {
    return this.#explain(() => this.primary.set(accountId, kind, secret));
  }

  delete(accountId: string, kind: CredentialKind): Promise<boolean> {
    return this.#explain(() => this.primary.delete(accountId, kind));
  }

  async #explain<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (!(error instanceof MailError) || error.code !== 'credential-store-unavailable') throw error;
      throw new MailError(
        'credential-store-unavailable',
        `Tegami has no safe place for passwords on this system (${error.message}), so accounts that need a password or a sign-in cannot be added. Start the system keyring (for example gnome-keyring or KWallet in your desktop session) and restart Tegami.`,
        { cause: error },
      );
    }
  }
}
