/**
 * Every transport limit and default in one place. Exceeding a limit is a typed MailError
 * (never a silent truncation); protocol layers keep their own limits next to their code.
 */

/**
 * Longest line the line reader accepts, without its CRLF. SMTP caps reply lines at 512 octets
 * (RFC 5321 §4.5.3.1.5) but IMAP response lines carry long untagged data between literals, so
 * the transport allows far more; a server that exceeds it has lost framing or is hostile.
 */
export const MAX_LINE_LENGTH = 1024 * 1024;

/**
 * Largest block readBytes() assembles in memory at once. Bigger payloads must be consumed with
 * readStream(), which hands chunks over as they arrive.
 */
export const MAX_READ_BYTES = 64 * 1024 * 1024;

/** Buffered unread input above which the socket is paused until the reader catches up. */
export const READ_HIGH_WATER_MARK = 4 * 1024 * 1024;

/** Transcript entries kept per connection; older entries are dropped (and counted). */
export const TRANSCRIPT_MAX_ENTRIES = 5000;

/** Longest text stored for one transcript entry; the rest is summarised by its length. */
export const TRANSCRIPT_MAX_ENTRY_LENGTH = 2000;

export interface Timeouts {
  /** TCP connect plus (for implicit TLS) the handshake, and a STARTTLS handshake. */
  readonly connect: number;
  /** From connection to the server's first line. */
  readonly greeting: number;
  /** Silence allowed while waiting for the reply to a command (reset by any byte received). */
  readonly command: number;
  /** Silence allowed while idling (IMAP IDLE: RFC 2177 §3 asks to re-issue within 29 minutes). */
  readonly idle: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = {
  connect: 15_000,
  greeting: 30_000,
  // RFC 5321 §4.5.3.2 suggests minutes for some SMTP replies (10 minutes after the final dot);
  // 2 minutes of total silence is a practical ceiling for a desktop client.
  command: 120_000,
  idle: 30 * 60_000,
};
