/**
 * End to end: a token from the sign-in flow authenticates SMTP submission through core/sasl
 * (XOAUTH2 and OAUTHBEARER) against a scripted server that checks tokens with the fake
 * authorization server. The real Dovecot/Postfix stack has no OAuth, hence the scripted server.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OAuthTokenManager, type OAuthAccount } from '../../../../core/accounts/oauth/token-manager.js';
import { signIn } from '../../../../core/accounts/oauth/sign-in.js';
import { MemoryCredentialStore } from '../../../../core/api/memory-credentials.js';
import { MailError } from '../../../../core/net/mail-error.js';
import { Transcript } from '../../../../core/net/transcript.js';
import type { MechanismName } from '../../../../core/sasl/mechanism.js';
import { openSmtp } from '../../../../core/smtp/client.js';
import { makeTestCertificates, type TestCertificates } from '../../../faults/support/certs.js';
import { startScriptedServer, type ScriptedServer } from '../../../faults/support/scripted-server.js';
import { fetchBrowser, startFakeAuthServer, type FakeAuthServer } from './support/fake-auth-server.js';

const CLIENT_ID = 'tegami-e2e-client';
const USER = 'alice@example.com';
const SCOPE = 'https://mail.google.com/';
let certs: TestCertificates;
let auth: FakeAuthServer;
let smtp: ScriptedServer | undefined;
let manager: OAuthTokenManager;
let account: OAuthAccount;
let transcript: Transcript;
/** What the SMTP server saw: mechanism and token of each AUTH, and its verdict. */
let attempts: { mechanism: string; user: string; token: string; accepted: boolean }[];
/** Off: the mail server refuses every token (as for a token issued without the mail scope). */
let mailServerTakesTokens: boolean;

beforeAll(() => {
  certs = makeTestCertificates();
});

beforeEach(async () => {
  auth = await startFakeAuthServer(CLIENT_ID);
  account = {
    id: 'gmail-alice',
    settings: { provider: 'google', issuer: 'accounts.google.com', authUrl: auth.authUrl, tokenUrl: auth.tokenUrl, scopes: [SCOPE], clientId: CLIENT_ID },
  };
  manager = new OAuthTokenManager({ store: new MemoryCredentialStore() });
  await manager.save(account.id, await signIn(account.settings, { openBrowser: fetchBrowser(), loginHint: USER }));
  attempts = [];
  mailServerTakesTokens = true;
  transcript = new Transcript();
  smtp = await startScriptedServer(submissionServer, { tls: certs.valid, implicitTls: true });
});

afterEach(async () => {
  await smtp?.settled();
  expect(smtp?.errors).toEqual([]);
  await smtp?.close();
  smtp = undefined;
  await auth.close();
});

/** Parses the client's SASL message: XOAUTH2 "user=U^Aauth=Bearer T^A^A", OAUTHBEARER "n,a=U,^A…auth=Bearer T^A^A" (RFC 7628 §3.1). */
function parseBearer(mechanism: string, message: string): { user: string; token: string } {
  const fields = message.split('\x01');
  const user = mechanism === 'XOAUTH2' ? fields[0]!.replace(/^user=/, '') : (/^n,a=([^,]*),/.exec(fields[0]!)?.[1] ?? '');
  const token = fields.find((f) => f.startsWith('auth=Bearer '))?.slice('auth=Bearer '.length) ?? '';
  expect(message.endsWith('\x01\x01')).toBe(true);
  return { user, token };
}

async function submissionServer(peer: Parameters<Parameters<typeof startScriptedServer>[0]>[0]): Promise<void> {
  peer.sendLine('220 oauth.test ESMTP');
  await peer.expectLine(/^EHLO /);
  peer.send('250-oauth.test\r\n250-ENHANCEDSTATUSCODES\r\n250 AUTH XOAUTH2 OAUTHBEARER\r\n');
  const line = await peer.expectLine(/^AUTH (XOAUTH2|OAUTHBEARER) [A-Za-z0-9+/=]+$/);
  const [, mechanism = '', initial = ''] = line.split(' ');
  const { user, token } = parseBearer(mechanism, Buffer.from(initial, 'base64').toString('utf8'));
  const accepted = mailServerTakesTokens && user === USER && auth.validAccessTokens.has(token);
  attempts.push({ mechanism, user, token, accepted });
  if (accepted) {
    peer.sendLine('235 2.7.0 Accepted');
  } else {
    // Google's XOAUTH2 error, RFC 7628 §3.2.2's for OAUTHBEARER; the client must answer before the failure.
    const error = mechanism === 'XOAUTH2' ? { status: '401', schemes: 'bearer', scope: SCOPE } : { status: 'invalid_token', scope: SCOPE };
    peer.sendLine(`334 ${Buffer.from(JSON.stringify(error)).toString('base64')}`);
    await peer.expectLine(mechanism === 'XOAUTH2' ? '' : Buffer.from('\x01').toString('base64'));
    peer.sendLine('535 5.7.8 Username and Password not accepted.');
  }
  // After a failed AUTH the client closes without QUIT; both endings are fine here.
  const quit = await peer.readLine().catch(() => undefined);
  if (quit === 'QUIT') peer.sendLine('221 2.0.0 Bye');
  peer.end();
}

/** Connects and authenticates with the given token; resolves to the mechanism used. */
async function login(mechanism: MechanismName, accessToken: string): Promise<MechanismName> {
  const client = await openSmtp({
    host: 'localhost',
    port: smtp!.port,
    security: 'tls',
    ca: certs.caCert,
    transcript,
    credentials: { username: USER, accessToken },
    mechanism,
  });
  await client.quit();
  return mechanism;
}

describe('OAuth2 token through core/sasl against a scripted SMTP server', () => {
  for (const mechanism of ['XOAUTH2', 'OAUTHBEARER'] as const) {
    it(`${mechanism}: the signed-in token authenticates`, async () => {
      await expect(manager.withFreshToken(account, (token) => login(mechanism, token))).resolves.toBe(mechanism);
      expect(attempts).toHaveLength(1);
      expect(attempts[0]).toMatchObject({ mechanism, user: USER, accepted: true });
      expect(auth.tokenRequests).toHaveLength(1); // the sign-in only, no refresh
    });

    it(`${mechanism}: a token the server rejects (401) is refreshed once and the login retried`, async () => {
      const stale = await manager.getAccessToken(account);
      // Revoked at the provider before its stated expiry: the client still believes in it.
      auth.validAccessTokens.delete(stale);
      await expect(manager.withFreshToken(account, (token) => login(mechanism, token))).resolves.toBe(mechanism);
      expect(attempts.map((a) => a.accepted)).toEqual([false, true]);
      expect(attempts[0]!.token).toBe(stale);
      expect(attempts[1]!.token).not.toBe(stale);
      expect(auth.tokenRequests.map((f) => f.get('grant_type'))).toEqual(['authorization_code', 'refresh_token']);
      expect(await manager.getAccessToken(account)).toBe(attempts[1]!.token);
    });
  }

  it('fails with the server error attached when the refreshed token is refused as well', async () => {
    mailServerTakesTokens = false;
    const error = await manager.withFreshToken(account, (token) => login('XOAUTH2', token)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MailError);
    expect((error as MailError).code).toBe('auth-failed');
    expect(JSON.parse(String((error as MailError).details?.['serverError']))).toMatchObject({ status: '401' });
    expect(attempts).toHaveLength(2);
    expect(auth.tokenRequests.map((f) => f.get('grant_type'))).toEqual(['authorization_code', 'refresh_token']);
  });

  it('reports a revoked grant during the retry as "sign in again"', async () => {
    auth.validAccessTokens.delete(await manager.getAccessToken(account));
    auth.tokenScript.push('invalid_grant');
    const error = await manager.withFreshToken(account, (token) => login('XOAUTH2', token)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MailError);
    expect((error as MailError).details?.['reason']).toBe('sign-in-again');
    expect(attempts).toHaveLength(1);
  });

  it('keeps tokens out of the connection transcript', async () => {
    auth.validAccessTokens.delete(await manager.getAccessToken(account));
    await manager.withFreshToken(account, (token) => login('XOAUTH2', token));
    const log = transcript.format();
    expect(log).toContain('AUTH XOAUTH2');
    for (const secret of auth.issued) {
      expect(log).not.toContain(secret);
      expect(log).not.toContain(Buffer.from(secret).toString('base64').slice(0, 12));
    }
    for (const attempt of attempts) {
      expect(log).not.toContain(Buffer.from(`user=${USER}\x01auth=Bearer ${attempt.token}\x01\x01`).toString('base64'));
    }
  });
});
