/**
 * Every POP3 limit in one place. Exceeding one is a typed MailError, never a silent truncation.
 */

/**
 * Longest status line (+OK/-ERR, greeting, SASL challenge) accepted. RFC 2449 §4 keeps the first
 * line of a response at 512 octets including CRLF; real servers stay well inside that, but a
 * SASL challenge (RFC 5034 §4) may be longer, so the reader allows a generous multiple.
 */
export const MAX_STATUS_LINE_LENGTH = 64 * 1024;

/**
 * Largest multi-line response collected in memory (CAPA, LIST, UIDL, TOP into a buffer).
 * A UIDL listing of 100 000 messages with 70-octet ids stays below 8 MiB. RETR never collects:
 * it streams into a sink.
 */
export const MAX_COLLECTED_RESPONSE_BYTES = 16 * 1024 * 1024;

/** Longest unique-id RFC 1939 §7 allows ("1 to 70 characters in the range 0x21 to 0x7E"). */
export const MAX_UIDL_LENGTH = 70;

/** Longest APOP timestamp accepted from a greeting; the RFC 822 msg-id is far shorter in practice. */
export const MAX_APOP_TIMESTAMP_LENGTH = 512;

