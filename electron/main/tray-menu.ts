import type { MenuItemConstructorOptions } from 'electron';
import type { MenuLocale } from '../common/shortcuts.js';

/**
 * The tray icon's menu on Windows and Linux (macOS has the dock instead), as a plain template
 * so its items and wording are unit-tested without Electron.
 */

export interface TrayActions {
  showWindow(): void;
  newMessage(): void;
  checkMail(): void;
  quit(): void;
}

const WORDS = {
  open: { en: 'Open Tegami', ja: 'Tegami を開く' },
  newMessage: { en: 'New Message', ja: '新規メッセージ' },
  checkMail: { en: 'Check Mail', ja: 'メールを受信' },
  unread: { en: (n: number) => `${n} unread in Inbox`, ja: (n: number) => `受信トレイに未読 ${n} 件` },
  quit: { en: 'Quit Tegami', ja: 'Tegami を終了' },
} as const;

export function trayMenuTemplate(locale: MenuLocale, unread: number, actions: TrayActions): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [{ label: WORDS.open[locale], click: () => actions.showWindow() }];
  if (unread > 0) items.push({ label: WORDS.unread[locale](unread), enabled: false });
  items.push(
    { type: 'separator' },
    { label: WORDS.newMessage[locale], click: () => actions.newMessage() },
    { label: WORDS.checkMail[locale], click: () => actions.checkMail() },
    { type: 'separator' },
    { label: WORDS.quit[locale], click: () => actions.quit() },
  );
  return items;
}

/** The tray exists on Windows and Linux; macOS shows the count on the dock. */
export function wantsTray(platform: NodeJS.Platform): boolean {
  return platform === 'win32' || platform === 'linux';
}
