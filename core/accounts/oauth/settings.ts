/**
 * What one OAuth2 sign-in needs: the provider's public endpoints and scopes (from the provider
 * database) joined with this installation's client registration (configuration, never code).
 */
import { MailError } from '../../net/mail-error.js';
import type { OAuth2Config, Protocol } from '../types.js';

/** A client registration for one provider. */
export interface OAuthClientRegistration {
  readonly clientId: string;
  /**
   * Only for providers that issue a secret to installed apps (Google "Desktop app" clients);
   * such a secret is not confidential (RFC 8252 §8.5), PKCE is what protects the code.
   */
  readonly clientSecret?: string;
}

/** Client registrations by provider key ('google', 'microsoft', …). */
export type OAuthClientConfig = Readonly<Record<string, OAuthClientRegistration | undefined>>;

/** Everything the sign-in flow and the token manager need for one account. */
export interface OAuthSettings {
  /** 'google', 'microsoft', or a key derived from the issuer. */
  readonly provider: string;
  readonly issuer: string;
  readonly authUrl: string;
  readonly tokenUrl: string;
  readonly scopes: readonly string[];
  readonly clientId: string;
  readonly clientSecret?: string;
}

/** Issuers whose provider key is a plain name; others get a key made from the issuer host. */
const KNOWN_ISSUERS: Readonly<Record<string, string>> = {
  'accounts.google.com': 'google',
  'login.microsoftonline.com': 'microsoft',
};

/** The provider key of an issuer: 'google', 'microsoft', or e.g. 'login_example_com'. */
export function providerKey(issuer: string): string {
  const host = issuer.replace(/^https?:\/\//i, '').replace(/\/.*$/, '').toLowerCase();
  return KNOWN_ISSUERS[host] ?? host.replace(/[^a-z0-9]+/g, '_');
}

/** The environment variable holding a provider's client id: TEGAMI_OAUTH_GOOGLE_CLIENT_ID. */
export function clientIdVariable(provider: string): string {
  return `TEGAMI_OAUTH_${provider.toUpperCase()}_CLIENT_ID`;
}

export function clientSecretVariable(provider: string): string {
  return `TEGAMI_OAUTH_${provider.toUpperCase()}_CLIENT_SECRET`;
}

/** Which protocol a scope is for, judged by the resource name (Microsoft's are per protocol). */
function scopeProtocol(scope: string): Protocol | undefined {
  if (/\bIMAP\./i.test(scope)) return 'imap';
  if (/\bPOP\./i.test(scope)) return 'pop3';
  if (/\bSMTP\./i.test(scope)) return 'smtp';
  return undefined;
}

/**
 * The scopes to ask for when the account uses these protocols: a protocol-specific scope only
 * for a protocol in use (least privilege), every other scope (Google's https://mail.google.com/,
 * Microsoft's offline_access which yields the refresh token) always.
 */
export function scopesFor(config: OAuth2Config, protocols: readonly Protocol[]): string[] {
  return config.scope
    .split(/\s+/)
    .filter((s) => s !== '')
    .filter((s) => {
      const protocol = scopeProtocol(s);
      return protocol === undefined || protocols.includes(protocol);
    });
}

/** RFC 6749 §3.1, §3.2: endpoints use TLS; plain http only to a loopback host (tests, local proxies). */
export function checkEndpoint(url: string, what: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new MailError('config-invalid', `The OAuth2 ${what} "${url}" is not a URL.`);
  }
  const loopback = parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost' || parsed.hostname === '[::1]';
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
    throw new MailError('config-invalid', `The OAuth2 ${what} "${url}" does not use https.`);
  }
  if (parsed.hash !== '') throw new MailError('config-invalid', `The OAuth2 ${what} must not contain a fragment (RFC 6749 §3.1).`);
  return parsed;
}

function checkClientValue(value: string, what: string, provider: string): string {
  if (value.length === 0 || value.length > 1024 || /[\x00-\x20\x7f]/.test(value)) {
    throw new MailError('config-invalid', `The OAuth client ${what} configured for ${provider} is empty or contains spaces or control characters.`);
  }
  return value;
}

export interface ResolveOptions {
  /** The account's protocols (incoming and outgoing), to choose scopes. */
  readonly protocols: readonly Protocol[];
  /** Explicit registrations; win over the environment. */
  readonly clients?: OAuthClientConfig;
  /** Where TEGAMI_OAUTH_<PROVIDER>_CLIENT_ID is looked up; pass process.env in the hosts. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** True for the typed error resolveOAuthSettings throws when no client id is configured. */
export function isClientIdMissing(error: unknown): boolean {
  return error instanceof MailError && error.code === 'config-invalid' && error.details?.['reason'] === 'oauth-client-missing';
}

/**
 * Joins a provider's oAuth2 entry with the configured client registration. Throws
 * MailError('config-invalid', details.reason 'oauth-client-missing') when none is configured:
 * the provider needs OAuth2 and this installation has no client id for it.
 */
export function resolveOAuthSettings(config: OAuth2Config, options: ResolveOptions): OAuthSettings {
  const provider = providerKey(config.issuer);
  checkEndpoint(config.authUrl, 'authorization URL');
  checkEndpoint(config.tokenUrl, 'token URL');
  const env = options.env ?? {};
  const registration = options.clients?.[provider];
  const clientId = registration?.clientId ?? env[clientIdVariable(provider)];
  if (clientId === undefined || clientId === '') {
    throw new MailError(
      'config-invalid',
      `Signing in with ${provider} needs an OAuth client ID, and none is configured. Set ${clientIdVariable(provider)} or add a client registration for "${provider}".`,
      { details: { reason: 'oauth-client-missing', provider, variable: clientIdVariable(provider) } },
    );
  }
  const secret = registration !== undefined ? registration.clientSecret : env[clientSecretVariable(provider)];
  const scopes = scopesFor(config, options.protocols);
  if (scopes.length === 0) throw new MailError('config-invalid', `The provider database names no OAuth2 scope for ${provider}.`);
  return {
    provider,
    issuer: config.issuer,
    authUrl: config.authUrl,
    tokenUrl: config.tokenUrl,
    scopes,
    clientId: checkClientValue(clientId, 'ID', provider),
    ...(secret !== undefined && secret !== '' ? { clientSecret: checkClientValue(secret, 'secret', provider) } : {}),
  };
}
