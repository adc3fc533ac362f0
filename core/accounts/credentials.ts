/**
 * The CredentialStore port: where passwords and OAuth2 tokens live, by account id and kind.
 * Secrets never go to disk in clear text and never into logs; implementations are the OS
 * keychain (keytar-store.ts) and, in the Electron host, safeStorage-encrypted files.
 */
import { MailError } from '../net/mail-error.js';
import { MAX_ACCOUNT_ID_LENGTH, MAX_SECRET_LENGTH } from './limits.js';

/** What a secret is for; one account may hold several. */
export type CredentialKind = 'incoming-password' | 'outgoing-password' | 'oauth2-refresh-token' | 'oauth2-access-token';

export const CREDENTIAL_KINDS: readonly CredentialKind[] = ['incoming-password', 'outgoing-password', 'oauth2-refresh-token', 'oauth2-access-token'];

export interface CredentialStore {
  /** The secret, or undefined when none is stored. */
  get(accountId: string, kind: CredentialKind): Promise<string | undefined>;
  /** Stores or replaces the secret. */
  set(accountId: string, kind: CredentialKind, secret: string): Promise<void>;
  /** Resolves to true when something was deleted. */
  delete(accountId: string, kind: CredentialKind): Promise<boolean>;
}

/** Throws MailError('invalid-argument') for an id or kind a store must not accept. */
export function checkCredentialKey(accountId: string, kind: CredentialKind): void {
  if (typeof accountId !== 'string' || accountId.length === 0 || accountId.length > MAX_ACCOUNT_ID_LENGTH || /[\x00-\x1f\x7f]/.test(accountId)) {
    throw new MailError('invalid-argument', `Invalid account id for the credential store (1-${MAX_ACCOUNT_ID_LENGTH} characters, no control characters).`);
  }
  if (!CREDENTIAL_KINDS.includes(kind)) {
    throw new MailError('invalid-argument', `Unknown credential kind "${String(kind)}".`);
  }
}

/** Throws MailError('invalid-argument') for a secret a store must not accept; never echoes it. */
export function checkSecret(secret: string): void {
  if (typeof secret !== 'string' || secret.length === 0) throw new MailError('invalid-argument', 'An empty secret cannot be stored.');
  if (secret.length > MAX_SECRET_LENGTH) throw new MailError('invalid-argument', `The secret is longer than ${MAX_SECRET_LENGTH} characters.`);
}

/** The keychain entry name for a key: the kind cannot contain ":", so the split is unambiguous. */
export function credentialEntryName(accountId: string, kind: CredentialKind): string {
  return `${kind}:${accountId}`;
}

/** Removes every secret of an account (when the account is deleted); resolves to how many were removed. */
export async function deleteAccountCredentials(store: CredentialStore, accountId: string): Promise<number> {
  let removed = 0;
  for (const kind of CREDENTIAL_KINDS) {
    if (await store.delete(accountId, kind)) removed++;
  }
  return removed;
}
