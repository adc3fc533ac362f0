import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { apiErrorCodeOf } from '../../support/api-error.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateCall } from '../../../core/api/dispatch.js';
import { ApiError, toWireError } from '../../../core/api/errors.js';
import { accountVerificationSchema, METHODS } from '../../../core/api/schemas.js';
import { createTegamiService } from '../../../core/api/service.js';
import { MemoryCredentialStore } from '../../../core/api/memory-credentials.js';
import type { AccountVerification, NewAccount } from '../../../core/api/contract.js';
import { closedPort } from '../../support/ports.js';

const FINGERPRINT = 'AB:'.repeat(31) + 'AB';


function account(port: number, overrides: Partial<NewAccount> = {}): NewAccount {
  return {
    name: 'Hanako',
    email: 'hanako@example.jp',
    incoming: { protocol: 'imap', host: '127.0.0.1', port, security: 'tls', username: 'hanako' },
    outgoing: { host: '127.0.0.1', port, security: 'tls', username: 'hanako' },
    pop3: null,
    caFile: null,
    password: 'secret-pass',
    outgoingPassword: null,
    ...overrides,
  };
}

describe('account setup schemas', () => {
  it('accepts per-side certificate pins and refuses anything that is not a SHA-256 fingerprint', () => {
    const base = account(993);
    expect(validateCall('addAccount', [{ ...base, pinnedSha256: { incoming: FINGERPRINT, outgoing: null } }]).method).toBe('addAccount');
    expect(validateCall('verifyAccount', [{ ...base, pinnedSha256: { incoming: null, outgoing: FINGERPRINT.replace(/:/gu, '').toLowerCase() } }]).method).toBe('verifyAccount');
    expect(apiErrorCodeOf(() => validateCall('addAccount', [{ ...base, pinnedSha256: { incoming: 'AB:CD', outgoing: null } }]))).toBe('invalid-arguments');
    expect(apiErrorCodeOf(() => validateCall('addAccount', [{ ...base, pinnedSha256: { incoming: FINGERPRINT } }]))).toBe('invalid-arguments');
    expect(apiErrorCodeOf(() => validateCall('addAccount', [{ ...base, verify: 'no' }]))).toBe('invalid-arguments');
    // The saved account's shape takes pins but never the verify flag or a password.
    const { password: _p, outgoingPassword: _o, ...settings } = base;
    expect(METHODS.addAccount.result.safeParse({ id: 'a', ...settings, pinnedSha256: { incoming: FINGERPRINT, outgoing: null } }).success).toBe(true);
    expect(METHODS.addAccount.result.safeParse({ id: 'a', ...settings, verify: false }).success).toBe(false);
  });

  it('validates discovery requests', () => {
    expect(validateCall('discoverSettings', [{ address: 'hanako@example.jp' }]).method).toBe('discoverSettings');
    expect(validateCall('discoverSettings', [{ address: 'hanako@example.jp', password: 'x' }]).method).toBe('discoverSettings');
    expect(apiErrorCodeOf(() => validateCall('discoverSettings', [{ address: 'a\r\nb@example.jp' }]))).toBe('invalid-arguments');
    expect(apiErrorCodeOf(() => validateCall('discoverSettings', [{ address: 'hanako@example.jp', extra: 1 }]))).toBe('invalid-arguments');
  });

  it('carries error details across the wire only when there are some', () => {
    const details = { ok: false };
    expect(toWireError(new ApiError('account-verification-failed', 'no', { details }))).toEqual({ code: 'account-verification-failed', message: 'no', details });
    expect(toWireError(new ApiError('not-found', 'gone'))).not.toHaveProperty('details');
  });
});

describe('account verification through the service', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tegami-setup-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('verifyAccount reports each side of an unreachable server and saves nothing', async () => {
    const service = createTegamiService({ dataDir: dir, host: 'web', credentials: new MemoryCredentialStore(), backgroundSync: false, accountSetup: { verifyTimeoutMs: 5_000 } });
    const port = await closedPort();
    const result = await service.verifyAccount(account(port));
    expect(accountVerificationSchema.safeParse(result).success).toBe(true);
    expect(result).toMatchObject({
      ok: false,
      incoming: { side: 'incoming', server: `127.0.0.1:${port}`, status: 'unreachable', code: 'connect-failed', certificate: null },
      outgoing: { side: 'outgoing', status: 'unreachable', code: 'connect-failed' },
    });
    expect(await service.listAccounts()).toEqual([]);
    await service.close();
  });

  it('addAccount refuses an account whose servers cannot be reached, says which side, and stores neither settings nor password', async () => {
    const credentials = new MemoryCredentialStore();
    const service = createTegamiService({ dataDir: dir, host: 'web', credentials, backgroundSync: false, accountSetup: { verifyTimeoutMs: 5_000 } });
    const port = await closedPort();
    const error: unknown = await service.addAccount(account(port)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const api = error as ApiError;
    expect(api.code).toBe('account-verification-failed');
    expect(api.message).toContain('incoming');
    const details = api.details as AccountVerification;
    expect(details.incoming.status).toBe('unreachable');
    expect(await service.listAccounts()).toEqual([]);
    expect(await readdir(dir)).not.toContain('accounts.json');
    expect(await service.getChanges(0)).toMatchObject({ lastSeq: 0 });
    await service.close();
  });

  it('addAccount with verify: false saves without logging in', async () => {
    const service = createTegamiService({ dataDir: dir, host: 'web', credentials: new MemoryCredentialStore(), backgroundSync: false });
    const saved = await service.addAccount(account(await closedPort(), { verify: false, pinnedSha256: { incoming: FINGERPRINT, outgoing: null } }));
    expect(saved).not.toHaveProperty('verify');
    expect(saved.pinnedSha256).toEqual({ incoming: FINGERPRINT, outgoing: null });
    expect(await service.listAccounts()).toEqual([saved]);
    await service.close();
  });

  it('a CA file that cannot be read is a clear error before any connection', async () => {
    const service = createTegamiService({ dataDir: dir, host: 'web', credentials: new MemoryCredentialStore(), backgroundSync: false });
    await expect(service.verifyAccount(account(993, { caFile: join(dir, 'missing.pem') }))).rejects.toSatisfy((e: unknown) => e instanceof ApiError && e.code === 'not-found');
    await service.close();
  });
});
