/**
 * OAuth2 through the service (issue #8), end to end: startOAuthSignIn finds the provider in the
 * provider database, takes the client id from the environment, opens the authorization URL
 * through the NativeHost (here a "browser" that follows the redirect to the loopback listener of
 * the fake authorization server), and keeps the grant; addAccount verifies both servers with the
 * access token and stores the tokens under the account; the engine then logs in to IMAP and SMTP
 * with XOAUTH2/OAUTHBEARER and, when the server refuses a revoked token, refreshes it once and
 * retries. The mail servers are scripted so a token can be revoked at will; they check tokens
 * against the fake authorization server. test/interop/oauth-bearer.test.ts logs in to the real
 * stack's Dovecot and Postfix with bearer tokens.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NewAccount } from '../../../core/api/contract.js';
import { ApiError } from '../../../core/api/errors.js';
import { MemoryCredentialStore } from '../../../core/api/memory-credentials.js';
import type { NativeHost } from '../../../core/api/native-host.js';
import { createTegamiService, type TegamiService } from '../../../core/api/service.js';
import type { ProviderDatabase } from '../../../core/accounts/provider-db.js';
import type { ProviderConfig } from '../../../core/accounts/types.js';
import { makeTestCertificates, type TestCertificates } from '../../faults/support/certs.js';
import { startScriptedServer, type ScriptedPeer, type ScriptedServer } from '../../faults/support/scripted-server.js';
import { fetchBrowser, startFakeAuthServer, type FakeAuthServer } from '../accounts/oauth/support/fake-auth-server.js';

const CLIENT_ID = 'tegami-service-test';
const USER = 'hanako@oauth.test';
const SCOPE = 'https://mail.oauth.test/';
let certs: TestCertificates;
let dir: string;
let caFile: string;
let auth: FakeAuthServer;
let imap: ScriptedServer;
let smtp: ScriptedServer;
let service: TegamiService;
let credentials: MemoryCredentialStore;
let opened: string[];
/** Every AUTH the scripted servers saw: protocol, token and verdict. */
let attempts: { protocol: 'imap' | 'smtp'; token: string; accepted: boolean }[];
/** Messages the scripted SMTP server accepted (the DATA lines). */
let received: string[][];

beforeAll(() => {
  certs = makeTestCertificates();
});

/** The bearer token of a XOAUTH2 ("user=U^Aauth=Bearer T^A^A") or OAUTHBEARER ("n,a=U,^A…auth=Bearer T^A^A") message. */
function bearerToken(base64: string): { user: string; token: string } {
  const message = Buffer.from(base64, 'base64').toString('utf8');
  const fields = message.split('\x01');
  const first = fields[0] ?? '';
  const user = first.startsWith('user=') ? first.slice('user='.length) : (/^n,a=([^,]*),/u.exec(first)?.[1] ?? '');
  const token = fields.find((f) => f.startsWith('auth=Bearer '))?.slice('auth=Bearer '.length) ?? '';
  return { user, token };
}

function check(protocol: 'imap' | 'smtp', base64: string): boolean {
  const { user, token } = bearerToken(base64);
  const accepted = user === USER && auth.validAccessTokens.has(token);
  attempts.push({ protocol, token, accepted });
  return accepted;
}

const REJECTION = Buffer.from(JSON.stringify({ status: '401', schemes: 'bearer', scope: SCOPE })).toString('base64');

/** A small IMAP4rev1 server: AUTHENTICATE with bearer tokens, an empty INBOX, SEARCH. */
async function imapScript(peer: ScriptedPeer): Promise<void> {
  peer.sendLine('* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=XOAUTH2 AUTH=OAUTHBEARER] scripted ready');
  for (;;) {
    const line = await peer.readLine().catch(() => undefined);
    if (line === undefined) return;
    const [tag = '*', command = '', ...args] = line.split(' ');
    const verb = command.toUpperCase();
    if (verb === 'CAPABILITY') {
      peer.sendLine('* CAPABILITY IMAP4rev1 SASL-IR AUTH=XOAUTH2 AUTH=OAUTHBEARER');
      peer.sendLine(`${tag} OK done`);
    } else if (verb === 'AUTHENTICATE') {
      const [, initial = ''] = args;
      if (check('imap', initial)) {
        peer.sendLine(`${tag} OK [CAPABILITY IMAP4rev1 ENABLE UIDPLUS] signed in`);
      } else {
        peer.sendLine(`+ ${REJECTION}`);
        await peer.readLine();
        peer.sendLine(`${tag} NO [AUTHENTICATIONFAILED] invalid credentials`);
      }
    } else if (verb === 'SELECT' || verb === 'EXAMINE') {
      peer.sendLine('* 0 EXISTS');
      peer.sendLine('* FLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft)');
      peer.sendLine('* OK [UIDVALIDITY 7] ok');
      peer.sendLine('* OK [UIDNEXT 1] ok');
      peer.sendLine(`${tag} OK [READ-WRITE] selected`);
    } else if (verb === 'UID' && args[0]?.toUpperCase() === 'SEARCH') {
      peer.sendLine('* SEARCH');
      peer.sendLine(`${tag} OK searched`);
    } else if (verb === 'LOGOUT') {
      peer.sendLine('* BYE bye');
      peer.sendLine(`${tag} OK bye`);
      peer.end();
      return;
    } else {
      peer.sendLine(`${tag} OK ${verb} done`);
    }
  }
}

/** A submission server offering only bearer-token AUTH. */
async function smtpScript(peer: ScriptedPeer): Promise<void> {
  peer.sendLine('220 oauth.test ESMTP');
  for (;;) {
    const line = await peer.readLine().catch(() => undefined);
    if (line === undefined) return;
    const verb = line.split(' ')[0]?.toUpperCase() ?? '';
    if (verb === 'EHLO') {
      peer.send('250-oauth.test\r\n250-SIZE 1000000\r\n250-ENHANCEDSTATUSCODES\r\n250 AUTH XOAUTH2 OAUTHBEARER\r\n');
    } else if (verb === 'AUTH') {
      const [, mechanism = '', initial = ''] = line.split(' ');
      if (check('smtp', initial)) {
        peer.sendLine('235 2.7.0 Accepted');
      } else {
        peer.sendLine(`334 ${mechanism === 'XOAUTH2' ? REJECTION : Buffer.from(JSON.stringify({ status: 'invalid_token', scope: SCOPE })).toString('base64')}`);
        await peer.readLine();
        peer.sendLine('535 5.7.8 Username and Password not accepted.');
      }
    } else if (verb === 'MAIL' || verb === 'RCPT' || verb === 'RSET' || verb === 'NOOP') {
      peer.sendLine('250 2.1.0 Ok');
    } else if (verb === 'DATA') {
      peer.sendLine('354 End data with <CR><LF>.<CR><LF>');
      received.push(await peer.readUntil('.'));
      peer.sendLine('250 2.0.0 Ok: queued');
    } else if (verb === 'QUIT') {
      peer.sendLine('221 2.0.0 Bye');
      peer.end();
      return;
    } else {
      peer.sendLine('502 5.5.2 Not implemented');
    }
  }
}

/**
 * The provider database entry for oauth.test. Built as a value, not config XML: the XML reader
 * (rightly) insists on https endpoints, and the fake authorization server is plain http on loopback.
 */
function providers(): Pick<ProviderDatabase, 'lookup'> {
  const server = (protocol: 'imap' | 'smtp', port: number) => ({ protocol, hostname: 'localhost', port, security: 'tls' as const, usernameTemplate: '%EMAILADDRESS%', auth: ['OAuth2' as const] });
  const config: ProviderConfig = {
    id: 'oauth.test',
    displayName: 'OAuth Test Mail',
    domains: ['oauth.test'],
    incoming: [server('imap', imap.port)],
    outgoing: [server('smtp', smtp.port)],
    oauth2: { issuer: 'auth.oauth.test', scope: SCOPE, authUrl: auth.authUrl, tokenUrl: auth.tokenUrl },
    notes: [],
  };
  return { lookup: (domain) => (domain === 'oauth.test' ? config : undefined) };
}

function newAccount(grantId: string | null): NewAccount {
  return {
    name: '花子',
    email: USER,
    incoming: { protocol: 'imap', host: 'localhost', port: imap.port, security: 'tls', username: USER },
    outgoing: { host: 'localhost', port: smtp.port, security: 'tls', username: USER },
    pop3: null,
    caFile,
    password: '',
    outgoingPassword: null,
    oauthGrantId: grantId,
  };
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tegami-oauth-svc-'));
  caFile = join(dir, 'ca.pem');
  await writeFile(caFile, certs.caCert);
  auth = await startFakeAuthServer(CLIENT_ID);
  imap = await startScriptedServer(imapScript, { tls: certs.valid, implicitTls: true });
  smtp = await startScriptedServer(smtpScript, { tls: certs.valid, implicitTls: true });
  attempts = [];
  received = [];
  opened = [];
  credentials = new MemoryCredentialStore();
  const browser = fetchBrowser();
  const native: NativeHost = {
    openExternal: async (url) => {
      opened.push(url);
      await browser(url);
    },
    openPath: async () => undefined,
    chooseSavePath: async () => null,
    chooseFolder: async () => null,
    chooseFiles: async () => null,
    startDrag: async () => undefined,
    openWindow: async () => undefined,
  };
  service = createTegamiService({
    dataDir: join(dir, 'data'),
    host: 'electron',
    backgroundSync: false,
    credentials,
    native,
    // The client id is configuration: an environment variable named after the provider key.
    oauth: { providers: providers(), env: { TEGAMI_OAUTH_AUTH_OAUTH_TEST_CLIENT_ID: CLIENT_ID } },
  });
});

afterEach(async () => {
  await service.close();
  await imap.close();
  await smtp.close();
  await auth.close();
  await rm(dir, { recursive: true, force: true });
});


describe('OAuth2 accounts through the service', () => {
  it('signs in through the browser, verifies and stores the grant, then syncs and sends with the token, refreshing a revoked one once', async () => {
    const grant = await service.startOAuthSignIn({ address: USER });
    expect(grant).toMatchObject({ address: USER, provider: 'auth_oauth_test' });
    expect(opened).toHaveLength(1);
    const url = new URL(opened[0] ?? '');
    expect(url.origin + url.pathname).toBe(auth.authUrl);
    expect(url.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('login_hint')).toBe(USER);
    expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//u);

    // A grant is for its address only.
    await expect(service.addAccount({ ...newAccount(grant.grantId), email: 'other@oauth.test' })).rejects.toMatchObject({ code: 'invalid-arguments' });
    // 'oauth2' without a sign-in is refused.
    await expect(service.addAccount({ ...newAccount(null), auth: 'oauth2' })).rejects.toMatchObject({ code: 'invalid-arguments' });

    // The wizard's separate check uses the grant's token too, without using the grant up.
    expect(await service.verifyAccount(newAccount(grant.grantId))).toMatchObject({ ok: true, incoming: { status: 'ok' }, outgoing: { status: 'ok' } });
    attempts = [];
    const account = await service.addAccount(newAccount(grant.grantId));
    expect(account.auth).toBe('oauth2');
    // Both sides were checked with the access token before saving.
    expect(attempts.map((a) => [a.protocol, a.accepted]).sort()).toEqual([
      ['imap', true],
      ['smtp', true],
    ]);
    expect(await credentials.get(account.id, 'oauth2-refresh-token')).toMatch(/.+/u);
    expect(await credentials.get(account.id, 'incoming-password')).toBeUndefined();
    // Used once: the same grant cannot add a second account.
    await expect(service.addAccount(newAccount(grant.grantId))).rejects.toMatchObject({ code: 'oauth-unavailable' });

    // Revoked at the provider before its stated expiry: the engine's IMAP login is refused,
    // the token is refreshed once and the login retried.
    const first = attempts.find((a) => a.protocol === 'imap')?.token ?? '';
    auth.validAccessTokens.delete(first);
    attempts = [];
    expect(await service.searchServer(`${account.id}/INBOX`, 'anything')).toEqual([]);
    expect(attempts.map((a) => [a.protocol, a.accepted])).toEqual([
      ['imap', false],
      ['imap', true],
    ]);
    expect(attempts[0]?.token).toBe(first);

    // The same for SMTP when the refreshed token is revoked too.
    const stale = attempts[1]?.token ?? '';
    auth.validAccessTokens.delete(stale);
    attempts = [];
    const queued = await service.sendMessage({
      accountId: account.id,
      to: [{ name: '', address: 'someone@example.com' }],
      cc: [],
      bcc: [],
      subject: 'sent with a token',
      text: 'hello',
      html: null,
      inReplyTo: null,
      references: [],
      attachments: [],
      draftId: null,
    });
    await vi.waitFor(() => expect(received).toHaveLength(1), { timeout: 10_000 });
    expect(received[0]?.join('\n')).toContain(queued.messageId);
    expect(attempts.map((a) => [a.protocol, a.accepted])).toEqual([
      ['smtp', false],
      ['smtp', true],
    ]);
    expect(attempts[0]?.token).toBe(stale);
    expect(auth.tokenRequests.map((f) => f.get('grant_type'))).toEqual(['authorization_code', 'refresh_token', 'refresh_token']);
    // The size limit was remembered from that EHLO.
    expect(await service.getSendLimits(account.id)).toEqual({ maxMessageSize: 1_000_000 });
    // No token ever reaches the connection log.
    const log = JSON.stringify(await service.getConnectionLog(account.id));
    for (const token of auth.issued) expect(log).not.toContain(token);
  });

  it('explains what is missing: no OAuth provider for the domain, or no client id configured', async () => {
    const unknown = await service.startOAuthSignIn({ address: 'someone@example.org' }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(ApiError);
    expect(unknown).toMatchObject({ code: 'oauth-unavailable' });
    expect((unknown as Error).message).toMatch(/password/u);

    const unconfigured = createTegamiService({ dataDir: join(dir, 'other'), host: 'electron', backgroundSync: false, native: { openExternal: async () => undefined, openPath: async () => undefined, chooseSavePath: async () => null, chooseFolder: async () => null, chooseFiles: async () => null, startDrag: async () => undefined, openWindow: async () => undefined }, oauth: { providers: providers(), env: {} } });
    const missing = await unconfigured.startOAuthSignIn({ address: USER }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 'oauth-unavailable' });
    expect((missing as Error).message).toContain('TEGAMI_OAUTH_AUTH_OAUTH_TEST_CLIENT_ID');
    expect(opened).toEqual([]);
    await unconfigured.close();
  });

  it('takes the client id from <dataDir>/oauth-clients.json, and names the file when it is broken', async () => {
    const dataDir = join(dir, 'from-file');
    await mkdir(dataDir, { recursive: true });
    const native: NativeHost = { openExternal: fetchBrowser(), openPath: async () => undefined, chooseSavePath: async () => null, chooseFolder: async () => null, chooseFiles: async () => null, startDrag: async () => undefined, openWindow: async () => undefined };
    const fromFile = createTegamiService({ dataDir, host: 'electron', backgroundSync: false, native, oauth: { providers: providers(), env: {} } });
    await writeFile(join(dataDir, 'oauth-clients.json'), '{"auth_oauth_test": {"clientSecret": 5}}');
    const broken = await fromFile.startOAuthSignIn({ address: USER }).catch((e: unknown) => e);
    expect(broken).toMatchObject({ code: 'oauth-unavailable' });
    expect((broken as Error).message).toContain(join(dataDir, 'oauth-clients.json'));
    // Fixed while the app runs: read again.
    await writeFile(join(dataDir, 'oauth-clients.json'), JSON.stringify({ auth_oauth_test: { clientId: CLIENT_ID } }));
    expect(await fromFile.startOAuthSignIn({ address: USER })).toMatchObject({ provider: 'auth_oauth_test' });
    expect(auth.authorizeRequests.at(-1)?.get('client_id')).toBe(CLIENT_ID);
    await fromFile.close();
  });

  it('forgets a grant nobody used after fifteen minutes', async () => {
    let now = Date.now();
    const clock = createTegamiService({
      dataDir: join(dir, 'clock'),
      host: 'electron',
      backgroundSync: false,
      native: { openExternal: fetchBrowser(), openPath: async () => undefined, chooseSavePath: async () => null, chooseFolder: async () => null, chooseFiles: async () => null, startDrag: async () => undefined, openWindow: async () => undefined },
      oauth: { providers: providers(), env: { TEGAMI_OAUTH_AUTH_OAUTH_TEST_CLIENT_ID: CLIENT_ID }, now: () => now },
    });
    const grant = await clock.startOAuthSignIn({ address: USER });
    now += 15 * 60 * 1000 + 1;
    await expect(clock.addAccount({ ...newAccount(grant.grantId), verify: false })).rejects.toMatchObject({ code: 'oauth-unavailable' });
    await clock.close();
  });
});
