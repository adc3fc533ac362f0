import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../../core/api/atomic-file.js';
import { checkCredentialKey, checkSecret, credentialEntryName, type CredentialKind, type CredentialStore } from '../../core/accounts/credentials.js';
import { MailError } from '../../core/net/mail-error.js';

/**
 * CredentialStore in one file in the user data folder, each secret encrypted with Electron's
 * safeStorage (the OS keychain's key on macOS, DPAPI on Windows, kwallet/libsecret's key on
 * Linux). Used when keytar cannot reach a keychain. The file holds only ciphertext; it is
 * written atomically with mode 0600.
 */

/** The part of Electron's safeStorage the store uses. */
export interface StringEncryptor {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron: 'basic_text' means a hard-coded key, which protects nothing. */
  getSelectedStorageBackend?(): string;
}

export const SAFE_STORAGE_FILE = 'credentials.enc.json';
/** Most entries the file may hold: a handful per account; more means a damaged file. */
export const MAX_SAFE_STORAGE_ENTRIES = 4096;
const FORMAT_VERSION = 1;

interface FileShape {
  version: typeof FORMAT_VERSION;
  /** Entry name (kind:accountId) → base64 of the encrypted secret. */
  entries: Map<string, string>;
}

function unavailable(message: string, cause?: unknown): MailError {
  return new MailError('credential-store-unavailable', message, cause !== undefined ? { cause } : {});
}

/** True when safeStorage really encrypts (not the plain-text fallback some Linux sessions get). */
export function encryptionUsable(encryptor: StringEncryptor): boolean {
  if (!encryptor.isEncryptionAvailable()) return false;
  return encryptor.getSelectedStorageBackend?.() !== 'basic_text';
}

function parseFile(text: string): FileShape {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw unavailable('The encrypted credentials file is damaged (not JSON).', error);
  }
  const shape = json as { version?: unknown; entries?: unknown };
  if (typeof json !== 'object' || json === null || shape.version !== FORMAT_VERSION || typeof shape.entries !== 'object' || shape.entries === null) {
    throw unavailable('The encrypted credentials file has an unknown format.');
  }
  const entries = new Map<string, string>();
  const list = Object.entries(shape.entries as Record<string, unknown>);
  if (list.length > MAX_SAFE_STORAGE_ENTRIES) throw unavailable('The encrypted credentials file has too many entries.');
  for (const [name, value] of list) {
    if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) throw unavailable('The encrypted credentials file has a malformed entry.');
    entries.set(name, value);
  }
  return { version: FORMAT_VERSION, entries };
}

export class SafeStorageCredentialStore implements CredentialStore {
  /** Operations run one after another so two writes never interleave their read-modify-write. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly encryptor: StringEncryptor,
  ) {}

  async get(accountId: string, kind: CredentialKind): Promise<string | undefined> {
    checkCredentialKey(accountId, kind);
    return this.#serial(async () => {
      const stored = (await this.#read()).entries.get(credentialEntryName(accountId, kind));
      if (stored === undefined) return undefined;
      this.#checkEncryption();
      try {
        return this.encryptor.decryptString(Buffer.from(stored, 'base64'));
      } catch (error) {
        // Encrypted under another user or machine key: unreadable here, never "no secret".
        throw unavailable('A stored secret could not be decrypted.', error);
      }
    });
  }

  async set(accountId: string, kind: CredentialKind, secret: string): Promise<void> {
    checkCredentialKey(accountId, kind);
    checkSecret(secret);
    return this.#serial(async () => {
      this.#checkEncryption();
      const data = await this.#read();
      const name = credentialEntryName(accountId, kind);
      if (!data.entries.has(name) && data.entries.size >= MAX_SAFE_STORAGE_ENTRIES) throw unavailable('The encrypted credentials file is full.');
      data.entries.set(name, this.encryptor.encryptString(secret).toString('base64'));
      await this.#write(data);
    });
  }

  async delete(accountId: string, kind: CredentialKind): Promise<boolean> {
    checkCredentialKey(accountId, kind);
    return this.#serial(async () => {
      const data = await this.#read();
      const name = credentialEntryName(accountId, kind);
      if (!data.entries.delete(name)) return false;
      await this.#write(data);
      return true;
    });
  }

  #checkEncryption(): void {
    if (!encryptionUsable(this.encryptor)) throw unavailable('Encryption of stored secrets is not available on this system.');
  }

  async #read(): Promise<FileShape> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: FORMAT_VERSION, entries: new Map() };
      throw unavailable('The encrypted credentials file could not be read.', error);
    }
    return parseFile(text);
  }

  async #write(data: FileShape): Promise<void> {
    try {
      await writeFileAtomic(this.file, `${JSON.stringify({ version: data.version, entries: Object.fromEntries(data.entries) })}\n`);
    } catch (error) {
      throw unavailable('The encrypted credentials file could not be written.', error);
    }
  }

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn, fn);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

/**
 * The keychain first, the encrypted file when the keychain is unreachable: a keychain can load
 * and still fail on use (no Secret Service on a Linux session). A secret stored in the file
 * while the keychain was down is still found after it comes back.
 */
export class KeychainWithFileFallback implements CredentialStore {
  constructor(
    private readonly keychain: CredentialStore | undefined,
    private readonly file: CredentialStore,
  ) {}

  async get(accountId: string, kind: CredentialKind): Promise<string | undefined> {
    const fromKeychain = await this.#keychain((k) => k.get(accountId, kind));
    if (fromKeychain.ok && fromKeychain.value !== undefined) return fromKeychain.value;
    return this.file.get(accountId, kind);
  }

  async set(accountId: string, kind: CredentialKind, secret: string): Promise<void> {
    const stored = await this.#keychain((k) => k.set(accountId, kind, secret));
    if (stored.ok) {
      // The keychain has it now; an older copy in the file must not outlive it.
      await this.file.delete(accountId, kind).catch(() => false);
      return;
    }
    await this.file.set(accountId, kind, secret);
  }

  async delete(accountId: string, kind: CredentialKind): Promise<boolean> {
    const fromKeychain = await this.#keychain((k) => k.delete(accountId, kind));
    const fromFile = await this.file.delete(accountId, kind);
    return (fromKeychain.ok && fromKeychain.value) || fromFile;
  }

  /** Runs on the keychain; only 'credential-store-unavailable' means "use the file", other errors propagate. */
  async #keychain<T>(fn: (store: CredentialStore) => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
    if (this.keychain === undefined) return { ok: false };
    try {
      return { ok: true, value: await fn(this.keychain) };
    } catch (error) {
      if (error instanceof MailError && error.code === 'credential-store-unavailable') return { ok: false };
      throw error;
    }
  }
}
