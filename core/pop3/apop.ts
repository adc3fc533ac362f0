import { createHash } from 'node:crypto';
import { MailError } from '../net/mail-error.js';
import { MAX_APOP_TIMESTAMP_LENGTH } from './limits.js';

/**
 * The APOP timestamp of a greeting (RFC 1939 §7): a msg-id "<process-ID.clock@hostname>" the
 * server makes unique per connection. Undefined when the server offers no APOP.
 */
export function extractApopTimestamp(greetingText: string): string | undefined {
  // The timestamp is an RFC 822 msg-id: angle brackets around printable characters with an "@".
  const match = /<[\x21-\x3b\x3d\x3f-\x7e]+@[\x21-\x3b\x3d\x3f-\x7e]+>/.exec(greetingText);
  if (!match || match[0].length > MAX_APOP_TIMESTAMP_LENGTH) return undefined;
  return match[0];
}

/**
 * The APOP digest (RFC 1939 §7): lower-case hex MD5 of the timestamp (brackets included)
 * followed by the shared secret. MD5 is weak; APOP only keeps the password itself off the wire,
 * so the client uses it only when the account asks for it, and still prefers TLS.
 */
export function apopDigest(timestamp: string, secret: string): string {
  if (!/^<[\x21-\x7e]+>$/.test(timestamp)) {
    throw new MailError('invalid-argument', 'The APOP timestamp must be a <...> message id.');
  }
  return createHash('md5').update(timestamp + secret, 'utf8').digest('hex');
}
