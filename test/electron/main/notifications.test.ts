import { describe, expect, it } from 'vitest';
import { MAX_NOTIFICATION_TEXT, MAX_SEPARATE_NOTIFICATIONS, newMailNotifications, notificationText, trayTooltip, unreadBadge, type NewMessage } from '../../../electron/main/notifications.js';

const message = (i: number, from: NewMessage['from'], subject = `Subject ${i}`): NewMessage => ({ accountId: 'acc', messageId: `m${i}`, from, subject });

describe('newMailNotifications', () => {
  it('shows sender and subject, and the click target is the message', () => {
    const m = message(1, { name: '山田 太郎', address: 'yamada@example.jp' }, '会議の件');
    expect(newMailNotifications([m], 'ja')).toEqual([{ title: '山田 太郎', body: '会議の件', open: m }]);
    expect(newMailNotifications([message(2, { name: '', address: 'bob@example.com' }, '')], 'en')).toEqual([{ title: 'bob@example.com', body: '(no subject)', open: expect.objectContaining({ messageId: 'm2' }) }]);
    expect(newMailNotifications([message(3, undefined)], 'ja')[0]!.title).toBe('差出人不明');
  });

  it('summarises a large batch in one notification without a message to open', () => {
    const batch = Array.from({ length: MAX_SEPARATE_NOTIFICATIONS + 2 }, (_, i) => message(i, { name: i % 2 ? 'Alice' : 'Bob', address: 'x@example.com' }));
    expect(newMailNotifications(batch, 'en')).toEqual([{ title: '5 new messages', body: 'From Bob, Alice', open: undefined }]);
    expect(newMailNotifications(batch, 'ja')[0]!.title).toBe('5 件の新着メッセージ');
    expect(newMailNotifications([], 'en')).toEqual([]);
  });

  it('strips control and bidi override characters and bounds the length', () => {
    expect(notificationText('Invoice\r\n\u202Egnp.exe\t now')).toBe('Invoice gnp.exe now');
    expect(notificationText('x'.repeat(1000))).toHaveLength(MAX_NOTIFICATION_TEXT);
    expect(newMailNotifications([message(1, { name: '\n', address: '' })], 'en')[0]!.title).toBe('Unknown sender');
  });
});

describe('unread badge and tray', () => {
  it('uses dock text on macOS and a count elsewhere', () => {
    expect(unreadBadge(5, 'darwin')).toEqual({ kind: 'dock', text: '5' });
    expect(unreadBadge(0, 'darwin')).toEqual({ kind: 'dock', text: '' });
    expect(unreadBadge(12345, 'darwin')).toEqual({ kind: 'dock', text: '999+' });
    expect(unreadBadge(7, 'win32')).toEqual({ kind: 'count', count: 7 });
    expect(unreadBadge(-1, 'linux')).toEqual({ kind: 'count', count: 0 });
    expect(unreadBadge(Number.NaN, 'linux')).toEqual({ kind: 'count', count: 0 });
  });

  it('says how much is unread in the tray tooltip', () => {
    expect(trayTooltip(0, 'en')).toBe('Tegami');
    expect(trayTooltip(3, 'en')).toBe('Tegami — 3 unread');
    expect(trayTooltip(3, 'ja')).toBe('Tegami — 未読 3 件');
  });
});
