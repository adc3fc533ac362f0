/**
 * The authorization-code grant with PKCE for a native app (RFC 8252): build the authorization
 * request (RFC 6749 §4.1.1 + RFC 7636 §4.3), hand it to the system browser through an injected
 * function (Electron passes shell.openExternal; tests drive it with fetch), wait on the loopback
 * receiver for the redirect, and exchange the code with its verifier (RFC 7636 §4.5).
 */
import { MailError } from '../../net/mail-error.js';
import { startLoopbackReceiver } from './loopback.js';
import { createPkcePair, createState } from './pkce.js';
import { checkEndpoint, type OAuthSettings } from './settings.js';
import { requestToken, type FetchFunction, type TokenResponse } from './token-endpoint.js';

/** Opens a URL in the user's browser; rejects if it cannot. */
export type OpenBrowser = (url: string) => Promise<void> | void;

export interface SignInOptions {
  readonly openBrowser: OpenBrowser;
  /** The address being set up; providers preselect that account (Google and Microsoft accept login_hint). */
  readonly loginHint?: string;
  /** How long the user has in the browser (default SIGN_IN_TIMEOUT_MS). */
  readonly timeoutMs?: number;
  readonly tokenTimeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly fetch?: FetchFunction;
}

/** The authorization request URL (RFC 6749 §4.1.1, RFC 7636 §4.3), existing query parameters kept. */
export function authorizationUrl(settings: OAuthSettings, request: { redirectUri: string; state: string; challenge: string; loginHint?: string }): string {
  const url = checkEndpoint(settings.authUrl, 'authorization URL');
  const params = url.searchParams;
  params.set('response_type', 'code');
  params.set('client_id', settings.clientId);
  params.set('redirect_uri', request.redirectUri);
  params.set('scope', settings.scopes.join(' '));
  params.set('state', request.state);
  params.set('code_challenge', request.challenge);
  params.set('code_challenge_method', 'S256');
  if (request.loginHint !== undefined && request.loginHint !== '') params.set('login_hint', request.loginHint);
  return url.toString();
}

/** Scopes that grant no mail access and that providers often leave out of the answer. */
const NON_MAIL_SCOPES = new Set(['offline_access', 'openid', 'profile', 'email']);

/**
 * With granular consent (Google) the user can untick a permission; the token then works for
 * nothing Tegami needs and IMAP/SMTP would fail with a puzzling error. RFC 6749 §5.1 requires
 * the server to name the granted scopes when they differ from the request. A granted scope may
 * be written without its resource prefix (Microsoft), so the last path segment also matches.
 */
export function checkGrantedScopes(requested: readonly string[], granted: readonly string[] | undefined): void {
  if (granted === undefined) return;
  const have = new Set(granted.map((s) => s.toLowerCase()));
  const missing = requested.filter((scope) => {
    if (NON_MAIL_SCOPES.has(scope)) return false;
    const lower = scope.toLowerCase();
    const short = lower.slice(lower.lastIndexOf('/') + 1);
    return !have.has(lower) && !(short !== '' && have.has(short));
  });
  if (missing.length > 0) {
    throw new MailError('auth-failed', 'The sign-in did not grant access to mail. Sign in again and allow Tegami to read and send mail.', {
      details: { reason: 'scope-not-granted', missing },
    });
  }
}

/**
 * Runs one interactive sign-in and returns the tokens. Errors: 'auth-failed' (denied, state
 * mismatch, refused code), 'command-timeout' (the user did not finish), 'cancelled',
 * 'temporary-failure' (token endpoint unreachable or 5xx), 'io-error' (no browser).
 */
export async function signIn(settings: OAuthSettings, options: SignInOptions): Promise<TokenResponse> {
  const pkce = createPkcePair();
  const state = createState();
  const receiver = await startLoopbackReceiver({
    state,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  try {
    const url = authorizationUrl(settings, {
      redirectUri: receiver.redirectUri,
      state,
      challenge: pkce.challenge,
      ...(options.loginHint !== undefined ? { loginHint: options.loginHint } : {}),
    });
    try {
      // Not awaited together with the code: a browser launcher may only resolve when the browser exits.
      await Promise.race([Promise.resolve(options.openBrowser(url)), receiver.code]);
    } catch (error) {
      if (error instanceof MailError) throw error;
      throw new MailError('io-error', 'Could not open the web browser for signing in.', { cause: error });
    }
    const code = await receiver.code;
    const tokens = await requestToken(
      settings,
      { grant_type: 'authorization_code', code, code_verifier: pkce.verifier, redirect_uri: receiver.redirectUri },
      {
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.tokenTimeoutMs !== undefined ? { timeoutMs: options.tokenTimeoutMs } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      },
    );
    checkGrantedScopes(settings.scopes, tokens.scopes);
    return tokens;
  } finally {
    receiver.close();
  }
}
