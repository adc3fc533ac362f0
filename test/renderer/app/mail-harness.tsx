import 'fake-indexeddb/auto';
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { Account, AppInfo, Change, FolderSummary, MessageSummary, Settings, SettingsPatch, TegamiApi, TegamiEvent } from '../../../core/api/contract.js';
import { MailContext, type MailContextValue, type WindowActions } from '../../../renderer/src/app/mail-context.js';
import { applyChanges } from '../../../renderer/src/data/apply-changes.js';
import { openIndex, type TegamiIndex } from '../../../renderer/src/data/db.js';
import { translator, type Language } from '../../../renderer/src/i18n/catalogs.js';
import { I18nContext } from '../../../renderer/src/i18n/context.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/**
 * A page-side stand-in for the host: records the requests the window makes and answers the
 * ones a test sets; any other request fails loudly as the real service would for a bad call.
 * Events are pushed with `emit`. The index is a real TegamiIndex (fake-indexeddb) filled
 * through the data layer's own applyChanges.
 */
export interface FakeHost {
  readonly api: TegamiApi;
  readonly calls: { method: string; args: unknown[] }[];
  answer(method: string, reply: (...args: unknown[]) => unknown): void;
  emit(event: TegamiEvent): void;
}

export function fakeHost(): FakeHost {
  const calls: FakeHost['calls'] = [];
  const answers = new Map<string, (...args: unknown[]) => unknown>();
  const listeners = new Set<(event: TegamiEvent) => void>();
  const api = new Proxy(
    {},
    {
      get(_target, name) {
        if (name === 'then') return undefined;
        if (name === 'onEvent') {
          return (listener: (event: TegamiEvent) => void) => {
            listeners.add(listener);
            return () => listeners.delete(listener);
          };
        }
        return (...args: unknown[]) => {
          calls.push({ method: String(name), args });
          const reply = answers.get(String(name));
          if (reply === undefined) return new Promise(() => undefined);
          try {
            return Promise.resolve(reply(...args));
          } catch (error) {
            return Promise.reject(error);
          }
        };
      },
    },
  ) as TegamiApi;
  return {
    api,
    calls,
    answer: (method, reply) => answers.set(method, reply),
    emit: (event) => {
      for (const listener of listeners) listener(event);
    },
  };
}

export const INFO: AppInfo = { name: 'Tegami', version: '0.1.0', platform: 'linux', host: 'web', dataDir: '/tmp/tegami', locale: 'en-US' };
export const SETTINGS: Settings = { language: 'system', theme: 'system', remoteContentSenders: [] };

let counter = 0;
export function freshIndex(): TegamiIndex {
  counter++;
  return openIndex(`test-index-${process.pid}-${counter}-${Date.now()}`);
}

export const ACCOUNT: Account = {
  id: 'acct',
  name: 'Alice',
  email: 'alice@tegami.test',
  incoming: { protocol: 'imap', host: 'imap.tegami.test', port: 993, security: 'tls', username: 'alice' },
  outgoing: { host: 'smtp.tegami.test', port: 465, security: 'tls', username: 'alice' },
  pop3: null,
  caFile: null,
};

export function folder(path: string, role: FolderSummary['role'], unread: number, total = unread): FolderSummary {
  const name = path.split('/').at(-1)!;
  return { id: `acct/${path}`, accountId: 'acct', path, name, delimiter: '/', role, unread, total, selectable: true };
}

export function summary(id: string, folderId: string, subject: string, options: Partial<MessageSummary> = {}): MessageSummary {
  return {
    id,
    accountId: 'acct',
    folderId,
    uid: 1,
    flags: [],
    date: '2024-05-01T10:00:00Z',
    receivedAt: '2024-05-01T10:00:00Z',
    from: [{ name: 'Bob', address: 'bob@tegami.test' }],
    to: [{ name: 'Alice', address: 'alice@tegami.test' }],
    cc: [],
    subject,
    snippet: '',
    size: 1200,
    hasAttachments: false,
    messageId: `<${id}@tegami.test>`,
    inReplyTo: null,
    references: [],
    threadKey: `<${id}@tegami.test>`,
    bodyDownloaded: true,
    delivery: null,
    ...options,
  };
}

/** Journal changes for an account with the given folders and messages, as the service would send them. */
export function changesFor(folders: readonly FolderSummary[], messages: readonly MessageSummary[]): Change[] {
  let seq = 0;
  return [
    { kind: 'account-upsert', seq: ++seq, account: ACCOUNT },
    ...folders.map((f): Change => ({ kind: 'folder-upsert', seq: ++seq, folder: f })),
    ...messages.map((m): Change => ({ kind: 'message-upsert', seq: ++seq, message: m })),
  ];
}

export async function fill(db: TegamiIndex, changes: readonly Change[]): Promise<void> {
  await applyChanges(db, changes);
}

export interface Mounted {
  readonly container: HTMLElement;
  readonly actionsCalled: string[];
  unmount(): void;
}

export function mount(node: ReactNode, host: FakeHost, db: TegamiIndex, options: { language?: Language; actions?: Partial<WindowActions>; onSettings?: (patch: SettingsPatch) => void } = {}): Mounted {
  const container = document.createElement('div');
  document.body.append(container);
  const root: Root = createRoot(container);
  const actionsCalled: string[] = [];
  const record =
    (name: string) =>
    (...args: unknown[]) =>
      actionsCalled.push(`${name}${args.length > 0 ? ` ${JSON.stringify(args[0])}` : ''}`);
  const actions: WindowActions = {
    openComposer: record('openComposer'),
    openAccountWizard: record('openAccountWizard'),
    showMessage: record('showMessage'),
    showConnectionLog: record('showConnectionLog'),
    showShortcuts: record('showShortcuts'),
    ...options.actions,
  };
  const language = options.language ?? 'en';
  const value: MailContextValue = { api: host.api, info: INFO, db, settings: SETTINGS, updateSettings: options.onSettings ?? (() => undefined), actions };
  act(() =>
    root.render(
      <I18nContext.Provider value={{ language, t: translator(language) }}>
        <MailContext.Provider value={value}>{node}</MailContext.Provider>
      </I18nContext.Provider>,
    ),
  );
  return {
    container,
    actionsCalled,
    unmount: () => {
      act(() => root.unmount());
      container.remove();
      db.close();
    },
  };
}

/** Lets live queries and promise chains settle. */
export async function settle(rounds = 8): Promise<void> {
  for (let i = 0; i < rounds; i++) await act(async () => new Promise((resolve) => setTimeout(resolve, 5)));
}

export async function waitFor<T>(probe: () => T | null | undefined | false, what: string, timeoutMs = 3000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await settle(1);
  }
}
