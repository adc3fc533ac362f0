import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { MessageContent } from '../../../../core/api/contract.js';
import { ReaderHeaders } from '../../../../renderer/src/features/message-view/ReaderHeaders.js';
import { AllHeadersView } from '../../../../renderer/src/features/message-view/RawViews.js';
import { I18nContext } from '../../../../renderer/src/i18n/context.js';
import { translator, type Language } from '../../../../renderer/src/i18n/catalogs.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const content: MessageContent = {
  summary: {
    id: 'acc/INBOX/7', accountId: 'acc', folderId: 'acc/INBOX', uid: 7, flags: [], date: '2026-11-28T10:00:00.000Z', receivedAt: '2026-11-28T10:00:05.000Z',
    from: [{ name: 'service@paypal.example', address: 'x@evil.example' }], to: [{ name: 'Alice', address: 'alice@tegami.test' }], cc: [{ name: '', address: 'bob@tegami.test' }],
    subject: 'Your account', snippet: '', size: 900, hasAttachments: false, messageId: 'm@evil.example', inReplyTo: null, references: [], threadKey: 'm@evil.example', bodyDownloaded: true, delivery: null,
  },
  headers: [
    { name: 'Return-Path', value: '<bounce@mailer.other.example>' },
    { name: 'Received', value: 'from a by b; Sat, 28 Nov 2026 10:00:04 +0000' },
    { name: 'Authentication-Results', value: 'tegami.test; spf=fail smtp.mailfrom=other.example' },
    { name: 'Authentication-Results', value: 'evil.example; dkim=pass header.d=paypal.example' },
    { name: 'From', value: '"service@paypal.example" <x@evil.example>' },
    { name: 'Subject', value: 'Your\r\n account' },
  ],
  replyTo: [{ name: '', address: 'collect@third.example' }],
  bcc: [],
  text: 'hi',
  html: null,
  attachments: [],
  received: [],
  authResults: [
    { authservId: 'tegami.test', trusted: true, method: 'spf', result: 'fail', reason: null, properties: { 'smtp.mailfrom': 'other.example' } },
    { authservId: 'evil.example', trusted: false, method: 'dkim', result: 'pass', reason: null, properties: { 'header.d': 'paypal.example' } },
  ],
  warnings: ['Content-Transfer-Encoding "8bit" on a part with NUL bytes'],
};

let root: Root | undefined;
function render(language: Language, node: React.ReactNode): HTMLElement {
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root!.render(<I18nContext.Provider value={{ language, t: translator(language) }}>{node}</I18nContext.Provider>));
  return container;
}

afterEach(() => {
  act(() => root?.unmount());
  document.body.replaceChildren();
});

describe('ReaderHeaders', () => {
  it('shows the people, the subject and the date in the UI language', () => {
    const view = render('en', <ReaderHeaders content={content} />);
    expect(view.querySelector('h2')?.textContent).toBe('Your account');
    const rows = [...view.querySelectorAll('.reader-people-row')].map((row) => row.querySelector('dt')?.textContent);
    expect(rows).toEqual(['From', 'To', 'Cc', 'Reply-To', 'Date']);
    expect(view.querySelector('.role-to')?.textContent).toContain('Alice<alice@tegami.test>');
    expect(view.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-28T10:00:00.000Z');
    expect(view.querySelector('time')?.textContent).toBe(new Intl.DateTimeFormat('en', { dateStyle: 'full', timeStyle: 'short' }).format(new Date('2026-11-28T10:00:00Z')));
  });

  it('warns about the disguised name, the Return-Path, the Reply-To, and passes on the engine warnings', () => {
    const view = render('en', <ReaderHeaders content={content} />);
    const kinds = [...view.querySelectorAll('.reader-warning')].map((li) => li.getAttribute('data-kind'));
    expect(kinds).toEqual(['display-name-address', 'return-path-mismatch', 'reply-to-mismatch', 'format']);
    expect(view.querySelector('[data-kind="display-name-address"]')?.textContent).toBe('The sender’s name shows the address service@paypal.example, but the message really comes from x@evil.example.');
    expect(view.querySelector('[data-kind="format"]')?.textContent).toContain('NUL bytes');
  });

  it('marks authentication results from others as unverified claims', () => {
    const view = render('en', <ReaderHeaders content={content} />);
    const badges = [...view.querySelectorAll('.reader-auth-badge')];
    expect(badges.map((b) => [b.textContent, b.getAttribute('data-trusted')])).toEqual([
      ['SPF fail', 'true'],
      ['DKIM pass (unverified claim)', 'false'],
    ]);
    expect(badges[1]?.classList.contains('tone-pass') && badges[1]?.classList.contains('unverified')).toBe(true);
  });

  it('speaks Japanese', () => {
    const view = render('ja', <ReaderHeaders content={content} />);
    expect(view.querySelector('.role-from dt')?.textContent).toBe('差出人');
    expect(view.querySelector('[data-kind="reply-to-mismatch"]')?.textContent).toBe('返信は差出人 x@evil.example ではなく collect@third.example に送られます。');
    expect(view.textContent).toContain('DKIM pass (未検証の主張)');
  });

  it('offers the flag button only when it can change the flag', () => {
    expect(render('en', <ReaderHeaders content={content} />).querySelector('.reader-flag')).toBeNull();
    act(() => root?.unmount());
    let toggled = 0;
    const view = render('en', <ReaderHeaders content={content} flagged onToggleFlag={() => (toggled += 1)} />);
    const button = view.querySelector<HTMLButtonElement>('.reader-flag');
    expect(button?.getAttribute('aria-pressed')).toBe('true');
    act(() => button?.click());
    expect(toggled).toBe(1);
  });
});

describe('AllHeadersView', () => {
  it('lists every field in order, unfolded', () => {
    const view = render('en', <AllHeadersView content={content} />);
    const rows = [...view.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((cell) => cell.textContent));
    expect(rows).toHaveLength(6);
    expect(rows[0]).toEqual(['1', 'Return-Path', '<bounce@mailer.other.example>']);
    expect(rows[2]?.[1]).toBe('Authentication-Results');
    expect(rows[3]?.[1]).toBe('Authentication-Results');
    expect(rows[5]).toEqual(['6', 'Subject', 'Your account']);
  });
});
