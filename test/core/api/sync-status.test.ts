import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncPhase, SyncProgress, TegamiEvent } from '../../../core/api/contract.js';
import { MemoryCredentialStore } from '../../../core/api/memory-credentials.js';
import { METHODS } from '../../../core/api/schemas.js';
import { createTegamiService } from '../../../core/api/service.js';
import { SyncStatusBoard } from '../../../core/api/sync-status.js';
import { closedPort } from '../../support/ports.js';

function report(accountId: string, phase: SyncPhase, error: SyncProgress['error'] = null): SyncProgress {
  return { accountId, phase, folder: null, foldersDone: 0, foldersTotal: 0, messagesDone: 0, messagesTotal: 0, bytes: 0, error };
}

const refused = { code: 'connect-failed', message: 'ECONNREFUSED' };

describe('SyncStatusBoard', () => {
  it('keeps the latest report per account, after the failure a retry has not yet overcome', () => {
    const board = new SyncStatusBoard();
    expect(board.reports()).toEqual([]);
    const failed = report('a1', 'failed', refused);
    board.record(report('a1', 'connecting'));
    board.record(failed);
    expect(board.reports()).toEqual([failed]);
    const retrying = report('a1', 'messages');
    board.record(report('a1', 'connecting'));
    board.record(retrying);
    board.record(report('a2', 'done'));
    expect(board.reports()).toEqual([failed, retrying, report('a2', 'done')]);
  });

  it('forgets the failure once a run succeeds, and the account when it is removed', () => {
    const board = new SyncStatusBoard();
    board.record(report('a1', 'failed', refused));
    board.record(report('a1', 'done'));
    expect(board.reports()).toEqual([report('a1', 'done')]);
    board.record(report('a1', 'failed', refused));
    board.record(report('a1', 'idle'));
    board.record(report('a1', 'connecting'));
    expect(board.reports()).toEqual([report('a1', 'connecting')]);
    board.forget('a1');
    expect(board.reports()).toEqual([]);
  });
});

describe('getSyncStatus through the service', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tegami-sync-status-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });


  it('answers what a window that opens later needs: the failed sync of an unreachable account, valid by the schema', async () => {
    const service = createTegamiService({ dataDir: dir, host: 'web', credentials: new MemoryCredentialStore(), backgroundSync: false });
    const events: TegamiEvent[] = [];
    service.onEvent((e) => events.push(e));
    try {
      expect(await service.getSyncStatus()).toEqual([]);
      const port = await closedPort();
      const account = await service.addAccount({
        name: 'Offline',
        email: 'offline@tegami.test',
        incoming: { protocol: 'imap', host: '127.0.0.1', port, security: 'tls', username: 'offline' },
        outgoing: { host: '127.0.0.1', port, security: 'tls', username: 'offline' },
        pop3: null,
        caFile: null,
        password: 'secret',
        outgoingPassword: null,
        verify: false,
      });
      await expect(service.syncNow(account.id)).rejects.toThrow();
      const status = await service.getSyncStatus();
      expect(status).toHaveLength(1);
      expect(status[0]).toMatchObject({ accountId: account.id, phase: 'failed', error: { code: 'connect-failed' } });
      // The same report the window was sent as an event.
      const last = events.filter((e) => e.type === 'sync-progress').at(-1);
      expect(last).toEqual({ type: 'sync-progress', progress: status[0] });
      expect(METHODS.getSyncStatus.result.safeParse(status).success).toBe(true);

      await service.removeAccount(account.id);
      expect(await service.getSyncStatus()).toEqual([]);
    } finally {
      await service.close();
    }
  });
});
