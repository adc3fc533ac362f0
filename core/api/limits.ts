/**
 * Limits of the contract's wire, in one place. A frame or request beyond them is refused with
 * a typed error (or, for a frame too big to read, the connection is closed).
 */

/** Largest request frame a host accepts; the contract's arguments are small. */
export const MAX_REQUEST_FRAME_BYTES = 1024 * 1024;

/** Longest method name accepted in a frame; real names are far shorter. */
export const MAX_METHOD_NAME_LENGTH = 200;

/** Most positional arguments a request may carry. */
export const MAX_REQUEST_ARGUMENTS = 64;

/** Longest error message describing invalid arguments; zod's issue list grows with the input. */
export const MAX_VALIDATION_MESSAGE_LENGTH = 500;
