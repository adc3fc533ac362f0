import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import { ShortcutsSheet } from '../../../../renderer/src/features/help/ShortcutsSheet.js';
import { cleanup, linuxInfo, mount, press, RecordingApi, seededIndex } from '../status/harness.js';

afterEach(cleanup);

/** The page's own keys are the first table, the menu accelerators the second; some commands are in both. */
function rowFor(view: HTMLElement, command: string, table: 'page' | 'menu' = 'page'): HTMLElement {
  const tables = view.querySelectorAll('table');
  const row = tables[table === 'page' ? 0 : 1]?.querySelector<HTMLElement>(`tr[data-command="${command}"]`) ?? null;
  if (row === null) throw new Error(`no row for ${command}`);
  return row;
}

describe('ShortcutsSheet', () => {
  it('is a modal dialog listing every key of the window with its action', async () => {
    const { view } = mount(<ShortcutsSheet onClose={() => undefined} />, { api: new RecordingApi(), db: await seededIndex([]) });
    const dialog = view.querySelector('[role="dialog"]')!;
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.getElementById(dialog.getAttribute('aria-labelledby')!)?.textContent).toBe('Keyboard shortcuts');
    expect(rowFor(view, 'next-message').textContent).toBe('j or ↓Next message');
    expect(rowFor(view, 'previous-message').textContent).toContain('↑');
    expect(rowFor(view, 'open-message').textContent).toContain('Enter');
    expect(rowFor(view, 'reply').textContent).toBe('rReply');
    expect(rowFor(view, 'toggle-read').textContent).toContain('m');
    expect(rowFor(view, 'toggle-flag').textContent).toContain('s');
    expect(rowFor(view, 'find').textContent).toBe('/Search');
    expect(rowFor(view, 'shortcuts').textContent).toBe('?Show this list');
    expect(rowFor(view, 'new-message', 'menu').textContent).toBe('Ctrl+NNew Message');
    expect(rowFor(view, 'send', 'menu').textContent).toContain('Ctrl+Enter');
    expect(view.querySelectorAll('caption')).toHaveLength(2);
    expect(view.textContent).toContain('Esc');
  });

  it('shows ⌘ on macOS and the labels in Japanese', async () => {
    const { view } = mount(<ShortcutsSheet onClose={() => undefined} />, { api: new RecordingApi(), db: await seededIndex([]), info: { ...linuxInfo, platform: 'darwin' }, language: 'ja' });
    expect(rowFor(view, 'reply-all', 'menu').textContent).toBe('⌘+⇧+R全員に返信');
    expect(rowFor(view, 'reply-all').textContent).toBe('a全員に返信');
    expect(rowFor(view, 'toggle-flag').textContent).toContain('スター');
    expect(view.textContent).toContain('キーボードショートカット');
  });

  it('closes with Escape and with Close, keeping focus inside meanwhile', async () => {
    let closes = 0;
    const { view } = mount(<ShortcutsSheet onClose={() => closes++} />, { api: new RecordingApi(), db: await seededIndex([]) });
    const close = [...view.querySelectorAll('button')].find((b) => b.textContent === 'Close')!;
    expect(document.activeElement).toBe(close);
    const tab = press(close, 'Tab');
    // The only control: Tab stays on it.
    expect(tab.defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(close);
    press(document, 'Escape');
    expect(closes).toBe(1);
    act(() => close.click());
    expect(closes).toBe(2);
  });
});
