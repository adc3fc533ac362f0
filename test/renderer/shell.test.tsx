import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { act, useMemo, useReducer } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { SettingsPatch } from '../../core/api/contract.js';
import { MailContext } from '../../renderer/src/app/mail-context.js';
import { Shell } from '../../renderer/src/app/Shell.js';
import { windowActions } from '../../renderer/src/app/window-actions.js';
import { INITIAL_WINDOW_STATE, windowReducer, type WindowState } from '../../renderer/src/app/window-state.js';
import type { TegamiIndex } from '../../renderer/src/data/db.js';
import { translator, type Language } from '../../renderer/src/i18n/catalogs.js';
import { I18nContext } from '../../renderer/src/i18n/context.js';
import { changesFor, fakeHost, fill, folder, freshIndex, INFO, SETTINGS, settle, summary, waitFor, type FakeHost } from './app/mail-harness.js';

let root: Root | undefined;
let container: HTMLElement | undefined;
let index: TegamiIndex | undefined;
let lastState: WindowState = INITIAL_WINDOW_STATE;

function Window({ host, db, language, onSettings }: { host: FakeHost; db: TegamiIndex; language: Language; onSettings: (patch: SettingsPatch) => void }) {
  const [state, dispatch] = useReducer(windowReducer, INITIAL_WINDOW_STATE);
  lastState = state;
  const t = useMemo(() => translator(language), [language]);
  const actions = useMemo(() => windowActions(dispatch, db, t), [db, t]);
  return (
    <I18nContext.Provider value={{ language, t }}>
      <MailContext.Provider value={{ api: host.api, info: INFO, db, settings: SETTINGS, updateSettings: onSettings, actions }}>
        <Shell state={state} dispatch={dispatch} systemLanguage="en" indexSync={null} />
      </MailContext.Provider>
    </I18nContext.Provider>
  );
}

async function render(options: { language?: Language; mail?: boolean } = {}) {
  const host = fakeHost();
  host.answer('listAccounts', () => []);
  const db = freshIndex();
  index = db;
  if (options.mail === true) {
    await fill(
      db,
      changesFor(
        [folder('INBOX', 'inbox', 2, 3), folder('Archive', 'archive', 0, 0)],
        [
          summary('m1', 'acct/INBOX', 'Lunch on Friday', { date: '2024-05-03T10:00:00Z' }),
          summary('m2', 'acct/INBOX', '会議の議事録', { date: '2024-05-02T10:00:00Z', hasAttachments: true }),
          summary('m3', 'acct/INBOX', 'Already read', { date: '2024-05-01T10:00:00Z', flags: ['\\Seen'] }),
        ],
      ),
    );
  }
  const patches: SettingsPatch[] = [];
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root!.render(<Window host={host} db={db} language={options.language ?? 'en'} onSettings={(p) => patches.push(p)} />));
  await settle();
  return { host, db, view: container, patches };
}

const row = (view: HTMLElement, id: string) => view.querySelector<HTMLElement>(`[data-message-id="${id}"]`);
const press = (target: EventTarget, key: string, init: KeyboardEventInit = {}) =>
  act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
  });

afterEach(() => {
  act(() => root?.unmount());
  container?.remove();
  index?.close();
});

describe('Shell without an account', () => {
  it('has banner, folder navigation, message list, reader main and status landmarks, and the first-run screen', async () => {
    const { view } = await render();
    expect(view.querySelector('header[role="banner"]')).not.toBeNull();
    expect(view.querySelector('nav')?.textContent).toContain('Folders');
    expect(view.querySelector('section.pane-list')?.textContent).toContain('No messages to show.');
    expect(view.querySelector('main')?.getAttribute('aria-label')).toBe('Reader');
    expect(view.querySelector('footer[role="contentinfo"]')).not.toBeNull();
    expect(view.querySelector('h1')?.textContent).toBe('No account yet — add one');
    const reply = [...view.querySelectorAll<HTMLButtonElement>('[role="toolbar"] button')].find((b) => b.textContent === 'Reply')!;
    expect(reply.disabled).toBe(true);
  });

  it('opens the account wizard from Add account', async () => {
    const { view } = await render();
    const button = [...view.querySelectorAll('button')].find((b) => b.textContent === 'Add account');
    act(() => button!.click());
    await settle(2);
    const dialog = view.querySelector('[role="dialog"]');
    expect(dialog?.getAttribute('aria-modal')).toBe('true');
    expect(dialog?.textContent).toContain('Add a mail account');
    expect(lastState.wizard).toBe(true);
    press(document.body, 'Escape');
    await settle(2);
    expect(lastState.wizard).toBe(false);
    expect(view.querySelector('[role="dialog"]')).toBeNull();
  });

  it('renders Japanese and reports language and theme changes as settings patches', async () => {
    const { view, patches } = await render({ language: 'ja' });
    expect(view.querySelector('h1')?.textContent).toBe('アカウントがまだありません — 追加してください');
    const language = view.querySelector<HTMLSelectElement>('[data-testid="language-select"]')!;
    const theme = view.querySelector<HTMLSelectElement>('[data-testid="theme-select"]')!;
    act(() => {
      language.value = 'en';
      language.dispatchEvent(new Event('change', { bubbles: true }));
    });
    act(() => {
      theme.value = 'dark';
      theme.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(patches).toEqual([{ language: 'en' }, { theme: 'dark' }]);
  });
});

describe('Shell with mail', () => {
  it('shows the unified Inbox, opens a clicked message in the reader and marks it read after the dwell', async () => {
    const { view, host } = await render({ mail: true });
    await waitFor(() => row(view, 'm1'), 'the Inbox rows');
    expect(row(view, 'm1')!.classList.contains('unread')).toBe(true);
    expect(row(view, 'm3')!.classList.contains('unread')).toBe(false);
    host.answer('setFlags', () => undefined);
    await act(async () => {
      row(view, 'm1')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
    await waitFor(() => host.calls.some((c) => c.method === 'getMessage' && c.args[0] === 'm1'), 'the reader asking for m1');
    await waitFor(() => host.calls.find((c) => c.method === 'setFlags'), 'mark read', 3000);
    expect(host.calls.find((c) => c.method === 'setFlags')!.args).toEqual([['m1'], { add: ['\\Seen'], remove: [] }]);
    // Shown read at once, before the index has heard back.
    await waitFor(() => !row(view, 'm1')!.classList.contains('unread'), 'm1 shown read');
  });

  it('runs single-key shortcuts, but not while typing in the search field', async () => {
    const { view, host } = await render({ mail: true });
    await waitFor(() => row(view, 'm2'), 'the Inbox rows');
    host.answer('setFlags', () => undefined);
    press(document.body, 'j');
    await waitFor(() => lastState.selection.ids.has('m1'), 'j selects the first message');
    press(document.body, 'j');
    await waitFor(() => lastState.selection.ids.has('m2'), 'j moves to the second');
    press(document.body, 's');
    await waitFor(() => host.calls.find((c) => c.method === 'setFlags' && JSON.stringify(c.args[1]).includes('Flagged')), 's stars');
    const starCalls = () => host.calls.filter((c) => c.method === 'setFlags' && JSON.stringify(c.args[1]).includes('Flagged')).length;
    expect(starCalls()).toBe(1);

    const search = view.querySelector<HTMLInputElement>('input[type="search"], #search-input')!;
    expect(search).not.toBeNull();
    act(() => search.focus());
    press(search, 's');
    press(search, 'j');
    await settle(2);
    expect(starCalls()).toBe(1);
    expect(lastState.selection.ids.has('m2')).toBe(true);

    press(document.body, '?', { shiftKey: true });
    await settle(2);
    expect(lastState.shortcuts).toBe(true);
    const sheet = view.querySelector('[role="dialog"]')!;
    expect(sheet.textContent).toContain('Ctrl');
    press(document.activeElement ?? document.body, 'Escape');
    await settle(2);
    expect(lastState.shortcuts).toBe(false);

    press(document.body, '/');
    press(document.body, 'n', { ctrlKey: true });
    await settle(2);
    expect(lastState.composer).toEqual({ mode: 'new', accountId: null, request: null });
    expect(view.querySelector('.composer-panel[role="dialog"]')).not.toBeNull();
  });

  it('follows the host: menu commands, mailto: requests and notification clicks', async () => {
    const { view, host } = await render({ mail: true });
    await waitFor(() => row(view, 'm3'), 'the Inbox rows');
    expect(lastState.threaded).toBe(true);
    act(() => host.emit({ type: 'command', command: 'toggle-threads' }));
    expect(lastState.threaded).toBe(false);
    act(() => host.emit({ type: 'show-message', messageId: 'm3' }));
    await waitFor(() => lastState.selection.ids.has('m3'), 'm3 shown');
    expect(lastState.folder).toEqual({ kind: 'unified' });
    const request = { to: [{ name: '', address: 'bob@tegami.test' }], cc: [], bcc: [], subject: 'Hi', body: '', inReplyTo: null };
    act(() => host.emit({ type: 'compose', request }));
    expect(lastState.composer).toEqual({ mode: 'new', accountId: null, request });
  });

  it('shows a failed change as it was and says why', async () => {
    const { view, host } = await render({ mail: true });
    await waitFor(() => row(view, 'm3'), 'the Inbox rows');
    let fail: (reason: unknown) => void = () => undefined;
    host.answer('setFlags', () => new Promise((_resolve, reject) => (fail = reject)));
    await act(async () => {
      row(view, 'm3')!.querySelector<HTMLButtonElement>('.star')!.click();
    });
    await waitFor(() => row(view, 'm3')!.querySelector('.star')!.getAttribute('aria-pressed') === 'true', 'the star shown at once');
    await act(async () => fail({ code: 'offline', message: 'The server cannot be reached.' }));
    await waitFor(() => row(view, 'm3')!.querySelector('.star')!.getAttribute('aria-pressed') === 'false', 'the star removed again');
    expect(view.querySelector('footer')?.textContent).toContain('The change could not be saved: Not connected to the server (The server cannot be reached.)');
  });

  it('deletes the selection with the Delete key: struck through at once, gone from the selection once the index drops it', async () => {
    const { view, host, db } = await render({ mail: true });
    await waitFor(() => row(view, 'm2'), 'the Inbox rows');
    let confirm: () => void = () => undefined;
    host.answer('deleteMessages', () => new Promise<void>((resolve) => (confirm = resolve)));
    await act(async () => {
      row(view, 'm2')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
    await waitFor(() => lastState.selection.ids.has('m2'), 'm2 selected');
    press(document.body, 'Delete');
    await waitFor(() => row(view, 'm2')!.classList.contains('leaving'), 'm2 shown leaving');
    expect(host.calls.find((c) => c.method === 'deleteMessages')!.args).toEqual([['m2'], false]);
    // The service answers, then the journal's removal reaches the index.
    await act(async () => confirm());
    await fill(db, [{ kind: 'message-remove', seq: 50, folderId: 'acct/INBOX', messageId: 'm2' }]);
    await waitFor(() => row(view, 'm2') === null, 'm2 gone from the list');
    await waitFor(() => lastState.selection.ids.size === 0, 'the selection emptied');
  });

  it('leaves Enter to a focused button instead of opening a message', async () => {
    const { view } = await render({ mail: true });
    await waitFor(() => row(view, 'm1'), 'the Inbox rows');
    press(document.body, 'j');
    await waitFor(() => lastState.selection.ids.has('m1'), 'm1 selected');
    const help = view.querySelector<HTMLButtonElement>('button[aria-label="Keyboard shortcuts"]')!;
    act(() => help.focus());
    const event = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
    act(() => {
      help.dispatchEvent(event);
    });
    // Not taken by the window's shortcut: the browser's own activation of the button goes ahead.
    expect(event.defaultPrevented).toBe(false);
    expect(lastState.selection.ids.has('m1')).toBe(true);
  });
});

