import { describe, expect, it } from 'vitest';
import { checkCredentialKey, checkSecret, credentialEntryName, deleteAccountCredentials, type CredentialKind } from '../../../core/accounts/credentials.js';
import { MAX_SECRET_LENGTH } from '../../../core/accounts/limits.js';
import { MemoryCredentialStore } from './support/memory-credential-store.js';

describe('credential store port', () => {
  it('keeps secrets by account and kind', async () => {
    const store = new MemoryCredentialStore();
    await store.set('a', 'incoming-password', 'one');
    await store.set('a', 'outgoing-password', 'two');
    await store.set('b', 'incoming-password', 'three');
    expect(await store.get('a', 'incoming-password')).toBe('one');
    expect(await store.get('a', 'outgoing-password')).toBe('two');
    expect(await store.get('b', 'incoming-password')).toBe('three');
    expect(await store.delete('a', 'incoming-password')).toBe(true);
    expect(await store.get('a', 'incoming-password')).toBeUndefined();
    expect(await store.delete('a', 'incoming-password')).toBe(false);
  });

  it('names entries unambiguously even when the account id has a colon', () => {
    expect(credentialEntryName('x:y', 'incoming-password')).toBe('incoming-password:x:y');
    expect(credentialEntryName('x', 'oauth2-refresh-token')).not.toBe(credentialEntryName('oauth2-refresh-token:x', 'incoming-password'));
  });

  it.each([[''], ['a\nb'], ['x'.repeat(201)]])('refuses the account id %j', (id) => {
    expect(() => checkCredentialKey(id, 'incoming-password')).toThrow(/Invalid account id/);
  });

  it('refuses unknown kinds, empty and oversized secrets, without echoing them', () => {
    expect(() => checkCredentialKey('a', 'password' as CredentialKind)).toThrow(/Unknown credential kind/);
    expect(() => checkSecret('')).toThrow(/empty secret/);
    const long = 's'.repeat(MAX_SECRET_LENGTH + 1);
    expect(() => checkSecret(long)).toThrow(/longer than/);
    try {
      checkSecret(long);
    } catch (error) {
      expect((error as Error).message).not.toContain('sss');
    }
  });

  it('deletes every secret of one account and nothing of another', async () => {
    const store = new MemoryCredentialStore();
    await store.set('a', 'incoming-password', '1');
    await store.set('a', 'oauth2-refresh-token', '2');
    await store.set('b', 'incoming-password', '3');
    expect(await deleteAccountCredentials(store, 'a')).toBe(2);
    expect(await store.get('a', 'oauth2-refresh-token')).toBeUndefined();
    expect(await store.get('b', 'incoming-password')).toBe('3');
    expect(await deleteAccountCredentials(store, 'a')).toBe(0);
  });
});
