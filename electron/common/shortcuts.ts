/**
 * The app's commands and their keyboard shortcuts, written once: the native menus (main
 * process) show them as accelerators and the renderer matches key presses against the same
 * table, so a shortcut never means one thing in the menu and another in the page. Pure: no
 * Electron, no DOM.
 *
 * Accelerators use Electron's syntax ("CmdOrCtrl" is ⌘ on macOS and Ctrl elsewhere).
 */

import type { AppCommand } from '../../core/api/contract.js';

export type { AppCommand };

export type MenuLocale = 'en' | 'ja';

export interface ShortcutEntry {
  readonly command: AppCommand;
  /** Electron accelerator, or undefined for a command without a shortcut. */
  readonly accelerator: string | undefined;
  readonly label: Readonly<Record<MenuLocale, string>>;
}

export const SHORTCUTS: readonly ShortcutEntry[] = [
  { command: 'new-message', accelerator: 'CmdOrCtrl+N', label: { en: 'New Message', ja: '新規メッセージ' } },
  { command: 'open-message-file', accelerator: 'CmdOrCtrl+O', label: { en: 'Open Message File…', ja: 'メッセージファイルを開く…' } },
  { command: 'save-as', accelerator: 'CmdOrCtrl+S', label: { en: 'Save As…', ja: '名前を付けて保存…' } },
  { command: 'print', accelerator: 'CmdOrCtrl+P', label: { en: 'Print…', ja: '印刷…' } },
  { command: 'find', accelerator: 'CmdOrCtrl+F', label: { en: 'Find…', ja: '検索…' } },
  { command: 'check-mail', accelerator: 'CmdOrCtrl+Shift+M', label: { en: 'Check Mail', ja: 'メールを受信' } },
  { command: 'reply', accelerator: 'CmdOrCtrl+R', label: { en: 'Reply', ja: '返信' } },
  { command: 'reply-all', accelerator: 'CmdOrCtrl+Shift+R', label: { en: 'Reply All', ja: '全員に返信' } },
  { command: 'forward', accelerator: 'CmdOrCtrl+Shift+F', label: { en: 'Forward', ja: '転送' } },
  { command: 'mark-read', accelerator: 'CmdOrCtrl+Shift+U', label: { en: 'Mark as Read', ja: '既読にする' } },
  { command: 'mark-unread', accelerator: 'CmdOrCtrl+U', label: { en: 'Mark as Unread', ja: '未読にする' } },
  { command: 'flag', accelerator: 'CmdOrCtrl+Shift+L', label: { en: 'Flag', ja: 'フラグを付ける' } },
  { command: 'delete-message', accelerator: 'CmdOrCtrl+Backspace', label: { en: 'Delete', ja: '削除' } },
  { command: 'move-message', accelerator: 'CmdOrCtrl+Shift+V', label: { en: 'Move to Folder…', ja: 'フォルダへ移動…' } },
  { command: 'send', accelerator: 'CmdOrCtrl+Enter', label: { en: 'Send', ja: '送信' } },
  { command: 'next-message', accelerator: 'CmdOrCtrl+]', label: { en: 'Next Message', ja: '次のメッセージ' } },
  { command: 'previous-message', accelerator: 'CmdOrCtrl+[', label: { en: 'Previous Message', ja: '前のメッセージ' } },
  { command: 'toggle-threads', accelerator: 'CmdOrCtrl+T', label: { en: 'Show Threads', ja: 'スレッド表示' } },
  { command: 'preferences', accelerator: 'CmdOrCtrl+,', label: { en: 'Settings…', ja: '設定…' } },
];

const BY_COMMAND = new Map(SHORTCUTS.map((entry) => [entry.command, entry]));

export function shortcutFor(command: AppCommand): ShortcutEntry {
  const entry = BY_COMMAND.get(command);
  if (entry === undefined) throw new Error(`No shortcut entry for ${command}.`);
  return entry;
}

/** "ja…" locales get Japanese labels, every other locale English. */
export function menuLocale(locale: string): MenuLocale {
  return /^ja\b/i.test(locale) ? 'ja' : 'en';
}

/** The fields of a DOM KeyboardEvent the matcher reads. */
export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

interface ParsedAccelerator {
  readonly key: string;
  readonly primary: boolean;
  readonly shift: boolean;
  readonly alt: boolean;
}

const KEY_NAMES: Readonly<Record<string, string>> = { Enter: 'enter', Return: 'enter', Backspace: 'backspace', Delete: 'delete', Plus: '+', Space: ' ' };

/** Splits "CmdOrCtrl+Shift+R" into modifiers and the (lower-case) key. */
export function parseAccelerator(accelerator: string): ParsedAccelerator {
  const parts = accelerator.split('+');
  const keyPart = parts.pop() ?? '';
  const modifiers = new Set(parts.map((p) => p.toLowerCase()));
  for (const m of modifiers) {
    if (!['cmdorctrl', 'commandorcontrol', 'shift', 'alt', 'option'].includes(m)) throw new Error(`Unsupported modifier "${m}" in ${accelerator}.`);
  }
  if (keyPart === '') throw new Error(`No key in accelerator ${accelerator}.`);
  return {
    key: KEY_NAMES[keyPart] ?? keyPart.toLowerCase(),
    primary: modifiers.has('cmdorctrl') || modifiers.has('commandorcontrol'),
    shift: modifiers.has('shift'),
    alt: modifiers.has('alt') || modifiers.has('option'),
  };
}

const PARSED = SHORTCUTS.filter((e) => e.accelerator !== undefined).map((e) => ({ command: e.command, parsed: parseAccelerator(e.accelerator!) }));

/**
 * The command a key press in the page means, or undefined. `mac` picks ⌘ (metaKey) or Ctrl as
 * the primary modifier, like CmdOrCtrl does in the menu.
 */
export function commandForKeyPress(press: KeyPress, mac: boolean): AppCommand | undefined {
  const primary = mac ? press.metaKey && !press.ctrlKey : press.ctrlKey && !press.metaKey;
  const key = (KEY_NAMES[press.key] ?? press.key).toLowerCase();
  for (const { command, parsed } of PARSED) {
    if (parsed.key === key && parsed.primary === primary && parsed.shift === press.shiftKey && parsed.alt === press.altKey) return command;
  }
  return undefined;
}
