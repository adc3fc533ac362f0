import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import type { SyncProgress } from '../../../../core/api/contract.js';
import { applyChanges } from '../../../../renderer/src/data/apply-changes.js';
import { StatusBar } from '../../../../renderer/src/features/status/StatusBar.js';
import { account, folder, message } from '../search/fixtures.js';
import { cleanup, mount, RecordingApi, seededIndex, settle, type Unsequenced } from './harness.js';

afterEach(cleanup);

const failedDelivery = { state: 'failed' as const, reason: '550 5.1.1 no such user', lastAttemptAt: '2026-11-28T10:00:00Z' };
const queued = { state: 'queued' as const, reason: null, lastAttemptAt: null };

const world: Unsequenced[] = [
  { kind: 'account-upsert', account: account('a1') },
  { kind: 'account-upsert', account: account('a2') },
  { kind: 'folder-upsert', folder: folder('a1', 'INBOX') },
  { kind: 'folder-upsert', folder: folder('a1', 'Outbox', { role: 'outbox' }) },
  { kind: 'message-upsert', message: message('o1', 'a1/Outbox', { uid: null, delivery: failedDelivery }) },
  { kind: 'message-upsert', message: message('o2', 'a1/Outbox', { uid: null, delivery: queued }) },
];

function progress(accountId: string, extra: Partial<SyncProgress>): SyncProgress {
  return { accountId, phase: 'messages', folder: null, foldersDone: 0, foldersTotal: 0, messagesDone: 0, messagesTotal: 0, bytes: 0, error: null, ...extra };
}

function accountItem(view: HTMLElement, email: string): HTMLElement {
  const item = [...view.querySelectorAll<HTMLElement>('.status-account')].find((li) => li.textContent?.includes(email));
  if (item === undefined) throw new Error(`no status for ${email}`);
  return item;
}

describe('StatusBar', () => {
  it('lists each account, waiting until the service reports, and keeps host, version and data folder', async () => {
    const api = new RecordingApi();
    const { view } = mount(<StatusBar />, { api, db: await seededIndex(world) });
    await settle();
    const footer = view.querySelector('footer[role="contentinfo"]')!;
    expect(footer.querySelector('ul[aria-label="Accounts"]')?.children).toHaveLength(2);
    const waiting = accountItem(view, 'a1@tegami.test');
    expect(waiting.dataset['state']).toBe('waiting');
    // Not known yet: only the dot shows; the words are for screen readers and the tooltip.
    expect(waiting.querySelector('.status-state')).toBeNull();
    expect(waiting.querySelector('.status-sr-only')?.textContent).toBe('No sync reported since this window opened');
    expect(waiting.title).toBe('User a1 <a1@tegami.test>: No sync reported since this window opened');
    expect(footer.textContent).toContain('Browser (local web host) · Version 0.3.1');
    expect(footer.textContent).toContain('Data folder: /home/u/.config/tegami');
    expect(api.listenerCount()).toBe(1);
  });

  it('shows syncing with phase, folder and a progress bar, then online', async () => {
    const api = new RecordingApi();
    const { view } = mount(<StatusBar />, { api, db: await seededIndex(world) });
    await settle();
    api.emit({ type: 'sync-progress', progress: progress('a1', { folder: 'INBOX', messagesDone: 40, messagesTotal: 200 }) });
    const item = accountItem(view, 'a1@tegami.test');
    expect(item.dataset['state']).toBe('syncing');
    expect(item.textContent).toContain('Fetching messages · INBOX');
    const bar = item.querySelector('[role="progressbar"]')!;
    expect(bar.getAttribute('aria-valuenow')).toBe('40');
    expect(bar.getAttribute('aria-valuemax')).toBe('200');
    expect(bar.getAttribute('aria-label')).toBe('Sync progress of a1@tegami.test');
    expect(item.textContent).toContain('40 of 200');
    // The other account is untouched.
    expect(accountItem(view, 'a2@tegami.test').dataset['state']).toBe('waiting');

    api.emit({ type: 'sync-progress', progress: progress('a1', { phase: 'connecting' }) });
    expect(accountItem(view, 'a1@tegami.test').querySelector('[role="progressbar"]')?.hasAttribute('aria-valuenow')).toBe(false);

    api.emit({ type: 'sync-progress', progress: progress('a1', { phase: 'idle' }) });
    expect(accountItem(view, 'a1@tegami.test').dataset['state']).toBe('online');
    expect(accountItem(view, 'a1@tegami.test').querySelector('[role="progressbar"]')).toBeNull();
  });

  it('shows an error with a details link that opens the account connection log', async () => {
    const api = new RecordingApi();
    const mounted = mount(<StatusBar />, { api, db: await seededIndex(world) });
    await settle();
    api.emit({ type: 'sync-progress', progress: progress('a2', { phase: 'failed', error: { code: 'auth-failed', message: 'LOGIN refused: AUTHENTICATIONFAILED' } }) });
    const item = accountItem(mounted.view, 'a2@tegami.test');
    expect(item.dataset['state']).toBe('error');
    // What happened in the window's language; the server's own words in the tooltip.
    expect(item.querySelector('.status-error')?.textContent).toBe('The server refused the user name or password');
    expect(item.querySelector('.status-error')?.getAttribute('title')).toBe('LOGIN refused: AUTHENTICATIONFAILED');
    const details = item.querySelector<HTMLButtonElement>('button.status-details')!;
    expect(details.getAttribute('aria-label')).toBe('Details: the connection log of a2@tegami.test');
    act(() => details.click());
    expect(mounted.actions.connectionLogs).toEqual(['a2']);

    api.emit({ type: 'sync-progress', progress: progress('a2', { phase: 'failed', error: { code: 'connect-failed', message: 'ECONNREFUSED' } }) });
    expect(accountItem(mounted.view, 'a2@tegami.test').dataset['state']).toBe('offline');
  });

  it('drops the error once the account recovers: the retry keeps it, the run that succeeds clears it', async () => {
    const api = new RecordingApi();
    const { view } = mount(<StatusBar />, { api, db: await seededIndex(world) });
    await settle();
    api.emit({ type: 'sync-progress', progress: progress('a2', { phase: 'failed', error: { code: 'connect-failed', message: 'ECONNREFUSED 127.0.0.1:993' } }) });
    // The background retry, reported as the engine reports every run.
    api.emit({ type: 'sync-progress', progress: progress('a2', { phase: 'connecting' }) });
    expect(accountItem(view, 'a2@tegami.test').dataset['state']).toBe('syncing');
    expect(accountItem(view, 'a2@tegami.test').querySelector('.status-error')?.getAttribute('title')).toBe('ECONNREFUSED 127.0.0.1:993');
    api.emit({ type: 'sync-progress', progress: progress('a2', { phase: 'messages', folder: 'INBOX', foldersDone: 0, foldersTotal: 2, messagesDone: 3, messagesTotal: 3 }) });
    api.emit({ type: 'sync-progress', progress: progress('a2', { phase: 'done', foldersDone: 2, foldersTotal: 2 }) });
    const item = accountItem(view, 'a2@tegami.test');
    expect(item.dataset['state']).toBe('online');
    expect(item.querySelector('.status-error')).toBeNull();
    expect(item.querySelector('button.status-details')).toBeNull();
  });

  it('starts from where the service says each account stands, keeping a failure its retry has not yet overcome', async () => {
    const api = new RecordingApi();
    let answer: (reports: readonly SyncProgress[]) => void = () => undefined;
    api.handle('getSyncStatus', () => new Promise((resolve) => (answer = resolve)));
    const { view } = mount(<StatusBar />, { api, db: await seededIndex(world) });
    await settle();
    expect(api.argsOf('getSyncStatus')).toEqual([[]]);
    // a1 reports before the answer arrives: that event is newer than anything the answer holds.
    api.emit({ type: 'sync-progress', progress: progress('a1', { phase: 'done' }) });
    act(() =>
      answer([
        progress('a1', { phase: 'failed', error: { code: 'auth-failed', message: 'stale' } }),
        progress('a2', { phase: 'failed', error: { code: 'connect-failed', message: 'ECONNREFUSED 127.0.0.1:993' } }),
        progress('a2', { phase: 'connecting' }),
      ]),
    );
    await settle();
    expect(accountItem(view, 'a1@tegami.test').dataset['state']).toBe('online');
    expect(accountItem(view, 'a1@tegami.test').textContent).not.toContain('stale');
    const a2 = accountItem(view, 'a2@tegami.test');
    expect(a2.dataset['state']).toBe('syncing');
    expect(a2.querySelector('.status-error')?.getAttribute('title')).toBe('ECONNREFUSED 127.0.0.1:993');
    expect(a2.querySelector('button.status-details')).not.toBeNull();
  });

  it("shows what waits in each account's Outbox and highlights deliveries that failed", async () => {
    const api = new RecordingApi();
    const { view } = mount(<StatusBar />, { api, db: await seededIndex(world) });
    await settle();
    const outbox = accountItem(view, 'a1@tegami.test').querySelector<HTMLElement>('.status-outbox')!;
    expect(outbox.querySelector('.status-outbox-waiting')?.textContent).toBe('1 waiting to send');
    expect(outbox.dataset['failed']).toBe('true');
    expect(outbox.querySelector('strong')?.textContent).toBe('1 not delivered');
    expect(accountItem(view, 'a2@tegami.test').querySelector('.status-outbox')).toBeNull();
  });

  it('counts down as queued messages are sent', async () => {
    const api = new RecordingApi();
    const db = await seededIndex([
      ...world.slice(0, 4),
      { kind: 'message-upsert', message: message('o2', 'a1/Outbox', { uid: null, delivery: { state: 'queued', reason: 'Not sent yet: connect ECONNREFUSED 127.0.0.1:587', lastAttemptAt: '2026-11-28T10:05:00Z' } }) },
      { kind: 'message-upsert', message: message('o3', 'a1/Outbox', { uid: null, delivery: { state: 'queued', reason: 'Not sent yet: greeting timeout', lastAttemptAt: '2026-11-28T10:00:00Z' } }) },
      { kind: 'message-upsert', message: message('o4', 'a1/Outbox', { uid: null, delivery: { state: 'sending', reason: null, lastAttemptAt: '2026-11-28T10:10:00Z' } }) },
    ]);
    const { view } = mount(<StatusBar />, { api, db });
    await settle();
    const waiting = (): string | null | undefined => accountItem(view, 'a1@tegami.test').querySelector('.status-outbox-waiting')?.textContent;
    expect(waiting()).toBe('3 waiting to send');
    // Why they wait: the last refused attempt's reason, on hover.
    expect(accountItem(view, 'a1@tegami.test').querySelector('.status-outbox-waiting')?.getAttribute('title')).toBe('Not sent yet: connect ECONNREFUSED 127.0.0.1:587');
    await act(() => applyChanges(db, [{ kind: 'message-remove', seq: 8, folderId: 'a1/Outbox', messageId: 'o4' }]));
    await settle();
    expect(waiting()).toBe('2 waiting to send');
    await act(() => applyChanges(db, [{ kind: 'message-remove', seq: 9, folderId: 'a1/Outbox', messageId: 'o3' }]));
    await settle();
    expect(waiting()).toBe('1 waiting to send');
    await act(() => applyChanges(db, [{ kind: 'message-remove', seq: 10, folderId: 'a1/Outbox', messageId: 'o2' }]));
    await settle();
    expect(accountItem(view, 'a1@tegami.test').querySelector('.status-outbox')).toBeNull();
  });

  it('shows no Outbox when it is empty', async () => {
    const api = new RecordingApi();
    const { view } = mount(<StatusBar />, { api, db: await seededIndex(world.slice(0, 4)) });
    await settle();
    expect(view.querySelector('.status-outbox')).toBeNull();
  });

  it('shows the index catching up or rebuilding with progress, a failure, and nothing when live', async () => {
    const api = new RecordingApi();
    const db = await seededIndex(world);
    const mounted = mount(<StatusBar indexSync={{ phase: 'rebuilding', done: 300, total: 1200, error: null }} />, { api, db });
    await settle();
    const index = mounted.view.querySelector('.status-index')!;
    expect(index.textContent).toContain('Rebuilding the index');
    expect(index.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')).toBe('300');
    expect(index.textContent).toContain('300 of 1,200');

    mounted.rerender(<StatusBar indexSync={{ phase: 'failed', done: 0, total: 0, error: 'QuotaExceededError' }} />);
    expect(mounted.view.querySelector('.status-index[role="alert"]')?.textContent).toContain('QuotaExceededError');

    mounted.rerender(<StatusBar indexSync={{ phase: 'live', done: 0, total: 0, error: null }} />);
    expect(mounted.view.querySelector('.status-index')).toBeNull();
  });

  it('shows the notice as an alert', async () => {
    const api = new RecordingApi();
    const { view } = mount(<StatusBar notice="The setting could not be saved" />, { api, db: await seededIndex([]) });
    expect(view.querySelector('.status-notice[role="alert"]')?.textContent).toBe('The setting could not be saved');
  });

  it('marks accounts offline when the machine loses its network', async () => {
    const api = new RecordingApi();
    const { view } = mount(<StatusBar />, { api, db: await seededIndex(world) });
    await settle();
    api.emit({ type: 'sync-progress', progress: progress('a1', { phase: 'idle' }) });
    // An own property shadows the prototype's getter; deleting it restores the real one.
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      act(() => {
        window.dispatchEvent(new Event('offline'));
      });
      expect(accountItem(view, 'a1@tegami.test').dataset['state']).toBe('offline');
      expect(view.querySelector('.status-network')?.textContent).toContain('offline');
    } finally {
      Reflect.deleteProperty(navigator, 'onLine');
    }
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    expect(accountItem(view, 'a1@tegami.test').dataset['state']).toBe('online');
  });

  it('speaks Japanese and stops listening when unmounted', async () => {
    const api = new RecordingApi();
    const mounted = mount(<StatusBar />, { api, db: await seededIndex(world), language: 'ja' });
    await settle();
    api.emit({ type: 'sync-progress', progress: progress('a1', { folder: '受信箱', messagesDone: 1, messagesTotal: 3 }) });
    expect(mounted.view.textContent).toContain('同期中');
    expect(mounted.view.textContent).toContain('1 件が送信待ち');
    expect(mounted.view.textContent).toContain('1 件が未配送');
    expect(mounted.view.textContent).toContain('1 / 3');
    // An engine error (English, technical) is summed up in Japanese; its words stay in the tooltip.
    api.emit({ type: 'sync-progress', progress: progress('a2', { phase: 'failed', error: { code: 'tls-failed', message: 'TLS handshake with imap.tegami.test:993 failed' } }) });
    const error = accountItem(mounted.view, 'a2@tegami.test').querySelector('.status-error');
    expect(error?.textContent).toBe('暗号化された接続を確立できません');
    expect(error?.getAttribute('title')).toBe('TLS handshake with imap.tegami.test:993 failed');
    mounted.unmount();
    expect(api.listenerCount()).toBe(0);
  });
});
