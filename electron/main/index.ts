import { app, BrowserWindow, ipcMain, session } from 'electron';
import { fileURLToPath } from 'node:url';
import type { WindowRequest } from '../../core/api/contract.js';
import { resolveDataDir } from '../../core/api/data-dir.js';
import { createTegamiService, type TegamiService } from '../../core/api/service.js';
import { contentSecurityPolicy, developmentContentSecurityPolicy } from '../common/csp.js';
import { appUrlMatcher } from './app-url.js';
import { attachContextMenu, connectLaunchRouter, openComposerWindow, openRequestedWindow, createHostCredentialStore, installApplicationMenu, installLaunchHandlers, loadMainWindowState, mainWindowState, registerAsMailClient, rememberWindowState, startCrashReportsAndLogs } from './integration.js';
import { bindIpc, pushEvent } from './ipc.js';
import { LaunchRouter } from './launch-router.js';
import { startMailIntegration } from './mail-integration.js';
import { createElectronNativeHost } from './native-host.js';
import { hardenContents, hardenSession } from './security.js';
import { mainWindowOptions } from './window-options.js';

/**
 * The Electron host: thin by design. It owns windows and security; everything else is the
 * service from core/api, reached through the IPC binding.
 */

// Built layout: out/main/index.js, out/preload/index.cjs, out/renderer/index.html.
const PRELOAD = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const INDEX_HTML = fileURLToPath(new URL('../renderer/index.html', import.meta.url));
/** Set by `electron-vite dev` to the renderer's dev server. */
const DEV_SERVER_URL = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'] || undefined;

const isAppUrl = appUrlMatcher(INDEX_HTML, DEV_SERVER_URL);
const windows = new Set<BrowserWindow>();

function createMainWindow(service: TegamiService): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(PRELOAD, mainWindowState()));
  windows.add(win);
  rememberWindowState(win);
  const contents = win.webContents;
  win.once('ready-to-show', () => win.show());
  contents.on('did-finish-load', () => {
    void service.getAppInfo().then((appInfo) => pushEvent(contents, { type: 'hello', appInfo }));
  });
  win.on('closed', () => windows.delete(win));
  if (DEV_SERVER_URL !== undefined) void win.loadURL(DEV_SERVER_URL);
  else void win.loadFile(INDEX_HTML);
  return win;
}

function start(): void {
  // Every renderer is sandboxed, including any created later.
  app.enableSandbox();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  startCrashReportsAndLogs();
  // mailto: links and .eml files (command line, second instance, macOS open events).
  const launches = new LaunchRouter();
  installLaunchHandlers(launches);

  app.on('web-contents-created', (_event, contents) => hardenContents(contents));

  void app.whenReady().then(async () => {
    // Passwords go to the OS keychain; without one (no Secret Service on a bare Linux
    // session) to a file encrypted with safeStorage in the user data folder.
    const credentials = await createHostCredentialStore();
    // The window factory needs the service (message files) and the service the factory (the
    // page asks for windows through it): the factory is filled in right after.
    let openRequested: (request: WindowRequest) => void = () => undefined;
    const native = createElectronNativeHost((request) => openRequested(request));
    const service = createTegamiService({ dataDir: resolveDataDir(), host: 'electron', locale: app.getLocale(), credentials, native });
    hardenSession(session.defaultSession, DEV_SERVER_URL === undefined ? contentSecurityPolicy() : developmentContentSecurityPolicy(DEV_SERVER_URL));
    bindIpc(ipcMain, service, {
      webContentsIds: () => [...windows].filter((w) => !w.isDestroyed()).map((w) => w.webContents.id),
      isAppUrl,
    });
    service.onEvent((event) => {
      for (const win of windows) if (!win.isDestroyed()) pushEvent(win.webContents, event);
    });

    const windowFactory = { preload: PRELOAD, indexHtml: INDEX_HTML, devServerUrl: DEV_SERVER_URL, windows, allowMessageFile: (path: string) => service.allowMessageFile(path) };
    openRequested = (request) => void openRequestedWindow(windowFactory, request);
    const locale = installApplicationMenu(windowFactory, DEV_SERVER_URL !== undefined);
    app.on('web-contents-created', (_event, contents) => attachContextMenu(contents, locale));
    registerAsMailClient();
    await loadMainWindowState();
    let main = createMainWindow(service);
    const showMainWindow = (): BrowserWindow => {
      if (main.isDestroyed()) main = createMainWindow(service);
      if (main.isMinimized()) main.restore();
      main.show();
      main.focus();
      return main;
    };
    connectLaunchRouter(launches, windowFactory);
    startMailIntegration(service, { locale, showMainWindow, openComposer: () => void openComposerWindow(windowFactory, undefined) });
    app.on('second-instance', () => void showMainWindow());
    app.on('activate', () => void showMainWindow());
  });

  app.on('window-all-closed', () => {
    // macOS apps stay alive without windows: the service in this process goes on syncing and
    // notifying until the user quits (the dock's count and notifications keep working).
    if (process.platform !== 'darwin') app.quit();
  });
}

start();
