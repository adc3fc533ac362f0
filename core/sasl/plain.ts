import { MailError } from '../net/mail-error.js';
import type { SaslCredentials, SaslMechanism } from './mechanism.js';
import { requirePassword, requireNoNul } from './credentials.js';

/**
 * PLAIN (RFC 4616 §2): message = [authzid] NUL authcid NUL passwd, UTF-8. The password travels
 * in the clear inside the SASL exchange, which is why it is only ever sent over TLS (the
 * transport refuses it otherwise); over TLS it is as safe as the channel.
 */
export function plainMechanism(credentials: SaslCredentials): SaslMechanism {
  const password = requirePassword(credentials, 'PLAIN');
  requireNoNul(credentials);
  const message = Buffer.from(`${credentials.authzid ?? ''}\0${credentials.username}\0${password}`, 'utf8');
  let sent = false;
  return {
    name: 'PLAIN',
    serverError: undefined,
    initialResponse: () => message,
    step(challenge) {
      // Without an initial response the server sends an empty challenge first (RFC 4422 §5).
      if (sent || challenge.length > 0) {
        throw new MailError('protocol-error', 'The server sent an unexpected challenge during PLAIN authentication.');
      }
      sent = true;
      return message;
    },
  };
}
