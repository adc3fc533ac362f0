/** Token storage, refresh before expiry, coalescing, revoked grants and withFreshToken. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OAuthTokenManager, type OAuthAccount } from '../../../../core/accounts/oauth/token-manager.js';
import { signIn } from '../../../../core/accounts/oauth/sign-in.js';
import { MemoryCredentialStore } from '../../../../core/api/memory-credentials.js';
import { MailError } from '../../../../core/net/mail-error.js';
import { fetchBrowser, startFakeAuthServer, type FakeAuthServer } from './support/fake-auth-server.js';

const CLIENT_ID = 'tegami-test-client';
let server: FakeAuthServer;
let account: OAuthAccount;
let store: MemoryCredentialStore;
let clock: number;
let logLines: string[];
let manager: OAuthTokenManager;

beforeEach(async () => {
  server = await startFakeAuthServer(CLIENT_ID);
  account = {
    id: 'acct-1',
    settings: { provider: 'microsoft', issuer: 'login.microsoftonline.com', authUrl: server.authUrl, tokenUrl: server.tokenUrl, scopes: ['offline_access'], clientId: CLIENT_ID },
  };
  store = new MemoryCredentialStore();
  clock = 1_000_000_000_000;
  logLines = [];
  manager = new OAuthTokenManager({ store, now: () => clock, log: (line) => logLines.push(line) });
  const tokens = await signIn(account.settings, { openBrowser: fetchBrowser() });
  await manager.save(account.id, tokens);
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

/** The SASL layer's error for a token the server did not accept (Google XOAUTH2 JSON). */
function saslRejection(status: string): MailError {
  return new MailError('auth-failed', 'Authentication failed.', { details: { serverError: JSON.stringify({ status, schemes: 'Bearer', scope: 'https://mail.google.com/' }) } });
}

describe('OAuthTokenManager', () => {
  it('stores the refresh token as a secret and the access token with its expiry', async () => {
    const refresh = await store.get(account.id, 'oauth2-refresh-token');
    expect(refresh).toMatch(/^rt-/);
    const access = JSON.parse((await store.get(account.id, 'oauth2-access-token'))!) as { token: string; expiresAt: number };
    expect(server.validAccessTokens.has(access.token)).toBe(true);
    expect(access.expiresAt).toBe(clock + 3600_000);
  });

  it('returns the cached token while it is valid, from the store after a restart too', async () => {
    const first = await manager.getAccessToken(account);
    const restarted = new OAuthTokenManager({ store, now: () => clock });
    expect(await restarted.getAccessToken(account)).toBe(first);
    expect(server.tokenRequests).toHaveLength(1); // only the sign-in's code exchange
  });

  it('refreshes when the token is within the safety margin of its expiry, and after it', async () => {
    const first = await manager.getAccessToken(account);
    clock += 3600_000 - 4 * 60_000; // 4 minutes left, margin is 5
    const second = await manager.getAccessToken(account);
    expect(second).not.toBe(first);
    expect(server.tokenRequests.at(-1)!.get('grant_type')).toBe('refresh_token');
    expect(server.tokenRequests.at(-1)!.get('client_id')).toBe(CLIENT_ID);
    clock += 3600_000 + 1;
    const third = await manager.getAccessToken(account);
    expect(third).not.toBe(second);
    expect(server.tokenRequests).toHaveLength(3);
  });

  it('coalesces concurrent refreshes into one request', async () => {
    clock += 2 * 3600_000;
    server.tokenScript.push({ delayMs: 100 });
    const tokens = await Promise.all(Array.from({ length: 5 }, () => manager.getAccessToken(account)));
    expect(new Set(tokens).size).toBe(1);
    expect(server.tokenRequests.filter((f) => f.get('grant_type') === 'refresh_token')).toHaveLength(1);
  });

  it('keeps a rotated refresh token', async () => {
    server.rotateRefreshTokens = true;
    const before = await store.get(account.id, 'oauth2-refresh-token');
    await manager.refresh(account);
    const after = await store.get(account.id, 'oauth2-refresh-token');
    expect(after).not.toBe(before);
    clock += 2 * 3600_000;
    expect(server.validAccessTokens.has(await manager.getAccessToken(account))).toBe(true);
  });

  it('turns invalid_grant on refresh into auth-failed "sign in again" and forgets the dead grant', async () => {
    clock += 2 * 3600_000;
    server.tokenScript.push('invalid_grant');
    const error = await rejection(manager.getAccessToken(account));
    expect(error.code).toBe('auth-failed');
    expect(error.details).toMatchObject({ reason: 'sign-in-again', oauthError: 'invalid_grant', accountId: account.id });
    expect(error.message).toMatch(/Sign in again/);
    expect(await store.get(account.id, 'oauth2-refresh-token')).toBeUndefined();
    expect(await store.get(account.id, 'oauth2-access-token')).toBeUndefined();
    const again = await rejection(manager.getAccessToken(account));
    expect(again.details?.['reason']).toBe('sign-in-again');
  });

  it('keeps the grant when the token endpoint fails temporarily', async () => {
    clock += 2 * 3600_000;
    server.tokenScript.push('server-error');
    const error = await rejection(manager.getAccessToken(account));
    expect(error.code).toBe('temporary-failure');
    expect(error.transient).toBe(true);
    expect(await store.get(account.id, 'oauth2-refresh-token')).toMatch(/^rt-/);
    expect(server.validAccessTokens.has(await manager.getAccessToken(account))).toBe(true);
  });

  it('withFreshToken refreshes once and retries when the server says 401 / invalid_token', async () => {
    for (const status of ['401', 'invalid_token']) {
      const seen: string[] = [];
      const result = await manager.withFreshToken(account, async (token) => {
        seen.push(token);
        if (seen.length === 1) throw saslRejection(status);
        return 'ok';
      });
      expect(result).toBe('ok');
      expect(seen).toHaveLength(2);
      expect(seen[1]).not.toBe(seen[0]);
      expect(server.validAccessTokens.has(seen[1]!)).toBe(true);
    }
  });

  it('withFreshToken retries only once, and not for other failures', async () => {
    let calls = 0;
    const twice = await rejection(
      manager.withFreshToken(account, async () => {
        calls++;
        throw saslRejection('401');
      }),
    );
    expect(twice.code).toBe('auth-failed');
    expect(calls).toBe(2);

    calls = 0;
    const refreshesBefore = server.tokenRequests.length;
    for (const error of [saslRejection('403'), new MailError('auth-failed', 'no'), new MailError('connect-failed', 'down')]) {
      const thrown = await rejection(
        manager.withFreshToken(account, async () => {
          calls++;
          throw error;
        }),
      );
      expect(thrown).toBe(error);
    }
    expect(calls).toBe(3);
    expect(server.tokenRequests.length).toBe(refreshesBefore);
  });

  it('withFreshToken uses a token another caller refreshed meanwhile instead of refreshing again', async () => {
    const stale = await manager.getAccessToken(account);
    const seen: string[] = [];
    await manager.withFreshToken(account, async (token) => {
      seen.push(token);
      if (seen.length === 1) {
        await manager.refresh(account); // a parallel sync already noticed and refreshed
        throw saslRejection('401');
      }
      return 'ok';
    });
    expect(seen[0]).toBe(stale);
    expect(seen[1]).not.toBe(stale);
    expect(server.tokenRequests.filter((f) => f.get('grant_type') === 'refresh_token')).toHaveLength(1);
  });

  it('refuses bad options', () => {
    expect(() => new OAuthTokenManager({ store, refreshMarginMs: -1 })).toThrow(MailError);
    expect(() => new OAuthTokenManager({ store, tokenTimeoutMs: Number.NaN })).toThrow(MailError);
  });

  it('never logs or reports a token, code or verifier', async () => {
    clock += 2 * 3600_000;
    await manager.getAccessToken(account);
    let calls = 0;
    await manager.withFreshToken(account, async () => {
      if (calls++ === 0) throw saslRejection('401');
      return 'ok';
    });
    server.tokenScript.push('invalid_grant');
    clock += 2 * 3600_000;
    const error = await rejection(manager.getAccessToken(account));
    const verifiers = server.tokenRequests.map((f) => f.get('code_verifier')).filter((v): v is string => v !== null);
    const secrets = [...server.issued, ...verifiers];
    expect(secrets.length).toBeGreaterThan(4);
    expect(logLines.length).toBeGreaterThan(1);
    const visible = [...logLines, error.message, JSON.stringify(error.toJSON()), String(error.stack)].join('\n');
    for (const secret of secrets) expect(visible).not.toContain(secret);
  });

  it('asks for a sign-in when no refresh token is stored', async () => {
    const error = await rejection(manager.getAccessToken({ ...account, id: 'never-signed-in' }));
    expect(error.code).toBe('auth-failed');
    expect(error.details?.['reason']).toBe('sign-in-again');
    expect(server.tokenRequests).toHaveLength(1);
  });
});
