/**
 * Every size and time limit of the IMAP client in one place. Exceeding a size limit is a typed
 * MailError ('line-too-long', 'literal-too-large', 'protocol-error'), never a crash or a hang.
 */

/**
 * Longest line (the text between two literals, or up to CRLF) the parser buffers. RFC 7162 §4
 * asks clients to accept lines of at least 8192 octets; Gmail and large SEARCH answers go much
 * further, so we allow a generous 4 MiB but not unbounded memory.
 */
export const MAX_LINE_LENGTH = 4 * 1024 * 1024;

/** Largest literal held in memory when no streaming sink takes it (a 25 MB mail fits easily). */
export const MAX_LITERAL_SIZE = 256 * 1024 * 1024;

/** Largest literal passed through a streaming sink; beyond this the server is not believed. */
export const MAX_STREAMED_LITERAL_SIZE = 4 * 1024 * 1024 * 1024;

/** Deepest nesting of parenthesised lists (BODYSTRUCTURE of nested multiparts included). */
export const MAX_NESTING_DEPTH = 64;

/** Most literals in one response (a FETCH of many header sections), to bound bookkeeping. */
export const MAX_LITERALS_PER_RESPONSE = 100_000;

/** Most numbers a sequence set may expand to (VANISHED, ESEARCH ALL, COPYUID). */
export const MAX_SEQUENCE_SET_EXPANSION = 10_000_000;

/** Quoted strings longer than this are sent as literals instead (RFC 3501 §4.3 allows both). */
export const MAX_QUOTED_LENGTH = 1024;

/** RFC 7888 §4: with LITERAL- only literals up to 4096 octets may be non-synchronizing. */
export const LITERAL_MINUS_MAX = 4096;

/** RFC 2177 §3: clients should re-issue IDLE at least every 29 minutes. */
export const IDLE_REISSUE_MS = 29 * 60 * 1000;

/**
 * While idling, a NOOP-style liveness check runs this often: a connection that silently died
 * (NAT timeout, sleeping laptop) is noticed instead of waiting forever for EXISTS.
 */
export const IDLE_WATCHDOG_MS = 5 * 60 * 1000;

/** How long the watchdog waits for the server to answer before the link is declared dead. */
export const IDLE_WATCHDOG_TIMEOUT_MS = 30 * 1000;

/** Time allowed for the greeting after the TCP/TLS connection is up. */
export const GREETING_TIMEOUT_MS = 30 * 1000;

/** Reconnect backoff: first delay, ceiling, and growth factor. */
export const RECONNECT_INITIAL_MS = 1000;
export const RECONNECT_MAX_MS = 5 * 60 * 1000;
export const RECONNECT_FACTOR = 2;
