import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { apiErrorCodeOf } from '../../support/api-error.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateCall } from '../../../core/api/dispatch.js';
import { ApiError } from '../../../core/api/errors.js';
import { createTegamiService } from '../../../core/api/service.js';
import { MemoryCredentialStore, RefusingCredentialStore } from '../../../core/api/memory-credentials.js';
import { MailError } from '../../../core/net/mail-error.js';
import type { CredentialStore } from '../../../core/accounts/credentials.js';
import { eventSchema, METHODS } from '../../../core/api/schemas.js';
import type { NewAccount, TegamiEvent } from '../../../core/api/contract.js';

const newAccount: NewAccount = {
  name: '山田 花子',
  email: 'hanako@example.jp',
  incoming: { protocol: 'imap', host: 'imap.example.jp', port: 993, security: 'tls', username: 'hanako' },
  outgoing: { host: 'smtp.example.jp', port: 587, security: 'starttls', username: 'hanako' },
  pop3: null,
  caFile: null,
  password: 'secret-pass',
  outgoingPassword: null,
  // These tests are about storage; example.jp is not a server to log in to.
  verify: false,
};

describe('mail contract schemas', () => {
  it('validates account, flag, message-id and path arguments', () => {
    expect(validateCall('addAccount', [newAccount]).method).toBe('addAccount');
    expect(apiErrorCodeOf(() => validateCall('addAccount', [{ ...newAccount, incoming: { ...newAccount.incoming, port: 70000 } }]))).toBe('invalid-arguments');
    expect(apiErrorCodeOf(() => validateCall('addAccount', [{ ...newAccount, incoming: { ...newAccount.incoming, host: 'a\r\nb' } }]))).toBe('invalid-arguments');
    expect(validateCall('setFlags', [['a/INBOX/1/2'], { add: ['\\Seen', '$Label1'], remove: [] }]).method).toBe('setFlags');
    expect(apiErrorCodeOf(() => validateCall('setFlags', [['x'], { add: ['bad flag'], remove: [] }]))).toBe('invalid-arguments');
    expect(apiErrorCodeOf(() => validateCall('setFlags', [['x'], { add: [], remove: [] }]))).toBe('invalid-arguments');
    expect(apiErrorCodeOf(() => validateCall('setFlags', [[], { add: ['\\Seen'], remove: [] }]))).toBe('invalid-arguments');
    expect(apiErrorCodeOf(() => validateCall('saveAttachment', ['m', '2', 'relative/file.txt']))).toBe('invalid-arguments');
    expect(validateCall('saveAttachment', ['m', '2', '/tmp/file.txt']).method).toBe('saveAttachment');
    expect(apiErrorCodeOf(() => validateCall('getChanges', [-1]))).toBe('invalid-arguments');
    expect(apiErrorCodeOf(() => validateCall('listMessages', ['f', { offset: 0, limit: 100000 }]))).toBe('invalid-arguments');
  });

  it('validates change and progress events', () => {
    const event: TegamiEvent = { type: 'changes', changes: [{ kind: 'folder-remove', seq: 3, folderId: 'a/Old' }], lastSeq: 3 };
    expect(eventSchema.safeParse(event).success).toBe(true);
    expect(eventSchema.safeParse({ type: 'changes', changes: [{ kind: 'folder-remove', seq: 0, folderId: 'a' }], lastSeq: 0 }).success).toBe(false);
    expect(
      eventSchema.safeParse({
        type: 'sync-progress',
        progress: { accountId: 'a', phase: 'messages', folder: 'INBOX', foldersDone: 1, foldersTotal: 3, messagesDone: 10, messagesTotal: 40, bytes: 1234, error: null },
      }).success,
    ).toBe(true);
  });

  it('never returns a password in an account', () => {
    const shape = METHODS.addAccount.result.safeParse({ id: 'x', ...newAccount });
    expect(shape.success).toBe(false);
  });
});

describe('accounts through the service', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tegami-mail-api-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('adds, lists and removes accounts; passwords go to the credential store only; changes are journalled', async () => {
    const credentials = new MemoryCredentialStore();
    const service = createTegamiService({ dataDir: dir, host: 'web', credentials, backgroundSync: false });
    const events: TegamiEvent[] = [];
    service.onEvent((e) => events.push(e));
    const account = await service.addAccount(newAccount);
    expect(account).not.toHaveProperty('password');
    expect(await credentials.get(account.id, 'incoming-password')).toBe('secret-pass');
    expect(await service.listAccounts()).toEqual([account]);
    const onDisk = await readFile(join(dir, 'accounts.json'), 'utf8');
    expect(onDisk).toContain('hanako@example.jp');
    expect(onDisk).not.toContain('secret-pass');

    const changes = await service.getChanges(0);
    // The Outbox is local, so no folder sync would journal it: it comes with the account, or a
    // window following the journal could not count what waits in it.
    expect(changes).toMatchObject({
      resync: false,
      lastSeq: 2,
      changes: [
        { kind: 'account-upsert', seq: 1, account },
        { kind: 'folder-upsert', seq: 2, folder: { accountId: account.id, role: 'outbox', name: 'Outbox', total: 0 } },
      ],
    });
    expect(events.some((e) => e.type === 'changes' && e.lastSeq === 2)).toBe(true);

    await service.removeAccount(account.id);
    expect(await service.listAccounts()).toEqual([]);
    expect(await credentials.get(account.id, 'incoming-password')).toBeUndefined();
    await expect(service.removeAccount(account.id)).rejects.toSatisfy((e: unknown) => e instanceof ApiError && e.code === 'not-found');
    await service.close();

    // A new service over the same folder sees the same list and journal.
    const again = createTegamiService({ dataDir: dir, host: 'web', credentials, backgroundSync: false });
    expect(await again.listAccounts()).toEqual([]);
    const replay = await again.getChanges(2);
    expect(replay).toMatchObject({ resync: false, lastSeq: 3, changes: [{ kind: 'account-remove', seq: 3, accountId: account.id }] });
    expect(await again.getChanges(99)).toEqual({ resync: true, lastSeq: 3 });
    await again.close();
  });
});

describe('RefusingCredentialStore', () => {
  it('passes through a working store and refuses with the reason when no safe store exists; other errors pass through', async () => {
    const working = new MemoryCredentialStore();
    const a = new RefusingCredentialStore(working);
    await a.set('acc', 'incoming-password', 's1');
    expect(await working.get('acc', 'incoming-password')).toBe('s1');
    expect(await a.get('acc', 'incoming-password')).toBe('s1');
    expect(await a.delete('acc', 'incoming-password')).toBe(true);

    const unavailable = (): never => {
      throw new MailError('credential-store-unavailable', 'Encryption of stored secrets is not available on this system.');
    };
    const broken: CredentialStore = { get: async () => unavailable(), set: async () => unavailable(), delete: async () => unavailable() };
    const b = new RefusingCredentialStore(broken);
    const refused = await b.set('acc', 'incoming-password', 's2').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(MailError);
    expect(refused).toMatchObject({ code: 'credential-store-unavailable' });
    expect((refused as MailError).message).toMatch(/Encryption of stored secrets is not available.*cannot be added.*keyring/u);
    // Nothing was kept anywhere: the secret is not readable afterwards.
    await expect(b.get('acc', 'incoming-password')).rejects.toMatchObject({ code: 'credential-store-unavailable' });

    const failing: CredentialStore = { ...broken, set: async () => Promise.reject(new MailError('io-error', 'disk')) };
    await expect(new RefusingCredentialStore(failing).set('acc', 'incoming-password', 'x')).rejects.toMatchObject({ code: 'io-error' });
  });

  it('makes addAccount refuse to add a password account, saving nothing', async () => {
    const unavailable = (): never => {
      throw new MailError('credential-store-unavailable', 'no Secret Service');
    };
    const broken: CredentialStore = { get: async () => unavailable(), set: async () => unavailable(), delete: async () => unavailable() };
    const service = createTegamiService({ dataDir: await mkdtemp(join(tmpdir(), 'tegami-refuse-')), host: 'electron', backgroundSync: false, credentials: new RefusingCredentialStore(broken) });
    await expect(service.addAccount(newAccount)).rejects.toMatchObject({ code: 'credential-store-unavailable' });
    expect(await service.listAccounts()).toEqual([]);
    await service.close();
  });
});
