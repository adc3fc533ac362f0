import { app, BrowserWindow, crashReporter, dialog, Menu, Notification, safeStorage, screen, shell, type WebContents } from 'electron';
import { join } from 'node:path';
import { createKeytarStore } from '../../core/accounts/keytar-store.js';
import type { CredentialStore } from '../../core/accounts/credentials.js';
import type { WindowRequest } from '../../core/api/contract.js';
import { RefusingCredentialStore } from '../../core/api/memory-credentials.js';
import type { MailtoDraft } from '../../core/message/mailto.js';
import { menuLocale, type AppCommand, type MenuLocale } from '../common/shortcuts.js';
import { pushEvent } from './ipc.js';
import { requestFromOpenFile, requestFromOpenUrl, requestsFromArgv } from './launch-args.js';
import type { LaunchRouter } from './launch-router.js';
import { CloseGuard } from './close-guard.js';
import { buildContextMenuTemplate, buildMenuTemplate } from './menu.js';
import { newMailNotifications, unreadBadge, type NewMessage } from './notifications.js';
import { KeychainWithFileFallback, SAFE_STORAGE_FILE, SafeStorageCredentialStore } from './safe-storage-store.js';
import { externalUrlDecision } from './url-policy.js';
import { composerWindowOptions, messageWindowOptions } from './window-options.js';
import { clampWindowState, loadWindowState, saveWindowState, WINDOW_STATE_FILE, type WindowState } from './window-state.js';

/**
 * The host's native integration, on top of the tested pure modules: crash reports and logs,
 * credentials, the default mail client role, composer and message windows, menus,
 * notifications and the badge. Nothing here decides anything the pure modules do not.
 */

/** Before ready: crash dumps stay on this machine; logs go to the user data folder. */
export function startCrashReportsAndLogs(): void {
  crashReporter.start({ uploadToServer: false, compress: true });
  app.setAppLogsPath(join(app.getPath('userData'), 'logs'));
}

/**
 * The OS keychain through keytar, then a safeStorage-encrypted file in the user data folder;
 * when neither works (no Secret Service and only safeStorage's plain-text backend on Linux),
 * storing a secret fails with an explicit 'credential-store-unavailable' that gives the reason,
 * as in the web host: never a copy kept only in memory that is lost at the next start.
 */
export async function createHostCredentialStore(): Promise<CredentialStore> {
  const keychain = await createKeytarStore().catch(() => undefined);
  const file = new SafeStorageCredentialStore(join(app.getPath('userData'), SAFE_STORAGE_FILE), safeStorage);
  return new RefusingCredentialStore(new KeychainWithFileFallback(keychain, file));
}

export interface WindowFactoryOptions {
  readonly preload: string;
  readonly indexHtml: string;
  readonly devServerUrl: string | undefined;
  /** Every app window: the IPC binding accepts requests only from these. */
  readonly windows: Set<BrowserWindow>;
  /** Lets the page read this message file (the service refuses paths the host was not given). */
  readonly allowMessageFile: (path: string) => void;
}

type PageQuery = Record<string, string>;

function openWindow(options: WindowFactoryOptions, windowOptions: Electron.BrowserWindowConstructorOptions, query: PageQuery): BrowserWindow {
  const win = new BrowserWindow(windowOptions);
  options.windows.add(win);
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => options.windows.delete(win));
  if (options.devServerUrl !== undefined) {
    const url = new URL(options.devServerUrl);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    void win.loadURL(url.href);
  } else {
    void win.loadFile(options.indexHtml, { query });
  }
  return win;
}

/** A composer window: the close button lets its page save the draft first, for a bounded time (close-guard.ts). */
function openComposer(options: WindowFactoryOptions, query: PageQuery): BrowserWindow {
  const win = openWindow(options, composerWindowOptions(options.preload), { window: 'compose', ...query });
  const guard = new CloseGuard(win);
  const quitting = (): void => guard.quitRequested();
  app.on('before-quit', quitting);
  win.on('close', () => guard.closeRequested());
  win.webContents.on('will-prevent-unload', (event) => guard.unloadVetoed(event));
  win.on('closed', () => {
    guard.dispose();
    app.off('before-quit', quitting);
    // This window's veto made Electron give up the quit; its draft is saved now, so quit again.
    if (guard.quitHeld) app.quit();
  });
  return win;
}

/** A composer window; the page reads the draft from its query (`window=compose&draft=…`). */
export function openComposerWindow(options: WindowFactoryOptions, draft: MailtoDraft | undefined): BrowserWindow {
  return openComposer(options, draft !== undefined ? { draft: JSON.stringify(draft) } : {});
}

/**
 * A window the page asked for: a composer that starts from `start` (`window=compose&start=…`,
 * the ComposeStart as JSON, checked again by the page) or a stored message (`window=message&id=…`).
 */
export function openRequestedWindow(options: WindowFactoryOptions, request: WindowRequest): BrowserWindow {
  if (request.kind === 'compose') return openComposer(options, { start: JSON.stringify(request.start) });
  return openWindow(options, messageWindowOptions(options.preload), { window: 'message', id: request.messageId });
}

/** A message window for an .eml file (`window=message&file=…`). */
export function openMessageFileWindow(options: WindowFactoryOptions, path: string): BrowserWindow {
  options.allowMessageFile(path);
  return openWindow(options, messageWindowOptions(options.preload), { window: 'message', file: path });
}

/**
 * Before ready: mailto: links and .eml files from this process's command line, from a second
 * instance's, and from macOS open events all go through one router to the windows.
 */
export function installLaunchHandlers(router: LaunchRouter): void {
  app.on('open-url', (event, url) => {
    event.preventDefault();
    router.submit(requestFromOpenUrl(url));
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    router.submit(requestFromOpenFile(path));
  });
  app.on('second-instance', (_event, argv, workingDirectory) => router.submitAll(requestsFromArgv(argv, workingDirectory)));
  router.submitAll(requestsFromArgv(process.argv, process.cwd()));
}

/**
 * Offers Tegami as the mailto: handler. Only for the packaged app: in development it would
 * register the bare Electron binary.
 */
export function registerAsMailClient(): void {
  if (app.isPackaged && !app.isDefaultProtocolClient('mailto')) app.setAsDefaultProtocolClient('mailto');
}

export function connectLaunchRouter(router: LaunchRouter, options: WindowFactoryOptions): void {
  router.ready({
    openComposer: (draft) => openComposerWindow(options, draft),
    openMessageFile: (path) => openMessageFileWindow(options, path),
    reportError: (error) => dialog.showErrorBox('Tegami', error.message),
  });
}

/** The application menu; commands the host handles itself open windows, the rest go to the focused page. */
export function installApplicationMenu(options: WindowFactoryOptions, development: boolean): MenuLocale {
  const locale = menuLocale(app.getLocale());
  const onCommand = (command: AppCommand): void => {
    if (command === 'new-message') {
      openComposerWindow(options, undefined);
      return;
    }
    if (command === 'open-message-file') {
      void dialog.showOpenDialog({ properties: ['openFile'], filters: [{ name: 'Email', extensions: ['eml'] }] }).then((result) => {
        const [path] = result.filePaths;
        if (!result.canceled && path !== undefined) openMessageFileWindow(options, path);
      });
      return;
    }
    // Everything else is the page's: the same action as its own shortcut, as a contract event.
    const focused = BrowserWindow.getFocusedWindow();
    if (focused !== null && options.windows.has(focused)) pushEvent(focused.webContents, { type: 'command', command });
  };
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({ platform: process.platform, locale, appName: app.name, development, onCommand })));
  return locale;
}

/** The right-click menu with spelling suggestions, on every page. */
export function attachContextMenu(contents: WebContents, locale: MenuLocale): void {
  contents.on('context-menu', (_event, params) => {
    const template = buildContextMenuTemplate(params, { replaceMisspelling: (word) => contents.replaceMisspelling(word), addToDictionary: (word) => contents.session.addWordToSpellCheckerDictionary(word) }, locale);
    if (template.length > 0) Menu.buildFromTemplate(template).popup();
  });
}

let rememberedState: WindowState | undefined;

/** After ready: reads the main window's last bounds, clamped to the displays now present (primary first). */
export async function loadMainWindowState(): Promise<void> {
  const saved = await loadWindowState(join(app.getPath('userData'), WINDOW_STATE_FILE));
  if (saved === undefined) return;
  const primary = screen.getPrimaryDisplay();
  const displays = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)];
  rememberedState = clampWindowState(saved, displays);
}

export function mainWindowState(): WindowState | undefined {
  return rememberedState;
}

/** Saves the main window's bounds when it closes (the normal bounds, so a maximized window restores sensibly). */
export function rememberWindowState(win: BrowserWindow): void {
  if (rememberedState?.maximized === true) win.maximize();
  win.on('close', () => {
    rememberedState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    void saveWindowState(join(app.getPath('userData'), WINDOW_STATE_FILE), rememberedState).catch(() => undefined);
  });
}

/** Shows the new-mail notifications; a click opens the message (or focuses the app for a summary). */
export function notifyNewMail(messages: readonly NewMessage[], locale: MenuLocale, open: (message: NewMessage | undefined) => void): void {
  if (!Notification.isSupported()) return;
  for (const spec of newMailNotifications(messages, locale)) {
    const notification = new Notification({ title: spec.title, body: spec.body });
    notification.on('click', () => open(spec.open));
    notification.show();
  }
}

export function setUnreadBadge(unread: number): void {
  const badge = unreadBadge(unread, process.platform);
  if (badge.kind === 'dock') app.dock?.setBadge(badge.text);
  else app.setBadgeCount(badge.count);
}

/** Opens a link in the system browser or mail handler only when the URL policy allows it. */
export async function openExternalIfAllowed(url: unknown): Promise<boolean> {
  const decision = externalUrlDecision(url);
  if (!decision.allowed) return false;
  await shell.openExternal(decision.url);
  return true;
}
