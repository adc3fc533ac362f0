import { MailError } from '../net/mail-error.js';
import type { MechanismName, SaslCredentials } from './mechanism.js';

export function requirePassword(credentials: SaslCredentials, mechanism: MechanismName): string {
  if (typeof credentials.password !== 'string' || credentials.password.length === 0) {
    throw new MailError('invalid-argument', `${mechanism} authentication needs a password.`);
  }
  return credentials.password;
}

export function requireToken(credentials: SaslCredentials, mechanism: MechanismName): string {
  if (typeof credentials.accessToken !== 'string' || credentials.accessToken.length === 0) {
    throw new MailError('invalid-argument', `${mechanism} authentication needs an OAuth access token.`);
  }
  if (/[\x00-\x1f\x7f\s]/.test(credentials.accessToken)) {
    throw new MailError('invalid-argument', 'The access token contains control characters or spaces.');
  }
  return credentials.accessToken;
}

/** NUL separates the PLAIN fields, so it may not occur inside them (RFC 4616 §2). */
export function requireNoNul(credentials: SaslCredentials): void {
  for (const value of [credentials.username, credentials.password ?? '', credentials.authzid ?? '']) {
    if (value.includes('\0')) throw new MailError('invalid-argument', 'User name and password may not contain NUL characters.');
  }
}
