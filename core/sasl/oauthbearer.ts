import { MailError } from '../net/mail-error.js';
import type { SaslContext, SaslCredentials, SaslMechanism } from './mechanism.js';
import { bearerExchange } from './bearer-exchange.js';
import { requireToken } from './credentials.js';

/** RFC 5801 §4 saslname: "," and "=" are escaped as =2C and =3D. */
function saslName(value: string): string {
  return value.replace(/=/g, '=3D').replace(/,/g, '=2C');
}

/**
 * OAUTHBEARER (RFC 7628 §3.1): a GS2 header "n,a=user," then ^A-separated key=value pairs
 * (host, port, auth=Bearer token), ending ^A^A. A failure comes back as a JSON challenge
 * (§3.2.2) which the client must answer with a single ^A before the server fails the command.
 */
export function oauthBearerMechanism(credentials: SaslCredentials, context: SaslContext = {}): SaslMechanism {
  const token = requireToken(credentials, 'OAUTHBEARER');
  if (/[\x00-\x1f]/.test(credentials.username)) throw new MailError('invalid-argument', 'The user name contains a control character.');
  const host = context.host && !/[\x00-\x20]/.test(context.host) ? `host=${context.host}\x01` : '';
  const port = context.port !== undefined ? `port=${context.port}\x01` : '';
  const message = Buffer.from(`n,a=${saslName(credentials.username)},\x01${host}${port}auth=Bearer ${token}\x01\x01`, 'utf8');
  return bearerExchange('OAUTHBEARER', message, Buffer.from('\x01'));
}
