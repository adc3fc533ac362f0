/**
 * Account setup through the service contract against the real stack (Postfix + Dovecot on
 * loopback): discovery's guess path, the login check before saving (wrong password, the stack's
 * CA not trusted), accepting a certificate by its fingerprint, the engine honouring that pin, and
 * changing an account's password after it changed on the server.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNetProber } from '../../core/accounts/net-prober.js';
import type { AccountVerification, NewAccount } from '../../core/api/contract.js';
import { ApiError } from '../../core/api/errors.js';
import { accountDiscoverySchema } from '../../core/api/schemas.js';
import { MemoryCredentialStore } from '../../core/api/memory-credentials.js';
import { createTegamiService, type TegamiService } from '../../core/api/service.js';
import { connect, type Connector } from '../../core/net/index.js';
import { isMailError } from '../../core/net/mail-error.js';
import { startDnsServer, type TestDnsServer } from '../core/accounts/support/dns-server.js';
import { startHttpServer, type TestHttpServer } from '../core/accounts/support/http-server.js';
import { loadServers, type ServersDescriptor } from '../servers/descriptor.js';
import { stackAccount } from '../servers/stack-accounts.js';

let servers: ServersDescriptor;
let ca: string;
let dns: TestDnsServer;
let http: TestHttpServer;
let dir: string;
let service: TegamiService;

const GUESSED_HOSTS = ['imap.tegami.test', 'pop.tegami.test', 'smtp.tegami.test', 'mail.tegami.test', 'tegami.test'];
const OTHER_FINGERPRINT = '00:'.repeat(31) + '00';

/** The guessed names lead to the stack: Postfix's address for its ports, Dovecot's for the rest. */
function routeToStack(host: string, port: number): { host: string; servername: string } | undefined {
  if (!GUESSED_HOSTS.includes(host)) return undefined;
  const smtp = [servers.smtp.submission, servers.smtp.submissions].find((e) => e.port === port);
  return { host: smtp ? smtp.host : servers.imap.tls.host, servername: 'localhost' };
}

/** The same routing for the login check of discovered settings; the stack's CA is trusted there. */
const routedConnector: Connector = (options) => {
  const mapped = routeToStack(options.host, options.port);
  return connect(mapped === undefined ? options : { ...options, host: mapped.host, servername: mapped.servername, ca });
};

function bobAccount(overrides: Partial<NewAccount> = {}): NewAccount {
  return stackAccount(servers, 'bob', overrides);
}

async function verificationFailure(promise: Promise<unknown>): Promise<AccountVerification> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  expect((error as ApiError).code).toBe('account-verification-failed');
  const details = (error as ApiError).details as AccountVerification;
  // The message names the side that failed.
  if (details.incoming.status !== 'ok') expect((error as ApiError).message).toContain('incoming');
  return details;
}

beforeAll(async () => {
  servers = loadServers();
  ca = await readFile(servers.caFile, 'utf8');
  // The domain exists but publishes nothing: no MX, no SRV, no autoconfig.
  dns = await startDnsServer({ 'tegami.test': {} });
  http = await startHttpServer({});
});

afterAll(async () => {
  await dns?.close();
  await http?.close();
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tegami-accounts-svc-'));
  service = createTegamiService({
    dataDir: dir,
    host: 'web',
    credentials: new MemoryCredentialStore(),
    backgroundSync: false,
    accountSetup: {
      discovery: {
        dnsServers: [dns.address],
        autoconfigBase: http.base,
        prober: createNetProber({ ca, route: routeToStack }),
        guessPortMap: {
          993: servers.imap.tls.port,
          143: servers.imap.starttls.port,
          995: servers.pop3.tls.port,
          110: servers.pop3.starttls.port,
          465: servers.smtp.submissions.port,
          587: servers.smtp.submission.port,
        },
        timeouts: { dns: 3000, http: 3000, probe: 10_000, overall: 60_000 },
      },
      connector: routedConnector,
      verifyTimeoutMs: 15_000,
    },
  });
});

afterEach(async () => {
  await service.close();
  await rm(dir, { recursive: true, force: true });
});

describe('account setup through the service', () => {
  it('discovers the stack by guessing, shows every step, and verifies the chosen settings with the password', async () => {
    const alice = servers.users.alice;
    const result = await service.discoverSettings({ address: alice.address, password: alice.password });
    expect(accountDiscoverySchema.safeParse(result).success).toBe(true);
    expect(result.manual).toBe(false);
    expect(result.chosen?.incoming).toMatchObject({ protocol: 'imap', host: 'imap.tegami.test', port: servers.imap.tls.port, security: 'tls', source: 'guess', username: alice.address });
    expect(result.chosen?.outgoing).toMatchObject({ protocol: 'smtp', host: 'smtp.tegami.test', port: servers.smtp.submissions.port, security: 'tls', source: 'guess' });
    expect(result.steps.find((s) => s.step === 'guess')).toMatchObject({ status: 'found' });
    expect(result.steps.find((s) => s.step === 'provider-database')?.status).toBe('nothing');
    expect(result.verification).toMatchObject({ ok: true, incoming: { status: 'ok' }, outgoing: { status: 'ok' } });

    const wrong = await service.discoverSettings({ address: alice.address, password: `${alice.password}-wrong` });
    expect(wrong.verification).toMatchObject({ ok: false, incoming: { status: 'wrong-password', code: 'auth-failed' }, outgoing: { status: 'wrong-password' } });
  });

  it('refuses a wrong password naming the incoming side, and saves nothing', async () => {
    const details = await verificationFailure(service.addAccount(bobAccount({ password: `${servers.users.bob.password}-wrong` })));
    expect(details.ok).toBe(false);
    expect(details.incoming).toMatchObject({ side: 'incoming', status: 'wrong-password', code: 'auth-failed', certificate: null });
    expect(await service.listAccounts()).toEqual([]);
    expect(await service.getChanges(0)).toMatchObject({ lastSeq: 0 });
  });

  it('without the stack CA: a TLS failure with the certificate; the pinned fingerprints save the account and syncing works', async () => {
    const untrusted = bobAccount({ caFile: null });
    const details = await verificationFailure(service.addAccount(untrusted));
    expect(details.incoming).toMatchObject({ status: 'tls', code: 'certificate-untrusted' });
    expect(details.outgoing).toMatchObject({ status: 'tls' });
    const incomingCert = details.incoming.certificate;
    const outgoingCert = details.outgoing.certificate;
    expect(incomingCert?.sha256Fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/u);
    expect(incomingCert?.altNames.join(' ')).toContain('localhost');
    expect(incomingCert?.issuer).not.toBe('');
    expect(outgoingCert?.sha256Fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/u);
    expect(await service.listAccounts()).toEqual([]);

    // verifyAccount answers the same without throwing.
    expect((await service.verifyAccount(untrusted)).incoming.certificate?.sha256Fingerprint).toBe(incomingCert?.sha256Fingerprint);

    const pinned = { ...untrusted, pinnedSha256: { incoming: incomingCert?.sha256Fingerprint ?? null, outgoing: outgoingCert?.sha256Fingerprint ?? null } };
    const account = await service.addAccount(pinned);
    expect(account.pinnedSha256).toEqual(pinned.pinnedSha256);
    expect(account.caFile).toBeNull();
    // The engine connects with the pin (the CA is still not trusted): the sync succeeds.
    await service.syncNow(account.id);
    const folders = await service.listFolders(account.id);
    expect(folders.find((f) => f.role === 'inbox')).toBeDefined();
  });

  it('a pin of another certificate fails again with certificate-pin-mismatch and the real certificate', async () => {
    const wrongPin = bobAccount({ caFile: null, pinnedSha256: { incoming: OTHER_FINGERPRINT, outgoing: null } });
    const details = await verificationFailure(service.addAccount(wrongPin));
    expect(details.incoming).toMatchObject({ status: 'tls', code: 'certificate-pin-mismatch' });
    expect(details.incoming.certificate?.sha256Fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/u);
    expect(details.incoming.certificate?.sha256Fingerprint).not.toBe(OTHER_FINGERPRINT);
    // No outgoing pin and no CA: that side is untrusted, not a mismatch.
    expect(details.outgoing).toMatchObject({ status: 'tls', code: 'certificate-untrusted' });
    expect(await service.listAccounts()).toEqual([]);

    // The engine honours the pin too: an account saved unchecked with the wrong pin cannot sync.
    const saved = await service.addAccount({ ...wrongPin, verify: false });
    const error: unknown = await service.syncNow(saved.id).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isMailError(error) && error.code).toBe('certificate-pin-mismatch');
  });

  it('updateAccount after a password change: a wrong password is refused and changes nothing, the right one is saved and the account syncs again', async () => {
    const bob = servers.users.bob;
    const stale = await service.addAccount(bobAccount({ password: `${bob.password}-old`, verify: false }));
    const failed: unknown = await service.syncNow(stale.id).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isMailError(failed) && failed.code).toBe('auth-failed');
    const { id: _id, ...settings } = stale;

    const details = await verificationFailure(service.updateAccount(stale.id, { ...settings, password: `${bob.password}-typo` }));
    expect(details.incoming).toMatchObject({ status: 'wrong-password', code: 'auth-failed' });
    expect(await service.listAccounts()).toEqual([stale]);

    expect((await service.getConnectionLog(stale.id)).length).toBeGreaterThan(0);
    const savedAt = new Date().toISOString();
    const smtp = servers.smtp.submissions;
    const updated = await service.updateAccount(stale.id, { ...settings, name: 'Bob B.', outgoing: { ...settings.outgoing, port: smtp.port, security: smtp.security }, password: bob.password });
    expect(updated).toMatchObject({ id: stale.id, name: 'Bob B.', outgoing: { port: smtp.port, security: smtp.security } });
    // The engine was restarted with the new settings and the saved password: a fresh one, whose
    // connection log starts after the save (the old engine's held the refused logins).
    await service.syncNow(stale.id);
    expect((await service.listFolders(stale.id)).find((f) => f.role === 'inbox')).toBeDefined();
    const log = await service.getConnectionLog(stale.id);
    expect(log.length).toBeGreaterThan(0);
    expect(log.every((entry) => entry.at >= savedAt)).toBe(true);
  });
});
