// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- electron/common/shortcuts.ts is pure (no Electron, no DOM, no Node): the one table the native menus and the page share.
import { SHORTCUTS, type ShortcutEntry } from '../../../../electron/common/shortcuts.js';
import type { WindowCommand } from '../../app/keymap.js';

/**
 * What the shortcuts sheet lists: the page's own single keys (app/keymap.ts handles them) and
 * every accelerator of the shared menu table (electron/common/shortcuts.ts), spelled the way the
 * platform's keyboard labels them (⌘ ⇧ ⌥ on macOS).
 */

/** One key combination as key caps, e.g. ['Ctrl', 'Shift', 'R']. */
export type KeyCaps = readonly string[];

export type PageKeyId = 'next' | 'previous' | 'open' | 'reply' | 'replyAll' | 'forward' | 'delete' | 'toggleRead' | 'toggleFlag' | 'search' | 'help';

export interface PageKey {
  readonly id: PageKeyId;
  /** The command app/keymap.ts maps the first key to (the test holds the two together). */
  readonly command: WindowCommand;
  /** Alternatives: any one of them does it. Each is the DOM KeyboardEvent.key that is pressed. */
  readonly keys: readonly string[];
}

export const PAGE_KEYS: readonly PageKey[] = [
  { id: 'next', command: 'next-message', keys: ['j', 'ArrowDown'] },
  { id: 'previous', command: 'previous-message', keys: ['k', 'ArrowUp'] },
  { id: 'open', command: 'open-message', keys: ['Enter'] },
  { id: 'reply', command: 'reply', keys: ['r'] },
  { id: 'replyAll', command: 'reply-all', keys: ['a'] },
  { id: 'forward', command: 'forward', keys: ['f'] },
  { id: 'delete', command: 'delete-message', keys: ['Delete'] },
  { id: 'toggleRead', command: 'toggle-read', keys: ['m'] },
  { id: 'toggleFlag', command: 'toggle-flag', keys: ['s'] },
  { id: 'search', command: 'find', keys: ['/'] },
  { id: 'help', command: 'shortcuts', keys: ['?'] },
];

/** Key names as keyboards print them; letters and symbols stand for themselves. */
const KEY_CAPS: Readonly<Record<string, { readonly mac: string; readonly other: string }>> = {
  ArrowDown: { mac: '↓', other: '↓' },
  ArrowUp: { mac: '↑', other: '↑' },
  Enter: { mac: '↩', other: 'Enter' },
  Return: { mac: '↩', other: 'Enter' },
  Delete: { mac: '⌦', other: 'Delete' },
  Backspace: { mac: '⌫', other: 'Backspace' },
  Escape: { mac: 'Esc', other: 'Esc' },
  Space: { mac: 'Space', other: 'Space' },
  Plus: { mac: '+', other: '+' },
};

const MODIFIER_CAPS: Readonly<Record<string, { readonly mac: string; readonly other: string }>> = {
  cmdorctrl: { mac: '⌘', other: 'Ctrl' },
  commandorcontrol: { mac: '⌘', other: 'Ctrl' },
  shift: { mac: '⇧', other: 'Shift' },
  alt: { mac: '⌥', other: 'Alt' },
  option: { mac: '⌥', other: 'Alt' },
};

export function keyCap(key: string, mac: boolean): string {
  const named = KEY_CAPS[key];
  if (named !== undefined) return mac ? named.mac : named.other;
  return key;
}

/** "CmdOrCtrl+Shift+R" → ['⌘', '⇧', 'R'] on macOS, ['Ctrl', 'Shift', 'R'] elsewhere. */
export function acceleratorCaps(accelerator: string, mac: boolean): KeyCaps {
  // "CmdOrCtrl++" names the plus key: the last part is the key even when it is empty.
  const parts = accelerator.split('+');
  let key = parts.pop() ?? '';
  if (key === '' && parts.at(-1) === '') {
    parts.pop();
    key = '+';
  }
  const modifiers = parts.map((part) => {
    const cap = MODIFIER_CAPS[part.toLowerCase()];
    if (cap === undefined) throw new Error(`Unsupported modifier "${part}" in ${accelerator}.`);
    return mac ? cap.mac : cap.other;
  });
  return [...modifiers, keyCap(key.length === 1 ? key.toUpperCase() : key, mac)];
}

export interface CommandKey {
  readonly entry: ShortcutEntry;
  readonly caps: KeyCaps;
}

/** Every menu command that has an accelerator, in the menu table's order. */
export function commandKeys(mac: boolean): readonly CommandKey[] {
  return SHORTCUTS.filter((entry) => entry.accelerator !== undefined).map((entry) => ({ entry, caps: acceleratorCaps(entry.accelerator!, mac) }));
}
