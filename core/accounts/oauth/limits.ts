/**
 * Every limit and default timeout of the OAuth2 sign-in and token handling in one place.
 * Exceeding a size limit is a typed MailError; running out of time is a typed timeout.
 */
import { MailError } from '../../net/mail-error.js';

/** Longest timeout an option may set (an hour): longer is a mistake, not a setting. */
export const MAX_TIMEOUT_MS = 60 * 60_000;

/** How long the user has to finish signing in in the browser before the loopback listener gives up. */
export const SIGN_IN_TIMEOUT_MS = 5 * 60_000;

/** One request to the token endpoint (code exchange or refresh), connect to last byte. */
export const TOKEN_REQUEST_TIMEOUT_MS = 30_000;

/**
 * An access token is refreshed this long before it expires, so that it does not run out
 * between being handed to a protocol layer and the server checking it.
 */
export const REFRESH_MARGIN_MS = 5 * 60_000;

/** Lifetime assumed when a token response has no expires_in (RFC 6749 §5.1 only RECOMMENDS it). */
export const ASSUMED_TOKEN_LIFETIME_MS = 30 * 60_000;

/** Largest token endpoint response read (real ones, with an id_token, are a few KiB). */
export const MAX_TOKEN_RESPONSE_BYTES = 64 * 1024;

/** Longest callback request target the loopback listener accepts. */
export const MAX_CALLBACK_URL_LENGTH = 8 * 1024;

/** Longest server-supplied error_description kept in an error's details. */
export const MAX_ERROR_DESCRIPTION_LENGTH = 500;

/** Bytes of randomness in the PKCE code verifier (RFC 7636 §4.1: 32 octets → 43 characters). */
export const CODE_VERIFIER_BYTES = 32;

/** Bytes of randomness in the `state` parameter (RFC 6749 §10.12 CSRF protection). */
export const STATE_BYTES = 16;

/** The loopback listener's callback path (RFC 8252 §7.3: any path; only this one is answered). */
export const CALLBACK_PATH = '/oauth2/callback';

/** Throws MailError('invalid-argument') unless a timeout option is a positive number of milliseconds. */
export function checkTimeout(value: number | undefined, name: string): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_TIMEOUT_MS) {
    throw new MailError('invalid-argument', `${name} must be a number of milliseconds between 1 and ${MAX_TIMEOUT_MS}.`);
  }
}
