/** Provider settings from the provider database joined with the configured client registration. */
import { describe, expect, it } from 'vitest';
import { ProviderDatabase } from '../../../../core/accounts/provider-db.js';
import { isClientIdMissing, resolveOAuthSettings, scopesFor } from '../../../../core/accounts/oauth/settings.js';
import { authorizationUrl } from '../../../../core/accounts/oauth/sign-in.js';
import type { OAuth2Config } from '../../../../core/accounts/types.js';
import { MailError } from '../../../../core/net/mail-error.js';

const db = ProviderDatabase.builtin();

function oauth2Of(domain: string): OAuth2Config {
  const config = db.lookup(domain)?.oauth2;
  if (config === undefined) throw new Error(`no oAuth2 entry for ${domain}`);
  return config;
}

function thrown(fn: () => unknown): MailError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(MailError);
    return error as MailError;
  }
  throw new Error('did not throw');
}

describe('resolveOAuthSettings', () => {
  it('uses Google endpoints and the mail scope from the provider database with a client id from the environment', () => {
    const settings = resolveOAuthSettings(oauth2Of('gmail.com'), {
      protocols: ['imap', 'smtp'],
      env: { TEGAMI_OAUTH_GOOGLE_CLIENT_ID: 'g-id.apps.googleusercontent.com', TEGAMI_OAUTH_GOOGLE_CLIENT_SECRET: 'g-secret' },
    });
    expect(settings).toEqual({
      provider: 'google',
      issuer: 'accounts.google.com',
      authUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
      tokenUrl: 'https://oauth2.googleapis.com/token',
      scopes: ['https://mail.google.com/'],
      clientId: 'g-id.apps.googleusercontent.com',
      clientSecret: 'g-secret',
    });
  });

  it('asks Microsoft only for the scopes of the protocols in use, plus offline_access', () => {
    const clients = { microsoft: { clientId: '00000000-1111-2222-3333-444444444444' } };
    const imap = resolveOAuthSettings(oauth2Of('outlook.com'), { protocols: ['imap', 'smtp'], clients });
    expect(imap.provider).toBe('microsoft');
    expect(imap.scopes).toEqual(['https://outlook.office.com/IMAP.AccessAsUser.All', 'https://outlook.office.com/SMTP.Send', 'offline_access']);
    expect(imap.clientSecret).toBeUndefined();
    const pop = resolveOAuthSettings(oauth2Of('onmicrosoft.com'), { protocols: ['pop3', 'smtp'], clients });
    expect(pop.scopes).toEqual(['https://outlook.office.com/POP.AccessAsUser.All', 'https://outlook.office.com/SMTP.Send', 'offline_access']);
    expect(pop.tokenUrl).toBe('https://login.microsoftonline.com/common/oauth2/v2.0/token');
  });

  it('prefers an explicit registration over the environment', () => {
    const settings = resolveOAuthSettings(oauth2Of('gmail.com'), {
      protocols: ['imap'],
      clients: { google: { clientId: 'explicit' } },
      env: { TEGAMI_OAUTH_GOOGLE_CLIENT_ID: 'from-env', TEGAMI_OAUTH_GOOGLE_CLIENT_SECRET: 'env-secret' },
    });
    expect(settings.clientId).toBe('explicit');
    expect(settings.clientSecret).toBeUndefined();
  });

  it('is a typed config error naming the variable when no client id is configured', () => {
    const error = thrown(() => resolveOAuthSettings(oauth2Of('hotmail.co.jp'), { protocols: ['imap'], env: {} }));
    expect(error.code).toBe('config-invalid');
    expect(isClientIdMissing(error)).toBe(true);
    expect(error.details).toMatchObject({ reason: 'oauth-client-missing', provider: 'microsoft', variable: 'TEGAMI_OAUTH_MICROSOFT_CLIENT_ID' });
    expect(error.message).toContain('TEGAMI_OAUTH_MICROSOFT_CLIENT_ID');
  });

  it('refuses a client id with spaces and endpoints without TLS (except on loopback)', () => {
    expect(thrown(() => resolveOAuthSettings(oauth2Of('gmail.com'), { protocols: ['imap'], clients: { google: { clientId: 'a b' } } })).code).toBe('config-invalid');
    const plain: OAuth2Config = { issuer: 'auth.example.net', scope: 'mail', authUrl: 'http://auth.example.net/a', tokenUrl: 'https://auth.example.net/t' };
    const error = thrown(() => resolveOAuthSettings(plain, { protocols: ['imap'], clients: { auth_example_net: { clientId: 'x' } } }));
    expect(error.message).toMatch(/https/);
    const loopback = resolveOAuthSettings({ ...plain, authUrl: 'http://127.0.0.1:9/a' }, { protocols: ['imap'], env: { TEGAMI_OAUTH_AUTH_EXAMPLE_NET_CLIENT_ID: 'x' } });
    expect(loopback.provider).toBe('auth_example_net');
  });

  it('keeps unknown-protocol scopes and drops those of unused protocols', () => {
    const config: OAuth2Config = { issuer: 'i', scope: 'openid  https://x/IMAP.read https://x/SMTP.Send', authUrl: 'https://i/a', tokenUrl: 'https://i/t' };
    expect(scopesFor(config, ['smtp'])).toEqual(['openid', 'https://x/SMTP.Send']);
  });

  it('builds the authorization URL with PKCE and keeps query parameters the endpoint already has', () => {
    const url = new URL(
      authorizationUrl(
        { provider: 'p', issuer: 'i', authUrl: 'https://i.example/auth?tenant=abc', tokenUrl: 'https://i.example/t', scopes: ['a', 'b'], clientId: 'cid' },
        { redirectUri: 'http://127.0.0.1:5000/oauth2/callback', state: 'st', challenge: 'ch' },
      ),
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      tenant: 'abc',
      response_type: 'code',
      client_id: 'cid',
      redirect_uri: 'http://127.0.0.1:5000/oauth2/callback',
      scope: 'a b',
      state: 'st',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
    });
  });
});
