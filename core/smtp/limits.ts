/** SMTP limits, in one place. */

/** Lines in one multi-line reply before the client gives up (EHLO lists are ~20 lines). */
export const MAX_REPLY_LINES = 200;

/**
 * Longest AUTH initial response put on the command line: RFC 4954 §4 keeps the AUTH command
 * within the 512-octet limit of RFC 5321 §4.5.3.1.4; longer ones go in a continuation.
 */
export const MAX_AUTH_INITIAL_RESPONSE = 500 - 'AUTH OAUTHBEARER '.length;

/** Bytes per BDAT chunk (RFC 3030) for messages that do not fit in one. */
export const BDAT_CHUNK_SIZE = 1024 * 1024;

/** Size of the pieces a buffered message is cut into before dot-stuffing, so it is never copied whole. */
export const DATA_SLICE_SIZE = 64 * 1024;

/** A message up to this size is sent pipelined with MAIL/RCPT in a single BDAT LAST when the server allows it. */
export const PIPELINED_BDAT_MAX = 256 * 1024;
