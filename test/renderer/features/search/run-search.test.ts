import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { BridgeError } from '../../../../renderer/src/bridge/errors.js';
import { SERVER_SEARCH_CONCURRENCY } from '../../../../renderer/src/features/search/limits.js';
import { buildQuery, NO_FILTERS } from '../../../../renderer/src/features/search/query.js';
import { forEachLimited, runSearch, type ActiveSearch, type ServerFailure } from '../../../../renderer/src/features/search/run-search.js';
import { RecordingApi, seededIndex, type Unsequenced } from '../status/harness.js';
import { account, folder, message } from './fixtures.js';

const world: Unsequenced[] = [
  { kind: 'account-upsert', account: account('a1') },
  { kind: 'account-upsert', account: account('p1', 'pop3') },
  { kind: 'folder-upsert', folder: folder('a1', 'INBOX') },
  { kind: 'folder-upsert', folder: folder('a1', 'Archive') },
  { kind: 'folder-upsert', folder: folder('a1', 'Outbox', { role: 'outbox' }) },
  { kind: 'folder-upsert', folder: folder('p1', 'INBOX') },
  { kind: 'message-upsert', message: message('m1', 'a1/INBOX', { subject: 'Quarterly report', date: '2026-11-20T10:00:00Z' }) },
  { kind: 'message-upsert', message: message('m2', 'a1/Archive', { subject: 'Lunch plans', date: '2026-11-10T10:00:00Z', flags: [] }) },
  { kind: 'message-upsert', message: message('m3', 'a1/Archive', { subject: 'Old thing', date: '2026-10-01T10:00:00Z' }) },
  { kind: 'message-upsert', message: message('m4', 'a1/Archive', { subject: 'The report draft', date: '2026-09-01T10:00:00Z' }) },
  { kind: 'message-upsert', message: message('p1m', 'p1/INBOX', { subject: 'report from POP', date: '2026-11-21T10:00:00Z' }) },
];

const describeFailures = (failures: readonly ServerFailure[]): string => failures.map((f) => `${f.folderName}: ${f.message}`).join('; ');

async function run(api: RecordingApi, text: string, online: boolean, filters = NO_FILTERS, isCurrent: () => boolean = () => true): Promise<ActiveSearch[]> {
  const db = await seededIndex(world);
  const emitted: ActiveSearch[] = [];
  await runSearch({ api: api.api, db, online }, buildQuery(text, filters, ['a1/INBOX', 'a1/Archive', 'a1/Outbox']), (s) => emitted.push(s), isCurrent, describeFailures);
  return emitted;
}

describe('runSearch', () => {
  it('offline: answers from the index once and never asks the server', async () => {
    const api = new RecordingApi();
    const emitted = await run(api, 'report', false);
    expect(emitted).toHaveLength(1);
    expect(emitted[0]).toMatchObject({ messageIds: ['m1', 'm4'], serverPending: false, serverError: null });
    expect(api.calls).toEqual([]);
  });

  it('online but fewer than three characters: local only', async () => {
    const api = new RecordingApi();
    const emitted = await run(api, 're', true);
    expect(emitted.map((e) => e.serverPending)).toEqual([false]);
    expect(emitted[0]?.messageIds).toEqual(['m1', 'm4']);
    expect(api.calls).toEqual([]);
  });

  it('online: local results first while the server is asked, then server body matches merged after them', async () => {
    const api = new RecordingApi();
    // The server also finds m2 (the word is in its body only), m1 again, and an id the index does not know yet.
    api.handle('searchServer', (folderId) => Promise.resolve(folderId === 'a1/INBOX' ? ['m1', 'unknown-id'] : ['m2', 'm3']));
    const emitted = await run(api, 'report', true);
    expect(emitted).toHaveLength(2);
    expect(emitted[0]).toMatchObject({ messageIds: ['m1', 'm4'], serverPending: true, serverError: null });
    expect(emitted[1]).toMatchObject({ messageIds: ['m1', 'm4', 'm2', 'm3'], serverPending: false, serverError: null });
    // Only the IMAP folders in scope; not the Outbox, not the POP3 account. Inbox first.
    expect(api.argsOf('searchServer')).toEqual([['a1/INBOX', 'report'], ['a1/Archive', 'report']]);
  });

  it('applies the filters to server hits as well', async () => {
    const api = new RecordingApi();
    api.handle('searchServer', (folderId) => Promise.resolve(folderId === 'a1/Archive' ? ['m2', 'm3'] : []));
    const emitted = await run(api, 'report', true, { ...NO_FILTERS, unread: true });
    // m1 and m4 are read; of the server hits only m2 is unread.
    expect(emitted.at(-1)?.messageIds).toEqual(['m2']);
  });

  it('a failing folder is named in the error; local results and other folders stay', async () => {
    const api = new RecordingApi();
    api.handle('searchServer', (folderId) =>
      folderId === 'a1/INBOX' ? Promise.reject(new BridgeError('connect-failed', 'connection refused')) : Promise.resolve(['m2']),
    );
    const emitted = await run(api, 'report', true);
    expect(emitted.at(-1)).toMatchObject({ messageIds: ['m1', 'm4', 'm2'], serverPending: false, serverError: 'INBOX: connection refused' });
  });

  it('a search overtaken by a newer one emits nothing more', async () => {
    const api = new RecordingApi();
    api.handle('searchServer', () => Promise.resolve(['m2']));
    let current = true;
    const db = await seededIndex(world);
    const emitted: ActiveSearch[] = [];
    await runSearch({ api: api.api, db, online: true }, buildQuery('report', NO_FILTERS, ['a1/INBOX']), (s) => {
      emitted.push(s);
      current = false;
    }, () => current, describeFailures);
    expect(emitted).toHaveLength(1);
    expect(emitted[0]?.serverPending).toBe(true);
  });
});

describe('forEachLimited', () => {
  it('runs every item, never more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await forEachLimited([1, 2, 3, 4, 5, 6, 7], SERVER_SEARCH_CONCURRENCY, async (n) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 8 - n));
      done.push(n);
      running -= 1;
    });
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(SERVER_SEARCH_CONCURRENCY);
  });

  it('does nothing for no items', async () => {
    let calls = 0;
    await forEachLimited([], 3, () => {
      calls += 1;
      return Promise.resolve();
    });
    expect(calls).toBe(0);
  });
});
