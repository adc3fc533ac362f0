import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { BridgeError } from '../../../../renderer/src/bridge/errors.js';
import { FIRST_SCREEN_RESULTS, SERVER_SEARCH_CONCURRENCY } from '../../../../renderer/src/features/search/limits.js';
import { buildQuery, NO_FILTERS } from '../../../../renderer/src/features/search/query.js';
import { applyChanges } from '../../../../renderer/src/data/apply-changes.js';
import { forEachLimited, SearchRun, type ActiveSearch, type SearchDeps, type ServerFailure } from '../../../../renderer/src/features/search/run-search.js';
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

interface Run {
  readonly emitted: ActiveSearch[];
  readonly localFailures: string[];
  readonly search: SearchRun;
}

function begin(deps: SearchDeps, text: string, filters = NO_FILTERS, folderIds: readonly string[] = ['a1/INBOX', 'a1/Archive', 'a1/Outbox']): Run {
  const emitted: ActiveSearch[] = [];
  const localFailures: string[] = [];
  const search = new SearchRun(deps, buildQuery(text, filters, folderIds), { emit: (s) => emitted.push(s), localFailed: (m) => localFailures.push(m), describeFailure: describeFailures });
  return { emitted, localFailures, search };
}

async function run(api: RecordingApi, text: string, online: boolean, filters = NO_FILTERS, unreachable: readonly string[] = []): Promise<ActiveSearch[]> {
  const db = await seededIndex(world);
  const { emitted, search } = begin({ api: api.api, db, online, unreachableAccounts: new Set(unreachable) }, text, filters);
  await search.settled;
  search.stop();
  return emitted;
}

describe('SearchRun', () => {
  it('offline: answers from the index once and never asks the server', async () => {
    const api = new RecordingApi();
    const emitted = await run(api, 'report', false);
    expect(emitted).toHaveLength(1);
    expect(emitted[0]).toMatchObject({ messageIds: ['m1', 'm4'], localComplete: true, serverPending: false, serverError: null });
    expect(api.calls).toEqual([]);
  });

  it('shows the newest first screen of a large result at once, then the whole result', async () => {
    const many: Unsequenced[] = Array.from({ length: FIRST_SCREEN_RESULTS * 3 }, (_, i) => ({
      kind: 'message-upsert',
      message: message(`w${i}`, 'a1/INBOX', { subject: `Weekly digest ${i}`, date: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString() }),
    }));
    const db = await seededIndex([...world, ...many]);
    const { emitted, search } = begin({ api: new RecordingApi().api, db, online: false, unreachableAccounts: new Set() }, 'digest');
    await search.settled;
    search.stop();
    expect(emitted.map((e) => [e.messageIds.length, e.localComplete])).toEqual([
      [FIRST_SCREEN_RESULTS, false],
      [FIRST_SCREEN_RESULTS * 3, true],
    ]);
    // Newest first in both, the first screen being the start of the whole.
    expect(emitted[0]?.messageIds[0]).toBe(`w${FIRST_SCREEN_RESULTS * 3 - 1}`);
    expect(emitted[1]?.messageIds.slice(0, FIRST_SCREEN_RESULTS)).toEqual(emitted[0]?.messageIds);
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
    // The server answers only when the test says so (a real server is slower than the index).
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The server also finds m2 (the word is in its body only), m1 again, and an id the index does not know yet.
    api.handle('searchServer', (folderId) => gate.then(() => (folderId === 'a1/INBOX' ? ['m1', 'unknown-id'] : ['m2', 'm3'])));
    const db = await seededIndex(world);
    const { emitted, search } = begin({ api: api.api, db, online: true, unreachableAccounts: new Set() }, 'report');
    await vi.waitFor(() => expect(emitted).toHaveLength(1));
    expect(emitted[0]).toMatchObject({ messageIds: ['m1', 'm4'], serverPending: true, serverError: null });
    release();
    await search.settled;
    search.stop();
    expect(emitted).toHaveLength(2);
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

  it('does not ask the server of an account known to be unreachable', async () => {
    const api = new RecordingApi();
    const emitted = await run(api, 'report', true, NO_FILTERS, ['a1']);
    expect(api.calls).toEqual([]);
    expect(emitted.at(-1)).toMatchObject({ messageIds: ['m1', 'm4'], serverPending: false, serverError: null });
  });

  it('stays live: mail that arrives and matches joins the results, server hits stay after the local ones', async () => {
    const api = new RecordingApi();
    api.handle('searchServer', (folderId) => Promise.resolve(folderId === 'a1/Archive' ? ['m2'] : []));
    const db = await seededIndex(world);
    const { emitted, search } = begin({ api: api.api, db, online: true, unreachableAccounts: new Set() }, 'report');
    await search.settled;
    expect(emitted.at(-1)?.messageIds).toEqual(['m1', 'm4', 'm2']);
    await applyChanges(db, [{ kind: 'message-upsert', seq: 100, message: message('m9', 'a1/INBOX', { subject: 'Another report', date: '2026-11-27T10:00:00Z' }) }]);
    await vi.waitFor(() => expect(emitted.at(-1)?.messageIds).toEqual(['m9', 'm1', 'm4', 'm2']));
    expect(emitted.at(-1)?.serverPending).toBe(false);
    search.stop();
    const count = emitted.length;
    await applyChanges(db, [{ kind: 'message-upsert', seq: 101, message: message('m10', 'a1/INBOX', { subject: 'Yet another report' }) }]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(emitted).toHaveLength(count);
  });

  it('a stopped search emits nothing more, not even the server answer', async () => {
    const api = new RecordingApi();
    let answer: (ids: readonly string[]) => void = () => undefined;
    api.handle('searchServer', () => new Promise((resolve) => (answer = resolve)));
    const db = await seededIndex(world);
    const { emitted, search } = begin({ api: api.api, db, online: true, unreachableAccounts: new Set() }, 'report', NO_FILTERS, ['a1/INBOX']);
    await vi.waitFor(() => expect(emitted).toHaveLength(1));
    expect(emitted[0]?.serverPending).toBe(true);
    search.stop();
    answer(['m2']);
    await search.settled;
    expect(emitted).toHaveLength(1);
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
