import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildContextMenuTemplate, buildMenuTemplate, MAX_SPELLING_SUGGESTIONS, type ContextMenuParams } from '../../../electron/main/menu.js';
import { SHORTCUTS, type AppCommand } from '../../../electron/common/shortcuts.js';

function flatten(items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function click(item: MenuItemConstructorOptions): void {
  // The handler's arguments (menu item, window, event) are unused by our items.
  (item.click as unknown as () => void)();
}

function template(platform: NodeJS.Platform, locale: 'en' | 'ja' = 'en', development = false, sent: AppCommand[] = []): MenuItemConstructorOptions[] {
  return buildMenuTemplate({ platform, locale, appName: 'Tegami', development, onCommand: (c) => sent.push(c) });
}

describe('application menu', () => {
  it('has File, Edit, View, Message, Window, Help (and the app menu first on macOS)', () => {
    expect(template('win32').map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Message', 'Window', 'Help']);
    expect(template('darwin').map((m) => m.label)).toEqual(['Tegami', 'File', 'Edit', 'View', 'Message', 'Window', 'Help']);
    expect(template('linux', 'ja').map((m) => m.label)).toEqual(['ファイル', '編集', '表示', 'メッセージ', 'ウインドウ', 'ヘルプ']);
  });

  it('offers every command of the shortcut table exactly once, with its accelerator, and sends it on click', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const sent: AppCommand[] = [];
      const items = flatten(template(platform, 'en', false, sent)).filter((i) => i.click !== undefined);
      expect(items.map((i) => i.id).sort()).toEqual(SHORTCUTS.map((s) => s.command).sort());
      for (const item of items) {
        const entry = SHORTCUTS.find((s) => s.command === item.id)!;
        expect(item.accelerator).toBe(entry.accelerator);
        expect(item.label).toBe(entry.label.en);
        click(item);
      }
      expect(sent.sort()).toEqual(SHORTCUTS.map((s) => s.command).sort());
    }
  });

  it('uses Japanese labels for the commands under a Japanese locale', () => {
    const reply = flatten(template('win32', 'ja')).find((i) => i.id === 'reply')!;
    expect(reply.label).toBe('返信');
    expect(reply.accelerator).toBe('CmdOrCtrl+R');
  });

  it('has reload and developer tools only in development', () => {
    const roles = (dev: boolean): unknown[] => flatten(template('linux', 'en', dev)).map((i) => i.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(true)).toContain('toggleDevTools');
  });

  it('quits from File on Windows/Linux and from the app menu on macOS', () => {
    const fileRoles = (p: NodeJS.Platform): unknown[] => flatten(template(p).find((m) => m.id === 'file')!.submenu as MenuItemConstructorOptions[]).map((i) => i.role);
    expect(fileRoles('win32')).toContain('quit');
    expect(fileRoles('darwin')).not.toContain('quit');
    expect(flatten(template('darwin').slice(0, 1)).map((i) => i.role)).toContain('quit');
  });
});

describe('context menu', () => {
  const flags = { canCut: true, canCopy: true, canPaste: true, canSelectAll: true };
  const base: ContextMenuParams = { isEditable: true, selectionText: '', misspelledWord: '', dictionarySuggestions: [], editFlags: flags };

  it('puts spelling suggestions first in an editable field and applies them', () => {
    const replaced: string[] = [];
    const added: string[] = [];
    const suggestions = ['receive', 'relieve', 'recede', 'receiver', 'received', 'deceive', 'reweave'];
    const items = buildContextMenuTemplate({ ...base, misspelledWord: 'recieve', dictionarySuggestions: suggestions }, { replaceMisspelling: (w) => replaced.push(w), addToDictionary: (w) => added.push(w) }, 'en');
    expect(items.slice(0, MAX_SPELLING_SUGGESTIONS).map((i) => i.label)).toEqual(suggestions.slice(0, MAX_SPELLING_SUGGESTIONS));
    click(items[0]!);
    expect(replaced).toEqual(['receive']);
    const add = items.find((i) => i.label === 'Add to Dictionary')!;
    click(add);
    expect(added).toEqual(['recieve']);
    expect(items.map((i) => i.role).filter(Boolean)).toEqual(['cut', 'copy', 'paste', 'selectAll']);
  });

  it('says when there are no suggestions, in Japanese too', () => {
    const items = buildContextMenuTemplate({ ...base, misspelledWord: 'xqzt' }, { replaceMisspelling: () => {}, addToDictionary: () => {} }, 'ja');
    expect(items[0]).toEqual({ label: '候補なし', enabled: false });
    expect(items[1]!.label).toBe('辞書に追加');
  });

  it('follows the edit flags, offers only Copy for a selection in a message, and nothing otherwise', () => {
    const noop = { replaceMisspelling: () => {}, addToDictionary: () => {} };
    const items = buildContextMenuTemplate({ ...base, editFlags: { ...flags, canCut: false, canPaste: false } }, noop, 'en');
    expect(items.filter((i) => i.role !== undefined).map((i) => [i.role, i.enabled])).toEqual([['cut', false], ['copy', true], ['paste', false], ['selectAll', true]]);
    expect(buildContextMenuTemplate({ ...base, isEditable: false, selectionText: 'hello' }, noop, 'en').map((i) => i.role)).toEqual(['copy']);
    expect(buildContextMenuTemplate({ ...base, isEditable: false, misspelledWord: 'x' }, noop, 'en')).toEqual([]);
  });
});
