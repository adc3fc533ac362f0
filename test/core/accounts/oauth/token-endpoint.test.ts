/**
 * Token endpoint answers the fake authorization server does not produce: malformed or hostile
 * bodies (RFC 6749 §5.1/§5.2), handed in as HTTP responses through the injected fetch.
 */
import { describe, expect, it } from 'vitest';
import { requestToken, type FetchFunction } from '../../../../core/accounts/oauth/token-endpoint.js';
import { MAX_TOKEN_RESPONSE_BYTES } from '../../../../core/accounts/oauth/limits.js';
import { isTokenRejected, parseBearerServerError } from '../../../../core/accounts/oauth/server-error.js';
import { MailError } from '../../../../core/net/mail-error.js';

const SETTINGS = { tokenUrl: 'https://login.example.net/token', clientId: 'cid' };
const REFRESH = { grant_type: 'refresh_token', refresh_token: 'rt-secret-value' } as const;

function answering(status: number, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }): FetchFunction {
  return async () => new Response(body, { status, headers });
}

async function failure(fetch: FetchFunction): Promise<MailError> {
  const error = await requestToken(SETTINGS, REFRESH, { fetch }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MailError);
  return error as MailError;
}

describe('requestToken answers', () => {
  it('accepts expires_in as a string and a lower-case token type', async () => {
    const tokens = await requestToken(SETTINGS, REFRESH, { fetch: answering(200, '{"access_token":"at1","token_type":"bearer","expires_in":"3599"}') });
    expect(tokens).toEqual({ accessToken: 'at1', tokenType: 'Bearer', expiresIn: 3599 });
  });

  it.each([
    ['no access_token', '{"token_type":"Bearer"}'],
    ['a MAC token', '{"access_token":"at","token_type":"mac"}'],
    ['an access token with a space', '{"access_token":"a t","token_type":"Bearer"}'],
    ['a negative expires_in', '{"access_token":"at","token_type":"Bearer","expires_in":-5}'],
    ['a numeric refresh token', '{"access_token":"at","token_type":"Bearer","refresh_token":7}'],
    ['HTML', '<html>maintenance</html>'],
    ['a JSON array', '[1,2]'],
  ])('refuses a 200 with %s as protocol-error', async (_name, body) => {
    expect((await failure(answering(200, body))).code).toBe('protocol-error');
  });

  it('refuses a body larger than the limit', async () => {
    const big = JSON.stringify({ access_token: 'at', token_type: 'Bearer', pad: 'x'.repeat(MAX_TOKEN_RESPONSE_BYTES) });
    expect((await failure(answering(200, big, {}))).code).toBe('protocol-error');
  });

  it('treats a 200 that carries an OAuth error as that error', async () => {
    const error = await failure(answering(200, '{"error":"invalid_grant"}'));
    expect(error.code).toBe('auth-failed');
    expect(error.details?.['reason']).toBe('sign-in-again');
  });

  it('maps invalid_client (401) and a 4xx without an OAuth error to auth-failed, 429 to temporary-failure', async () => {
    const client = await failure(answering(401, '{"error":"invalid_client","error_description":"AADSTS7000218: client_secret required"}'));
    expect(client.code).toBe('auth-failed');
    expect(client.details).toMatchObject({ oauthError: 'invalid_client', httpStatus: 401 });
    expect(client.message).toContain('AADSTS7000218');
    expect((await failure(answering(403, 'Forbidden', {}))).code).toBe('auth-failed');
    const busy = await failure(answering(429, '{"error":"slow_down"}'));
    expect(busy.code).toBe('temporary-failure');
    expect(busy.transient).toBe(true);
  });

  it('clips a long error_description and never echoes the request', async () => {
    const error = await failure(answering(400, JSON.stringify({ error: 'invalid_grant', error_description: 'd'.repeat(5000) })));
    expect(String(error.details?.['description']).length).toBeLessThan(600);
    expect(JSON.stringify(error.toJSON())).not.toContain('rt-secret-value');
  });

  it('refuses a plain-http token endpoint that is not loopback, and a bad timeout', async () => {
    const http = await requestToken({ ...SETTINGS, tokenUrl: 'http://login.example.net/token' }, REFRESH).catch((e: unknown) => e);
    expect((http as MailError).code).toBe('config-invalid');
    const timeout = await requestToken(SETTINGS, REFRESH, { timeoutMs: -1 }).catch((e: unknown) => e);
    expect((timeout as MailError).code).toBe('invalid-argument');
  });
});

describe('SASL bearer server errors', () => {
  it('parses Google XOAUTH2 and RFC 7628 errors', () => {
    expect(parseBearerServerError('{"status":"401","schemes":"Bearer","scope":"https://mail.google.com/"}')).toEqual({ status: '401', scope: 'https://mail.google.com/' });
    expect(parseBearerServerError('{"status":"invalid_token"}')).toEqual({ status: 'invalid_token' });
    expect(parseBearerServerError('{"status":400}')).toEqual({ status: '400' });
    expect(parseBearerServerError('not json')).toBeUndefined();
    expect(parseBearerServerError('null')).toBeUndefined();
    expect(parseBearerServerError('{"scope":"x"}')).toBeUndefined();
  });

  it('calls only auth-failed with a 401 / invalid_token server error a rejected token', () => {
    const withError = (code: 'auth-failed' | 'connect-failed', serverError: unknown) => new MailError(code, 'x', { details: { serverError } });
    expect(isTokenRejected(withError('auth-failed', '{"status":"401"}'))).toBe(true);
    expect(isTokenRejected(withError('auth-failed', '{"status":"invalid_token"}'))).toBe(true);
    expect(isTokenRejected(withError('auth-failed', '{"status":"insufficient_scope"}'))).toBe(false);
    expect(isTokenRejected(withError('connect-failed', '{"status":"401"}'))).toBe(false);
    expect(isTokenRejected(withError('auth-failed', 42))).toBe(false);
    expect(isTokenRejected(new MailError('auth-failed', 'x'))).toBe(false);
    expect(isTokenRejected(new Error('401'))).toBe(false);
  });
});
