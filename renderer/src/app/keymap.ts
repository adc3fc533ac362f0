// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- electron/common/shortcuts.ts is pure (no Electron, no DOM, no Node): the one table the native menus and the page share.
import { commandForKeyPress, type AppCommand, type KeyPress } from '../../../electron/common/shortcuts.js';

/**
 * What a key press in the mail window means. The single-key shortcuts (j/k, r/a/f, m, s, /, ?)
 * belong to the page; modified ones come from the table the native menus show
 * (electron/common/shortcuts.ts), so a key never means one thing in the menu and another here.
 * Pure: the hook in ./use-shortcuts.ts feeds it DOM events.
 */
export type WindowCommand =
  | AppCommand
  /** Show the focused message in the reader. */
  | 'open-message'
  /** m: read ↔ unread for the selection. */
  | 'toggle-read'
  /** s: star ↔ unstar for the selection. */
  | 'toggle-flag';

/** Keys without modifiers. Arrows are here too so they work wherever focus is not a widget that owns them. */
const PLAIN_KEYS: Readonly<Record<string, WindowCommand>> = {
  j: 'next-message',
  ArrowDown: 'next-message',
  k: 'previous-message',
  ArrowUp: 'previous-message',
  Enter: 'open-message',
  r: 'reply',
  a: 'reply-all',
  f: 'forward',
  Delete: 'delete-message',
  m: 'toggle-read',
  s: 'toggle-flag',
  '/': 'find',
  '?': 'shortcuts',
};

/** Commands that belong to a composer window, never to the list. */
const NOT_HERE: ReadonlySet<AppCommand> = new Set(['send']);

export function commandForKey(press: KeyPress, mac: boolean): WindowCommand | undefined {
  const modified = press.ctrlKey || press.metaKey || press.altKey;
  if (!modified) {
    // '?' and '/' need Shift on many layouts; the produced character is what counts.
    const plain = PLAIN_KEYS[press.key];
    if (plain !== undefined && (!press.shiftKey || press.key.length === 1)) return plain;
  }
  const command = commandForKeyPress(press, mac);
  return command === undefined || NOT_HERE.has(command) ? undefined : command;
}

/** The element kinds where typing is text, so single-letter shortcuts must stay out. */
const NON_TEXT_INPUTS: ReadonlySet<string> = new Set(['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/**
 * True when a key pressed in `target` is typing (an input, a text area, a select, editable
 * content) or happens inside a dialog, which has its own keys (the composer panel, the wizard).
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest('[role="dialog"], [role="alertdialog"], [data-own-keys]') !== null) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(target.type);
  return target instanceof HTMLElement && (target.isContentEditable || target.closest('[contenteditable="true"], [contenteditable=""]') !== null);
}

export function isMacPlatform(platform: string): boolean {
  return platform === 'darwin' || /^mac/i.test(platform);
}
