import { describe, expect, it } from 'vitest';
import { trayMenuTemplate, wantsTray } from '../../../electron/main/tray-menu.js';

describe('tray menu', () => {
  it('offers open, new message, check mail and quit, with the unread count when there is some', () => {
    const calls: string[] = [];
    const actions = { showWindow: () => calls.push('show'), newMessage: () => calls.push('new'), checkMail: () => calls.push('check'), quit: () => calls.push('quit') };
    const items = trayMenuTemplate('en', 4, actions);
    expect(items.map((i) => i.label ?? i.type)).toEqual(['Open Tegami', '4 unread in Inbox', 'separator', 'New Message', 'Check Mail', 'separator', 'Quit Tegami']);
    for (const item of items) item.click?.(undefined as never, undefined, undefined as never);
    expect(calls).toEqual(['show', 'new', 'check', 'quit']);
    expect(trayMenuTemplate('ja', 0, actions).map((i) => i.label ?? i.type)).toEqual(['Tegami を開く', 'separator', '新規メッセージ', 'メールを受信', 'separator', 'Tegami を終了']);
  });

  it('exists on Windows and Linux only', () => {
    expect(wantsTray('win32')).toBe(true);
    expect(wantsTray('linux')).toBe(true);
    expect(wantsTray('darwin')).toBe(false);
  });
});
