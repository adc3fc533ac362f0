import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import type { ConnectionLogEntry } from '../../../../core/api/contract.js';
import { BridgeError } from '../../../../renderer/src/bridge/errors.js';
import { ConnectionLogDialog } from '../../../../renderer/src/features/status/ConnectionLogDialog.js';
import { account } from '../search/fixtures.js';
import { cleanup, mount, press, RecordingApi, seededIndex, settle } from './harness.js';

afterEach(cleanup);

const transcript: ConnectionLogEntry[] = [
  { at: '2026-11-28T10:00:00.125Z', protocol: 'imap', direction: 'info', text: 'connecting to 127.0.0.1:993' },
  { at: '2026-11-28T10:00:00.200Z', protocol: 'imap', direction: 'server', text: '* OK Dovecot ready.' },
  { at: '2026-11-28T10:00:00.210Z', protocol: 'imap', direction: 'client', text: 'A1 LOGIN alice ****' },
  { at: '2026-11-28T10:00:00.300Z', protocol: 'imap', direction: 'server', text: 'A1 NO [AUTHENTICATIONFAILED] Authentication failed.' },
];

async function open(api: RecordingApi, onClose: () => void = () => undefined, language: 'en' | 'ja' = 'en') {
  const opener = document.createElement('button');
  opener.textContent = 'opener';
  document.body.append(opener);
  opener.focus();
  const db = await seededIndex([{ kind: 'account-upsert', account: account('a1') }]);
  const mounted = mount(<ConnectionLogDialog accountId="a1" onClose={onClose} />, { api, db, language });
  await settle();
  return { ...mounted, opener };
}

describe('ConnectionLogDialog', () => {
  it('asks for the account log and lists it as a monospace transcript with time, protocol and arrows', async () => {
    const api = new RecordingApi();
    api.handle('getConnectionLog', () => Promise.resolve(transcript));
    const { view } = await open(api);
    expect(api.argsOf('getConnectionLog')).toEqual([['a1']]);
    const dialog = view.querySelector('[role="dialog"]')!;
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.getElementById(dialog.getAttribute('aria-labelledby')!)?.textContent).toBe('Connection log: a1@tegami.test');
    const rows = [...dialog.querySelectorAll('ol.connection-log-entries > li')];
    expect(rows).toHaveLength(4);
    expect(rows[2]?.getAttribute('data-direction')).toBe('client');
    expect(rows[2]?.querySelector('.connection-log-arrow')?.textContent).toBe('→');
    expect(rows[2]?.querySelector('.connection-log-arrow')?.getAttribute('aria-label')).toBe('Sent by Tegami');
    expect(rows[3]?.querySelector('.connection-log-arrow')?.textContent).toBe('←');
    expect(rows[3]?.querySelector('.connection-log-protocol')?.textContent).toBe('IMAP');
    expect(rows[3]?.querySelector('time')?.getAttribute('dateTime')).toBe('2026-11-28T10:00:00.300Z');
    expect(rows[3]?.textContent).toContain('A1 NO [AUTHENTICATIONFAILED] Authentication failed.');
  });

  it('copies the whole transcript as text', async () => {
    const api = new RecordingApi();
    api.handle('getConnectionLog', () => Promise.resolve(transcript));
    const written: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: (text: string) => (written.push(text), Promise.resolve()) } });
    try {
      const { view } = await open(api);
      const copy = [...view.querySelectorAll('button')].find((b) => b.textContent === 'Copy')!;
      await act(async () => copy.click());
      expect(written).toHaveLength(1);
      expect(written[0]?.split('\n')).toHaveLength(4);
      expect(written[0]).toContain('IMAP → A1 LOGIN alice ****');
      expect(view.querySelector('[role="status"]')?.textContent).toBe('Copied to the clipboard.');
    } finally {
      Reflect.deleteProperty(navigator, 'clipboard');
    }
  });

  it('shows a load failure and loads again on Refresh', async () => {
    const api = new RecordingApi();
    api.handle('getConnectionLog', () => Promise.reject(new BridgeError('not-found', 'No such account: a1')));
    const { view } = await open(api);
    expect(view.querySelector('[role="alert"]')?.textContent).toBe('The log could not be loaded: Not found (No such account: a1)');
    api.handle('getConnectionLog', () => Promise.resolve([]));
    const refresh = [...view.querySelectorAll('button')].find((b) => b.textContent === 'Refresh')!;
    act(() => refresh.click());
    await settle();
    expect(api.argsOf('getConnectionLog')).toHaveLength(2);
    expect(view.querySelector('[role="alert"]')).toBeNull();
    expect(view.textContent).toContain('Nothing recorded yet for this account.');
    expect([...view.querySelectorAll('button')].find((b) => b.textContent === 'Copy')?.disabled).toBe(true);
  });

  it('keeps focus inside, closes on Escape and gives focus back', async () => {
    const api = new RecordingApi();
    api.handle('getConnectionLog', () => Promise.resolve(transcript));
    let closes = 0;
    const mounted = await open(api, () => closes++);
    const dialog = mounted.view.querySelector<HTMLElement>('[role="dialog"]')!;
    const close = [...dialog.querySelectorAll('button')].find((b) => b.textContent === 'Close')!;
    expect(document.activeElement).toBe(close);
    // Close is the last control: Tab wraps to the first, Shift+Tab from the first wraps back.
    const tab = press(close, 'Tab');
    expect(tab.defaultPrevented).toBe(true);
    expect(document.activeElement?.textContent).toBe('Copy');
    press(document.activeElement!, 'Tab', { shiftKey: true });
    expect(document.activeElement).toBe(close);

    press(close, 'Escape');
    expect(closes).toBe(1);
    mounted.unmount();
    expect(document.activeElement).toBe(mounted.opener);
  });

  it('speaks Japanese', async () => {
    const api = new RecordingApi();
    api.handle('getConnectionLog', () => Promise.resolve(transcript));
    const { view } = await open(api, () => undefined, 'ja');
    expect(view.textContent).toContain('接続ログ: a1@tegami.test');
    expect(view.textContent).toContain('パスワードとトークン');
  });
});
