import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MailError } from '../../../core/net/mail-error.js';
import { MemoryCredentialStore } from '../../../core/api/memory-credentials.js';
import type { CredentialKind, CredentialStore } from '../../../core/accounts/credentials.js';
import { KeychainWithFileFallback, SafeStorageCredentialStore, type StringEncryptor } from '../../../electron/main/safe-storage-store.js';

/**
 * Stands in for Electron's safeStorage (which needs the Electron binary): a keyed XOR with a
 * header, enough to prove the file never holds the plain secret and that the wrong key fails.
 */
class FakeEncryptor implements StringEncryptor {
  available = true;
  backend = 'gnome_libsecret';
  constructor(private readonly key = 0x5a) {}
  isEncryptionAvailable(): boolean {
    return this.available;
  }
  getSelectedStorageBackend(): string {
    return this.backend;
  }
  encryptString(plain: string): Buffer {
    const bytes = Buffer.from(plain, 'utf8').map((b) => b ^ this.key);
    return Buffer.concat([Buffer.from([0x76, 0x31, this.key]), bytes]);
  }
  decryptString(encrypted: Buffer): string {
    if (encrypted[0] !== 0x76 || encrypted[1] !== 0x31 || encrypted[2] !== this.key) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(encrypted.subarray(3).map((b) => b ^ this.key)).toString('utf8');
  }
}

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return error instanceof MailError ? error.code : `not a MailError: ${String(error)}`;
  }
  return 'resolved';
}

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tegami-safe-storage-'));
  file = join(dir, 'credentials.enc.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('SafeStorageCredentialStore', () => {
  it('stores, reads, replaces and deletes secrets; the file holds no plain text and is private', async () => {
    const store = new SafeStorageCredentialStore(file, new FakeEncryptor());
    expect(await store.get('acc-1', 'incoming-password')).toBeUndefined();
    await store.set('acc-1', 'incoming-password', 'hunter2-パスワード');
    await store.set('acc-1', 'outgoing-password', 'smtp-secret');
    expect(await store.get('acc-1', 'incoming-password')).toBe('hunter2-パスワード');
    await store.set('acc-1', 'incoming-password', 'changed');
    expect(await store.get('acc-1', 'incoming-password')).toBe('changed');

    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('changed');
    expect(text).not.toContain('smtp-secret');
    expect(JSON.parse(text)).toMatchObject({ version: 1 });
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);

    // A new instance (next run) reads the same file.
    const again = new SafeStorageCredentialStore(file, new FakeEncryptor());
    expect(await again.get('acc-1', 'outgoing-password')).toBe('smtp-secret');
    expect(await again.delete('acc-1', 'outgoing-password')).toBe(true);
    expect(await again.delete('acc-1', 'outgoing-password')).toBe(false);
    expect(await store.get('acc-1', 'outgoing-password')).toBeUndefined();
  });

  it('keeps every one of many concurrent writes', async () => {
    const store = new SafeStorageCredentialStore(file, new FakeEncryptor());
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`acc-${i}`, 'incoming-password', `pw-${i}`)));
    const fresh = new SafeStorageCredentialStore(file, new FakeEncryptor());
    for (let i = 0; i < 20; i++) expect(await fresh.get(`acc-${i}`, 'incoming-password')).toBe(`pw-${i}`);
  });

  it('refuses to store when encryption is unavailable or is the plain-text Linux backend', async () => {
    const encryptor = new FakeEncryptor();
    const store = new SafeStorageCredentialStore(file, encryptor);
    encryptor.available = false;
    expect(await code(store.set('a', 'incoming-password', 'x'))).toBe('credential-store-unavailable');
    encryptor.available = true;
    encryptor.backend = 'basic_text';
    expect(await code(store.set('a', 'incoming-password', 'x'))).toBe('credential-store-unavailable');
    await expect(readFile(file)).rejects.toThrow();
  });

  it('reports secrets encrypted under another key and damaged files as unavailable, not as missing', async () => {
    await new SafeStorageCredentialStore(file, new FakeEncryptor(0x11)).set('a', 'incoming-password', 'x');
    expect(await code(new SafeStorageCredentialStore(file, new FakeEncryptor(0x22)).get('a', 'incoming-password'))).toBe('credential-store-unavailable');
    for (const damaged of ['{', '[]', '{"version":2,"entries":{}}', '{"version":1,"entries":{"incoming-password:a":"not base64!"}}']) {
      await writeFile(file, damaged);
      expect(await code(new SafeStorageCredentialStore(file, new FakeEncryptor()).get('a', 'incoming-password'))).toBe('credential-store-unavailable');
    }
  });

  it('validates keys and secrets before touching the file', async () => {
    const store = new SafeStorageCredentialStore(file, new FakeEncryptor());
    expect(await code(store.set('', 'incoming-password', 'x'))).toBe('invalid-argument');
    expect(await code(store.set('a', 'incoming-password', ''))).toBe('invalid-argument');
    expect(await code(store.get('a', 'bogus' as CredentialKind))).toBe('invalid-argument');
  });
});

/** A keychain that is unreachable (like keytar without a Secret Service) until `up` is set. */
class FlakyKeychain implements CredentialStore {
  up = false;
  readonly inner = new MemoryCredentialStore();
  #check(): void {
    if (!this.up) throw new MailError('credential-store-unavailable', 'Cannot autolaunch D-Bus without X11 $DISPLAY');
  }
  async get(a: string, k: CredentialKind): Promise<string | undefined> {
    this.#check();
    return this.inner.get(a, k);
  }
  async set(a: string, k: CredentialKind, s: string): Promise<void> {
    this.#check();
    return this.inner.set(a, k, s);
  }
  async delete(a: string, k: CredentialKind): Promise<boolean> {
    this.#check();
    return this.inner.delete(a, k);
  }
}

describe('KeychainWithFileFallback', () => {
  it('uses the file while the keychain is down and the keychain once it is back, removing the file copy', async () => {
    const keychain = new FlakyKeychain();
    const fileStore = new SafeStorageCredentialStore(file, new FakeEncryptor());
    const store = new KeychainWithFileFallback(keychain, fileStore);
    await store.set('a', 'incoming-password', 'from-file');
    expect(await fileStore.get('a', 'incoming-password')).toBe('from-file');
    expect(await store.get('a', 'incoming-password')).toBe('from-file');

    keychain.up = true;
    expect(await store.get('a', 'incoming-password')).toBe('from-file');
    await store.set('a', 'incoming-password', 'in-keychain');
    expect(await keychain.inner.get('a', 'incoming-password')).toBe('in-keychain');
    expect(await fileStore.get('a', 'incoming-password')).toBeUndefined();
    expect(await store.delete('a', 'incoming-password')).toBe(true);
    expect(await store.get('a', 'incoming-password')).toBeUndefined();
  });

  it('works with no keychain module at all and lets other errors through', async () => {
    const store = new KeychainWithFileFallback(undefined, new SafeStorageCredentialStore(file, new FakeEncryptor()));
    await store.set('a', 'oauth2-refresh-token', 'token');
    expect(await store.get('a', 'oauth2-refresh-token')).toBe('token');
    const keychain = new FlakyKeychain();
    keychain.up = true;
    expect(await code(new KeychainWithFileFallback(keychain, new SafeStorageCredentialStore(file, new FakeEncryptor())).set('', 'incoming-password', 'x'))).toBe('invalid-argument');
  });
});
