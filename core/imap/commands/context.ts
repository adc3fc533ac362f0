/**
 * What a command gets: exec, the connection state, the capabilities and a log. Commands never
 * see the client, the socket or each other.
 */
import type { MailError } from '../../net/mail-error.js';
import type { Capabilities } from '../capabilities.js';
import type { TaggedResult } from '../errors.js';
import type { ExecRequest } from '../session.js';
import type { ConnectionState } from '../state.js';

export interface CommandContext {
  exec(request: ExecRequest): Promise<TaggedResult>;
  readonly state: ConnectionState;
  readonly capabilities: Capabilities;
  log(message: string): void;
  /** The byte stream under the session, for the few commands that change or end it. */
  readonly line: LineControl;
}

export interface LineControl {
  readonly encrypted: boolean;
  /** Throws 'auth-insecure' when credentials may not be sent on this connection. */
  assertCredentialsAllowed(): void;
  /** A line that is no command (SASL responses, IDLE's DONE). */
  writeContinuation(text: string, secret?: boolean): Promise<void>;
  /** After STARTTLS's OK: the TLS handshake; then reading resumes. */
  startTls(): Promise<void>;
  /** After COMPRESS's OK: deflate both ways (RFC 4978). */
  deflate(): Promise<void>;
  /** After LOGOUT's OK. */
  close(): void;
  /** Ends the session at once (IDLE watchdog: the link is dead). */
  abort(error: MailError): void;
  /** True when another command is queued (IDLE gives way). */
  readonly waiting: boolean;
}
