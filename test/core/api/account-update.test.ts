import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updatedAccount } from '../../../core/api/account-update.js';
import { validateCall } from '../../../core/api/dispatch.js';
import { ApiError } from '../../../core/api/errors.js';
import { MemoryCredentialStore } from '../../../core/api/memory-credentials.js';
import { createTegamiService } from '../../../core/api/service.js';
import type { Account, AccountChanges, AccountVerification, NewAccount } from '../../../core/api/contract.js';
import { apiErrorCodeOf } from '../../support/api-error.js';
import { closedPort } from '../../support/ports.js';

const PIN_A = 'AB:'.repeat(31) + 'AB';
const PIN_B = 'CD:'.repeat(31) + 'CD';

const stored: Account = {
  id: 'acc-1',
  name: 'Hanako',
  email: 'hanako@example.jp',
  incoming: { protocol: 'imap', host: 'imap.example.jp', port: 993, security: 'tls', username: 'hanako' },
  outgoing: { host: 'smtp.example.jp', port: 587, security: 'starttls', username: 'hanako' },
  pop3: null,
  caFile: null,
  pinnedSha256: { incoming: PIN_A, outgoing: PIN_A },
};

function settingsOf(account: Account): Omit<Account, 'id'> {
  const { id: _id, ...settings } = account;
  return settings;
}


describe('updatedAccount', () => {
  it('keeps the id and a pin only while its side keeps its host', () => {
    const same = updatedAccount(stored, { ...settingsOf(stored), name: 'Hanako Yamada', incoming: { ...stored.incoming, port: 143, security: 'starttls' } });
    expect(same).toEqual({ ...stored, name: 'Hanako Yamada', incoming: { ...stored.incoming, port: 143, security: 'starttls' } });

    const moved = updatedAccount(stored, { ...settingsOf(stored), outgoing: { ...stored.outgoing, host: 'mail.example.jp' } });
    expect(moved.pinnedSha256).toEqual({ incoming: PIN_A, outgoing: null });

    const bothMoved = updatedAccount(stored, { ...settingsOf(stored), incoming: { ...stored.incoming, host: 'IMAP2.example.jp' }, outgoing: { ...stored.outgoing, host: 'smtp2.example.jp' } });
    expect(bothMoved).not.toHaveProperty('pinnedSha256');

    // Only the host's case changed: still the same server (DNS names are case-insensitive, RFC 4343).
    expect(updatedAccount(stored, { ...settingsOf(stored), incoming: { ...stored.incoming, host: 'IMAP.example.jp' } }).pinnedSha256).toEqual(stored.pinnedSha256);
  });

  it('keeps a pin the change brings for a new host (the user accepted that certificate)', () => {
    const accepted = updatedAccount(stored, { ...settingsOf(stored), incoming: { ...stored.incoming, host: 'imap2.example.jp' }, pinnedSha256: { incoming: PIN_B, outgoing: PIN_A } });
    expect(accepted.pinnedSha256).toEqual({ incoming: PIN_B, outgoing: PIN_A });
  });

  it('refuses to switch protocol or sign-in kind', () => {
    expect(apiErrorCodeOf(() => updatedAccount(stored, { ...settingsOf(stored), incoming: { ...stored.incoming, protocol: 'pop3' } }))).toBe('invalid-arguments');
    expect(apiErrorCodeOf(() => updatedAccount(stored, { ...settingsOf(stored), auth: 'oauth2' }))).toBe('invalid-arguments');
  });
});

describe('updateAccount schema', () => {
  it('takes settings with optional passwords and refuses an empty password or an id in the changes', () => {
    const changes: AccountChanges = { ...settingsOf(stored) };
    expect(validateCall('updateAccount', ['acc-1', changes]).method).toBe('updateAccount');
    expect(validateCall('updateAccount', ['acc-1', { ...changes, password: 'new', outgoingPassword: null }]).method).toBe('updateAccount');
    expect(apiErrorCodeOf(() => validateCall('updateAccount', ['acc-1', { ...changes, password: '' }]))).toBe('invalid-arguments');
    expect(apiErrorCodeOf(() => validateCall('updateAccount', ['acc-1', { ...changes, id: 'other' }]))).toBe('invalid-arguments');
    expect(apiErrorCodeOf(() => validateCall('updateAccount', ['acc-1']))).toBe('invalid-arguments');
  });
});

describe('updateAccount and removeAccount through the service', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tegami-update-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const newAccount = (port: number): NewAccount => ({
    name: 'Hanako',
    email: 'hanako@example.jp',
    incoming: { protocol: 'imap', host: '127.0.0.1', port, security: 'tls', username: 'hanako' },
    outgoing: { host: '127.0.0.1', port, security: 'tls', username: 'hanako' },
    pop3: null,
    caFile: null,
    pinnedSha256: { incoming: PIN_A, outgoing: null },
    password: 'old-pass',
    outgoingPassword: 'old-smtp-pass',
    verify: false,
  });

  it('stores the new settings and password, keeps the saved password when none is given, and journals an account-upsert', async () => {
    const credentials = new MemoryCredentialStore();
    const service = createTegamiService({ dataDir: dir, host: 'web', credentials, backgroundSync: false });
    const port = await closedPort();
    const added = await service.addAccount(newAccount(port));
    const { lastSeq } = await service.getChanges(0);

    const renamed = await service.updateAccount(added.id, { ...settingsOf(added), name: '山田 花子', verify: false });
    expect(renamed).toEqual({ ...added, name: '山田 花子' });
    expect(await credentials.get(added.id, 'incoming-password')).toBe('old-pass');
    expect(await credentials.get(added.id, 'outgoing-password')).toBe('old-smtp-pass');

    const moved = await service.updateAccount(added.id, { ...settingsOf(added), incoming: { ...added.incoming, host: 'localhost' }, password: 'new-pass', outgoingPassword: null, verify: false });
    expect(moved).not.toHaveProperty('password');
    expect(moved).not.toHaveProperty('pinnedSha256');
    expect(await credentials.get(added.id, 'incoming-password')).toBe('new-pass');
    expect(await credentials.get(added.id, 'outgoing-password')).toBeUndefined();
    expect(await service.listAccounts()).toEqual([moved]);
    const onDisk = await readFile(join(dir, 'accounts.json'), 'utf8');
    expect(onDisk).toContain('localhost');
    expect(onDisk).not.toContain('new-pass');

    const changes = await service.getChanges(lastSeq);
    expect(changes).toMatchObject({
      resync: false,
      changes: [
        { kind: 'account-upsert', account: renamed },
        { kind: 'account-upsert', account: moved },
      ],
    });
    await service.close();
  });

  it('logs in with the saved password before saving and changes nothing when the check fails', async () => {
    const credentials = new MemoryCredentialStore();
    const service = createTegamiService({ dataDir: dir, host: 'web', credentials, backgroundSync: false, accountSetup: { verifyTimeoutMs: 5_000 } });
    const port = await closedPort();
    const added = await service.addAccount(newAccount(port));
    const { lastSeq } = await service.getChanges(0);
    const error: unknown = await service.updateAccount(added.id, { ...settingsOf(added), name: 'Changed', password: 'new-pass' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('account-verification-failed');
    expect(((error as ApiError).details as AccountVerification).incoming.status).toBe('unreachable');
    expect(await service.listAccounts()).toEqual([added]);
    expect(await credentials.get(added.id, 'incoming-password')).toBe('old-pass');
    expect(await service.getChanges(lastSeq)).toMatchObject({ resync: false, changes: [] });
    await service.close();
  });

  it('refuses an unknown account', async () => {
    const service = createTegamiService({ dataDir: dir, host: 'web', credentials: new MemoryCredentialStore(), backgroundSync: false });
    const missing: unknown = await service.updateAccount('nobody', { ...settingsOf(stored), verify: false }).catch((e: unknown) => e);
    expect(missing).toSatisfy((e: unknown) => e instanceof ApiError && e.code === 'not-found');
    await service.close();
  });

  it('removeAccount journals account-remove and deletes every saved secret', async () => {
    const credentials = new MemoryCredentialStore();
    const service = createTegamiService({ dataDir: dir, host: 'web', credentials, backgroundSync: false });
    const added = await service.addAccount(newAccount(await closedPort()));
    const { lastSeq } = await service.getChanges(0);
    await service.removeAccount(added.id);
    expect(await credentials.get(added.id, 'incoming-password')).toBeUndefined();
    expect(await credentials.get(added.id, 'outgoing-password')).toBeUndefined();
    expect(await service.getChanges(lastSeq)).toMatchObject({ changes: [{ kind: 'account-remove', accountId: added.id }] });
    await service.close();
  });
});
