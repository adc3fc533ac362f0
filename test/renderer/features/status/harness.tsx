/**
 * Renders a search, status or help component inside the contexts the window gives it: a
 * TegamiApi double that records every request and answers with the handler the test set (or
 * refuses), events the test pushes, a real index in fake-indexeddb, and recorded window actions.
 */
import 'fake-indexeddb/auto';
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { AppInfo, Change, RequestArgs, RequestName, RequestResult, Settings, TegamiApi, TegamiEvent } from '../../../../core/api/contract.js';
import { MailContext, type MailContextValue, type WindowActions } from '../../../../renderer/src/app/mail-context.js';
import { BridgeError } from '../../../../renderer/src/bridge/errors.js';
import { requestsOver } from '../../../../renderer/src/bridge/requests.js';
import { applyChanges } from '../../../../renderer/src/data/apply-changes.js';
import { openIndex, type TegamiIndex } from '../../../../renderer/src/data/db.js';
import { translator, type Language } from '../../../../renderer/src/i18n/catalogs.js';
import { I18nContext } from '../../../../renderer/src/i18n/context.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export const linuxInfo: AppInfo = { name: 'Tegami', version: '0.3.1', platform: 'linux', host: 'web', dataDir: '/home/u/.config/tegami', locale: 'en-US' };
const settings: Settings = { language: 'en', theme: 'system', remoteContentSenders: [] };

type Handler<M extends RequestName> = (...args: RequestArgs<M>) => Promise<RequestResult<M>>;

export class RecordingApi {
  readonly calls: { method: RequestName; args: readonly unknown[] }[] = [];
  readonly #handlers = new Map<RequestName, (...args: never[]) => Promise<unknown>>();
  readonly #listeners = new Set<(event: TegamiEvent) => void>();
  readonly api: TegamiApi;

  constructor() {
    const requests = requestsOver((method, args) => {
      this.calls.push({ method, args });
      const handler = this.#handlers.get(method);
      if (handler === undefined) return Promise.reject(new BridgeError('unsupported', `${method} is not expected in this test`));
      return (handler as (...a: readonly unknown[]) => Promise<RequestResult<typeof method>>)(...args);
    });
    this.api = {
      ...requests,
      onEvent: (listener) => {
        this.#listeners.add(listener);
        return () => {
          this.#listeners.delete(listener);
        };
      },
    };
    // A window asks how the accounts last synced as it opens; by default nothing was reported yet.
    this.handle('getSyncStatus', () => Promise.resolve([]));
  }

  handle<M extends RequestName>(method: M, handler: Handler<M>): void {
    this.#handlers.set(method, handler as (...args: never[]) => Promise<unknown>);
  }

  argsOf<M extends RequestName>(method: M): RequestArgs<M>[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args as RequestArgs<M>);
  }

  emit(event: TegamiEvent): void {
    act(() => {
      for (const listener of this.#listeners) listener(event);
    });
  }

  listenerCount(): number {
    return this.#listeners.size;
  }
}

/** A journal entry before it has a sequence number (distributes over the Change union). */
export type Unsequenced = Change extends infer C ? (C extends Change ? Omit<C, 'seq'> : never) : never;

let dbCounter = 0;

/** A fresh index holding what the changes describe (applied the way index sync applies them). */
export async function seededIndex(changes: readonly Unsequenced[]): Promise<TegamiIndex> {
  dbCounter += 1;
  const db = openIndex(`feature-test-${dbCounter}-${Math.random().toString(36).slice(2)}`);
  await applyChanges(db, changes.map((c, i) => ({ ...c, seq: i + 1 }) as Change));
  return db;
}

export interface Mounted {
  readonly view: HTMLElement;
  readonly actions: { connectionLogs: string[]; shortcuts: number };
  rerender(node: ReactNode): void;
  unmount(): void;
}

let mounted: Root[] = [];

export function mount(node: ReactNode, options: { api: RecordingApi; db: TegamiIndex; language?: Language; info?: AppInfo }): Mounted {
  const container = document.createElement('div');
  document.body.append(container);
  const log = { connectionLogs: [] as string[], shortcuts: 0 };
  const actions: WindowActions = {
    openComposer: () => undefined,
    openAccountWizard: () => undefined,
    showMessage: () => undefined,
    showConnectionLog: (accountId) => log.connectionLogs.push(accountId),
    showShortcuts: () => {
      log.shortcuts += 1;
    },
  };
  const language = options.language ?? 'en';
  const value: MailContextValue = { api: options.api.api, info: options.info ?? linuxInfo, db: options.db, settings, updateSettings: () => undefined, actions };
  const root = createRoot(container);
  mounted.push(root);
  const wrap = (child: ReactNode): ReactNode => (
    <I18nContext.Provider value={{ language, t: translator(language) }}>
      <MailContext.Provider value={value}>{child}</MailContext.Provider>
    </I18nContext.Provider>
  );
  act(() => root.render(wrap(node)));
  return {
    view: container,
    actions: log,
    rerender: (next) => act(() => root.render(wrap(next))),
    unmount: () => {
      mounted = mounted.filter((r) => r !== root);
      act(() => root.unmount());
    },
  };
}

/** Unmounts everything mount() rendered and empties the page (call from afterEach). */
export function cleanup(): void {
  for (const root of mounted) act(() => root.unmount());
  mounted = [];
  document.body.replaceChildren();
}

/** Lets Dexie live queries and promise chains settle, then flushes React. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
  }
}

/** Sets a controlled input's value the way typing does (React listens to the native setter + input event). */
export function typeInto(input: HTMLInputElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  act(() => {
    setter?.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export function press(target: EventTarget, key: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  act(() => {
    target.dispatchEvent(event);
  });
  return event;
}
