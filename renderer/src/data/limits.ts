/**
 * Limits of the renderer's index, in one place.
 */

/**
 * Largest page listMessages answers (core/api/limits.ts MAX_PAGE_SIZE; the renderer may import
 * only types from core/api, so the number is repeated here). A rebuild pages by it.
 */
export const MAX_PAGE_SIZE = 1000;

/** Messages each rebuild page re-reads from the previous one, so a few removals cannot skip one. */
export const REBUILD_PAGE_OVERLAP = 50;

/** First retry after a failed catch-up; doubles up to MAX_RETRY_DELAY_MS. */
export const FIRST_RETRY_DELAY_MS = 1000;
export const MAX_RETRY_DELAY_MS = 60_000;

/** Messages a search reads at once while filling its result page (one batched bulkGet). */
export const SEARCH_LOAD_CHUNK = 500;

/**
 * A word being typed that starts at most this many indexed words is searched by walking those
 * words newest first together; one that starts more reads all their keys instead.
 */
export const PREFIX_WALK_MAX_WORDS = 16;

/** Most results searchIndex and suggestContacts return, whatever the caller asks. */
export const MAX_SEARCH_RESULTS = 5000;
export const MAX_CONTACT_SUGGESTIONS = 100;

/** Paging anchors remembered per list order (see ./ordered-streams.ts); a few per scrolled block. */
export const MAX_ANCHORS_PER_STREAM = 512;

/**
 * Primary keys held over all the list orders kept whole (see ./ordered-keys.ts), least recently
 * used dropped first; a folder with more is paged by offset reads only. 400,000 message ids of
 * about 40 characters are some 30 MB.
 */
export const MAX_ORDERED_KEYS = 400_000;

/** Keys per read while loading an order: 10,000 keys decode in a few ms, well inside a frame. */
export const ORDERED_KEYS_CHUNK = 10_000;

/** A page at least this far down a stream whose order is being loaded waits for it instead of walking. */
export const ORDERED_KEYS_WAIT_OFFSET = 5000;

/** Longest page read as a slice of a held order (one bulkGet); a longer one is read off the index. */
export const ORDERED_KEYS_MAX_SLICE = 1000;

/** After a stream's page is read, its whole order is loaded this much later, once the first screen is painted. */
export const ORDERED_KEYS_DELAY_MS = 300;
