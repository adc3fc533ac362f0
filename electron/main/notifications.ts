import type { MenuLocale } from '../common/shortcuts.js';

/**
 * New-mail notifications and the unread badge, as plain functions over narrow shapes so the
 * wording, batching and platform choices are tested without Electron. The host turns a
 * NotificationSpec into an Electron Notification and a BadgeSpec into app.dock.setBadge
 * (macOS) or app.setBadgeCount (Windows taskbar overlay, Linux Unity launchers).
 */

export interface NewMessage {
  readonly accountId: string;
  readonly messageId: string;
  readonly from: { readonly name: string; readonly address: string } | undefined;
  readonly subject: string;
}

export interface NotificationSpec {
  readonly title: string;
  readonly body: string;
  /** The message a click opens; undefined for a summary (a click opens the main window). */
  readonly open: NewMessage | undefined;
}

/** More new messages than this at once (a first sync, a return from offline) make one summary. */
export const MAX_SEPARATE_NOTIFICATIONS = 3;
/** Longest title/body shown; the OS truncates anyway, but a 10 KB subject is not sent to it. */
export const MAX_NOTIFICATION_TEXT = 200;
/** The dock badge shows at most this number, then "n+". */
export const MAX_BADGE_NUMBER = 999;

/** One line of text safe for a notification: no control characters, bounded length. */
export function notificationText(text: string): string {
  const clean = text.replace(/[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]+/g, ' ').replace(/\s+/g, ' ').trim();
  return clean.length > MAX_NOTIFICATION_TEXT ? `${clean.slice(0, MAX_NOTIFICATION_TEXT - 1)}…` : clean;
}

const TEXT = {
  noSubject: { en: '(no subject)', ja: '(件名なし)' },
  unknownSender: { en: 'Unknown sender', ja: '差出人不明' },
  summary: { en: (n: number) => `${n} new messages`, ja: (n: number) => `${n} 件の新着メッセージ` },
  summaryBody: { en: (names: string) => `From ${names}`, ja: (names: string) => `差出人: ${names}` },
} as const;

function sender(message: NewMessage, locale: MenuLocale): string {
  const from = message.from;
  if (from === undefined) return TEXT.unknownSender[locale];
  return notificationText(from.name !== '' ? from.name : from.address) || TEXT.unknownSender[locale];
}

/** The notifications for a batch of new messages: sender as title, subject as body. */
export function newMailNotifications(messages: readonly NewMessage[], locale: MenuLocale): NotificationSpec[] {
  if (messages.length === 0) return [];
  if (messages.length <= MAX_SEPARATE_NOTIFICATIONS) {
    return messages.map((m) => ({ title: sender(m, locale), body: notificationText(m.subject) || TEXT.noSubject[locale], open: m }));
  }
  const names = [...new Set(messages.map((m) => sender(m, locale)))];
  const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? ', …' : '');
  return [{ title: TEXT.summary[locale](messages.length), body: notificationText(TEXT.summaryBody[locale](shown)), open: undefined }];
}

export type BadgeSpec = { readonly kind: 'dock'; readonly text: string } | { readonly kind: 'count'; readonly count: number };

/** The unread badge for a platform: text on the macOS dock, a number elsewhere (0 clears it). */
export function unreadBadge(unread: number, platform: NodeJS.Platform): BadgeSpec {
  const count = Number.isFinite(unread) && unread > 0 ? Math.floor(unread) : 0;
  if (platform === 'darwin') return { kind: 'dock', text: count === 0 ? '' : count > MAX_BADGE_NUMBER ? `${MAX_BADGE_NUMBER}+` : String(count) };
  return { kind: 'count', count };
}

/** The tray tooltip: the app name and, when there is unread mail, how much. */
export function trayTooltip(unread: number, locale: MenuLocale): string {
  if (!(unread > 0)) return 'Tegami';
  return locale === 'ja' ? `Tegami — 未読 ${unread} 件` : `Tegami — ${unread} unread`;
}
