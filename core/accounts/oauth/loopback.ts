/**
 * The loopback redirect receiver of RFC 8252 §7.3: an HTTP listener on 127.0.0.1 (the literal,
 * not "localhost", §8.3) on an ephemeral port, answering only its callback path. The first
 * request to that path ends it (one-shot): its `state` must match (CSRF, RFC 6749 §10.12), then
 * it carries either a code or an error (§4.1.2.1). The browser gets a short page in English and
 * Japanese; the code never appears in it or in any error.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MailError } from '../../net/mail-error.js';
import { CALLBACK_PATH, checkTimeout, MAX_CALLBACK_URL_LENGTH, MAX_ERROR_DESCRIPTION_LENGTH, SIGN_IN_TIMEOUT_MS } from './limits.js';

export interface LoopbackOptions {
  /** The `state` sent in the authorization request. */
  readonly state: string;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface LoopbackReceiver {
  /** http://127.0.0.1:PORT/oauth2/callback, for the authorization and token requests. */
  readonly redirectUri: string;
  /** The authorization code, or a MailError (denied, state mismatch, timeout, cancelled). */
  readonly code: Promise<string>;
  /** Stops listening (idempotent); a pending `code` rejects with 'cancelled'. */
  close(): void;
}

const PAGE_STYLE = 'body{font-family:system-ui,sans-serif;max-width:32em;margin:4em auto;padding:0 1em;line-height:1.6}';

function page(title: string, english: string, japanese: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title><style>${PAGE_STYLE}</style></head>` +
    `<body><h1>${title}</h1><p lang="en">${english}</p><p lang="ja">${japanese}</p></body></html>`;
}

const DONE_PAGE = page(
  'Tegami',
  'Signed in. You may close this tab and return to Tegami.',
  'サインインしました。このタブを閉じて Tegami に戻ってください。',
);
const FAILED_PAGE = page(
  'Tegami',
  'The sign-in did not complete. You may close this tab; Tegami shows what happened.',
  'サインインは完了しませんでした。このタブを閉じてください。詳しくは Tegami に表示されます。',
);

function answer(response: http.ServerResponse, status: number, body: string): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // The page is static; nothing on it should load or run.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'referrer-policy': 'no-referrer',
    connection: 'close',
  });
  response.end(body);
}

function clip(text: string): string {
  return text.length > MAX_ERROR_DESCRIPTION_LENGTH ? `${text.slice(0, MAX_ERROR_DESCRIPTION_LENGTH)}…` : text;
}

/** RFC 6749 §4.1.2.1 error redirect → MailError; access_denied is the user saying no. */
function redirectError(params: URLSearchParams): MailError {
  const error = params.get('error') ?? 'unknown_error';
  const description = params.get('error_description');
  const details = { oauthError: clip(error), ...(description !== null ? { description: clip(description) } : {}) };
  if (error === 'access_denied') {
    return new MailError('auth-failed', 'Access was not granted in the browser, so Tegami cannot use this account. Sign in again and allow access.', {
      details: { ...details, reason: 'consent-denied' },
    });
  }
  return new MailError('auth-failed', `The provider refused the sign-in: ${clip(error)}${description !== null ? ` (${clip(description)})` : ''}.`, { details });
}

/** Starts the listener; resolves once it is bound, so the redirect URI carries the real port. */
export async function startLoopbackReceiver(options: LoopbackOptions): Promise<LoopbackReceiver> {
  checkTimeout(options.timeoutMs, 'The sign-in timeout');
  if (typeof options.state !== 'string' || options.state.length < 8) throw new MailError('invalid-argument', 'The sign-in state must be an unguessable string.');
  const timeoutMs = options.timeoutMs ?? SIGN_IN_TIMEOUT_MS;
  let settle: { resolve: (code: string) => void; reject: (error: MailError) => void } | undefined;
  const code = new Promise<string>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // A caller that only awaits after close() must not see an unhandled rejection in between.
  code.catch(() => undefined);
  let done = false;
  let timer: NodeJS.Timeout | undefined = undefined;

  const server = http.createServer((request, response) => {
    const target = request.url ?? '';
    if (done || target.length > MAX_CALLBACK_URL_LENGTH) {
      answer(response, done ? 410 : 414, FAILED_PAGE);
      return;
    }
    const url = new URL(target, 'http://127.0.0.1');
    // Only the callback path is ours (browsers also ask for /favicon.ico and the like).
    if (url.pathname !== CALLBACK_PATH || request.method !== 'GET') {
      answer(response, 404, page('Not found', 'Not found.', '見つかりません。'));
      return;
    }
    const params = url.searchParams;
    if (params.get('state') !== options.state) {
      answer(response, 400, FAILED_PAGE);
      finish(new MailError('auth-failed', 'The sign-in answer did not belong to this sign-in attempt (state mismatch); it was ignored. Sign in again.', {
        details: { reason: 'state-mismatch' },
      }));
      return;
    }
    if (params.has('error')) {
      answer(response, 200, FAILED_PAGE);
      finish(redirectError(params));
      return;
    }
    const value = params.get('code');
    if (value === null || value === '') {
      answer(response, 400, FAILED_PAGE);
      finish(new MailError('protocol-error', 'The provider redirected back without an authorization code.'));
      return;
    }
    answer(response, 200, DONE_PAGE);
    finish(value);
  });

  const finish = (result: string | MailError): void => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    // Stop accepting; the answer already written still goes out on its connection.
    server.close();
    server.closeIdleConnections();
    if (typeof result === 'string') settle?.resolve(result);
    else settle?.reject(result);
  };
  const onAbort = (): void => finish(new MailError('cancelled', 'The sign-in was cancelled.'));

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(new MailError('io-error', 'Could not open a local port for the sign-in redirect.', { cause: error })));
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  timer = setTimeout(() => {
    finish(new MailError('command-timeout', `The sign-in in the browser was not completed within ${Math.round(timeoutMs / 1000)} s.`, { transient: true }));
  }, timeoutMs);
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });

  return {
    redirectUri: `http://127.0.0.1:${port}${CALLBACK_PATH}`,
    code,
    close: () => finish(new MailError('cancelled', 'The sign-in was cancelled.')),
  };
}
