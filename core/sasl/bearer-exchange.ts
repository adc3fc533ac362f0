import { MailError } from '../net/mail-error.js';
import type { SaslMechanism } from './mechanism.js';

/**
 * The exchange XOAUTH2 and OAUTHBEARER share: one client message (sent as the initial response,
 * or after the server's empty challenge when it was too long for the command line), and on
 * failure one server challenge carrying a JSON error that the client must acknowledge with
 * `acknowledgement` before the server fails the command (RFC 7628 §3.2.2; Google's XOAUTH2).
 */
export function bearerExchange(name: 'XOAUTH2' | 'OAUTHBEARER', message: Buffer, acknowledgement: Buffer): SaslMechanism {
  let serverError: string | undefined;
  let sent = false;
  return {
    name,
    get serverError() {
      return serverError;
    },
    initialResponse: () => message,
    step(challenge) {
      if (!sent && challenge.length === 0) {
        sent = true;
        return message;
      }
      if (serverError !== undefined) throw new MailError('protocol-error', `The server sent a second challenge during ${name} authentication.`);
      serverError = challenge.toString('utf8');
      return acknowledgement;
    },
  };
}
