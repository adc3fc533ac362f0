import { MailError } from '../net/mail-error.js';
import type { SaslCredentials, SaslMechanism } from './mechanism.js';
import { bearerExchange } from './bearer-exchange.js';
import { requireToken } from './credentials.js';

/**
 * XOAUTH2 (Google, https://developers.google.com/gmail/imap/xoauth2-protocol):
 * "user=" user ^A "auth=Bearer " token ^A ^A. On failure the server sends a base64 JSON error as
 * a challenge; the client answers with an empty response and the server then fails the command.
 */
export function xoauth2Mechanism(credentials: SaslCredentials): SaslMechanism {
  const token = requireToken(credentials, 'XOAUTH2');
  if (/[\x01]/.test(credentials.username)) throw new MailError('invalid-argument', 'The user name contains a control character.');
  const message = Buffer.from(`user=${credentials.username}\x01auth=Bearer ${token}\x01\x01`, 'utf8');
  return bearerExchange('XOAUTH2', message, Buffer.alloc(0));
}
