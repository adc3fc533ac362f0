/** Renders the wizard inside the contexts the window gives it, plus DOM helpers for controlled inputs. */
import 'fake-indexeddb/auto';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { Account, AppInfo, Settings, TegamiEvent } from '../../../../core/api/contract.js';
import { MailContext, type MailContextValue } from '../../../../renderer/src/app/mail-context.js';
import { TegamiIndex } from '../../../../renderer/src/data/db.js';
import { AccountWizard } from '../../../../renderer/src/features/account-wizard/AccountWizard.js';
import { translator, type Language } from '../../../../renderer/src/i18n/catalogs.js';
import { I18nContext } from '../../../../renderer/src/i18n/context.js';
import type { FakeApi } from './fake-api.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const info: AppInfo = { name: 'Tegami', version: '0.1.0', platform: 'linux', host: 'web', dataDir: '/tmp/tegami', locale: 'en-US' };
const settings: Settings = { language: 'en', theme: 'system', remoteContentSenders: [] };

export interface Rendered {
  readonly view: HTMLElement;
  readonly closed: () => number;
  readonly added: Account[];
  /** What an editing wizard saved (onSaved). */
  readonly saved: Account[];
  unmount(): void;
}

let root: Root | null = null;

/** The wizard adding an account, or with `editing` changing that saved account. */
export function renderWizard(fake: FakeApi, language: Language = 'en', editing?: Account): Rendered {
  const container = document.createElement('div');
  document.body.append(container);
  let closes = 0;
  const added: Account[] = [];
  const saved: Account[] = [];
  const mail: MailContextValue = {
    api: fake.api,
    info,
    db: new TegamiIndex('wizard-test'),
    settings,
    updateSettings: () => undefined,
    actions: { openComposer: () => undefined, openAccountWizard: () => undefined, showMessage: () => undefined, showConnectionLog: () => undefined, showShortcuts: () => undefined },
  };
  root = createRoot(container);
  act(() =>
    root!.render(
      <I18nContext.Provider value={{ language, t: translator(language) }}>
        <MailContext.Provider value={mail}>
          {editing === undefined ? (
            <AccountWizard onClose={() => closes++} onAdded={(account) => added.push(account)} />
          ) : (
            <AccountWizard editing={editing} onClose={() => closes++} onSaved={(account) => saved.push(account)} />
          )}
        </MailContext.Provider>
      </I18nContext.Provider>,
    ),
  );
  return {
    view: container,
    closed: () => closes,
    added,
    saved,
    unmount: () => {
      act(() => root?.unmount());
      root = null;
    },
  };
}

export function cleanup(): void {
  if (root !== null) act(() => root?.unmount());
  root = null;
  document.body.replaceChildren();
}

/** The input labelled `label` (exact label text). */
export function field(view: HTMLElement, label: string): HTMLInputElement | HTMLSelectElement {
  const labels = [...view.querySelectorAll('label')].filter((l) => l.textContent?.trim() === label);
  for (const l of labels) {
    const id = l.getAttribute('for');
    const el = id !== null ? view.querySelector<HTMLInputElement | HTMLSelectElement>(`[id="${id}"]`) : l.querySelector<HTMLInputElement>('input');
    if (el !== null) return el;
  }
  throw new Error(`No field labelled "${label}"`);
}

export function fields(view: HTMLElement, label: string): (HTMLInputElement | HTMLSelectElement)[] {
  return [...view.querySelectorAll('label')]
    .filter((l) => l.textContent?.trim() === label)
    .map((l) => view.querySelector<HTMLInputElement | HTMLSelectElement>(`[id="${l.getAttribute('for') ?? ''}"]`))
    .filter((el): el is HTMLInputElement | HTMLSelectElement => el !== null);
}

/** Sets a controlled input's value the way typing does (React listens to 'input'). */
export function type(el: HTMLInputElement | HTMLSelectElement, value: string): void {
  const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  act(() => {
    setter?.call(el, value);
    el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

export function button(view: HTMLElement, text: string): HTMLButtonElement {
  const found = [...view.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);
  if (found === undefined) throw new Error(`No button "${text}"; buttons: ${[...view.querySelectorAll('button')].map((b) => b.textContent).join(' | ')}`);
  return found;
}

export function hasButton(view: HTMLElement, text: string): boolean {
  return [...view.querySelectorAll('button')].some((b) => b.textContent?.trim() === text);
}

export function click(el: HTMLElement): void {
  act(() => el.click());
}

/** Lets pending promise callbacks run and React commit what they set. */
export async function settle(): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

export function key(name: string, options: KeyboardEventInit = {}): void {
  act(() => {
    (document.activeElement ?? document.body).dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, ...options }));
  });
}

/** Pushes a service event as the host would, inside act so React commits what it sets. */
export function emit(fake: FakeApi, event: TegamiEvent): void {
  act(() => fake.emit(event));
}
