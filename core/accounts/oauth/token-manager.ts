/**
 * Tokens of signed-in accounts, kept in the CredentialStore: the refresh token as a secret, the
 * access token with its expiry (as JSON) so a restart does not force a refresh. Access tokens are
 * refreshed before they expire (REFRESH_MARGIN_MS), concurrent refreshes of one account share
 * one request, and a revoked refresh token is a typed 'auth-failed' asking the user to sign in
 * again. No token ever goes into a log line or an error.
 */
import { MailError } from '../../net/mail-error.js';
import type { CredentialStore } from '../credentials.js';
import { ASSUMED_TOKEN_LIFETIME_MS, checkTimeout, MAX_TIMEOUT_MS, REFRESH_MARGIN_MS } from './limits.js';
import { isTokenRejected } from './server-error.js';
import type { OAuthSettings } from './settings.js';
import { requestToken, type FetchFunction, type TokenResponse } from './token-endpoint.js';

/** An account that signs in with OAuth2. */
export interface OAuthAccount {
  /** The CredentialStore key. */
  readonly id: string;
  readonly settings: OAuthSettings;
}

export interface TokenManagerOptions {
  readonly store: CredentialStore;
  readonly fetch?: FetchFunction;
  /** Milliseconds since the epoch; injected so tests can move time. */
  readonly now?: () => number;
  readonly refreshMarginMs?: number;
  readonly tokenTimeoutMs?: number;
  /** Event lines (never secrets): "refreshed access token for …". */
  readonly log?: (line: string) => void;
}

interface CachedToken {
  readonly token: string;
  readonly expiresAt: number;
}

function parseCached(text: string | undefined): CachedToken | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const token = (value as Record<string, unknown>)['token'];
    const expiresAt = (value as Record<string, unknown>)['expiresAt'];
    return typeof token === 'string' && token !== '' && typeof expiresAt === 'number' ? { token, expiresAt } : undefined;
  } catch {
    // A damaged entry is as good as none: a refresh replaces it.
    return undefined;
  }
}

export class OAuthTokenManager {
  private readonly store: CredentialStore;
  private readonly now: () => number;
  private readonly margin: number;
  private readonly log: (line: string) => void;
  private readonly memory = new Map<string, CachedToken>();
  private readonly refreshing = new Map<string, Promise<string>>();

  constructor(private readonly options: TokenManagerOptions) {
    checkTimeout(options.tokenTimeoutMs, 'The token request timeout');
    const margin = options.refreshMarginMs;
    if (margin !== undefined && (typeof margin !== 'number' || !Number.isFinite(margin) || margin < 0 || margin > MAX_TIMEOUT_MS)) {
      throw new MailError('invalid-argument', `The refresh margin must be between 0 and ${MAX_TIMEOUT_MS} ms.`);
    }
    this.store = options.store;
    this.now = options.now ?? Date.now;
    this.margin = options.refreshMarginMs ?? REFRESH_MARGIN_MS;
    this.log = options.log ?? (() => {});
  }

  /** Keeps the tokens of a completed sign-in (or a refresh) for the account. */
  async save(accountId: string, tokens: TokenResponse): Promise<void> {
    if (tokens.refreshToken !== undefined) await this.store.set(accountId, 'oauth2-refresh-token', tokens.refreshToken);
    const lifetime = tokens.expiresIn !== undefined ? tokens.expiresIn * 1000 : ASSUMED_TOKEN_LIFETIME_MS;
    const cached: CachedToken = { token: tokens.accessToken, expiresAt: this.now() + lifetime };
    this.memory.set(accountId, cached);
    await this.store.set(accountId, 'oauth2-access-token', JSON.stringify(cached));
  }

  /** Forgets the account's tokens (sign out, or a revoked grant). */
  async forget(accountId: string): Promise<void> {
    this.memory.delete(accountId);
    await this.store.delete(accountId, 'oauth2-access-token');
    await this.store.delete(accountId, 'oauth2-refresh-token');
  }

  /** A usable access token: the cached one while it has more than the margin left, else a refreshed one. */
  async getAccessToken(account: OAuthAccount): Promise<string> {
    const cached = this.memory.get(account.id) ?? parseCached(await this.store.get(account.id, 'oauth2-access-token'));
    if (cached !== undefined && cached.expiresAt - this.margin > this.now()) {
      this.memory.set(account.id, cached);
      return cached.token;
    }
    return this.refresh(account);
  }

  /**
   * Refreshes now (RFC 6749 §6), whatever the cache says. Callers that arrive while a refresh
   * for the account is running get that refresh's result: one request, not one per caller
   * (and a provider that rotates refresh tokens would revoke the losers' tokens otherwise).
   */
  refresh(account: OAuthAccount): Promise<string> {
    const running = this.refreshing.get(account.id);
    if (running !== undefined) return running;
    const attempt = this.doRefresh(account).finally(() => this.refreshing.delete(account.id));
    this.refreshing.set(account.id, attempt);
    return attempt;
  }

  private async doRefresh(account: OAuthAccount): Promise<string> {
    const refreshToken = await this.store.get(account.id, 'oauth2-refresh-token');
    if (refreshToken === undefined) {
      throw new MailError('auth-failed', 'This account has no stored sign-in. Sign in again.', { details: { reason: 'sign-in-again', accountId: account.id } });
    }
    let tokens: TokenResponse;
    try {
      tokens = await requestToken(account.settings, { grant_type: 'refresh_token', refresh_token: refreshToken }, {
        ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
        ...(this.options.tokenTimeoutMs !== undefined ? { timeoutMs: this.options.tokenTimeoutMs } : {}),
      });
    } catch (error) {
      if (error instanceof MailError && error.details?.['reason'] === 'sign-in-again') {
        // The grant is gone for good; keeping it would only repeat the failure on every sync.
        await this.forget(account.id);
        this.log(`oauth2: the refresh token of account ${account.id} was refused (${String(error.details['oauthError'])}); sign-in required`);
        throw new MailError(error.code, error.message, { cause: error, details: { ...error.details, accountId: account.id } });
      }
      this.log(`oauth2: refreshing the access token of account ${account.id} failed: ${error instanceof MailError ? error.code : 'error'}`);
      throw error;
    }
    await this.save(account.id, tokens);
    this.log(`oauth2: refreshed the access token of account ${account.id}${tokens.expiresIn !== undefined ? `, valid for ${tokens.expiresIn} s` : ''}${tokens.refreshToken !== undefined ? ', refresh token rotated' : ''}`);
    return tokens.accessToken;
  }

  /**
   * Runs `fn` with an access token. When it fails because the server did not accept the token
   * (the SASL XOAUTH2/OAUTHBEARER JSON error with status 401 or invalid_token: revoked or
   * expired early), the token is refreshed once and `fn` runs once more with the new one.
   */
  async withFreshToken<T>(account: OAuthAccount, fn: (accessToken: string) => Promise<T>): Promise<T> {
    const token = await this.getAccessToken(account);
    try {
      return await fn(token);
    } catch (error) {
      if (!isTokenRejected(error)) throw error;
      // Another caller may already have replaced the token that failed; then that one is tried.
      const current = this.memory.get(account.id);
      if (current !== undefined && current.token !== token && current.expiresAt - this.margin > this.now()) return fn(current.token);
      this.log(`oauth2: the server did not accept the access token of account ${account.id}; refreshing once and retrying`);
      this.memory.delete(account.id);
      const fresh = await this.refresh(account);
      return fn(fresh);
    }
  }
}
