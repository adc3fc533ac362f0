/**
 * What the IMAP session needs from a connection. core/net's Connection satisfies it; tests can
 * pass a Connection over an in-process socket pair. The session reads raw chunks (its own
 * framer finds lines and literals) so it can insert COMPRESS=DEFLATE between bytes and parser.
 */
import type { MailError } from '../net/mail-error.js';

export interface ImapTransport {
  readStream(count: number, options?: { timeout?: 'greeting' | 'command' | 'idle' }): AsyncIterable<Uint8Array>;
  write(data: string | Uint8Array, options?: { redact?: string; transcript?: 'full' | 'summary' | 'none' }): Promise<void>;
  upgradeToTls(): Promise<unknown>;
  assertCredentialsAllowed(): void;
  readonly encrypted: boolean;
  close(): void;
  fail(error: MailError): void;
  readonly transcript?: { server(line: string): void; client(line: string, redacted?: string): void; info(text: string): void };
}
