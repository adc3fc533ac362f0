import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import { BridgeError } from '../../../../renderer/src/bridge/errors.js';
import { LOCAL_RESULT_LIMIT, MAX_SERVER_SEARCH_FOLDERS } from '../../../../renderer/src/features/search/limits.js';
import { SearchBar, SEARCH_INPUT_ID, type ActiveSearch } from '../../../../renderer/src/features/search/SearchBar.js';
import { cleanup, mount, press, RecordingApi, seededIndex, settle, typeInto, type Unsequenced } from '../status/harness.js';
import { account, folder, message } from './fixtures.js';

afterEach(cleanup);

const world: Unsequenced[] = [
  { kind: 'account-upsert', account: account('a1') },
  { kind: 'folder-upsert', folder: folder('a1', 'INBOX') },
  { kind: 'folder-upsert', folder: folder('a1', 'Archive') },
  { kind: 'message-upsert', message: message('m1', 'a1/INBOX', { subject: 'Quarterly report', date: '2026-11-20T10:00:00Z', flags: [] }) },
  { kind: 'message-upsert', message: message('m2', 'a1/INBOX', { subject: 'Lunch plans', date: '2026-11-10T10:00:00Z' }) },
  { kind: 'message-upsert', message: message('m3', 'a1/Archive', { subject: 'Report archive', date: '2026-10-01T10:00:00Z', flags: ['\\Seen', '\\Flagged'] }) },
  { kind: 'message-upsert', message: message('m4', 'a1/INBOX', { subject: '手紙の件', date: '2026-11-25T10:00:00Z', hasAttachments: true }) },
];

/** Waits past the debounce and lets the index and the fake server answer. */
async function afterTyping(): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 160));
  });
  await settle();
}

async function setup(options: { language?: 'en' | 'ja'; folderIds?: readonly string[] } = {}) {
  const api = new RecordingApi();
  const changes: (ActiveSearch | null)[] = [];
  const db = await seededIndex(world);
  const onChange = (search: ActiveSearch | null): void => {
    changes.push(search);
  };
  const mounted = mount(<SearchBar folderIds={options.folderIds ?? ['a1/INBOX']} onChange={onChange} />, { api, db, language: options.language ?? 'en' });
  const input = mounted.view.querySelector<HTMLInputElement>(`#${SEARCH_INPUT_ID}`)!;
  const chip = (label: string): HTMLButtonElement => [...mounted.view.querySelectorAll<HTMLButtonElement>('button.search-chip')].find((b) => b.textContent === label)!;
  return { api, changes, db, mounted, input, chip, onChange, last: () => changes.at(-1) };
}

describe('SearchBar', () => {
  it('is a search landmark whose box has the id the / key focuses', async () => {
    const { mounted, input } = await setup();
    expect(mounted.view.querySelector('[role="search"]')?.getAttribute('aria-label')).toBe('Search mail');
    expect(input.getAttribute('aria-label')).toBe('Search messages');
    expect(input.type).toBe('search');
  });

  it('searches the index as you type, once per pause, then merges the server body matches', async () => {
    const { api, changes, input, mounted } = await setup();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    api.handle('searchServer', () => gate.then(() => ['m2', 'm1']));
    typeInto(input, 'r');
    typeInto(input, 're');
    typeInto(input, 'rep');
    expect(changes).toEqual([]);
    await afterTyping();
    // Only the last text was searched: local first (pending), then the server's extra hit.
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ messageIds: ['m1'], serverPending: true });
    await act(async () => release());
    await settle();
    expect(changes.every((c) => c?.query.text === 'rep')).toBe(true);
    expect(changes.at(-1)).toMatchObject({ messageIds: ['m1', 'm2'], serverPending: false, serverError: null });
    expect(api.argsOf('searchServer')).toEqual([['a1/INBOX', 'rep']]);
    expect(mounted.view.querySelector('.search-count')?.textContent).toBe('2 found');
  });

  it('shows that the server is being asked while it answers', async () => {
    const { api, input, mounted } = await setup();
    let answer: (ids: readonly string[]) => void = () => undefined;
    api.handle('searchServer', () => new Promise((resolve) => (answer = resolve)));
    typeInto(input, 'report');
    await afterTyping();
    expect(mounted.view.querySelector('.search-pending')?.textContent).toBe('Searching message bodies on the server…');
    await act(async () => answer([]));
    await settle();
    expect(mounted.view.querySelector('.search-pending')).toBeNull();
  });

  it('keeps the local results when the server search fails and says why', async () => {
    const { api, input, mounted, last } = await setup();
    api.handle('searchServer', () => Promise.reject(new BridgeError('connect-failed', 'connection refused')));
    typeInto(input, 'report');
    await afterTyping();
    expect(last()).toMatchObject({ messageIds: ['m1'], serverPending: false, serverError: 'INBOX: Cannot reach the server (connection refused)' });
    expect(mounted.view.querySelector('[role="alert"]')?.textContent).toBe('The server search failed (INBOX: Cannot reach the server (connection refused)). The messages found here are still shown.');
  });

  it('does not ask the server of an account the status shows offline', async () => {
    const { api, input, last } = await setup();
    api.emit({
      type: 'sync-progress',
      progress: { accountId: 'a1', phase: 'failed', folder: null, foldersDone: 0, foldersTotal: 0, messagesDone: 0, messagesTotal: 0, bytes: 0, error: { code: 'connect-failed', message: 'ECONNREFUSED' } },
    });
    typeInto(input, 'report');
    await afterTyping();
    expect(api.argsOf('searchServer')).toEqual([]);
    expect(last()).toMatchObject({ messageIds: ['m1'], serverPending: false });
  });

  it('filters with toggles that apply at once, without text too', async () => {
    const { chip, last, api } = await setup();
    const unread = chip('Unread');
    act(() => unread.click());
    await settle();
    expect(unread.getAttribute('aria-pressed')).toBe('true');
    expect(last()?.query).toMatchObject({ text: '', unread: true, folderIds: ['a1/INBOX'] });
    expect(last()?.messageIds).toEqual(['m1']);
    act(() => chip('Has attachment').click());
    await settle();
    expect(last()?.messageIds).toEqual([]);
    act(() => chip('Unread').click());
    await settle();
    expect(last()?.messageIds).toEqual(['m4']);
    // No text: the server is never asked.
    expect(api.argsOf('searchServer')).toEqual([]);
  });

  it('searches all folders when asked and by date range', async () => {
    const { mounted, chip, last, api } = await setup();
    api.handle('searchServer', () => Promise.resolve([]));
    const scope = mounted.view.querySelector<HTMLSelectElement>('select.search-scope')!;
    act(() => {
      scope.value = 'all';
      scope.dispatchEvent(new Event('change', { bubbles: true }));
    });
    act(() => chip('Flagged').click());
    await settle();
    expect(last()?.query.folderIds).toBeNull();
    expect(last()?.messageIds).toEqual(['m3']);

    act(() => chip('Flagged').click());
    const [since, until] = [...mounted.view.querySelectorAll<HTMLInputElement>('input[type="date"]')];
    typeInto(since!, '2026-11-01');
    typeInto(until!, '2026-11-21');
    await settle();
    expect(last()?.messageIds).toEqual(['m1', 'm2']);
    typeInto(since!, '2026-11-22');
    await settle();
    expect(mounted.view.textContent).toContain('“Since” is after “Until”, so nothing can match.');
    expect(last()?.messageIds).toEqual([]);
  });

  it('follows another folder when the scope is "this folder"', async () => {
    const { mounted, input, last, api, onChange } = await setup();
    api.handle('searchServer', () => Promise.resolve([]));
    typeInto(input, 'report');
    await afterTyping();
    expect(last()?.messageIds).toEqual(['m1']);
    mounted.rerender(<SearchBar folderIds={['a1/Archive']} onChange={onChange} />);
    await settle();
    expect(last()?.query.folderIds).toEqual(['a1/Archive']);
    expect(last()?.messageIds).toEqual(['m3']);
  });

  it('Escape clears text and filters and ends the search; a second Escape leaves the box', async () => {
    const { input, chip, last, changes, api } = await setup();
    api.handle('searchServer', () => Promise.resolve([]));
    act(() => input.focus());
    typeInto(input, 'report');
    act(() => chip('Unread').click());
    await afterTyping();
    const count = changes.length;
    press(input, 'Escape');
    await settle();
    expect(input.value).toBe('');
    expect(chip('Unread').getAttribute('aria-pressed')).toBe('false');
    expect(changes.length).toBe(count + 1);
    expect(last()).toBeNull();
    expect(document.activeElement).toBe(input);
    press(input, 'Escape');
    expect(document.activeElement).not.toBe(input);
  });

  it('leaves Escape to the input method while it composes', async () => {
    const { input, last, api } = await setup({ language: 'ja' });
    api.handle('searchServer', () => Promise.resolve([]));
    typeInto(input, '手紙');
    await afterTyping();
    press(input, 'Escape', { isComposing: true });
    await settle();
    expect(input.value).toBe('手紙');
    expect(last()?.messageIds).toEqual(['m4']);
  });

  it('finds Japanese text and speaks Japanese', async () => {
    const { input, last, mounted, api } = await setup({ language: 'ja' });
    api.handle('searchServer', () => Promise.resolve([]));
    typeInto(input, '手紙');
    await afterTyping();
    expect(last()?.messageIds).toEqual(['m4']);
    expect(mounted.view.querySelector('.search-count')?.textContent).toBe('1 件');
    expect(mounted.view.textContent).toContain('未読');
  });

  it('says when the server was asked in only part of many folders', async () => {
    const api = new RecordingApi();
    api.handle('searchServer', () => Promise.resolve([]));
    const lists: Unsequenced[] = Array.from({ length: MAX_SERVER_SEARCH_FOLDERS + 3 }, (_, i) => ({ kind: 'folder-upsert', folder: folder('a1', `List${i}`) }));
    const { view } = mount(<SearchBar folderIds={['a1/INBOX']} onChange={() => undefined} />, { api, db: await seededIndex([...world, ...lists]) });
    const scope = view.querySelector<HTMLSelectElement>('select.search-scope')!;
    act(() => {
      scope.value = 'all';
      scope.dispatchEvent(new Event('change', { bubbles: true }));
    });
    typeInto(view.querySelector<HTMLInputElement>(`#${SEARCH_INPUT_ID}`)!, 'report');
    await afterTyping();
    // INBOX, Archive and the lists qualify; the inbox is among those asked.
    expect(api.argsOf('searchServer')).toHaveLength(MAX_SERVER_SEARCH_FOLDERS);
    expect(api.argsOf('searchServer')[0]).toEqual(['a1/INBOX', 'report']);
    expect(view.querySelector('.search-limited')?.textContent).toBe(
      `Message bodies were searched on the server in ${MAX_SERVER_SEARCH_FOLDERS} of ${MAX_SERVER_SEARCH_FOLDERS + 5} folders (inboxes first).`,
    );
  });

  it('says when only the newest results are shown', async () => {
    const api = new RecordingApi();
    const bulk: Unsequenced[] = Array.from({ length: LOCAL_RESULT_LIMIT + 1 }, (_, i) => ({ kind: 'message-upsert', message: message(`bulk${i}`, 'a1/INBOX', { flags: [] }) }));
    const { view } = mount(<SearchBar folderIds={['a1/INBOX']} onChange={() => undefined} />, { api, db: await seededIndex([...world, ...bulk]) });
    const unread = [...view.querySelectorAll<HTMLButtonElement>('button.search-chip')].find((b) => b.textContent === 'Unread')!;
    act(() => unread.click());
    const count = (): string | null | undefined => view.querySelector('.search-count')?.textContent;
    // A thousand rows through fake-indexeddb take a moment; settle (inside act) until they are in.
    for (let round = 0; round < 200 && count() === undefined; round++) await settle();
    expect(count()).toBe('The newest 1,000 shown; narrow the search to see older ones');
  });

  it('reports nothing after it is gone', async () => {
    const { input, changes, mounted } = await setup();
    typeInto(input, 'report');
    mounted.unmount();
    await afterTyping();
    expect(changes).toEqual([]);
  });
});
