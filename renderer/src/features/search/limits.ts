/**
 * Limits of the search bar, in one place.
 */

/** Typing pauses at least this long before the index is asked (one query per burst of keys). */
export const SEARCH_DEBOUNCE_MS = 120;

/**
 * The server is asked only from this many characters on: IMAP SEARCH TEXT (RFC 9051 §6.4.4)
 * scans every body in the folder, too costly for one or two letters that match nearly everything.
 */
export const MIN_SERVER_SEARCH_CHARS = 3;

/** Most messages the local index answers with; the list shows the newest first. */
export const LOCAL_RESULT_LIMIT = 1000;

/**
 * The newest this many hits are looked up first and shown at once (more than a tall window's
 * rows); the rest, up to LOCAL_RESULT_LIMIT, follow. A search is judged by when its first rows
 * appear, and on a large index gathering the whole page takes several times as long.
 */
export const FIRST_SCREEN_RESULTS = 100;

/** Most folders one server search asks ("all folders" on a large account would be hundreds of SEARCHes). */
export const MAX_SERVER_SEARCH_FOLDERS = 25;

/** Server SEARCHes in flight at once, so a search over many folders does not queue behind itself. */
export const SERVER_SEARCH_CONCURRENCY = 3;
