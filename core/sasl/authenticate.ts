import { MailError } from '../net/mail-error.js';
import { MAX_SASL_STEPS } from './limits.js';
import type { SaslMechanism } from './mechanism.js';

/** What the server answered to an AUTH command or a continuation line. */
export type SaslServerStep =
  | { readonly type: 'challenge'; /** base64 as sent by the server */ readonly data: string }
  | { readonly type: 'success' };

/**
 * The protocol side of an exchange. SMTP sends "AUTH mech [ir]" and reads 334/235 replies,
 * IMAP "tag AUTHENTICATE mech [ir]" and "+"/tagged replies, POP3 "AUTH mech [ir]" and "+"/+OK.
 * A failure reply is thrown as a MailError (normally 'auth-failed') by the protocol side.
 */
export interface SaslTransport {
  /** Sends the command; `initialResponse` is base64 ("=" for an empty one) or undefined. Must be redacted. */
  begin(mechanism: string, initialResponse: string | undefined): Promise<SaslServerStep>;
  /** Sends one base64 continuation line. Must be written with `{ redact: REDACTED }`. */
  continue(response: string): Promise<SaslServerStep>;
}

export interface AuthenticateOptions {
  /** The connection (or anything that can veto credentials on an unencrypted channel). */
  readonly channel: { assertCredentialsAllowed(): void };
  /**
   * Whether the initial response may go on the command line: always for SMTP (RFC 4954 §4) and
   * POP3 (RFC 5034 §4), only with the SASL-IR capability for IMAP (RFC 4959).
   */
  readonly initialResponse: boolean;
  /**
   * Longest base64 initial response to put on the command line; a longer one is sent after the
   * server's empty challenge instead (RFC 4954 §4: the AUTH line must fit in 512 octets).
   */
  readonly maxInitialResponseLength?: number;
}

function decodeChallenge(data: string): Buffer {
  const text = data.trim();
  if (text === '' || text === '=') return Buffer.alloc(0);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
    throw new MailError('protocol-error', 'The server sent a SASL challenge that is not valid base64.', { details: { challenge: text.slice(0, 100) } });
  }
  return Buffer.from(text, 'base64');
}

/**
 * Runs one SASL exchange (RFC 4422 §3) to completion. Refuses before sending anything when the
 * channel does not allow credentials ('auth-insecure').
 */
export async function authenticate(transport: SaslTransport, mechanism: SaslMechanism, options: AuthenticateOptions): Promise<void> {
  options.channel.assertCredentialsAllowed();
  try {
    const initial = options.initialResponse ? mechanism.initialResponse() : undefined;
    let encoded = initial === undefined ? undefined : initial.length === 0 ? '=' : initial.toString('base64');
    if (encoded !== undefined && options.maxInitialResponseLength !== undefined && encoded.length > options.maxInitialResponseLength) {
      // Client-first mechanisms answer the server's empty challenge with that same response.
      encoded = undefined;
    }
    let reply = await transport.begin(mechanism.name, encoded);
    for (let steps = 0; reply.type === 'challenge'; steps++) {
      if (steps >= MAX_SASL_STEPS) throw new MailError('protocol-error', `The server sent more than ${MAX_SASL_STEPS} SASL challenges.`);
      reply = await transport.continue(mechanism.step(decodeChallenge(reply.data)).toString('base64'));
    }
  } catch (error) {
    if (error instanceof MailError && mechanism.serverError !== undefined && error.details?.['serverError'] === undefined) {
      throw new MailError(error.code, error.message, {
        ...(error.reply ? { reply: error.reply } : {}),
        cause: error,
        transient: error.transient,
        details: { ...error.details, serverError: mechanism.serverError },
      });
    }
    throw error;
  }
}
