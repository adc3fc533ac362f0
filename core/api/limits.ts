/**
 * Limits of the contract's wire, in one place. A frame or request beyond them is refused with
 * a typed error (or, for a frame too big to read, the connection is closed).
 */

/**
 * Largest request frame a host accepts. Most arguments are small, but stageAttachment carries a
 * whole file of up to MAX_PAGE_ATTACHMENT_BYTES as base64 (4 characters per 3 bytes: 25 MiB
 * becomes 33.4 MiB) inside a JSON frame, so the frame limit is that plus room for the name and
 * the frame itself. Anything larger is still refused before it is parsed.
 */
export const MAX_REQUEST_FRAME_BYTES = 36 * 1024 * 1024;

/** Longest method name accepted in a frame; real names are far shorter. */
export const MAX_METHOD_NAME_LENGTH = 200;

/** Most positional arguments a request may carry. */
export const MAX_REQUEST_ARGUMENTS = 64;

/** Longest error message describing invalid arguments; zod's issue list grows with the input. */
export const MAX_VALIDATION_MESSAGE_LENGTH = 500;

/** Longest opaque id (account, folder, message) a request may name. */
export const MAX_ID_LENGTH = 1024;

/** Most message ids one flag/move/copy/delete request may name; the UI batches larger selections. */
export const MAX_IDS_PER_REQUEST = 5000;

/** Largest page listMessages returns. */
export const MAX_PAGE_SIZE = 1000;

/** Host names (RFC 1035 §2.3.4 allows 253 octets). */
export const MAX_HOST_LENGTH = 253;

/** Names, addresses, user names, subjects (×4), Message-IDs. */
export const MAX_SHORT_TEXT_LENGTH = 998;

export const MAX_PASSWORD_LENGTH = 4096;

/** File system paths and mailbox names. */
export const MAX_PATH_LENGTH = 4096;

export const MAX_FLAG_LENGTH = 200;
export const MAX_FLAGS_PER_CHANGE = 50;
export const MAX_RECIPIENTS = 1000;
export const MAX_ATTACHMENTS_PER_MESSAGE = 100;

/** A composed body; larger text belongs in an attachment. */
export const MAX_BODY_TEXT_LENGTH = 8 * 1024 * 1024;

/** A SHA-256 fingerprint as hex with colons (95 characters) plus an optional "sha256:" prefix. */
export const MAX_FINGERPRINT_LENGTH = 120;

/** Largest attachment getAttachment hands to the page, and largest file the page may stage (decoded bytes). */
export const MAX_PAGE_ATTACHMENT_BYTES = 25 * 1024 * 1024;

/**
 * Largest message getMessageFile hands to the page as base64 for a download. A message carrying
 * an attachment of MAX_PAGE_ATTACHMENT_BYTES is about 4/3 of that in transfer encoding; larger
 * ones are saved by the desktop app's dialog, which writes them without passing the page.
 */
export const MAX_PAGE_MESSAGE_BYTES = 50 * 1024 * 1024;

/** Longest text a server-side search may carry. */
export const MAX_SEARCH_TEXT_LENGTH = 500;

/** Longest URL openExternal accepts. */
export const MAX_URL_LENGTH = 8192;

/** Staged uploads and files written for opening or dragging are removed this long after they were made. */
export const TEMP_FILE_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** Longest file name written to disk (in UTF-16 units; file systems allow 255 bytes, Japanese takes 3 per character). */
export const MAX_FILE_NAME_LENGTH = 80;

/** Largest message file (.eml) openMessageFile reads. */
export const MAX_MESSAGE_FILE_BYTES = 200 * 1024 * 1024;

/** Most message files one service keeps allowed (the host registers each file it was given). */
export const MAX_ALLOWED_MESSAGE_FILES = 1000;

/** An OAuth2 sign-in not yet used by addAccount is forgotten after this long. */
export const OAUTH_GRANT_TTL_MS = 15 * 60 * 1000;
