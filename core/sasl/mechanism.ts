/**
 * The SASL vocabulary shared by SMTP AUTH (RFC 4954), IMAP AUTHENTICATE (RFC 3501 §6.2.2) and
 * POP3 AUTH (RFC 5034). A mechanism is a small state machine over raw bytes; each protocol owns
 * the framing (base64 lines, "334"/"+" continuations) and drives it through authenticate().
 */

export type MechanismName = 'PLAIN' | 'LOGIN' | 'CRAM-MD5' | 'XOAUTH2' | 'OAUTHBEARER';

export const MECHANISM_NAMES: readonly MechanismName[] = ['PLAIN', 'LOGIN', 'CRAM-MD5', 'XOAUTH2', 'OAUTHBEARER'];

export interface SaslCredentials {
  /** Authentication identity (the login name). */
  readonly username: string;
  readonly password?: string;
  /** OAuth 2.0 bearer token, for XOAUTH2 and OAUTHBEARER. */
  readonly accessToken?: string;
  /** Authorization identity, when acting for another user (rarely used). */
  readonly authzid?: string;
}

/** Where the client is connecting; OAUTHBEARER sends it to the server (RFC 7628 §3.1). */
export interface SaslContext {
  readonly host?: string;
  readonly port?: number;
}

export interface SaslMechanism {
  readonly name: MechanismName;
  /**
   * The client-first response (RFC 4422 §3.3 "initial response"), or undefined when the
   * mechanism waits for the server's first challenge (LOGIN, CRAM-MD5).
   */
  initialResponse(): Buffer | undefined;
  /** The response to one server challenge (already base64-decoded). Throws 'protocol-error' on an unexpected step. */
  step(challenge: Buffer): Buffer;
  /** An error report the server sent as a challenge (XOAUTH2 / OAUTHBEARER JSON), if any. */
  readonly serverError: string | undefined;
}
