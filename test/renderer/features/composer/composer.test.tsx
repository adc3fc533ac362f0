import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type {
  Account,
  AppInfo,
  AttachmentUpload,
  ChosenFile,
  ComposedMessage,
  EventListener,
  FileChoiceResult,
  FlagChange,
  MessageContent,
  MessageSummary,
  TegamiApi,
} from '../../../../core/api/contract.js';
import { MailContext, type ComposeInit, type MailContextValue } from '../../../../renderer/src/app/mail-context.js';
import { TegamiIndex } from '../../../../renderer/src/data/db.js';
import { contactTerms } from '../../../../renderer/src/data/derive.js';
import { AUTOSAVE_DELAY_MS, Composer } from '../../../../renderer/src/features/composer/Composer.js';
import { I18nContext } from '../../../../renderer/src/i18n/context.js';
import { translator, type Language } from '../../../../renderer/src/i18n/catalogs.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const info: AppInfo = { name: 'Tegami', version: '0.1.0', platform: 'linux', host: 'web', dataDir: '/tmp/tegami', locale: 'en-US' };

function account(id: string, name: string, email: string): Account {
  const endpoint = { host: 'mail.tegami.test', port: 587, security: 'starttls' as const, username: email };
  return { id, name, email, incoming: { ...endpoint, port: 143, protocol: 'imap' }, outgoing: endpoint, pop3: null, caFile: null };
}
const alice = account('a1', 'Alice', 'alice@tegami.test');
const work = account('a2', 'Alice (work)', 'alice@work.example');

function summary(patch: Partial<MessageSummary>): MessageSummary {
  return {
    id: 'm1',
    accountId: 'a1',
    folderId: 'a1/INBOX',
    uid: 7,
    flags: [],
    date: '2026-11-28T10:21:05Z',
    receivedAt: '2026-11-28T10:21:10Z',
    from: [{ name: 'Bob', address: 'bob@tegami.test' }],
    to: [
      { name: 'Alice', address: 'alice@tegami.test' },
      { name: 'Carol', address: 'carol@example.org' },
    ],
    cc: [{ name: '', address: 'dave@example.org' }],
    subject: 'Lunch',
    snippet: 'See you at noon.',
    size: 1234,
    hasAttachments: false,
    messageId: 'm1@tegami.test',
    inReplyTo: 'm0@tegami.test',
    references: ['root@tegami.test', 'm0@tegami.test'],
    threadKey: 'root@tegami.test',
    bodyDownloaded: true,
    delivery: null,
    ...patch,
  };
}

function content(patch: Partial<MessageSummary> = {}, more: Partial<MessageContent> = {}): MessageContent {
  return {
    summary: summary(patch),
    headers: [],
    replyTo: [],
    bcc: [],
    text: 'See you at noon.\n',
    html: null,
    attachments: [],
    received: [],
    authResults: [],
    warnings: [],
    ...more,
  };
}

/** A test double of the service: answers what a test sets up and records what the composer sends and saves. */
class FakeService {
  readonly sent: ComposedMessage[] = [];
  readonly drafts: ComposedMessage[] = [];
  readonly staged: AttachmentUpload[] = [];
  readonly stagedMessages: Array<{ messageId: string; filename: string }> = [];
  readonly deleted: string[][] = [];
  readonly flagged: { ids: readonly string[]; change: FlagChange }[] = [];
  accounts: readonly Account[] = [alice, work];
  messages = new Map<string, MessageContent>();
  raw = new Map<string, string>();
  maxMessageSize: number | null = null;
  choice: FileChoiceResult = { status: 'cancelled' };
  sendError: Error | null = null;
  draftError: Error | null = null;
  draftCounter = 0;
  readonly listeners: EventListener[] = [];

  api(): TegamiApi {
    const refuse = (name: string) => () => Promise.reject(new Error(`${name} is not expected in this test`));
    return {
      onEvent: (listener) => {
        this.listeners.push(listener);
        return () => this.listeners.splice(this.listeners.indexOf(listener), 1);
      },
      getAppInfo: () => Promise.resolve(info),
      getSettings: refuse('getSettings'),
      updateSettings: refuse('updateSettings'),
      listAccounts: () => Promise.resolve(this.accounts),
      addAccount: refuse('addAccount'),
      discoverSettings: refuse('discoverSettings'),
      verifyAccount: refuse('verifyAccount'),
      updateAccount: refuse('updateAccount'),
      removeAccount: refuse('removeAccount'),
      listFolders: refuse('listFolders'),
      createFolder: refuse('createFolder'),
      renameFolder: refuse('renameFolder'),
      deleteFolder: refuse('deleteFolder'),
      listMessages: refuse('listMessages'),
      getChanges: refuse('getChanges'),
      getMessage: (id) => {
        const found = this.messages.get(id);
        return found === undefined ? Promise.reject(Object.assign(new Error(`no message ${id}`), { code: 'not-found' })) : Promise.resolve(found);
      },
      getRawMessage: (id) => {
        const text = this.raw.get(id);
        return text === undefined ? Promise.reject(new Error(`no raw ${id}`)) : Promise.resolve({ size: text.length, text });
      },
      saveAttachment: refuse('saveAttachment'),
      getMessageFile: refuse('getMessageFile'),
      setFlags: (ids, change) => {
        this.flagged.push({ ids, change });
        return Promise.resolve();
      },
      moveMessages: refuse('moveMessages'),
      copyMessages: refuse('copyMessages'),
      deleteMessages: (ids) => {
        this.deleted.push([...ids]);
        return Promise.resolve();
      },
      sendMessage: (message) => {
        if (this.sendError !== null) return Promise.reject(this.sendError);
        this.sent.push(message);
        return Promise.resolve({ id: 'a1/Outbox/out1', messageId: 'q1@tegami.test' });
      },
      saveDraft: (message) => {
        if (this.draftError !== null) return Promise.reject(this.draftError);
        this.drafts.push(message);
        this.draftCounter++;
        return Promise.resolve({ id: `a1/Drafts/d${this.draftCounter}`, messageId: `d${this.draftCounter}@tegami.test` });
      },
      syncNow: refuse('syncNow'),
      getConnectionLog: refuse('getConnectionLog'),
      getSyncStatus: refuse('getSyncStatus'),
      getAttachment: (messageId, handle) => Promise.resolve({ filename: `${handle}.pdf`, contentType: 'application/pdf', size: 3, base64: 'AAEC' }),
      searchServer: refuse('searchServer'),
      stageAttachment: (upload) => {
        this.staged.push(upload);
        const size = Math.floor((upload.base64.replace(/=+$/, '').length * 3) / 4);
        const file: ChosenFile = { path: `/staged/${this.staged.length}/${upload.filename}`, filename: upload.filename, contentType: upload.contentType, size };
        return Promise.resolve(file);
      },
      stageMessageAttachment: (messageId, filename) => {
        this.stagedMessages.push({ messageId, filename });
        const file: ChosenFile = { path: `/staged/message/${filename}`, filename, contentType: 'message/rfc822', size: 1234 };
        return Promise.resolve(file);
      },
      getSendLimits: () => Promise.resolve({ maxMessageSize: this.maxMessageSize }),
      openMessageFile: refuse('openMessageFile'),
      openExternal: refuse('openExternal'),
      openAttachment: refuse('openAttachment'),
      saveAttachmentsWithDialog: refuse('saveAttachmentsWithDialog'),
      saveMessagesWithDialog: refuse('saveMessagesWithDialog'),
      chooseAttachmentFiles: () => Promise.resolve(this.choice),
      startAttachmentDrag: refuse('startAttachmentDrag'),
      openWindow: refuse('openWindow'),
      startOAuthSignIn: refuse('startOAuthSignIn'),
    };
  }
}

let root: Root | undefined;
let container: HTMLElement | undefined;
let db: TegamiIndex;
let dbCount = 0;

beforeEach(() => {
  db = new TegamiIndex(`composer-test-${++dbCount}`);
});

afterEach(async () => {
  act(() => root?.unmount());
  root = undefined;
  container?.remove();
  vi.useRealTimers();
  vi.restoreAllMocks();
  await db.delete();
});

/** Lets pending promises (service answers, IndexedDB reads) settle and React render. */
async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
}

async function render(
  service: FakeService,
  init: ComposeInit,
  options: { language?: Language; onClose?: () => void; host?: AppInfo['host']; ownWindow?: boolean } = {},
): Promise<HTMLElement> {
  const language = options.language ?? 'en';
  const value: MailContextValue = {
    api: service.api(),
    info: { ...info, host: options.host ?? info.host },
    db,
    settings: { language, theme: 'light', remoteContentSenders: [] },
    updateSettings: () => undefined,
    actions: { openComposer: () => undefined, openAccountWizard: () => undefined, showMessage: () => undefined, showConnectionLog: () => undefined, showShortcuts: () => undefined },
  };
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() =>
    root!.render(
      <I18nContext.Provider value={{ language, t: translator(language) }}>
        <MailContext.Provider value={value}>
          <Composer init={init} onClose={options.onClose ?? (() => undefined)} ownWindow={options.ownWindow ?? false} />
        </MailContext.Provider>
      </I18nContext.Provider>,
    ),
  );
  await settle();
  return container;
}

const newMessage: ComposeInit = { mode: 'new', accountId: null, request: null };

function setValue(element: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): void {
  const proto = element instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : element instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  act(() => {
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(element, value);
    element.dispatchEvent(new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

function key(element: Element, init: KeyboardEventInit): void {
  act(() => {
    element.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
  });
}

function field(view: HTMLElement, label: string): HTMLInputElement {
  const labelElement = [...view.querySelectorAll('label')].find((l) => l.textContent === label);
  const input = labelElement === undefined ? null : view.querySelector<HTMLInputElement>(`[id="${labelElement.htmlFor}"]`);
  if (input === null) throw new Error(`no field labelled ${label}`);
  return input;
}

function chips(view: HTMLElement, label: string): string[] {
  const list = view.querySelector(`ul.composer-chips[aria-label="${label}"]`);
  return [...(list?.querySelectorAll('li.composer-chip') ?? [])].map((li) => `${li.querySelector('.composer-chip-text')?.textContent}${li.getAttribute('data-invalid') === 'true' ? ' (invalid)' : ''}`);
}

function button(view: HTMLElement, text: string): HTMLButtonElement {
  const found = [...view.querySelectorAll('button')].find((b) => b.textContent === text);
  if (found === undefined) throw new Error(`no button ${text}`);
  return found;
}

function body(view: HTMLElement): HTMLTextAreaElement {
  return view.querySelector<HTMLTextAreaElement>('textarea.composer-body')!;
}

describe('Composer recipients', () => {
  it('turns typed addresses into chips on comma and Enter, pasted lists into several, and removes with Backspace', async () => {
    const view = await render(new FakeService(), newMessage);
    const to = field(view, 'To');
    setValue(to, 'bob@tegami.test,');
    expect(chips(view, 'To')).toEqual(['bob@tegami.test']);
    expect(to.value).toBe('');
    setValue(to, 'Carol <carol@example.org>');
    key(to, { key: 'Enter' });
    expect(chips(view, 'To')).toEqual(['bob@tegami.test', 'Carol']);

    const paste = new Event('paste', { bubbles: true, cancelable: true });
    Object.defineProperty(paste, 'clipboardData', { value: { getData: (type: string) => (type === 'text/plain' ? 'dave@example.org; not an address\nBOB@tegami.test' : '') } });
    act(() => {
      to.dispatchEvent(paste);
    });
    expect(chips(view, 'To')).toEqual(['bob@tegami.test', 'Carol', 'dave@example.org', 'not an address (invalid)']);

    // Enter that confirms a Japanese input-method conversion does not make a chip.
    setValue(to, '山田');
    key(to, { key: 'Enter', isComposing: true });
    expect(to.value).toBe('山田');
    setValue(to, '');

    key(to, { key: 'Backspace' });
    expect(chips(view, 'To')).toEqual(['bob@tegami.test', 'Carol', 'dave@example.org']);
    act(() => view.querySelector<HTMLButtonElement>('button[aria-label="Remove bob@tegami.test"]')!.click());
    expect(chips(view, 'To')).toEqual(['Carol', 'dave@example.org']);
  });

  it('shows Cc and Bcc on request and sends each list to its own field', async () => {
    const service = new FakeService();
    const view = await render(service, newMessage);
    expect(view.querySelector('ul.composer-chips[aria-label="Cc"]')).toBeNull();
    act(() => button(view, 'Cc/Bcc').click());
    setValue(field(view, 'To'), 'bob@tegami.test,');
    setValue(field(view, 'Cc'), 'carol@example.org,');
    setValue(field(view, 'Bcc'), 'Audit <audit@example.org>,');
    setValue(field(view, 'Subject'), 'Lists');
    act(() => button(view, 'Send').click());
    await settle();
    expect(service.sent[0]).toMatchObject({
      to: [{ name: '', address: 'bob@tegami.test' }],
      cc: [{ name: '', address: 'carol@example.org' }],
      bcc: [{ name: 'Audit', address: 'audit@example.org' }],
    });
  });

  it('suggests contacts from the index as the user types, in English and Japanese names, and takes one with the keyboard', async () => {
    await db.contacts.bulkPut([
      { address: 'carol@example.org', name: 'Carol Kobayashi', uses: 9, lastUsed: 2, terms: contactTerms('carol@example.org', 'Carol Kobayashi') },
      { address: 'carl@example.org', name: 'Carl', uses: 2, lastUsed: 1, terms: contactTerms('carl@example.org', 'Carl') },
      { address: 'taro@example.jp', name: '山田太郎', uses: 3, lastUsed: 3, terms: contactTerms('taro@example.jp', '山田太郎') },
    ]);
    const view = await render(new FakeService(), newMessage);
    const to = field(view, 'To');
    setValue(to, 'car');
    await settle();
    const options = () => [...view.querySelectorAll('[role="option"]')].map((o) => o.textContent);
    expect(options()).toEqual(['Carol Kobayashi carol@example.org', 'Carl carl@example.org']);
    expect(to.getAttribute('aria-expanded')).toBe('true');

    key(to, { key: 'ArrowDown' });
    key(to, { key: 'ArrowDown' });
    expect(to.getAttribute('aria-activedescendant')).toBe(view.querySelectorAll('[role="option"]')[1]?.id);
    key(to, { key: 'Enter' });
    expect(chips(view, 'To')).toEqual(['Carl']);
    expect(to.getAttribute('aria-expanded')).toBe('false');

    setValue(to, '山田');
    await settle();
    expect(options()).toEqual(['山田太郎 taro@example.jp']);
    act(() => view.querySelector<HTMLElement>('[role="option"]')!.click());
    expect(chips(view, 'To')).toEqual(['Carl', '山田太郎']);
  });
});

describe('Composer answers and forwards', () => {
  it('pre-fills reply all: recipients without the user, Re: subject, quote and threading fields', async () => {
    const service = new FakeService();
    service.messages.set('m1', content({}, { text: 'See you at noon.\n> Shall we?\n' }));
    const view = await render(service, { mode: 'reply-all', messageId: 'm1' });
    expect(chips(view, 'To')).toEqual(['Bob', 'Carol']);
    expect(chips(view, 'Cc')).toEqual(['dave@example.org']);
    expect(field(view, 'Subject').value).toBe('Re: Lunch');
    expect(body(view).value).toMatch(/^\n\nOn .*Nov 28, 2026.*, Bob wrote:\n> See you at noon\.\n>> Shall we\?\n$/);
    expect(view.querySelector('select')?.value).toBe('a1');

    act(() => button(view, 'Send').click());
    await settle();
    expect(service.sent).toHaveLength(1);
    expect(service.sent[0]).toMatchObject({
      accountId: 'a1',
      to: [
        { name: 'Bob', address: 'bob@tegami.test' },
        { name: 'Carol', address: 'carol@example.org' },
      ],
      cc: [{ name: '', address: 'dave@example.org' }],
      subject: 'Re: Lunch',
      inReplyTo: 'm1@tegami.test',
      references: ['root@tegami.test', 'm0@tegami.test', 'm1@tegami.test'],
      draftId: null,
    });
    expect(service.flagged).toEqual([{ ids: ['m1'], change: { add: ['\\Answered'], remove: [] } }]);
  });

  it('writes the quote attribution in Japanese when the UI is Japanese', async () => {
    const service = new FakeService();
    service.messages.set('m1', content());
    const view = await render(service, { mode: 'reply', messageId: 'm1' }, { language: 'ja' });
    expect(chips(view, '宛先')).toEqual(['Bob']);
    expect(body(view).value).toContain('Bob さんは書きました:');
    expect(body(view).value).toContain('2026/11/28');
  });

  it('forwards inline with the header block and the original attachments staged', async () => {
    const service = new FakeService();
    service.messages.set(
      'm1',
      content({ hasAttachments: true }, { attachments: [{ handle: '2', filename: 'plan.pdf', contentType: 'application/pdf', disposition: 'attachment', contentId: null, related: false, size: 3 }] }),
    );
    const view = await render(service, { mode: 'forward-inline', messageId: 'm1' });
    expect(field(view, 'Subject').value).toBe('Fwd: Lunch');
    expect(chips(view, 'To')).toEqual([]);
    expect(body(view).value).toContain('-------- Forwarded Message --------\nSubject: Lunch\n');
    expect(body(view).value).toContain('From: Bob <bob@tegami.test>');
    expect(service.staged).toEqual([{ filename: '2.pdf', contentType: 'application/pdf', base64: 'AAEC' }]);
    expect(view.querySelector('.composer-attachment')?.textContent).toContain('2.pdf');

    setValue(field(view, 'To'), 'erin@example.org,');
    act(() => button(view, 'Send').click());
    await settle();
    expect(service.sent[0]?.attachments).toEqual([{ path: '/staged/1/2.pdf', filename: '2.pdf', contentType: 'application/pdf' }]);
    expect(service.sent[0]?.inReplyTo).toBeNull();
    expect(service.flagged).toEqual([{ ids: ['m1'], change: { add: ['$Forwarded'], remove: [] } }]);
  });

  it('forwards as an attachment: the original staged by the host from its stored bytes, never as text through the page', async () => {
    const service = new FakeService();
    service.messages.set('m1', content({ subject: 'Lunch: today?' }));
    const view = await render(service, { mode: 'forward-attachment', messageId: 'm1' });
    expect(field(view, 'Subject').value).toBe('Fwd: Lunch: today?');
    expect(service.staged).toEqual([]);
    expect(service.stagedMessages).toEqual([{ messageId: 'm1', filename: 'Lunch today.eml' }]);
    setValue(field(view, 'To'), 'erin@example.org,');
    act(() => button(view, 'Send').click());
    await settle();
    expect(service.sent[0]?.attachments).toEqual([{ path: '/staged/message/Lunch today.eml', filename: 'Lunch today.eml', contentType: 'message/rfc822' }]);
  });

  it('pre-fills from a mailto: request', async () => {
    const view = await render(new FakeService(), {
      mode: 'new',
      accountId: 'a2',
      request: { to: [{ name: '', address: 'info@example.org' }], cc: [], bcc: [{ name: '', address: 'log@example.org' }], subject: 'Question', body: 'Hello', inReplyTo: null },
    });
    expect(chips(view, 'To')).toEqual(['info@example.org']);
    expect(chips(view, 'Bcc')).toEqual(['log@example.org']);
    expect(field(view, 'Subject').value).toBe('Question');
    expect(body(view).value).toBe('Hello');
    expect(view.querySelector('select')?.value).toBe('a2');
    expect(view.querySelector('select')?.textContent).toContain('Alice (work) <alice@work.example>');
  });

  it('continues a draft and saves it again replacing the same draft', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const service = new FakeService();
    service.messages.set('a1/Drafts/old', content({ id: 'a1/Drafts/old', folderId: 'a1/Drafts', to: [{ name: '', address: 'bob@tegami.test' }], cc: [], subject: 'Plan' }, { text: 'half written' }));
    const view = await renderWithFakeTimers(service, { mode: 'draft', messageId: 'a1/Drafts/old' });
    expect(chips(view, 'To')).toEqual(['bob@tegami.test']);
    expect(body(view).value).toBe('half written');
    act(() => button(view, 'Save draft').click());
    await flushFake();
    expect(service.drafts[0]).toMatchObject({ draftId: 'a1/Drafts/old', text: 'half written', subject: 'Plan' });
  });

  it('continues a draft with its To, Cc and Bcc and saves them again as they were', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const service = new FakeService();
    const to = [{ name: 'Smith, John', address: 'john@tegami.test' }];
    const cc = [{ name: '佐藤 花子', address: 'hanako@tegami.test' }];
    const bcc = [{ name: '鈴木 一郎', address: 'ichiro@tegami.test' }, { name: '', address: 'quiet@tegami.test' }];
    service.messages.set('a1/Drafts/b', content({ id: 'a1/Drafts/b', folderId: 'a1/Drafts', to, cc, subject: 'Blind' }, { bcc, text: 'draft' }));
    const view = await renderWithFakeTimers(service, { mode: 'draft', messageId: 'a1/Drafts/b' });
    expect(chips(view, 'Bcc')).toHaveLength(2);
    act(() => button(view, 'Save draft').click());
    await flushFake();
    expect(service.drafts[0]).toMatchObject({ draftId: 'a1/Drafts/b', to, cc, bcc });
  });

  it('continues an HTML draft in the rich editor with only formatting kept', async () => {
    const service = new FakeService();
    service.messages.set(
      'a1/Drafts/h',
      content({ id: 'a1/Drafts/h', to: [{ name: '', address: 'bob@tegami.test' }], cc: [], subject: 'Rich' }, { text: 'Hi there', html: '<p onclick="steal()">Hi <b>there</b><img src="https://tracker.example/p.gif"></p><script>alert(1)</script>' }),
    );
    const view = await render(service, { mode: 'draft', messageId: 'a1/Drafts/h' });
    const editor = view.querySelector<HTMLElement>('[contenteditable]')!;
    expect(editor.innerHTML).toBe('<p>Hi <b>there</b></p>');
    expect(view.querySelector('textarea')).toBeNull();
    setValue(field(view, 'Subject'), 'Rich!');
    act(() => button(view, 'Send').click());
    await settle();
    expect(service.sent[0]).toMatchObject({ html: '<p>Hi <b>there</b></p>', text: 'Hi there', draftId: 'a1/Drafts/h' });
  });

  it('says so when the original cannot be loaded', async () => {
    const view = await render(new FakeService(), { mode: 'reply', messageId: 'gone' });
    expect(view.querySelector('[role="alert"]')?.textContent).toBe('The message to answer could not be loaded: Not found (no message gone)');
  });
});

describe('Composer attachments', () => {
  it('shows each size and the total against the server limit, and asks before sending an oversized message', async () => {
    const service = new FakeService();
    service.maxMessageSize = 1_000_000;
    service.choice = { status: 'chosen', files: [{ path: '/home/alice/video.mp4', filename: 'video.mp4', contentType: 'video/mp4', size: 900_000 }] };
    const view = await render(service, newMessage);
    expect(view.querySelector('.composer-size')?.textContent).toMatch(/^About .* of the server’s limit of 976.6 kB$/);
    act(() => button(view, 'Attach files').click());
    await settle();
    expect(view.querySelector('.composer-attachment')?.textContent).toContain('video.mp4');
    expect(view.querySelector('.composer-attachment-size')?.textContent).toBe('878.9 kB');
    expect(view.querySelector('.composer-size')?.getAttribute('data-over')).toBe('true');
    expect(view.querySelector('.composer-warning')?.textContent).toContain('larger than the server accepts');

    setValue(field(view, 'To'), 'bob@tegami.test,');
    setValue(field(view, 'Subject'), 'Video');
    act(() => button(view, 'Send').click());
    await settle();
    expect(service.sent).toHaveLength(0);
    expect(view.querySelector('[role="alertdialog"]')?.textContent).toContain('probably larger than the server accepts (976.6 kB)');
    act(() => button(view, 'Send anyway').click());
    await settle();
    expect(service.sent).toHaveLength(1);
    expect(service.sent[0]?.attachments).toEqual([{ path: '/home/alice/video.mp4', filename: 'video.mp4', contentType: 'video/mp4' }]);
  });

  it('uses a file input when the host has no file dialog, and stages dropped files', async () => {
    const service = new FakeService();
    service.choice = { status: 'unsupported' };
    const view = await render(service, newMessage);
    const input = view.querySelector<HTMLInputElement>('[data-testid="composer-file-input"]')!;
    let clicked = false;
    input.addEventListener('click', () => {
      clicked = true;
    });
    act(() => button(view, 'Attach files').click());
    await settle();
    expect(clicked).toBe(true);
    const file = new File([new Uint8Array([1, 2, 3, 4])], 'notes.txt', { type: 'text/plain' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    act(() => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await settle();
    expect(service.staged).toEqual([{ filename: 'notes.txt', contentType: 'text/plain', base64: 'AQIDBA==' }]);

    const drop = new Event('drop', { bubbles: true, cancelable: true });
    const dropped = new File(['日本'], '資料.txt', { type: '' });
    Object.defineProperty(drop, 'dataTransfer', { value: { types: ['Files'], files: [dropped], dropEffect: 'none' } });
    act(() => {
      view.querySelector('textarea')!.dispatchEvent(drop);
    });
    await settle();
    expect(service.staged[1]).toEqual({ filename: '資料.txt', contentType: null, base64: Buffer.from('日本').toString('base64') });
    expect([...view.querySelectorAll('.composer-attachment-name')].map((n) => n.textContent)).toEqual(['notes.txt', '資料.txt']);

    act(() => view.querySelector<HTMLButtonElement>('button[aria-label="Remove notes.txt"]')!.click());
    expect([...view.querySelectorAll('.composer-attachment-name')].map((n) => n.textContent)).toEqual(['資料.txt']);
  });
});

describe('Composer sending', () => {
  it('sends with Ctrl+Enter, taking the address still being typed', async () => {
    const service = new FakeService();
    const view = await render(service, newMessage);
    setValue(field(view, 'Subject'), 'Hi');
    setValue(body(view), 'Hello Bob');
    const to = field(view, 'To');
    setValue(to, 'bob@tegami.test');
    key(to, { key: 'Enter', ctrlKey: true });
    await settle();
    expect(service.sent).toHaveLength(1);
    expect(service.sent[0]).toMatchObject({ to: [{ name: '', address: 'bob@tegami.test' }], subject: 'Hi', text: 'Hello Bob', html: null });
  });

  it('sends on the host\'s "send" menu command (the Electron accelerator)', async () => {
    const service = new FakeService();
    const view = await render(service, newMessage);
    setValue(field(view, 'To'), 'bob@tegami.test,');
    setValue(field(view, 'Subject'), 'From the menu');
    vi.spyOn(document, 'hasFocus').mockReturnValue(true);
    act(() => service.listeners.forEach((l) => l({ type: 'command', command: 'reply' })));
    await settle();
    expect(service.sent).toHaveLength(0);
    act(() => service.listeners.forEach((l) => l({ type: 'command', command: 'send' })));
    await settle();
    expect(service.sent).toHaveLength(1);
    expect(service.sent[0]?.subject).toBe('From the menu');
  });

  it('refuses without a recipient or with an invalid one, and asks about an empty subject', async () => {
    const service = new FakeService();
    const view = await render(service, newMessage);
    act(() => button(view, 'Send').click());
    await settle();
    expect(view.querySelector('.composer-errors')?.textContent).toBe('Add at least one recipient.');
    setValue(field(view, 'To'), 'bob@tegami.test, bob@,');
    act(() => button(view, 'Send').click());
    await settle();
    expect(view.querySelector('.composer-errors')?.textContent).toBe('Fix these addresses first: bob@');
    act(() => view.querySelector<HTMLButtonElement>('button[aria-label="Remove bob@"]')!.click());
    act(() => button(view, 'Send').click());
    await settle();
    expect(view.querySelector('[role="alertdialog"]')?.textContent).toContain('This message has no subject. Send it anyway?');
    act(() => button(view, 'Keep editing').click());
    expect(service.sent).toHaveLength(0);
    act(() => button(view, 'Send').click());
    await settle();
    act(() => button(view, 'Send anyway').click());
    await settle();
    expect(service.sent).toHaveLength(1);
  });

  it('follows the queued message through the Outbox: failure with the reason, then sent', async () => {
    const service = new FakeService();
    const view = await render(service, newMessage);
    setValue(field(view, 'To'), 'bob@tegami.test,');
    setValue(field(view, 'Subject'), 'Report');
    act(() => button(view, 'Send').click());
    await settle();
    const status = () => view.querySelector('.composer-delivery');
    expect(status()?.textContent).toContain('Queued in the Outbox');
    const outbox = summary({ id: 'a1/Outbox/out1', folderId: 'a1/Outbox', messageId: 'q1@tegami.test', delivery: { state: 'failed', reason: '554 5.7.1 relay denied', lastAttemptAt: null } });
    await act(async () => {
      await db.messages.put({ ...outbox, sortDate: 0, sortFrom: '', sortSubject: 'report', unread: 0, flagged: 0, attachment: 0 });
    });
    await settle(10);
    expect(status()?.getAttribute('role')).toBe('alert');
    expect(status()?.textContent).toContain('Sending failed: 554 5.7.1 relay denied.');
    await act(async () => {
      await db.messages.delete('a1/Outbox/out1');
      await db.messages.put({ ...summary({ id: 'a1/Sent/9', folderId: 'a1/Sent', messageId: 'q1@tegami.test' }), sortDate: 0, sortFrom: '', sortSubject: 'report', unread: 0, flagged: 0, attachment: 0 });
    });
    await settle(10);
    expect(status()?.textContent).toBe('Sent.');
  });

  it('shows a clear error when the service refuses the message', async () => {
    const service = new FakeService();
    service.sendError = Object.assign(new Error('The account a1 does not exist.'), { code: 'not-found' });
    const view = await render(service, newMessage);
    setValue(field(view, 'To'), 'bob@tegami.test,');
    setValue(field(view, 'Subject'), 'x');
    act(() => button(view, 'Send').click());
    await settle();
    expect(view.querySelector('.composer-errors')?.textContent).toBe('The message could not be queued for sending: Not found (The account a1 does not exist.)');
    expect(view.querySelector('.composer-send')).not.toBeNull();
  });

  it('sends rich text as HTML with a plain-text alternative', async () => {
    const service = new FakeService();
    const view = await render(service, newMessage);
    setValue(field(view, 'To'), 'bob@tegami.test,');
    setValue(field(view, 'Subject'), 'Rich');
    setValue(body(view), 'line one\nline <two>');
    const format = [...view.querySelectorAll('select')].find((s) => s.querySelector('option[value="rich"]') !== null)!;
    setValue(format, 'rich');
    const editor = view.querySelector<HTMLElement>('[contenteditable]')!;
    expect(editor.innerHTML).toBe('<div>line one<br>line &lt;two&gt;</div>');
    expect(view.querySelector('[role="toolbar"]')?.getAttribute('aria-label')).toBe('Formatting');
    act(() => {
      editor.innerHTML = '<div>line <b>one</b></div><ul><li>point</li></ul>';
      editor.dispatchEvent(new Event('input', { bubbles: true }));
    });
    act(() => button(view, 'Send').click());
    await settle();
    expect(service.sent[0]).toMatchObject({ html: '<div>line <b>one</b></div><ul><li>point</li></ul>', text: 'line one\n- point' });
  });
});

/** Renders while setTimeout is faked: service answers are promises, so flush microtasks instead. */
async function renderWithFakeTimers(service: FakeService, init: ComposeInit, onClose?: () => void): Promise<HTMLElement> {
  const language: Language = 'en';
  const value: MailContextValue = {
    api: service.api(),
    info,
    db,
    settings: { language, theme: 'light', remoteContentSenders: [] },
    updateSettings: () => undefined,
    actions: { openComposer: () => undefined, openAccountWizard: () => undefined, showMessage: () => undefined, showConnectionLog: () => undefined, showShortcuts: () => undefined },
  };
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() =>
    root!.render(
      <I18nContext.Provider value={{ language, t: translator(language) }}>
        <MailContext.Provider value={value}>
          <Composer init={init} onClose={onClose ?? (() => undefined)} />
        </MailContext.Provider>
      </I18nContext.Provider>,
    ),
  );
  await flushFake();
  return container;
}

async function flushFake(): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await act(async () => {
      await Promise.resolve();
    });
  }
}

/** The page is about to go (the window's close button, a tab closed); true when the composer held it. */
function leave(): boolean {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

describe('Composer drafts', () => {
  it('autosaves 5 s after the last change, keeps the draft id and shows when it was saved', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const service = new FakeService();
    const view = await renderWithFakeTimers(service, newMessage);
    setValue(field(view, 'Subject'), 'Pl');
    act(() => vi.advanceTimersByTime(AUTOSAVE_DELAY_MS - 1000));
    setValue(field(view, 'Subject'), 'Plan');
    act(() => vi.advanceTimersByTime(AUTOSAVE_DELAY_MS - 1));
    await flushFake();
    expect(service.drafts).toHaveLength(0);
    act(() => vi.advanceTimersByTime(1));
    await flushFake();
    expect(service.drafts).toHaveLength(1);
    expect(service.drafts[0]).toMatchObject({ subject: 'Plan', draftId: null });
    expect(view.querySelector('.composer-save-state')?.textContent).toMatch(/^Draft saved /);

    // Nothing changed: no second save.
    act(() => vi.advanceTimersByTime(AUTOSAVE_DELAY_MS * 3));
    await flushFake();
    expect(service.drafts).toHaveLength(1);

    setValue(body(view), 'Agenda');
    act(() => vi.advanceTimersByTime(AUTOSAVE_DELAY_MS));
    await flushFake();
    expect(service.drafts).toHaveLength(2);
    expect(service.drafts[1]).toMatchObject({ subject: 'Plan', text: 'Agenda', draftId: 'a1/Drafts/d1' });
  });

  it('saves on close, and asks on Escape before discarding; discarding removes the draft it autosaved', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const service = new FakeService();
    let closed = 0;
    const view = await renderWithFakeTimers(service, newMessage, () => closed++);
    const subject = field(view, 'Subject');
    setValue(subject, 'Trip');
    act(() => vi.advanceTimersByTime(AUTOSAVE_DELAY_MS));
    await flushFake();
    expect(service.drafts).toHaveLength(1);
    setValue(subject, 'Trip plans');
    key(subject, { key: 'Escape' });
    expect(closed).toBe(0);
    expect(view.querySelector('[role="alertdialog"]')?.textContent).toContain('Discard this message?');
    act(() => button(view, 'Discard').click());
    await flushFake();
    expect(closed).toBe(1);
    expect(service.deleted).toEqual([['a1/Drafts/d1']]);
    expect(service.drafts).toHaveLength(1);
  });

  it('asks the browser to confirm leaving the page while changes are unsaved', async () => {
    const service = new FakeService();
    const view = await render(service, newMessage);
    expect(leave()).toBe(false);
    setValue(field(view, 'Subject'), 'Unsaved');
    expect(leave()).toBe(true);
    act(() => button(view, 'Save draft').click());
    await settle();
    expect(leave()).toBe(false);
  });

  it('in a composer window of its own, the OS close button saves what was typed as a draft, then closes the window', async () => {
    const service = new FakeService();
    let closed = 0;
    const view = await render(service, newMessage, { host: 'electron', ownWindow: true, onClose: () => closed++ });
    // Nothing typed: the close goes through and no draft is made.
    expect(leave()).toBe(false);
    await settle();
    expect(service.drafts).toHaveLength(0);
    expect(closed).toBe(0);

    setValue(field(view, 'To'), 'bob@tegami.test,');
    setValue(body(view), 'Notes from the meeting');
    // The close is held (Electron reports it as will-prevent-unload to the main process's guard) …
    expect(leave()).toBe(true);
    // … and a second close while that save runs does not start another.
    expect(leave()).toBe(true);
    await settle();
    expect(service.drafts).toHaveLength(1);
    expect(service.drafts[0]).toMatchObject({ to: [{ name: '', address: 'bob@tegami.test' }], text: 'Notes from the meeting', draftId: null });
    expect(closed).toBe(1);
    // The window's own close after the save is not held again.
    expect(leave()).toBe(false);
  });

  it('keeps the window and says why when the draft cannot be saved on close', async () => {
    const service = new FakeService();
    service.draftError = new Error('disk full');
    let closed = 0;
    const view = await render(service, newMessage, { host: 'electron', ownWindow: true, onClose: () => closed++ });
    setValue(field(view, 'Subject'), 'Keep me');
    expect(leave()).toBe(true);
    await settle();
    expect(closed).toBe(0);
    expect(view.textContent).toContain('The draft could not be saved: disk full');
    // Saving works again: the next close saves and closes.
    service.draftError = null;
    expect(leave()).toBe(true);
    await settle();
    expect(service.drafts).toHaveLength(1);
    expect(closed).toBe(1);
  });

  it('does not hold the mail window\'s close for a composer panel inside it', async () => {
    const service = new FakeService();
    const view = await render(service, newMessage, { host: 'electron', ownWindow: false });
    setValue(field(view, 'Subject'), 'Panel');
    expect(leave()).toBe(false);
  });

  it('closes at once without changes, and the Close button saves unsaved changes first', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const service = new FakeService();
    let closed = 0;
    const view = await renderWithFakeTimers(service, newMessage, () => closed++);
    key(field(view, 'Subject'), { key: 'Escape' });
    expect(closed).toBe(1);
    setValue(field(view, 'Subject'), 'Later');
    act(() => button(view, 'Close').click());
    await flushFake();
    expect(service.drafts).toHaveLength(1);
    expect(service.drafts[0]?.subject).toBe('Later');
    expect(closed).toBe(2);
  });
});
