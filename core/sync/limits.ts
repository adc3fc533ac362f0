/**
 * Every limit of the sync engine, named in one place. Exceeding one is a typed MailError or a
 * documented fallback (a body above the size limit is fetched on demand).
 */

/** Bodies up to this size are downloaded during sync; larger ones keep only headers until opened. */
export const DEFAULT_BODY_SIZE_LIMIT = 2 * 1024 * 1024;

/** Messages fetched per UID FETCH during the initial sync (newest first, one batch at a time). */
export const FETCH_BATCH = 100;

/**
 * During a sync, a folder's index file (and its Maildir UID map) is rewritten after this many
 * new messages, or after INDEX_SAVE_FRACTION of the messages it already holds when that is
 * more, and at the end of the folder. Growing with the folder keeps the total rewriting linear
 * in its size; a crash costs at most that many messages fetched again.
 */
export const INDEX_SAVE_EVERY = 2_000;
export const INDEX_SAVE_FRACTION = 0.25;

/** Journal entries kept after compaction; a client further behind is told to resync. */
export const JOURNAL_KEEP_ENTRIES = 20_000;

/** The journal file is compacted when it holds this many entries. */
export const JOURNAL_COMPACT_AT = 50_000;

/** Largest journal line accepted when reading back (a summary with long header fields). */
export const MAX_JOURNAL_LINE_BYTES = 1024 * 1024;

/** Most entries getChanges returns at once; the client asks again from the returned lastSeq. */
export const MAX_CHANGES_PER_CALL = 5_000;

/** Characters of body text kept as a summary's snippet. */
export const SNIPPET_LENGTH = 200;

/** Periodic check of the folders that are not IDLEd on. */
export const DEFAULT_POLL_INTERVAL_MS = 5 * 60 * 1000;

/** IDLE is restarted this often (RFC 2177 §3: clients should re-issue within 29 minutes). */
export const IDLE_RESTART_MS = 25 * 60 * 1000;

/** Replay attempts of one queued operation before it is dropped with a recorded reason. */
export const MAX_QUEUE_ATTEMPTS = 5;

/** Delivery attempts of one outbox message before it stays 'failed' until the user retries. */
export const MAX_SEND_ATTEMPTS = 5;

/**
 * While messages wait in the Outbox for a reason that passes (the submission server unreachable,
 * silent, or answering 4xx), the background engine tries again after this long, doubling up to
 * OUTBOX_RETRY_MAX_MS. A submission server often recovers within a minute: Postfix, for one,
 * holds new connections for 60 s ("throttling") after its smtpd failed to start, e.g. while the
 * SASL server it asks (Dovecot) was down.
 */
export const OUTBOX_RETRY_INITIAL_MS = 15_000;
export const OUTBOX_RETRY_MAX_MS = 2 * 60 * 1000;

/**
 * After a failed background sync (server unreachable, login refused, a dropped session) the
 * next attempt waits this long, doubling after each further failure up to SYNC_RETRY_MAX_MS;
 * a run that succeeds starts over. A server that is down for an hour is then asked a dozen
 * times an hour rather than 120, and one that was only restarting is back within a minute.
 */
export const SYNC_RETRY_INITIAL_MS = 30_000;
export const SYNC_RETRY_MAX_MS = 5 * 60 * 1000;

/**
 * Transcript entries an account keeps for its connection log: finished sessions, failed
 * connection and login attempts (IMAP, POP3, SMTP) and the live session; the oldest go first.
 */
export const CONNECTION_LOG_MAX_ENTRIES = 2_000;
