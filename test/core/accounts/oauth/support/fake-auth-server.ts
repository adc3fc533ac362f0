/**
 * A local OAuth2 authorization server for tests (node:http on 127.0.0.1, port 0). /authorize
 * records the request, checks the PKCE method and redirects to the redirect_uri with a code and
 * the state (or error=access_denied when told to deny); /token checks the code_verifier against
 * the recorded challenge (RFC 7636 §4.6), issues tokens and answers refresh_token grants. Each
 * /token request can be scripted to fail (invalid_grant, HTTP 500) or to answer slowly.
 * Independent of the code under test: it computes S256 itself.
 */
import * as http from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export type TokenScript = 'invalid_grant' | 'server-error' | { readonly delayMs: number };

export interface FakeAuthServer {
  readonly base: string;
  readonly authUrl: string;
  readonly tokenUrl: string;
  /** Query parameters of every /authorize request. */
  readonly authorizeRequests: URLSearchParams[];
  /** Form bodies of every /token request. */
  readonly tokenRequests: URLSearchParams[];
  /** Access tokens the server considers valid (a protocol server checks against this). */
  readonly validAccessTokens: Set<string>;
  /** Every token issued, to check none leaks. */
  readonly issued: string[];
  /** Consumed one per /token request, before normal processing. */
  readonly tokenScript: TokenScript[];
  /** Next /authorize is answered with error=access_denied. */
  denyConsent: boolean;
  expiresIn: number;
  /** Issue a new refresh token on every refresh (rotation, as Microsoft does). */
  rotateRefreshTokens: boolean;
  /** When set, the scope granted instead of the one asked for (a user unticking a permission). */
  grantedScope: string | undefined;
  /** When set, /token requires this client_secret. */
  clientSecret: string | undefined;
  /**
   * Access tokens to hand out first, one per issue, instead of random ones: tokens a real mail
   * server already knows (the test stack's introspection endpoint).
   */
  readonly nextAccessTokens: string[];
  close(): Promise<void>;
}

interface Grant {
  readonly challenge: string;
  readonly redirectUri: string;
  readonly clientId: string;
  readonly scope: string;
}

function token(prefix: string): string {
  return `${prefix}-${randomBytes(12).toString('base64url')}`;
}

function json(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

async function readBody(request: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeAuthServer(clientId: string): Promise<FakeAuthServer> {
  const codes = new Map<string, Grant>();
  const refreshTokens = new Map<string, string>(); // refresh token → scope
  const state: FakeAuthServer = {
    base: '',
    authUrl: '',
    tokenUrl: '',
    authorizeRequests: [],
    tokenRequests: [],
    validAccessTokens: new Set(),
    issued: [],
    tokenScript: [],
    denyConsent: false,
    expiresIn: 3600,
    rotateRefreshTokens: false,
    clientSecret: undefined,
    grantedScope: undefined,
    nextAccessTokens: [],
    close: async () => {},
  };

  const issue = (response: http.ServerResponse, scope: string, withRefresh: boolean): void => {
    const access = state.nextAccessTokens.shift() ?? token('at');
    state.validAccessTokens.add(access);
    state.issued.push(access);
    const body: Record<string, unknown> = { access_token: access, token_type: 'Bearer', expires_in: state.expiresIn, scope };
    if (withRefresh) {
      const refresh = token('rt');
      refreshTokens.set(refresh, scope);
      state.issued.push(refresh);
      body['refresh_token'] = refresh;
    }
    json(response, 200, body);
  };

  const onToken = async (request: http.IncomingMessage, response: http.ServerResponse): Promise<void> => {
    const body = await readBody(request);
    const form = new URLSearchParams(body);
    state.tokenRequests.push(form);
    const step = state.tokenScript.shift();
    if (step === 'server-error') return json(response, 500, { error: 'temporarily_unavailable' });
    if (step === 'invalid_grant') return json(response, 400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
    if (typeof step === 'object') await new Promise((resolve) => setTimeout(resolve, step.delayMs));
    if (request.headers['content-type'] !== 'application/x-www-form-urlencoded') return json(response, 400, { error: 'invalid_request', error_description: 'form body required' });
    if (form.get('client_id') !== clientId) return json(response, 401, { error: 'invalid_client' });
    if (state.clientSecret !== undefined && form.get('client_secret') !== state.clientSecret) return json(response, 401, { error: 'invalid_client' });
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') {
      const code = form.get('code') ?? '';
      const grant = codes.get(code);
      codes.delete(code); // one use only (RFC 6749 §4.1.2)
      if (grant === undefined) return json(response, 400, { error: 'invalid_grant', error_description: 'unknown code' });
      if (form.get('redirect_uri') !== grant.redirectUri) return json(response, 400, { error: 'invalid_grant', error_description: 'redirect_uri mismatch' });
      const verifier = form.get('code_verifier') ?? '';
      const computed = createHash('sha256').update(verifier, 'ascii').digest('base64url');
      if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier) || computed !== grant.challenge) {
        return json(response, 400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
      }
      return issue(response, grant.scope, true);
    }
    if (grantType === 'refresh_token') {
      const refresh = form.get('refresh_token') ?? '';
      const scope = refreshTokens.get(refresh);
      if (scope === undefined) return json(response, 400, { error: 'invalid_grant', error_description: 'unknown refresh token' });
      if (state.rotateRefreshTokens) refreshTokens.delete(refresh);
      return issue(response, scope, state.rotateRefreshTokens);
    }
    return json(response, 400, { error: 'unsupported_grant_type' });
  };

  const onAuthorize = (url: URL, response: http.ServerResponse): void => {
    const params = url.searchParams;
    state.authorizeRequests.push(params);
    const redirect = new URL(params.get('redirect_uri') ?? 'http://invalid/');
    const reply = (values: Record<string, string>): void => {
      for (const [k, v] of Object.entries(values)) redirect.searchParams.set(k, v);
      redirect.searchParams.set('state', params.get('state') ?? '');
      response.writeHead(302, { location: redirect.toString() });
      response.end();
    };
    if (params.get('client_id') !== clientId) return reply({ error: 'unauthorized_client' });
    if (params.get('response_type') !== 'code') return reply({ error: 'unsupported_response_type' });
    if (params.get('code_challenge_method') !== 'S256' || !params.get('code_challenge')) {
      return reply({ error: 'invalid_request', error_description: 'PKCE S256 required' });
    }
    if (state.denyConsent) return reply({ error: 'access_denied', error_description: 'The user denied access' });
    const code = token('code');
    codes.set(code, {
      challenge: params.get('code_challenge') ?? '',
      redirectUri: params.get('redirect_uri') ?? '',
      clientId,
      scope: state.grantedScope ?? params.get('scope') ?? '',
    });
    state.issued.push(code);
    reply({ code });
  };

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/authorize' && request.method === 'GET') return onAuthorize(url, response);
    if (url.pathname === '/token' && request.method === 'POST') {
      onToken(request, response).catch(() => response.destroy());
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return Object.assign(state, {
    base,
    authUrl: `${base}/authorize`,
    tokenUrl: `${base}/token`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/** The test's "system browser": GETs the URL and follows redirects to the loopback listener; returns the final page. */
export function fetchBrowser(pages: { status: number; text: string; url: string }[] = []): (url: string) => Promise<void> {
  return async (url: string) => {
    const response = await fetch(url);
    pages.push({ status: response.status, text: await response.text(), url: response.url });
  };
}
