/**
 * The token endpoint (RFC 6749 §3.2): one POST of an application/x-www-form-urlencoded body,
 * a JSON answer that is either tokens (§5.1) or an error (§5.2). Every failure is a MailError:
 * an OAuth error is 'auth-failed' with the server's error code in details, a 5xx, 429, timeout
 * or network failure is a transient 'temporary-failure'. Request bodies carry secrets (code,
 * verifier, refresh token) and are never put into messages or details.
 */
import { MailError } from '../../net/mail-error.js';
import { checkTimeout, MAX_ERROR_DESCRIPTION_LENGTH, MAX_TOKEN_RESPONSE_BYTES, TOKEN_REQUEST_TIMEOUT_MS } from './limits.js';
import { checkEndpoint, type OAuthSettings } from './settings.js';

/** A parsed successful token response. */
export interface TokenResponse {
  readonly accessToken: string;
  /** Absent when the server keeps the old refresh token valid (refresh without rotation). */
  readonly refreshToken?: string;
  /** Seconds, as the server said; undefined when it did not say. */
  readonly expiresIn?: number;
  /** The granted scopes when the server says them (§5.1: required if they differ from the request). */
  readonly scopes?: readonly string[];
  readonly tokenType: 'Bearer';
}

export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

export interface TokenRequestOptions {
  readonly fetch?: FetchFunction;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** §5.2 error codes that mean "the refresh token or the code is no longer good". */
const GRANT_ERRORS = new Set(['invalid_grant']);

function truncate(text: string): string {
  return text.length > MAX_ERROR_DESCRIPTION_LENGTH ? `${text.slice(0, MAX_ERROR_DESCRIPTION_LENGTH)}…` : text;
}

async function readLimited(response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_TOKEN_RESPONSE_BYTES) {
    await response.body?.cancel();
    throw new MailError('protocol-error', `The token endpoint's answer is larger than ${MAX_TOKEN_RESPONSE_BYTES} bytes.`);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_TOKEN_RESPONSE_BYTES) {
      await reader.cancel();
      throw new MailError('protocol-error', `The token endpoint's answer is larger than ${MAX_TOKEN_RESPONSE_BYTES} bytes.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** RFC 6749 §5.2 error body → MailError('auth-failed'); `grant` says what was being exchanged. */
export function oauthError(body: Record<string, unknown>, httpStatus: number, grant: 'authorization_code' | 'refresh_token'): MailError {
  const error = typeof body['error'] === 'string' ? body['error'] : 'unknown_error';
  const description = typeof body['error_description'] === 'string' ? truncate(body['error_description']) : undefined;
  const uri = typeof body['error_uri'] === 'string' ? truncate(body['error_uri']) : undefined;
  const signInAgain = GRANT_ERRORS.has(error) && grant === 'refresh_token';
  const message = signInAgain
    ? 'The sign-in for this account is no longer valid (it was revoked, expired or the password changed). Sign in again.'
    : `The sign-in was refused by the provider: ${error}${description ? ` (${description})` : ''}.`;
  return new MailError('auth-failed', message, {
    details: {
      oauthError: error,
      httpStatus,
      ...(description !== undefined ? { description } : {}),
      ...(uri !== undefined ? { uri } : {}),
      ...(signInAgain ? { reason: 'sign-in-again' } : {}),
    },
  });
}

/** RFC 6749 §5.1 success body → TokenResponse; anything malformed is 'protocol-error'. */
export function parseTokenResponse(body: Record<string, unknown>): TokenResponse {
  const accessToken = body['access_token'];
  if (typeof accessToken !== 'string' || accessToken.length === 0 || /[\x00-\x20\x7f]/.test(accessToken)) {
    throw new MailError('protocol-error', 'The token endpoint answered without a usable access_token.');
  }
  const tokenType = body['token_type'];
  // §7.1: the client must understand the token type; SASL XOAUTH2/OAUTHBEARER carry bearer tokens only.
  if (typeof tokenType !== 'string' || tokenType.toLowerCase() !== 'bearer') {
    throw new MailError('protocol-error', `The token endpoint issued a token of type "${String(tokenType)}", not a Bearer token.`);
  }
  const refreshToken = body['refresh_token'];
  if (refreshToken !== undefined && (typeof refreshToken !== 'string' || refreshToken.length === 0 || /[\x00-\x1f\x7f]/.test(refreshToken))) {
    throw new MailError('protocol-error', 'The token endpoint sent a malformed refresh_token.');
  }
  // Some providers send expires_in as a string; both forms are accepted.
  const rawExpires = body['expires_in'];
  const expiresIn = typeof rawExpires === 'string' && /^\d+$/.test(rawExpires) ? Number(rawExpires) : rawExpires;
  if (expiresIn !== undefined && (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn < 0)) {
    throw new MailError('protocol-error', 'The token endpoint sent a malformed expires_in.');
  }
  const scope = body['scope'];
  if (scope !== undefined && typeof scope !== 'string') throw new MailError('protocol-error', 'The token endpoint sent a malformed scope.');
  return {
    accessToken,
    tokenType: 'Bearer',
    ...(typeof refreshToken === 'string' ? { refreshToken } : {}),
    ...(typeof expiresIn === 'number' ? { expiresIn } : {}),
    ...(typeof scope === 'string' ? { scopes: scope.split(/\s+/).filter((s) => s !== '') } : {}),
  };
}

/**
 * POSTs one grant to the token endpoint. The client authenticates with client_id in the body
 * and, for providers that issue one to installed apps, client_secret (§2.3.1 allows the body).
 */
export async function requestToken(
  settings: Pick<OAuthSettings, 'tokenUrl' | 'clientId' | 'clientSecret'>,
  grant: { readonly grant_type: 'authorization_code'; readonly code: string; readonly code_verifier: string; readonly redirect_uri: string } | { readonly grant_type: 'refresh_token'; readonly refresh_token: string },
  options: TokenRequestOptions = {},
): Promise<TokenResponse> {
  checkEndpoint(settings.tokenUrl, 'token URL');
  checkTimeout(options.timeoutMs, 'The token request timeout');
  const form = new URLSearchParams({ ...grant, client_id: settings.clientId });
  if (settings.clientSecret !== undefined) form.set('client_secret', settings.clientSecret);
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? TOKEN_REQUEST_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const host = new URL(settings.tokenUrl).host;
  let text: string;
  let status: number;
  try {
    const response = await doFetch(settings.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
      redirect: 'error',
      signal,
    });
    status = response.status;
    text = await readLimited(response);
  } catch (error) {
    if (error instanceof MailError) throw error;
    if (options.signal?.aborted) throw new MailError('cancelled', 'The sign-in was cancelled.');
    if (timeout.aborted) {
      throw new MailError('temporary-failure', `The token endpoint at ${host} did not answer within ${Math.round(timeoutMs / 1000)} s.`, { transient: true });
    }
    // The cause is a fetch error (DNS, connection refused, TLS); it never contains the request body.
    throw new MailError('temporary-failure', `Could not reach the token endpoint at ${host}.`, { transient: true, cause: error });
  }
  if (status >= 500 || status === 429) {
    throw new MailError('temporary-failure', `The token endpoint at ${host} answered HTTP ${status}; try again later.`, { transient: true, details: { httpStatus: status } });
  }
  const body = parseJsonObject(text);
  if (status !== 200) {
    if (body !== undefined && typeof body['error'] === 'string') throw oauthError(body, status, grant.grant_type);
    throw new MailError('auth-failed', `The token endpoint at ${host} answered HTTP ${status} without an OAuth error.`, { details: { httpStatus: status } });
  }
  if (body === undefined) throw new MailError('protocol-error', `The token endpoint at ${host} answered with something that is not a JSON object.`);
  // Some servers answer 200 with an error object; treat it as the error it is.
  if (typeof body['error'] === 'string' && body['access_token'] === undefined) throw oauthError(body, status, grant.grant_type);
  return parseTokenResponse(body);
}
