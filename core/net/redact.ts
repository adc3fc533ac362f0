/**
 * Redaction of secrets in protocol lines before they reach a transcript or log.
 *
 * Protocol layers mark sensitive writes explicitly (`write(line, { redact: 'AUTH PLAIN ****' })`),
 * and every client line additionally passes through redactCommand() so that a forgotten mark
 * still does not leak a password. SASL continuation responses (RFC 4954 §4, RFC 3501 §6.2.2,
 * RFC 5034 §4) are bare base64 lines that cannot be recognised on their own: the layer that sends
 * them must pass `{ redact: REDACTED }`.
 */

export const REDACTED = '****';

const AUTH = /^(\s*(?:[A-Za-z0-9.]+\s+)?(?:AUTH|AUTHENTICATE)\s+[A-Za-z0-9_-]+)(\s+\S.*)$/i;
const POP3_PASS = /^(\s*PASS)(\s.*)$/i;
const POP3_APOP = /^(\s*APOP\s+\S+)(\s.*)$/i;
// IMAP LOGIN (RFC 3501 §6.2.3): "tag LOGIN user password"; both arguments may be quoted or
// literals, so everything after the tag and command is hidden, user name included.
const IMAP_LOGIN = /^(\s*[A-Za-z0-9.]+\s+LOGIN)(\s.*)$/i;

/** Returns the line with any password, SASL payload or digest replaced by REDACTED. */
export function redactCommand(line: string): string {
  for (const pattern of [AUTH, POP3_PASS, POP3_APOP, IMAP_LOGIN]) {
    const match = pattern.exec(line);
    if (match) return `${match[1] ?? ''} ${REDACTED}`;
  }
  return line;
}
