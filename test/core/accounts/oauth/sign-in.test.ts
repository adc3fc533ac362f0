/** The authorization-code + PKCE sign-in against a local fake authorization server. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { checkGrantedScopes, signIn } from '../../../../core/accounts/oauth/sign-in.js';
import type { OAuthSettings } from '../../../../core/accounts/oauth/settings.js';
import type { FetchFunction } from '../../../../core/accounts/oauth/token-endpoint.js';
import { MailError } from '../../../../core/net/mail-error.js';
import { fetchBrowser, startFakeAuthServer, type FakeAuthServer } from './support/fake-auth-server.js';

const CLIENT_ID = 'tegami-test-client';
let server: FakeAuthServer;
let settings: OAuthSettings;

beforeEach(async () => {
  server = await startFakeAuthServer(CLIENT_ID);
  settings = {
    provider: 'google',
    issuer: 'accounts.google.com',
    authUrl: server.authUrl,
    tokenUrl: server.tokenUrl,
    scopes: ['https://mail.google.com/'],
    clientId: CLIENT_ID,
  };
});

afterEach(async () => {
  await server.close();
});

async function rejection(promise: Promise<unknown>): Promise<MailError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MailError);
  return error as MailError;
}

describe('signIn', () => {
  it('runs the full flow: PKCE S256 authorization request, loopback redirect, code exchange', async () => {
    const pages: { status: number; text: string; url: string }[] = [];
    let browsing: Promise<void> = Promise.resolve();
    const tokens = await signIn(settings, { openBrowser: (url) => void (browsing = fetchBrowser(pages)(url)), loginHint: 'alice@example.com' });
    await browsing;

    expect(server.authorizeRequests).toHaveLength(1);
    const auth = server.authorizeRequests[0]!;
    expect(auth.get('response_type')).toBe('code');
    expect(auth.get('client_id')).toBe(CLIENT_ID);
    expect(auth.get('scope')).toBe('https://mail.google.com/');
    expect(auth.get('code_challenge_method')).toBe('S256');
    expect(auth.get('login_hint')).toBe('alice@example.com');
    expect(auth.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const redirect = new URL(auth.get('redirect_uri')!);
    expect(redirect.protocol).toBe('http:');
    expect(redirect.hostname).toBe('127.0.0.1');
    expect(Number(redirect.port)).toBeGreaterThan(0);
    expect(redirect.pathname).toBe('/oauth2/callback');

    expect(server.tokenRequests).toHaveLength(1);
    const form = server.tokenRequests[0]!;
    expect(form.get('grant_type')).toBe('authorization_code');
    expect(form.get('redirect_uri')).toBe(auth.get('redirect_uri'));
    expect(form.get('client_id')).toBe(CLIENT_ID);
    expect(form.has('client_secret')).toBe(false);
    const verifier = form.get('code_verifier')!;
    expect(verifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(auth.get('code_challenge'));

    expect(tokens.tokenType).toBe('Bearer');
    expect(server.validAccessTokens.has(tokens.accessToken)).toBe(true);
    expect(tokens.refreshToken).toMatch(/^rt-/);
    expect(tokens.expiresIn).toBe(3600);
    expect(tokens.scopes).toEqual(['https://mail.google.com/']);

    // The browser ended on the loopback page, in English and Japanese, without the code in it.
    expect(pages).toHaveLength(1);
    expect(pages[0]!.status).toBe(200);
    expect(pages[0]!.text).toContain('You may close this tab');
    expect(pages[0]!.text).toContain('このタブを閉じて');
    const code = new URL(pages[0]!.url).searchParams.get('code')!;
    expect(pages[0]!.text).not.toContain(code);

    // One-shot: the listener is gone after the redirect.
    await expect(fetch(pages[0]!.url)).rejects.toThrow();
  });

  it('sends client_secret for providers whose installed-app clients have one', async () => {
    server.clientSecret = 'not-really-secret';
    await signIn({ ...settings, clientSecret: 'not-really-secret' }, { openBrowser: fetchBrowser() });
    expect(server.tokenRequests[0]!.get('client_secret')).toBe('not-really-secret');
  });

  it('rejects a redirect whose state does not match and never exchanges its code', async () => {
    const error = await rejection(
      signIn(settings, {
        openBrowser: async (url) => {
          const first = await fetch(url, { redirect: 'manual' });
          const location = new URL(first.headers.get('location')!);
          location.searchParams.set('state', 'forged-state');
          const answer = await fetch(location);
          expect(answer.status).toBe(400);
          await answer.text();
        },
      }),
    );
    expect(error.code).toBe('auth-failed');
    expect(error.details?.['reason']).toBe('state-mismatch');
    expect(server.tokenRequests).toHaveLength(0);
  });

  it('ignores other paths on the loopback listener and keeps waiting for the callback', async () => {
    const tokens = await signIn(settings, {
      openBrowser: async (url) => {
        const redirect = new URL(new URL(url).searchParams.get('redirect_uri')!);
        const favicon = await fetch(`${redirect.origin}/favicon.ico`);
        expect(favicon.status).toBe(404);
        await favicon.text();
        await fetchBrowser()(url);
      },
    });
    expect(server.validAccessTokens.has(tokens.accessToken)).toBe(true);
  });

  it('turns a verifier the server does not accept into a typed auth-failed with the OAuth error', async () => {
    const tampering: FetchFunction = (input, init) => {
      const form = new URLSearchParams(String(init.body));
      form.set('code_verifier', 'x'.repeat(43));
      return fetch(input, { ...init, body: form.toString() });
    };
    const error = await rejection(signIn(settings, { openBrowser: fetchBrowser(), fetch: tampering }));
    expect(error.code).toBe('auth-failed');
    expect(error.transient).toBe(false);
    expect(error.details).toMatchObject({ oauthError: 'invalid_grant', httpStatus: 400, description: 'PKCE verification failed' });
    expect(error.details?.['reason']).toBeUndefined();
  });

  it('reports a user who denies consent (error=access_denied) as a typed error', async () => {
    server.denyConsent = true;
    const pages: { status: number; text: string; url: string }[] = [];
    let browsing: Promise<void> = Promise.resolve();
    const error = await rejection(signIn(settings, { openBrowser: (url) => void (browsing = fetchBrowser(pages)(url)) }));
    await browsing;
    expect(error.code).toBe('auth-failed');
    expect(error.details).toMatchObject({ reason: 'consent-denied', oauthError: 'access_denied' });
    expect(error.message).toMatch(/not granted/);
    expect(pages[0]!.text).toContain('did not complete');
    expect(pages[0]!.text).toContain('完了しませんでした');
    expect(server.tokenRequests).toHaveLength(0);
  });

  it('reports a sign-in that did not grant the mail scope as a typed error', async () => {
    server.grantedScope = 'openid email';
    const error = await rejection(signIn(settings, { openBrowser: fetchBrowser() }));
    expect(error.code).toBe('auth-failed');
    expect(error.details).toEqual({ reason: 'scope-not-granted', missing: ['https://mail.google.com/'] });
  });

  it('accepts granted scopes without their resource prefix and ignores offline_access', () => {
    const requested = ['https://outlook.office.com/IMAP.AccessAsUser.All', 'https://outlook.office.com/SMTP.Send', 'offline_access'];
    expect(() => checkGrantedScopes(requested, ['IMAP.AccessAsUser.All', 'https://outlook.office.com/SMTP.Send'])).not.toThrow();
    expect(() => checkGrantedScopes(requested, undefined)).not.toThrow();
    expect(() => checkGrantedScopes(requested, ['IMAP.AccessAsUser.All'])).toThrow(MailError);
  });

  it('times out when the browser never comes back, and closes the listener', async () => {
    let opened = '';
    const error = await rejection(signIn(settings, { openBrowser: (url) => void (opened = url), timeoutMs: 150 }));
    expect(error.code).toBe('command-timeout');
    expect(error.transient).toBe(true);
    const redirect = new URL(opened).searchParams.get('redirect_uri')!;
    await expect(fetch(`${redirect}?code=late&state=x`)).rejects.toThrow();
  });

  it('is cancelled through its AbortSignal', async () => {
    const controller = new AbortController();
    const error = await rejection(signIn(settings, { openBrowser: () => controller.abort(), signal: controller.signal }));
    expect(error.code).toBe('cancelled');
  });

  it('reports a browser that cannot be opened as io-error', async () => {
    const error = await rejection(
      signIn(settings, {
        openBrowser: () => {
          throw new Error('no browser');
        },
      }),
    );
    expect(error.code).toBe('io-error');
  });

  it('maps a 5xx from the token endpoint to a transient temporary-failure', async () => {
    server.tokenScript.push('server-error');
    const error = await rejection(signIn(settings, { openBrowser: fetchBrowser() }));
    expect(error.code).toBe('temporary-failure');
    expect(error.transient).toBe(true);
  });

  it('maps a token endpoint slower than the timeout to a transient temporary-failure', async () => {
    server.tokenScript.push({ delayMs: 1000 });
    const error = await rejection(signIn(settings, { openBrowser: fetchBrowser(), tokenTimeoutMs: 100 }));
    expect(error.code).toBe('temporary-failure');
    expect(error.transient).toBe(true);
    expect(error.message).toMatch(/did not answer/);
  });

  it('maps an unreachable token endpoint to a transient temporary-failure', async () => {
    const tokenUrl = server.tokenUrl;
    const error = await rejection(
      signIn(settings, {
        openBrowser: async (url) => {
          await fetchBrowser()(url);
        },
        fetch: async (input, init) => {
          await server.close();
          return fetch(tokenUrl, init);
        },
      }),
    );
    expect(error.code).toBe('temporary-failure');
  });
});
