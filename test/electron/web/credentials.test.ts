import { describe, expect, it } from 'vitest';
import { KeytarCredentialStore, type KeytarApi } from '../../../core/accounts/keytar-store.js';
import { MailError } from '../../../core/net/mail-error.js';
import { NoKeychainCredentialStore, createWebHostCredentialStore } from '../../../electron/web/credentials.js';

function keytar(works: boolean): KeytarApi {
  const entries = new Map<string, string>();
  const fail = (): never => {
    throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
  };
  return {
    getPassword: async (service, account) => (works ? (entries.get(`${service}/${account}`) ?? null) : fail()),
    setPassword: async (service, account, password) => {
      if (!works) fail();
      entries.set(`${service}/${account}`, password);
    },
    deletePassword: async (service, account) => (works ? entries.delete(`${service}/${account}`) : fail()),
  } as KeytarApi;
}

describe('web host credentials', () => {
  it('uses the keychain when it answers', async () => {
    const result = await createWebHostCredentialStore(async () => new KeytarCredentialStore(keytar(true)));
    expect(result.unavailableReason).toBeUndefined();
    await result.store.set('acct-1', 'incoming-password', 'secret');
    expect(await result.store.get('acct-1', 'incoming-password')).toBe('secret');
  });

  it('refuses to store a password when the keychain does not work, instead of keeping it in memory', async () => {
    const result = await createWebHostCredentialStore(async () => new KeytarCredentialStore(keytar(false)));
    expect(result.unavailableReason).toBe('the keychain did not answer');
    expect(result.store).toBeInstanceOf(NoKeychainCredentialStore);
    const error = await result.store.set('acct-1', 'incoming-password', 'secret').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailError);
    expect((error as MailError).code).toBe('credential-store-unavailable');
    expect((error as MailError).message).not.toContain('secret)');
    expect(await result.store.get('acct-1', 'incoming-password')).toBeUndefined();
  });

  it('says why when keytar cannot even load', async () => {
    const result = await createWebHostCredentialStore(async () => {
      throw new MailError('credential-store-unavailable', 'keytar is not installed');
    });
    expect(result.unavailableReason).toBe('keytar is not installed');
  });
});
