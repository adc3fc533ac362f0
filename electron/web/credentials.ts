import type { CredentialKind, CredentialStore } from '../../core/accounts/credentials.js';
import { createKeytarStore } from '../../core/accounts/keytar-store.js';
import { MailError } from '../../core/net/mail-error.js';

/**
 * Where the web host keeps passwords: the OS keychain through keytar, or nowhere. A browser
 * host has no safeStorage, and keeping a password only in memory would lose it silently at the
 * next start, so without a keychain every attempt to store a secret is an explicit error that
 * says what to do (DESIGN.md: secrets never touch disk in clear text).
 */
export class NoKeychainCredentialStore implements CredentialStore {
  constructor(private readonly reason: string) {}

  async get(_accountId: string, _kind: CredentialKind): Promise<string | undefined> {
    return undefined;
  }

  async set(_accountId: string, _kind: CredentialKind, _secret: string): Promise<void> {
    throw new MailError(
      'credential-store-unavailable',
      `No OS keychain is reachable, so Tegami cannot keep this password (${this.reason}). Start the desktop keyring (for example gnome-keyring with a D-Bus session) and restart Tegami, or use the desktop app.`,
    );
  }

  async delete(_accountId: string, _kind: CredentialKind): Promise<boolean> {
    return false;
  }
}

export interface WebCredentials {
  readonly store: CredentialStore;
  /** Undefined when the keychain works; otherwise the one-line reason, for the start-up log. */
  readonly unavailableReason: string | undefined;
}

/** The keychain when it works end to end (a write, read and delete probe), else NoKeychainCredentialStore. */
export async function createWebHostCredentialStore(load: typeof createKeytarStore = createKeytarStore): Promise<WebCredentials> {
  let reason: string;
  try {
    const keychain = await load();
    if (await keychain.isAvailable()) return { store: keychain, unavailableReason: undefined };
    reason = 'the keychain did not answer';
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }
  return { store: new NoKeychainCredentialStore(reason), unavailableReason: reason };
}
