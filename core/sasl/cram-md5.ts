import { createHmac } from 'node:crypto';
import { MailError } from '../net/mail-error.js';
import type { SaslCredentials, SaslMechanism } from './mechanism.js';
import { requirePassword } from './credentials.js';

/**
 * CRAM-MD5 (RFC 2195 §2): the response is "user SP hex(HMAC-MD5(password, challenge))". The
 * password itself never crosses the wire, which is why it ranks above PLAIN when both are offered.
 */
export function cramMd5Mechanism(credentials: SaslCredentials): SaslMechanism {
  const password = requirePassword(credentials, 'CRAM-MD5');
  let answered = false;
  return {
    name: 'CRAM-MD5',
    serverError: undefined,
    initialResponse: () => undefined,
    step(challenge) {
      if (answered) throw new MailError('protocol-error', 'The server sent a second challenge during CRAM-MD5 authentication.');
      if (challenge.length === 0) throw new MailError('protocol-error', 'The server sent an empty CRAM-MD5 challenge.');
      answered = true;
      const digest = createHmac('md5', Buffer.from(password, 'utf8')).update(challenge).digest('hex');
      return Buffer.from(`${credentials.username} ${digest}`, 'utf8');
    },
  };
}
