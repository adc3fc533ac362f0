import { MailError } from '../net/mail-error.js';
import { cramMd5Mechanism } from './cram-md5.js';
import { loginMechanism } from './login.js';
import { MECHANISM_NAMES, type MechanismName, type SaslContext, type SaslCredentials, type SaslMechanism } from './mechanism.js';
import { oauthBearerMechanism } from './oauthbearer.js';
import { plainMechanism } from './plain.js';
import { xoauth2Mechanism } from './xoauth2.js';

/**
 * Preference when the account does not fix a mechanism. With a token, OAuth is the only choice
 * (the standard OAUTHBEARER first). With a password, CRAM-MD5 keeps the password off the wire
 * even to the server; PLAIN comes next: the transport only sends credentials inside TLS (or with
 * the user's explicit consent), so PLAIN is as private as the channel and, unlike CRAM-MD5,
 * works with servers that store hashed passwords. LOGIN is the same as PLAIN in two steps,
 * kept for old servers that offer nothing else.
 */
const TOKEN_ORDER: readonly MechanismName[] = ['OAUTHBEARER', 'XOAUTH2'];
const PASSWORD_ORDER: readonly MechanismName[] = ['CRAM-MD5', 'PLAIN', 'LOGIN'];

export function isMechanismName(value: string): value is MechanismName {
  return (MECHANISM_NAMES as readonly string[]).includes(value);
}

/** Picks the strongest mechanism both sides support; throws 'auth-unsupported' when there is none. */
export function chooseMechanism(offered: readonly string[], credentials: SaslCredentials, fixed?: MechanismName): MechanismName {
  const server = new Set(offered.map((m) => m.toUpperCase()));
  if (fixed !== undefined) {
    if (server.has(fixed)) return fixed;
    throw new MailError('auth-unsupported', `The server does not offer the ${fixed} authentication this account is set to use (it offers ${[...server].join(', ') || 'none'}).`, {
      details: { offered: [...server], wanted: fixed },
    });
  }
  const order = credentials.accessToken ? TOKEN_ORDER : credentials.password ? PASSWORD_ORDER : [];
  for (const name of order) if (server.has(name)) return name;
  throw new MailError(
    'auth-unsupported',
    `The server offers no authentication method Tegami can use with ${credentials.accessToken ? 'an OAuth token' : 'a password'} (it offers ${[...server].join(', ') || 'none'}).`,
    { details: { offered: [...server] } },
  );
}

export function createMechanism(name: MechanismName, credentials: SaslCredentials, context: SaslContext = {}): SaslMechanism {
  switch (name) {
    case 'PLAIN':
      return plainMechanism(credentials);
    case 'LOGIN':
      return loginMechanism(credentials);
    case 'CRAM-MD5':
      return cramMd5Mechanism(credentials);
    case 'XOAUTH2':
      return xoauth2Mechanism(credentials);
    case 'OAUTHBEARER':
      return oauthBearerMechanism(credentials, context);
  }
}
