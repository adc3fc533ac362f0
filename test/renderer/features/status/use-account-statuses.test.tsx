import 'fake-indexeddb/auto';
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../../../core/api/contract.js';
import { BridgeError } from '../../../../renderer/src/bridge/errors.js';
import { StatusBar } from '../../../../renderer/src/features/status/StatusBar.js';
import { account } from '../search/fixtures.js';
import { cleanup, mount, RecordingApi, seededIndex, settle, type Unsequenced } from './harness.js';

afterEach(cleanup);

const world: Unsequenced[] = [{ kind: 'account-upsert', account: account('a1') }];
const refused = { code: 'connect-failed', message: 'ECONNREFUSED 127.0.0.1:993' };

function progress(extra: Partial<SyncProgress>): SyncProgress {
  return { accountId: 'a1', phase: 'messages', folder: null, foldersDone: 0, foldersTotal: 0, messagesDone: 0, messagesTotal: 0, bytes: 0, error: null, ...extra };
}

function item(view: HTMLElement): HTMLElement {
  const li = view.querySelector<HTMLElement>('.status-account');
  if (li === null) throw new Error('no account in the status line');
  return li;
}

describe('the status line and getSyncStatus', () => {
  it('keeps a saved failure when the retry reports before the answer arrives', async () => {
    const api = new RecordingApi();
    let answer: (reports: readonly SyncProgress[]) => void = () => undefined;
    api.handle('getSyncStatus', () => new Promise((resolve) => (answer = resolve)));
    const { view } = mount(<StatusBar />, { api, db: await seededIndex(world) });
    await settle();
    // The retry's next report overtakes the answer, which holds the failure and the retry's start.
    api.emit({ type: 'sync-progress', progress: progress({ phase: 'messages', folder: 'INBOX', seq: 11 }) });
    act(() => answer([progress({ phase: 'failed', error: refused, seq: 8 }), progress({ phase: 'connecting', seq: 10 })]));
    await settle();
    const a1 = item(view);
    expect(a1.dataset['state']).toBe('syncing');
    expect(a1.querySelector('.status-error')?.getAttribute('title')).toBe(refused.message);
    expect(a1.querySelector('button.status-details')).not.toBeNull();
    // The retry succeeds: now the failure is over.
    api.emit({ type: 'sync-progress', progress: progress({ phase: 'done', seq: 12 }) });
    expect(item(view).dataset['state']).toBe('online');
    expect(item(view).querySelector('.status-error')).toBeNull();
  });

  it('says so when the answer fails, and follows the live events', async () => {
    const api = new RecordingApi();
    api.handle('getSyncStatus', () => Promise.reject(new BridgeError('internal', 'The service stopped answering.')));
    const { view } = mount(<StatusBar />, { api, db: await seededIndex(world) });
    await settle();
    const alert = view.querySelector('.status-saved-error[role="alert"]');
    expect(alert?.textContent).toBe('How the accounts last synced could not be read (The service stopped answering.); they show only what they report from now on.');
    api.emit({ type: 'sync-progress', progress: progress({ phase: 'failed', error: refused, seq: 3 }) });
    expect(item(view).dataset['state']).toBe('offline');
  });

  it('says it in Japanese too', async () => {
    const api = new RecordingApi();
    api.handle('getSyncStatus', () => Promise.reject(new BridgeError('internal', 'timeout')));
    const { view } = mount(<StatusBar />, { api, db: await seededIndex(world), language: 'ja' });
    await settle();
    expect(view.querySelector('.status-saved-error')?.textContent).toBe('各アカウントの直近の同期結果を読み込めませんでした(timeout)。これから届く報告だけを表示します。');
  });

  it('shows nothing of the kind when the answer comes', async () => {
    const api = new RecordingApi();
    api.handle('getSyncStatus', async () => [progress({ phase: 'done', seq: 1 })]);
    const { view } = mount(<StatusBar />, { api, db: await seededIndex(world) });
    await settle();
    expect(view.querySelector('.status-saved-error')).toBeNull();
    expect(item(view).dataset['state']).toBe('online');
  });
});
