import type { MenuItemConstructorOptions } from 'electron';
import { shortcutFor, type AppCommand, type MenuLocale } from '../common/shortcuts.js';

/**
 * The native menus, built as plain templates (Menu.buildFromTemplate turns them into menus) so
 * their structure, labels and accelerators are unit-tested. App commands go to `onCommand`;
 * clipboard, undo and window handling use Electron's roles, which do the right thing per
 * platform.
 */

export interface MenuOptions {
  readonly platform: NodeJS.Platform;
  readonly locale: MenuLocale;
  readonly appName: string;
  /** Developer tools and reload only in development builds. */
  readonly development: boolean;
  readonly onCommand: (command: AppCommand) => void;
}

type Words = Readonly<Record<string, Readonly<Record<MenuLocale, string>>>>;

const WORDS = {
  file: { en: 'File', ja: 'ファイル' },
  edit: { en: 'Edit', ja: '編集' },
  view: { en: 'View', ja: '表示' },
  message: { en: 'Message', ja: 'メッセージ' },
  window: { en: 'Window', ja: 'ウインドウ' },
  help: { en: 'Help', ja: 'ヘルプ' },
  about: { en: 'About', ja: 'について' },
  quit: { en: 'Quit', ja: '終了' },
  close: { en: 'Close Window', ja: 'ウインドウを閉じる' },
  undo: { en: 'Undo', ja: '取り消す' },
  redo: { en: 'Redo', ja: 'やり直す' },
  cut: { en: 'Cut', ja: '切り取り' },
  copy: { en: 'Copy', ja: 'コピー' },
  paste: { en: 'Paste', ja: '貼り付け' },
  pasteAsPlainText: { en: 'Paste as Plain Text', ja: 'テキストとして貼り付け' },
  selectAll: { en: 'Select All', ja: 'すべてを選択' },
  zoomIn: { en: 'Zoom In', ja: '拡大' },
  zoomOut: { en: 'Zoom Out', ja: '縮小' },
  resetZoom: { en: 'Actual Size', ja: '実際のサイズ' },
  fullScreen: { en: 'Toggle Full Screen', ja: 'フルスクリーン切り替え' },
  reload: { en: 'Reload', ja: '再読み込み' },
  devTools: { en: 'Developer Tools', ja: '開発者ツール' },
  minimize: { en: 'Minimize', ja: '最小化' },
  zoom: { en: 'Zoom', ja: 'ズーム' },
  front: { en: 'Bring All to Front', ja: 'すべてを手前に移動' },
  spelling: { en: 'Add to Dictionary', ja: '辞書に追加' },
  noSuggestions: { en: 'No Suggestions', ja: '候補なし' },
} as const satisfies Words;

export type MenuWord = keyof typeof WORDS;

export function menuWord(word: MenuWord, locale: MenuLocale): string {
  return WORDS[word][locale];
}

function commandItem(command: AppCommand, options: MenuOptions): MenuItemConstructorOptions {
  const entry = shortcutFor(command);
  return {
    id: command,
    label: entry.label[options.locale],
    ...(entry.accelerator !== undefined ? { accelerator: entry.accelerator } : {}),
    click: () => options.onCommand(command),
  };
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { locale, platform } = options;
  const mac = platform === 'darwin';
  const w = (word: MenuWord): string => menuWord(word, locale);
  const cmd = (command: AppCommand): MenuItemConstructorOptions => commandItem(command, options);
  const separator: MenuItemConstructorOptions = { type: 'separator' };

  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: options.appName,
      submenu: [{ role: 'about', label: locale === 'ja' ? `${options.appName}${w('about')}` : `${w('about')} ${options.appName}` }, separator, cmd('preferences'), separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit', label: w('quit') }],
    });
  }
  template.push({
    id: 'file',
    label: w('file'),
    submenu: [cmd('new-message'), cmd('open-message-file'), separator, cmd('save-as'), cmd('print'), separator, cmd('check-mail'), separator, mac ? { role: 'close', label: w('close') } : { role: 'quit', label: w('quit') }],
  });
  template.push({
    id: 'edit',
    label: w('edit'),
    submenu: [
      { role: 'undo', label: w('undo') },
      { role: 'redo', label: w('redo') },
      separator,
      { role: 'cut', label: w('cut') },
      { role: 'copy', label: w('copy') },
      { role: 'paste', label: w('paste') },
      { role: 'pasteAndMatchStyle', label: w('pasteAsPlainText') },
      { role: 'selectAll', label: w('selectAll') },
      separator,
      cmd('find'),
      ...(mac ? [] : [separator, cmd('preferences')]),
    ],
  });
  template.push({
    id: 'view',
    label: w('view'),
    submenu: [
      cmd('toggle-threads'),
      separator,
      { role: 'zoomIn', label: w('zoomIn') },
      { role: 'zoomOut', label: w('zoomOut') },
      { role: 'resetZoom', label: w('resetZoom') },
      separator,
      { role: 'togglefullscreen', label: w('fullScreen') },
      ...(options.development ? [separator, { role: 'reload', label: w('reload') } as const, { role: 'toggleDevTools', label: w('devTools') } as const] : []),
    ],
  });
  template.push({
    id: 'message',
    label: w('message'),
    submenu: [cmd('reply'), cmd('reply-all'), cmd('forward'), separator, cmd('send'), separator, cmd('mark-read'), cmd('mark-unread'), cmd('flag'), separator, cmd('move-message'), cmd('delete-message'), separator, cmd('next-message'), cmd('previous-message')],
  });
  template.push({
    id: 'window',
    label: w('window'),
    role: 'windowMenu',
    submenu: [{ role: 'minimize', label: w('minimize') }, { role: 'zoom', label: w('zoom') }, ...(mac ? [separator, { role: 'front', label: w('front') } as const] : [{ role: 'close', label: w('close') } as const])],
  });
  template.push({
    id: 'help',
    label: w('help'),
    role: 'help',
    submenu: [{ role: 'about', label: `${options.appName} ${w('about')}` }],
  });
  return template;
}

/** The parts of Electron's ContextMenuParams the context menu reads. */
export interface ContextMenuParams {
  readonly isEditable: boolean;
  readonly selectionText: string;
  readonly misspelledWord: string;
  readonly dictionarySuggestions: readonly string[];
  readonly editFlags: { readonly canCut: boolean; readonly canCopy: boolean; readonly canPaste: boolean; readonly canSelectAll: boolean };
}

export interface SpellingActions {
  replaceMisspelling(word: string): void;
  addToDictionary(word: string): void;
}

/** Most spelling suggestions shown; Chromium may offer many more. */
export const MAX_SPELLING_SUGGESTIONS = 5;

/**
 * The right-click menu: spelling suggestions first for a misspelled word in an editable
 * field (the composer), then the clipboard items the field allows. Empty when nothing applies.
 */
export function buildContextMenuTemplate(params: ContextMenuParams, actions: SpellingActions, locale: MenuLocale): MenuItemConstructorOptions[] {
  const w = (word: MenuWord): string => menuWord(word, locale);
  const items: MenuItemConstructorOptions[] = [];
  if (params.isEditable && params.misspelledWord !== '') {
    const suggestions = params.dictionarySuggestions.slice(0, MAX_SPELLING_SUGGESTIONS);
    if (suggestions.length === 0) items.push({ label: w('noSuggestions'), enabled: false });
    for (const suggestion of suggestions) items.push({ label: suggestion, click: () => actions.replaceMisspelling(suggestion) });
    const word = params.misspelledWord;
    items.push({ label: w('spelling'), click: () => actions.addToDictionary(word) }, { type: 'separator' });
  }
  if (params.isEditable) {
    items.push(
      { role: 'cut', label: w('cut'), enabled: params.editFlags.canCut },
      { role: 'copy', label: w('copy'), enabled: params.editFlags.canCopy },
      { role: 'paste', label: w('paste'), enabled: params.editFlags.canPaste },
      { type: 'separator' },
      { role: 'selectAll', label: w('selectAll'), enabled: params.editFlags.canSelectAll },
    );
  } else if (params.selectionText.trim() !== '') {
    items.push({ role: 'copy', label: w('copy'), enabled: params.editFlags.canCopy });
  }
  return items;
}
