/**
 * The one error type every protocol layer throws. A code the UI can switch on, the server's
 * own reply when there was one, and the RFC 3463 enhanced status code when the server sent it.
 * Layers add codes to the union below instead of inventing their own error classes.
 */
export type MailErrorCode =
  // transport
  | 'connect-failed'
  | 'connect-timeout'
  | 'greeting-timeout'
  | 'command-timeout'
  | 'idle-timeout'
  | 'connection-closed'
  | 'cancelled'
  | 'dns-failed'
  // TLS
  | 'tls-failed'
  | 'tls-required'
  | 'starttls-unavailable'
  | 'starttls-injection'
  | 'certificate-untrusted'
  | 'certificate-expired'
  | 'certificate-hostname'
  | 'certificate-pin-mismatch'
  // authentication
  | 'auth-failed'
  | 'auth-unsupported'
  | 'auth-insecure'
  // protocol
  | 'protocol-error'
  | 'line-too-long'
  | 'literal-too-large'
  | 'invalid-argument'
  | 'server-rejected'
  | 'temporary-failure'
  | 'permanent-failure'
  // SMTP
  | 'relay-denied'
  | 'recipient-unknown'
  | 'all-recipients-rejected'
  | 'message-too-large'
  | 'smtputf8-unsupported'
  // IMAP / POP3
  | 'mailbox-not-found'
  | 'mailbox-in-use'
  | 'over-quota'
  | 'login-delay'
  | 'uidvalidity-changed'
  // local store
  | 'disk-full'
  | 'io-error'
  | 'not-found'
  // accounts
  | 'config-invalid'
  | 'credential-store-unavailable';

export interface ServerReply {
  /** Numeric reply code (SMTP) or status word (IMAP OK/NO/BAD, POP3 +OK/-ERR). */
  readonly status: string;
  /** The reply text as the server sent it, lines joined with "\n". */
  readonly text: string;
  /** RFC 3463 enhanced status code such as "5.7.8", when the server sent one. */
  readonly enhancedCode?: string;
  /** IMAP response code ("AUTHENTICATIONFAILED", "TRYCREATE") or POP3 RFC 3206 code ("IN-USE"). */
  readonly responseCode?: string;
}

export interface MailErrorOptions {
  readonly reply?: ServerReply;
  readonly cause?: unknown;
  /** Extra structured detail for the UI (for example a certificate's subject and fingerprint). */
  readonly details?: Readonly<Record<string, unknown>>;
  /** True when trying again later may succeed (SMTP 4xx, IMAP UNAVAILABLE, a dropped link). */
  readonly transient?: boolean;
}

export class MailError extends Error {
  override readonly name = 'MailError';
  readonly code: MailErrorCode;
  readonly reply: ServerReply | undefined;
  readonly details: Readonly<Record<string, unknown>> | undefined;
  readonly transient: boolean;

  constructor(code: MailErrorCode, message: string, options: MailErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.reply = options.reply;
    this.details = options.details;
    this.transient = options.transient ?? false;
  }

  /** A plain object that survives structured cloning and JSON (IPC, WebSocket, --json output). */
  toJSON(): { code: MailErrorCode; message: string; reply?: ServerReply; details?: Readonly<Record<string, unknown>>; transient: boolean } {
    return {
      code: this.code,
      message: this.message,
      ...(this.reply ? { reply: this.reply } : {}),
      ...(this.details ? { details: this.details } : {}),
      transient: this.transient,
    };
  }
}

export function isMailError(value: unknown): value is MailError {
  return value instanceof MailError;
}
