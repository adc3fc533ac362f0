import { MailError } from '../net/mail-error.js';
import type { SaslCredentials, SaslMechanism } from './mechanism.js';
import { requireToken } from './credentials.js';

/**
 * XOAUTH2 (Google, https://developers.google.com/gmail/imap/xoauth2-protocol):
 * "user=" user ^A "auth=Bearer " token ^A ^A. On failure the server sends a base64 JSON error as
 * a challenge; the client answers with an empty response and the server then fails the command.
 */
export function xoauth2Mechanism(credentials: SaslCredentials): SaslMechanism {
  const token = requireToken(credentials, 'XOAUTH2');
  if (/[\x01]/.test(credentials.username)) throw new MailError('invalid-argument', 'The user name contains a control character.');
  let serverError: string | undefined;
  let sent = false;
  const message = Buffer.from(`user=${credentials.username}\x01auth=Bearer ${token}\x01\x01`, 'utf8');
  return {
    name: 'XOAUTH2',
    get serverError() {
      return serverError;
    },
    initialResponse: () => message,
    step(challenge) {
      // Sent without an initial response (too long for the command line): the server's empty challenge asks for it.
      if (!sent && challenge.length === 0) {
        sent = true;
        return message;
      }
      if (serverError !== undefined) throw new MailError('protocol-error', 'The server sent a second challenge during XOAUTH2 authentication.');
      serverError = challenge.toString('utf8');
      return Buffer.alloc(0);
    },
  };
}
