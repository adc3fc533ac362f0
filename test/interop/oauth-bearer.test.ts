/**
 * OAuth 2.0 bearer-token logins (XOAUTH2, OAUTHBEARER RFC 7628) against the real servers of the
 * test stack: Dovecot's oauth2 passdb asks the stack's introspection endpoint (RFC 7662) about
 * each token, for IMAP and POP3 directly and for submission through Postfix's Dovecot SASL.
 * Each login is confirmed in Dovecot's log by its session id and method, so a silent fallback
 * to another mechanism cannot pass; a refused token must come back as 'auth-failed' with the
 * server's JSON error, which the client acknowledged (Google's XOAUTH2 protocol, RFC 7628
 * §3.2.2) so the server could finish the command. Last, a whole account is added through the
 * service with an OAuth grant (the local fake authorization server hands out the stack's
 * token) and its Inbox syncs from the real Dovecot.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderDatabase } from '../../core/accounts/provider-db.js';
import type { ProviderConfig } from '../../core/accounts/types.js';
import { MemoryCredentialStore } from '../../core/api/memory-credentials.js';
import type { NativeHost } from '../../core/api/native-host.js';
import { createTegamiService } from '../../core/api/service.js';
import { ImapClient } from '../../core/imap/client.js';
import { Pop3Client } from '../../core/pop3/client.js';
import type { MechanismName } from '../../core/sasl/index.js';
import { openSmtp, type SmtpClient } from '../../core/smtp/client.js';
import { fetchBrowser, startFakeAuthServer } from '../core/accounts/oauth/support/fake-auth-server.js';
import { deliverMessage, waitForMessage } from '../servers/deliver.js';
import { loadServers, type ServersDescriptor, type TestUser } from '../servers/descriptor.js';
import { expectMailError } from '../support/mail-error.js';

const MECHANISMS = ['XOAUTH2', 'OAUTHBEARER'] as const satisfies readonly MechanismName[];

let servers: ServersDescriptor;
let ca: string;
let alice: TestUser;
const open: Array<{ close(): void }> = [];

beforeAll(() => {
  servers = loadServers();
  ca = readFileSync(servers.caFile, 'utf8');
  alice = servers.users.alice;
});

afterAll(() => {
  for (const client of open.splice(0)) client.close();
});

/** The server's error challenge, which core/sasl attaches to the failure. */
function serverError(error: { details?: Readonly<Record<string, unknown>> | undefined }): Record<string, unknown> {
  const text = error.details?.['serverError'];
  expect(typeof text).toBe('string');
  return JSON.parse(String(text)) as Record<string, unknown>;
}

/**
 * Dovecot logs every successful login with its method. Lines of parallel test files interleave,
 * so the test looks for a line naming the user and the method written after `since`.
 */
async function expectLoggedLogin(since: number, service: 'imap-login' | 'pop3-login', mechanism: string): Promise<void> {
  const pattern = new RegExp(`${service}: Info: Login: user=<${alice.user}>, method=${mechanism},`);
  const deadline = Date.now() + 5_000;
  for (;;) {
    const tail = readFileSync(servers.dovecot.log).subarray(since).toString('utf8');
    if (pattern.test(tail)) return;
    if (Date.now() > deadline) throw new Error(`no ${service} login with ${mechanism} in the Dovecot log:\n${tail.slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function logSize(): number {
  return readFileSync(servers.dovecot.log).length;
}

async function imap(kind: 'tls' | 'starttls', mechanism: MechanismName, accessToken: string): Promise<ImapClient> {
  const endpoint = servers.imap[kind];
  const client = await ImapClient.connect({
    host: endpoint.host,
    port: endpoint.port,
    security: endpoint.security,
    ca,
    servername: 'localhost',
    auth: { user: alice.address, accessToken, mechanism },
  });
  open.push(client);
  return client;
}

async function pop3(mechanism: MechanismName, accessToken: string): Promise<Pop3Client> {
  const endpoint = servers.pop3.tls;
  const client = await Pop3Client.connect({ host: endpoint.host, port: endpoint.port, security: endpoint.security, ca, servername: 'localhost' });
  open.push(client);
  try {
    await client.authenticate({ username: alice.user, accessToken }, mechanism);
  } catch (error) {
    // A refused login leaves the session in AUTHORIZATION; nothing more to say to the server.
    client.close();
    throw error;
  }
  return client;
}

function smtp(kind: 'submission' | 'submissions', mechanism: MechanismName, accessToken: string): Promise<SmtpClient> {
  const endpoint = servers.smtp[kind];
  return openSmtp({
    host: endpoint.host,
    port: endpoint.port,
    security: endpoint.security,
    ca,
    servername: 'localhost',
    credentials: { username: alice.user, accessToken },
    mechanism,
  });
}

describe('the stack issues bearer tokens', () => {
  it('publishes a token per user and an expired one, all different', () => {
    const tokens = [servers.users.alice.accessToken, servers.users.bob.accessToken, servers.oauth.expiredToken];
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(new Set(tokens).size).toBe(3);
    expect(servers.oauth.introspectionUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
  });
});

describe.each(MECHANISMS)('%s', (mechanism) => {
  it('logs in to IMAP over implicit TLS and STARTTLS, and the session works', async () => {
    for (const kind of ['tls', 'starttls'] as const) {
      const since = logSize();
      const client = await imap(kind, mechanism, alice.accessToken);
      expect(client.state.name).toBe('authenticated');
      const inbox = await client.run('select', 'INBOX');
      expect(inbox.mailbox.uidValidity).toBeGreaterThan(0);
      await client.logout();
      await expectLoggedLogin(since, 'imap-login', mechanism);
    }
  });

  it('logs in to POP3 and reads the maildrop', async () => {
    const since = logSize();
    const client = await pop3(mechanism, alice.accessToken);
    const stat = await client.stat();
    expect(stat.count).toBeGreaterThanOrEqual(0);
    await client.quit();
    await expectLoggedLogin(since, 'pop3-login', mechanism);
  });

  it('authenticates to submission (STARTTLS and implicit TLS) and sends as alice', async () => {
    for (const kind of ['submission', 'submissions'] as const) {
      const client = await smtp(kind, mechanism, alice.accessToken);
      const id = `<oauth-${mechanism.toLowerCase()}-${kind}-${randomUUID()}@tegami.test>`;
      const raw = Buffer.from(
        [`From: ${alice.address}`, `To: ${servers.users.bob.address}`, `Subject: sent with ${mechanism}`, `Message-ID: ${id}`, 'MIME-Version: 1.0', '', 'hello'].join('\r\n'),
      );
      const result = await client.send({ from: alice.address, to: [servers.users.bob.address] }, raw);
      expect(result.rejected).toEqual([]);
      await client.quit();
      expect(await waitForMessage('bob', id)).toBeDefined();
    }
  });

  it.each([
    ['an expired token', () => servers.oauth.expiredToken],
    ['an unknown token', () => `unknown-${randomUUID()}`],
    ["bob's token for alice", () => servers.users.bob.accessToken],
  ])('refuses %s on IMAP, POP3 and submission with the server error consumed', async (_, token) => {
    const imapError = await expectMailError(imap('tls', mechanism, token()), 'auth-failed');
    expect(serverError(imapError)).toHaveProperty('status');
    const pop3Error = await expectMailError(pop3(mechanism, token()), 'auth-failed');
    expect(serverError(pop3Error)).toHaveProperty('status');
    const smtpError = await expectMailError(smtp('submission', mechanism, token()), 'auth-failed');
    expect(serverError(smtpError)).toHaveProperty('status');
  });
});

describe('password logins', () => {
  it('still work beside the bearer mechanisms, which Dovecot now offers', async () => {
    const endpoint = servers.imap.tls;
    const client = await ImapClient.connect({ host: endpoint.host, port: endpoint.port, security: endpoint.security, ca, auth: { user: alice.address, password: alice.password } });
    open.push(client);
    expect(client.state.name).toBe('authenticated');
    await client.logout();
    const pop = await Pop3Client.connect({ host: servers.pop3.tls.host, port: servers.pop3.tls.port, security: 'tls', ca, servername: 'localhost' });
    expect(pop.capabilities.saslMechanisms).toEqual(expect.arrayContaining(['PLAIN', 'XOAUTH2', 'OAUTHBEARER']));
    await pop.login(alice.user, alice.password);
    await pop.quit();
  });

  it('never accept a token as a password', async () => {
    const endpoint = servers.imap.tls;
    const login = ImapClient.connect({ host: endpoint.host, port: endpoint.port, security: endpoint.security, ca, auth: { user: alice.address, password: alice.accessToken, mechanism: 'PLAIN' } });
    await expectMailError(login, 'auth-failed');
  });
});

describe('an OAuth account through the service', () => {
  it('is added with a grant whose token the stack knows, and its Inbox syncs over the bearer login', async () => {
    const auth = await startFakeAuthServer('tegami-stack-test');
    const dir = await mkdtemp(join(tmpdir(), 'tegami-oauth-stack-'));
    const service = createTegamiService({
      dataDir: dir,
      host: 'web',
      credentials: new MemoryCredentialStore(),
      backgroundSync: false,
      native: nativeWithBrowser(fetchBrowser()),
      oauth: { providers: stackProvider(auth.authUrl, auth.tokenUrl), env: { TEGAMI_OAUTH_AUTH_TEGAMI_TEST_CLIENT_ID: 'tegami-stack-test' } },
    });
    try {
      const id = `<oauth-account-${randomUUID()}@tegami.test>`;
      await deliverMessage('alice', Buffer.from([`From: ${servers.users.bob.address}`, `To: ${alice.address}`, `Subject: OAuth sync ${id}`, `Message-ID: ${id}`, '', 'hello'].join('\r\n')));
      // The authorization server issues the token the introspection endpoint vouches for.
      auth.nextAccessTokens.push(alice.accessToken);
      const grant = await service.startOAuthSignIn({ address: alice.address });
      const imapEndpoint = servers.imap.tls;
      const smtpEndpoint = servers.smtp.submissions;
      const since = logSize();
      const account = await service.addAccount({
        name: 'Alice',
        email: alice.address,
        incoming: { protocol: 'imap', host: imapEndpoint.host, port: imapEndpoint.port, security: imapEndpoint.security, username: alice.address },
        outgoing: { host: smtpEndpoint.host, port: smtpEndpoint.port, security: smtpEndpoint.security, username: alice.address },
        pop3: null,
        caFile: servers.caFile,
        password: '',
        outgoingPassword: null,
        oauthGrantId: grant.grantId,
      });
      expect(account.auth).toBe('oauth2');
      // Adding verified the login with the token; no password was ever given.
      await expectLoggedLogin(since, 'imap-login', 'OAUTHBEARER');
      await service.syncNow(account.id);
      const inbox = (await service.listFolders(account.id)).find((f) => f.role === 'inbox');
      expect(inbox).toBeDefined();
      const found = await service.searchServer(inbox?.id ?? '', id);
      expect(found).toHaveLength(1);
    } finally {
      await service.close();
      await auth.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

function nativeWithBrowser(browser: (url: string) => Promise<void>): NativeHost {
  return {
    openExternal: browser,
    openPath: async () => undefined,
    chooseSavePath: async () => null,
    chooseFolder: async () => null,
    chooseFiles: async () => null,
    startDrag: async () => undefined,
    openWindow: async () => undefined,
  };
}

/**
 * tegami.test as a provider with OAuth2: the fake authorization server's endpoints (plain http
 * on loopback, so a value rather than config XML, whose reader insists on https).
 */
function stackProvider(authUrl: string, tokenUrl: string): Pick<ProviderDatabase, 'lookup'> {
  const server = (protocol: 'imap' | 'smtp', host: string, port: number) => ({
    protocol,
    hostname: host,
    port,
    security: 'tls' as const,
    usernameTemplate: '%EMAILADDRESS%',
    auth: ['OAuth2' as const],
  });
  const config: ProviderConfig = {
    id: 'tegami.test',
    displayName: 'Tegami test stack',
    domains: ['tegami.test'],
    incoming: [server('imap', servers.imap.tls.host, servers.imap.tls.port)],
    outgoing: [server('smtp', servers.smtp.submissions.host, servers.smtp.submissions.port)],
    oauth2: { issuer: 'auth.tegami.test', scope: 'mail', authUrl, tokenUrl },
    notes: [],
  };
  return { lookup: (domain) => (domain === 'tegami.test' ? config : undefined) };
}
