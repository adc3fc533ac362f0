import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { AppInfo, Settings, SettingsPatch } from '../../core/api/contract.js';
import { Shell } from '../../renderer/src/app/Shell.js';
import { I18nContext } from '../../renderer/src/i18n/context.js';
import { translator, type Language } from '../../renderer/src/i18n/catalogs.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const info: AppInfo = { name: 'Tegami', version: '0.1.0', platform: 'linux', host: 'web', dataDir: '/tmp/tegami', locale: 'en-US' };
let root: Root | undefined;
let container: HTMLElement | undefined;

function render(language: Language, settings: Settings, onChange: (patch: SettingsPatch) => void = () => undefined): HTMLElement {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => {
    root!.render(
      <I18nContext.Provider value={{ language, t: translator(language) }}>
        <Shell info={info} settings={settings} systemLanguage="en" onChangeSettings={onChange} />
      </I18nContext.Provider>,
    );
  });
  return container;
}

afterEach(() => {
  act(() => root?.unmount());
  container?.remove();
});

describe('Shell', () => {
  it('has banner, folder navigation, message list, reader main and status landmarks', () => {
    const view = render('en', { language: 'system', theme: 'system' });
    expect(view.querySelector('header[role="banner"]')).not.toBeNull();
    expect(view.querySelector('nav')?.textContent).toContain('Folders');
    expect(view.querySelector('section.pane-list')?.textContent).toContain('No messages to show.');
    expect(view.querySelector('main')?.getAttribute('aria-label')).toBe('Reader');
    expect(view.querySelector('footer[role="contentinfo"]')?.textContent).toContain('Data folder: /tmp/tegami');
    expect(view.querySelector('h1')?.textContent).toBe('No account yet — add one');
  });

  it('opens an honest "not available yet" panel from Add account and closes it with Escape', () => {
    const view = render('en', { language: 'system', theme: 'system' });
    const button = [...view.querySelectorAll('button')].find((b) => b.textContent === 'Add account');
    act(() => button!.click());
    const dialog = view.querySelector('[role="dialog"]');
    expect(dialog?.getAttribute('aria-modal')).toBe('true');
    expect(dialog?.textContent).toContain('not available in this version yet');
    expect(document.activeElement?.textContent).toBe('Close');
    act(() => {
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    });
    expect(view.querySelector('[role="dialog"]')).toBeNull();
  });

  it('renders Japanese and reports language and theme changes as settings patches', () => {
    const patches: SettingsPatch[] = [];
    const view = render('ja', { language: 'ja', theme: 'light' }, (p) => patches.push(p));
    expect(view.querySelector('h1')?.textContent).toBe('アカウントがまだありません — 追加してください');
    const language = view.querySelector<HTMLSelectElement>('[data-testid="language-select"]')!;
    const theme = view.querySelector<HTMLSelectElement>('[data-testid="theme-select"]')!;
    act(() => {
      language.value = 'en';
      language.dispatchEvent(new Event('change', { bubbles: true }));
    });
    act(() => {
      theme.value = 'dark';
      theme.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(patches).toEqual([{ language: 'en' }, { theme: 'dark' }]);
  });
});
