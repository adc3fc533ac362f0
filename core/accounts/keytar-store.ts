/**
 * CredentialStore over the OS keychain through keytar (macOS Keychain, Windows Credential
 * Manager, the Secret Service API via libsecret on Linux). keytar is a native module: it is
 * loaded only when a store is created, so importing core never needs it, and a missing or
 * unusable keychain is a typed 'credential-store-unavailable' error the host can answer by
 * falling back to Electron safeStorage or by telling the user.
 */
import { MailError } from '../net/mail-error.js';
import { checkCredentialKey, checkSecret, credentialEntryName, type CredentialKind, type CredentialStore } from './credentials.js';

/** The part of keytar's API the store uses. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export const DEFAULT_KEYCHAIN_SERVICE = 'Tegami';

function isKeytarApi(value: unknown): value is KeytarApi {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
  const api = value as Record<string, unknown>;
  return typeof api['getPassword'] === 'function' && typeof api['setPassword'] === 'function' && typeof api['deletePassword'] === 'function';
}

/** Loads keytar (a CommonJS native module: its API may sit on `default`). */
export async function loadKeytar(): Promise<KeytarApi> {
  let module: unknown;
  try {
    // A variable specifier keeps bundlers from inlining the native module.
    const name = 'keytar';
    module = await import(name);
  } catch (error) {
    throw new MailError('credential-store-unavailable', 'The OS keychain module (keytar) could not be loaded.', { cause: error });
  }
  const candidate = isKeytarApi(module) ? module : (module as { default?: unknown }).default;
  if (!isKeytarApi(candidate)) throw new MailError('credential-store-unavailable', 'The keytar module does not have the expected API.');
  return candidate;
}

function unavailable(action: string, error: unknown): MailError {
  // The keychain's own message (for example "Cannot autolaunch D-Bus without X11 $DISPLAY")
  // says why; it never contains the secret.
  const reason = error instanceof Error ? error.message : String(error);
  return new MailError('credential-store-unavailable', `The OS keychain could not ${action}: ${reason}`, { cause: error, transient: true });
}

export class KeytarCredentialStore implements CredentialStore {
  constructor(
    private readonly keytar: KeytarApi,
    private readonly service: string = DEFAULT_KEYCHAIN_SERVICE,
  ) {}

  async get(accountId: string, kind: CredentialKind): Promise<string | undefined> {
    checkCredentialKey(accountId, kind);
    try {
      return (await this.keytar.getPassword(this.service, credentialEntryName(accountId, kind))) ?? undefined;
    } catch (error) {
      throw unavailable('read a secret', error);
    }
  }

  async set(accountId: string, kind: CredentialKind, secret: string): Promise<void> {
    checkCredentialKey(accountId, kind);
    checkSecret(secret);
    try {
      await this.keytar.setPassword(this.service, credentialEntryName(accountId, kind), secret);
    } catch (error) {
      throw unavailable('store a secret', error);
    }
  }

  async delete(accountId: string, kind: CredentialKind): Promise<boolean> {
    checkCredentialKey(accountId, kind);
    try {
      return await this.keytar.deletePassword(this.service, credentialEntryName(accountId, kind));
    } catch (error) {
      throw unavailable('delete a secret', error);
    }
  }

  /**
   * Whether the keychain really works here (a Linux session without a Secret Service fails
   * only on first use): writes, reads back and deletes a probe entry.
   */
  async isAvailable(): Promise<boolean> {
    const probe = `availability-probe-${process.pid}-${Date.now()}`;
    try {
      await this.keytar.setPassword(this.service, probe, 'probe');
      const back = await this.keytar.getPassword(this.service, probe);
      await this.keytar.deletePassword(this.service, probe);
      return back === 'probe';
    } catch {
      return false;
    }
  }
}

/** Loads keytar and returns a store over it; throws 'credential-store-unavailable'. */
export async function createKeytarStore(service: string = DEFAULT_KEYCHAIN_SERVICE): Promise<KeytarCredentialStore> {
  return new KeytarCredentialStore(await loadKeytar(), service);
}
