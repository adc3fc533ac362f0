/**
 * Every limit of the local store in one place. Exceeding one is a typed MailError
 * ('invalid-argument' for names, 'io-error' for corrupt state), never a silent truncation.
 */

/** Maildir spec (cr.yp.to/proto/maildir.html): a file left in tmp/ for 36 hours is garbage. */
export const TMP_MAX_AGE_MS = 36 * 60 * 60 * 1000;

/**
 * Longest on-disk folder directory name in bytes. 255 is the NAME_MAX of ext4, APFS, NTFS
 * (in UTF-16 units there, but the encoded names are pure ASCII so bytes = units).
 */
export const MAX_FOLDER_DIR_BYTES = 255;

/** Chunk size for streaming reads of message files and mbox files. */
export const READ_CHUNK_BYTES = 64 * 1024;

/**
 * An mbox line longer than this is passed on in pieces instead of being collected, so a file
 * without newlines (or a huge base64 line) never has to fit in memory. Only the first piece
 * of a line can be a From_ separator or a quoted ">From " line.
 */
export const MBOX_MAX_LINE_BYTES = 64 * 1024;

/** Largest state file we agree to parse (a 100,000-message map is about 6 MB). */
export const MAX_STATE_FILE_BYTES = 256 * 1024 * 1024;

/** Version written into the per-folder state and keyword sidecar files. */
export const STATE_FORMAT_VERSION = 1;

/** How much of a message is read to find its header (envelope sender, Status fields). */
export const HEADER_PEEK_BYTES = 64 * 1024;

/** The longest mbox From_ line we consider; a longer line starting "From " is body text. */
export const MAX_FROM_LINE_BYTES = 1000;

/**
 * Message files of one batch delivery written and fsynced at the same time: parallel fsyncs
 * let the file system commit its journal once for several files instead of once per file.
 */
export const BATCH_WRITE_CONCURRENCY = 8;
