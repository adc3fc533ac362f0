/**
 * PKCE (RFC 7636) and the CSRF `state`: random values from the platform CSPRNG, base64url
 * without padding, which is exactly the unreserved alphabet §4.1 allows.
 */
import { createHash, randomBytes } from 'node:crypto';
import { CODE_VERIFIER_BYTES, STATE_BYTES } from './limits.js';

export interface PkcePair {
  /** Kept by the client and sent only to the token endpoint (§4.5). */
  readonly verifier: string;
  /** BASE64URL(SHA256(ASCII(verifier))), sent in the authorization request (§4.2). */
  readonly challenge: string;
  readonly method: 'S256';
}

/** RFC 7636 §4.2: the S256 transformation. */
export function s256Challenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** A fresh verifier (43 characters, 256 bits of entropy, §4.1 and §7.1) and its S256 challenge. */
export function createPkcePair(): PkcePair {
  const verifier = randomBytes(CODE_VERIFIER_BYTES).toString('base64url');
  return { verifier, challenge: s256Challenge(verifier), method: 'S256' };
}

/** An unguessable `state` value binding the redirect to this sign-in attempt (RFC 6749 §10.12). */
export function createState(): string {
  return randomBytes(STATE_BYTES).toString('base64url');
}
