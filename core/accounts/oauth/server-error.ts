/**
 * The JSON error a server sends as the last SASL challenge when it rejects a bearer token:
 * RFC 7628 §3.2.2 (OAUTHBEARER: {"status":"invalid_token",…}) and Google's XOAUTH2
 * ({"status":"401","schemes":"Bearer","scope":"https://mail.google.com/"}). core/sasl attaches
 * the raw text to the protocol's 'auth-failed' error as details.serverError.
 */
import { MailError } from '../../net/mail-error.js';

export interface BearerServerError {
  readonly status: string;
  readonly scope?: string;
}

/** Parses a server's SASL error challenge; undefined when it is not that JSON. */
export function parseBearerServerError(text: string): BearerServerError | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const status = (value as Record<string, unknown>)['status'];
    const scope = (value as Record<string, unknown>)['scope'];
    if (typeof status !== 'string' && typeof status !== 'number') return undefined;
    return { status: String(status), ...(typeof scope === 'string' ? { scope } : {}) };
  } catch {
    return undefined;
  }
}

/**
 * True when an authentication failure says the token itself was not accepted (expired or
 * revoked before its stated expiry), so one refresh and retry may succeed. Other statuses
 * (403 insufficient_scope, 400 invalid_request) would fail again with a fresh token.
 */
export function isTokenRejected(error: unknown): boolean {
  if (!(error instanceof MailError) || error.code !== 'auth-failed') return false;
  const raw = error.details?.['serverError'];
  if (typeof raw !== 'string') return false;
  const parsed = parseBearerServerError(raw);
  return parsed !== undefined && (parsed.status === '401' || parsed.status === 'invalid_token');
}
