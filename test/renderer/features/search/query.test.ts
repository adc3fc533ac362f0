import { describe, expect, it } from 'vitest';
import { indexedMessage } from '../../../../renderer/src/data/derive.js';
import { MAX_SERVER_SEARCH_FOLDERS } from '../../../../renderer/src/features/search/limits.js';
import {
  buildQuery, dateRangeInverted, dayEnd, dayStart, isActiveQuery, matchesFilters, mergeResultIds, NO_FILTERS, serverHits, serverSearchFolders, wantsServerSearch,
} from '../../../../renderer/src/features/search/query.js';
import { account, folder, message } from './fixtures.js';

describe('date inputs', () => {
  it('read a YYYY-MM-DD value as local midnight and the last millisecond of that day', () => {
    expect(dayStart('2026-11-28')).toBe(new Date(2026, 10, 28).getTime());
    expect(dayEnd('2026-11-28')).toBe(new Date(2026, 10, 29).getTime() - 1);
  });

  it('refuse empty, malformed and impossible dates instead of rolling them over', () => {
    expect(dayStart('')).toBeNull();
    expect(dayStart('28/11/2026')).toBeNull();
    expect(dayStart('2026-02-30')).toBeNull();
    expect(dayEnd('2026-13-01')).toBeNull();
  });

  it('notice a range whose start is after its end', () => {
    expect(dateRangeInverted({ ...NO_FILTERS, since: '2026-11-28', until: '2026-11-01' })).toBe(true);
    expect(dateRangeInverted({ ...NO_FILTERS, since: '2026-11-28', until: '2026-11-28' })).toBe(false);
    expect(dateRangeInverted({ ...NO_FILTERS, since: '2026-11-28' })).toBe(false);
  });
});

describe('buildQuery', () => {
  it('scopes to the current folders or to all, and trims the text', () => {
    const current = buildQuery('  tegami  ', NO_FILTERS, ['a1/INBOX', 'a2/INBOX']);
    expect(current).toEqual({ text: 'tegami', unread: false, flagged: false, hasAttachment: false, folderIds: ['a1/INBOX', 'a2/INBOX'], since: null, until: null });
    const all = buildQuery('x', { ...NO_FILTERS, scope: 'all', unread: true, since: '2026-11-01', until: '2026-11-30' }, ['a1/INBOX']);
    expect(all.folderIds).toBeNull();
    expect(all.unread).toBe(true);
    expect(all.since).toBe(new Date(2026, 10, 1).getTime());
    expect(all.until).toBe(new Date(2026, 11, 1).getTime() - 1);
  });

  it('is no search without text or a filter; the scope alone narrows nothing', () => {
    expect(isActiveQuery(buildQuery('   ', NO_FILTERS, ['f']))).toBe(false);
    expect(isActiveQuery(buildQuery('', { ...NO_FILTERS, scope: 'all' }, ['f']))).toBe(false);
    expect(isActiveQuery(buildQuery('', { ...NO_FILTERS, flagged: true }, ['f']))).toBe(true);
    expect(isActiveQuery(buildQuery('', { ...NO_FILTERS, until: '2026-01-01' }, ['f']))).toBe(true);
    expect(isActiveQuery(buildQuery('a', NO_FILTERS, ['f']))).toBe(true);
  });
});

describe('wantsServerSearch', () => {
  it('asks the server only online and from three characters, counting kanji as one each', () => {
    expect(wantsServerSearch(buildQuery('ab', NO_FILTERS, []), true)).toBe(false);
    expect(wantsServerSearch(buildQuery('abc', NO_FILTERS, []), true)).toBe(true);
    expect(wantsServerSearch(buildQuery('abc', NO_FILTERS, []), false)).toBe(false);
    expect(wantsServerSearch(buildQuery('手紙だ', NO_FILTERS, []), true)).toBe(true);
    expect(wantsServerSearch(buildQuery('𠮷野', NO_FILTERS, []), true)).toBe(false);
  });
});

describe('matchesFilters', () => {
  const unreadFlagged = indexedMessage(message('m1', 'a1/INBOX', { flags: ['\\Flagged'], hasAttachments: true, date: '2026-11-15T12:00:00Z' }));
  const readPlain = indexedMessage(message('m2', 'a1/Archive', { date: '2026-10-01T12:00:00Z' }));

  it('applies each flag filter', () => {
    const base = buildQuery('', NO_FILTERS, ['a1/INBOX', 'a1/Archive']);
    expect(matchesFilters(readPlain, base)).toBe(true);
    expect(matchesFilters(readPlain, { ...base, unread: true })).toBe(false);
    expect(matchesFilters(unreadFlagged, { ...base, unread: true, flagged: true, hasAttachment: true })).toBe(true);
    expect(matchesFilters(readPlain, { ...base, flagged: true })).toBe(false);
    expect(matchesFilters(readPlain, { ...base, hasAttachment: true })).toBe(false);
  });

  it('applies the folder scope and the date range', () => {
    expect(matchesFilters(readPlain, buildQuery('', NO_FILTERS, ['a1/INBOX']))).toBe(false);
    expect(matchesFilters(readPlain, buildQuery('', { ...NO_FILTERS, scope: 'all' }, ['a1/INBOX']))).toBe(true);
    const november = buildQuery('', { ...NO_FILTERS, scope: 'all', since: '2026-11-01', until: '2026-11-30' }, []);
    expect(matchesFilters(unreadFlagged, november)).toBe(true);
    expect(matchesFilters(readPlain, november)).toBe(false);
  });
});

describe('serverSearchFolders', () => {
  const accounts = [account('a1'), account('p1', 'pop3')];
  const folders = [
    folder('a1', 'Archive'),
    folder('a1', 'INBOX'),
    folder('a1', 'Outbox', { role: 'outbox' }),
    folder('a1', 'Lists', { selectable: false }),
    folder('p1', 'INBOX'),
  ];

  it('asks only selectable IMAP folders in scope, never the Outbox or POP3, inboxes first', () => {
    const all = serverSearchFolders(buildQuery('abc', { ...NO_FILTERS, scope: 'all' }, []), folders, accounts);
    expect(all).toEqual({ folderIds: ['a1/INBOX', 'a1/Archive'], truncated: false, eligible: 2 });
    const current = serverSearchFolders(buildQuery('abc', NO_FILTERS, ['a1/Archive', 'p1/INBOX']), folders, accounts);
    expect(current.folderIds).toEqual(['a1/Archive']);
  });

  it('caps the number of folders and says so', () => {
    const many = Array.from({ length: MAX_SERVER_SEARCH_FOLDERS + 5 }, (_, i) => folder('a1', `F${i}`));
    const choice = serverSearchFolders(buildQuery('abc', { ...NO_FILTERS, scope: 'all' }, []), many, accounts);
    expect(choice.folderIds).toHaveLength(MAX_SERVER_SEARCH_FOLDERS);
    expect(choice.truncated).toBe(true);
    expect(choice.eligible).toBe(MAX_SERVER_SEARCH_FOLDERS + 5);
  });
});

describe('merging', () => {
  it('keeps local order first, then server hits not already there, each id once', () => {
    expect(mergeResultIds(['b', 'a'], ['c', 'a', 'd', 'c'])).toEqual(['b', 'a', 'c', 'd']);
    expect(mergeResultIds([], ['x'])).toEqual(['x']);
    expect(mergeResultIds(['x'], [])).toEqual(['x']);
  });

  it('keeps server hits the index knows and the filters pass, newest first', () => {
    const older = indexedMessage(message('old', 'a1/INBOX', { date: '2026-01-01T00:00:00Z', flags: [] }));
    const newer = indexedMessage(message('new', 'a1/INBOX', { date: '2026-06-01T00:00:00Z', flags: [] }));
    const read = indexedMessage(message('read', 'a1/INBOX', { date: '2026-07-01T00:00:00Z' }));
    const query = buildQuery('abc', { ...NO_FILTERS, unread: true }, ['a1/INBOX']);
    expect(serverHits([older, undefined, read, newer], query).map((m) => m.id)).toEqual(['new', 'old']);
  });
});
