/**
 * OAuth2 behind the contract (issue #8). startOAuthSignIn finds the address's provider in the
 * provider database, joins it with this installation's client registration (configuration:
 * TEGAMI_OAUTH_<PROVIDER>_CLIENT_ID or ServiceOptions.oauth.clients, never code), runs the
 * authorization-code flow with PKCE over a loopback redirect (RFC 8252) in the system browser,
 * and keeps the tokens here, in memory, under a random grant id. addAccount({oauthGrantId})
 * takes the grant once and stores its tokens in the CredentialStore under the new account;
 * a grant nobody took is forgotten after OAUTH_GRANT_TTL_MS.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Account, OAuthGrant } from './contract.js';
import { parseEmailAddress } from '../accounts/address.js';
import type { CredentialStore } from '../accounts/credentials.js';
import { OAuthTokenManager, resolveOAuthSettings, signIn, type FetchFunction, type OAuthClientConfig, type OAuthSettings, type OpenBrowser, type TokenResponse } from '../accounts/oauth/index.js';
import { ProviderDatabase } from '../accounts/provider-db.js';
import type { Protocol } from '../accounts/types.js';
import { MailError } from '../net/mail-error.js';
import { ApiError } from './errors.js';
import { OAUTH_GRANT_TTL_MS } from './limits.js';

export interface OAuthOptions {
  /** Where providers and their OAuth2 endpoints are looked up; the built-in database by default. */
  readonly providers?: Pick<ProviderDatabase, 'lookup'>;
  /** Client registrations by provider key; win over the file and the environment. */
  readonly clients?: OAuthClientConfig;
  /**
   * A JSON file of client registrations, {"google": {"clientId": "…", "clientSecret": "…"}};
   * the service uses <dataDir>/oauth-clients.json. A missing file is no registration.
   */
  readonly clientsFile?: string;
  /** Where TEGAMI_OAUTH_<PROVIDER>_CLIENT_ID/_SECRET are read; process.env by default. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The token endpoint's HTTP client (tests); global fetch by default. */
  readonly fetch?: FetchFunction;
  /** How long the user has in the browser. */
  readonly signInTimeoutMs?: number;
  /** Milliseconds since the epoch; injected so tests can expire grants. */
  readonly now?: () => number;
}

interface PendingGrant {
  readonly address: string;
  readonly provider: string;
  readonly tokens: TokenResponse;
  readonly expiresAt: number;
}

/** A grant taken by addAccount: what to verify with and what to store. */
export interface TakenGrant {
  readonly provider: string;
  readonly tokens: TokenResponse;
}

export class OAuthAccounts {
  readonly #grants = new Map<string, PendingGrant>();
  readonly #providers: Pick<ProviderDatabase, 'lookup'>;
  readonly #now: () => number;
  readonly tokens: OAuthTokenManager;

  constructor(
    private readonly options: OAuthOptions,
    credentials: CredentialStore,
  ) {
    this.#providers = options.providers ?? ProviderDatabase.builtin();
    this.#now = options.now ?? Date.now;
    this.tokens = new OAuthTokenManager({ store: credentials, ...(options.fetch !== undefined ? { fetch: options.fetch } : {}), now: this.#now });
  }

  #fileClients: Promise<OAuthClientConfig> | undefined;

  /** The registrations of the clients file, read once; a broken file is an error naming it. */
  #clientsFromFile(): Promise<OAuthClientConfig> {
    const file = this.options.clientsFile;
    if (file === undefined) return Promise.resolve({});
    this.#fileClients ??= readClientsFile(file);
    const loading = this.#fileClients;
    // A failed read is tried again next time (the user may fix the file meanwhile).
    loading.catch(() => {
      if (this.#fileClients === loading) this.#fileClients = undefined;
    });
    return loading;
  }

  /** The OAuth2 settings of an address's provider for these protocols; typed errors say what is missing. */
  async settingsFor(address: string, protocols: readonly Protocol[]): Promise<OAuthSettings> {
    const { domain } = parseEmailAddress(address);
    const provider = this.#providers.lookup(domain);
    if (provider?.oauth2 === undefined) {
      throw new ApiError('oauth-unavailable', `No browser sign-in is known for ${domain}; set the account up with a password (or an app password) instead.`);
    }
    try {
      const clients = { ...(await this.#clientsFromFile()), ...this.options.clients };
      return resolveOAuthSettings(provider.oauth2, { protocols, clients, env: this.options.env ?? process.env });
    } catch (error) {
      if (error instanceof MailError && error.code === 'config-invalid') throw new ApiError('oauth-unavailable', error.message, { cause: error });
      throw error;
    }
  }

  /** Protocols the provider's servers use: scopes are asked for only those (least privilege). */
  #protocolsOf(address: string): Protocol[] {
    const provider = this.#providers.lookup(parseEmailAddress(address).domain);
    const fallback: Protocol[] = ['imap'];
    const incoming = [...new Set(provider?.incoming.map((s) => s.protocol) ?? fallback)];
    return [...incoming, 'smtp'];
  }

  /** Runs the browser sign-in for the address and keeps the tokens under a new grant id. */
  async signIn(address: string, openBrowser: OpenBrowser): Promise<OAuthGrant> {
    this.#expire();
    const settings = await this.settingsFor(address, this.#protocolsOf(address));
    const tokens = await signIn(settings, {
      openBrowser,
      loginHint: address,
      ...(this.options.signInTimeoutMs !== undefined ? { timeoutMs: this.options.signInTimeoutMs } : {}),
      ...(this.options.fetch !== undefined ? { fetch: this.options.fetch } : {}),
    });
    if (tokens.refreshToken === undefined) {
      // Without a refresh token the account would stop working within the hour.
      throw new ApiError('oauth-unavailable', `${settings.provider} signed you in but gave no lasting permission (no refresh token); sign in again and allow offline access.`);
    }
    const grantId = randomUUID();
    this.#grants.set(grantId, { address, provider: settings.provider, tokens, expiresAt: this.#now() + OAUTH_GRANT_TTL_MS });
    return { grantId, address, provider: settings.provider };
  }

  /** The grant for an account being added; the address must be the one signed in for. */
  peek(grantId: string, address: string): TakenGrant {
    this.#expire();
    const grant = this.#grants.get(grantId);
    if (grant === undefined) throw new ApiError('oauth-unavailable', 'The browser sign-in has expired or was already used; sign in again.');
    if (grant.address.toLowerCase() !== address.toLowerCase()) {
      throw new ApiError('invalid-arguments', `The browser sign-in was for ${grant.address}, not ${address}; sign in again with the right address.`);
    }
    return { provider: grant.provider, tokens: grant.tokens };
  }

  /** Forgets a grant once its account holds the tokens: a grant is used once. */
  consume(grantId: string): void {
    this.#grants.delete(grantId);
  }

  /** Stores a taken grant's tokens under the new account (CredentialStore: refresh token and access token). */
  async store(account: Account, grant: TakenGrant): Promise<void> {
    await this.tokens.save(account.id, grant.tokens);
  }

  /** Runs `fn` with a valid access token of the account, refreshing once when the server refused it. */
  async withToken<T>(account: Account, fn: (accessToken: string) => Promise<T>): Promise<T> {
    const settings = await this.settingsFor(account.email, [account.incoming.protocol, 'smtp']);
    return this.tokens.withFreshToken({ id: account.id, settings }, fn);
  }

  #expire(): void {
    const now = this.#now();
    for (const [id, grant] of this.#grants) if (grant.expiresAt <= now) this.#grants.delete(id);
  }
}

async function readClientsFile(file: string): Promise<OAuthClientConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return {};
    throw new ApiError('oauth-unavailable', `Could not read the OAuth client file ${file}: ${error instanceof Error ? error.message : String(error)}.`, { cause: error });
  }
  const invalid = (why: string): ApiError =>
    new ApiError('oauth-unavailable', `The OAuth client file ${file} is not valid (${why}); it should look like {"google": {"clientId": "…"}}.`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid('not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('not an object');
  const clients: Record<string, { clientId: string; clientSecret?: string }> = {};
  for (const [provider, entry] of Object.entries(value)) {
    if (typeof entry !== 'object' || entry === null) throw invalid(`"${provider}" is not an object`);
    const clientId: unknown = (entry as Record<string, unknown>)['clientId'];
    const clientSecret: unknown = (entry as Record<string, unknown>)['clientSecret'];
    if (typeof clientId !== 'string') throw invalid(`"${provider}" has no clientId`);
    if (clientSecret !== undefined && typeof clientSecret !== 'string') throw invalid(`the clientSecret of "${provider}" is not a string`);
    clients[provider] = { clientId, ...(typeof clientSecret === 'string' ? { clientSecret } : {}) };
  }
  return clients;
}
