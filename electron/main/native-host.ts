import { BrowserWindow, dialog, nativeImage, shell } from 'electron';
import type { WindowRequest } from '../../core/api/contract.js';
import type { NativeHost } from '../../core/api/native-host.js';
import { smallIconPath } from './icon-path.js';
import { externalUrlDecision } from './url-policy.js';

/**
 * The Electron side of the service's NativeHost port: the system browser, the OS's file
 * associations, native dialogs and dragging a file out of the window. The service has already
 * checked URLs and file types and written the files; this only performs the native step, and
 * checks the URL once more itself (defence in depth: shell.openExternal with a file: or custom
 * scheme URL can start programs).
 */

/** The window the dialog belongs to (modal to it), when one of ours has focus. */
function focusedWindow(): BrowserWindow | undefined {
  return BrowserWindow.getFocusedWindow() ?? undefined;
}

/** `openWindow` opens composer and message windows (integration.ts owns the window factory). */
export function createElectronNativeHost(openWindow: (request: WindowRequest) => void): NativeHost {
  return {
    async openExternal(url) {
      const decision = externalUrlDecision(url);
      if (!decision.allowed) throw new Error(`Refused to open ${url.slice(0, 100)}: only http, https and mailto links are opened.`);
      await shell.openExternal(decision.url);
    },
    async openPath(path) {
      // shell.openPath answers an error message instead of throwing.
      const failure = await shell.openPath(path);
      if (failure !== '') throw new Error(`The system could not open ${path}: ${failure}`);
    },
    async chooseSavePath(suggestedName) {
      const owner = focusedWindow();
      const options: Electron.SaveDialogOptions = { defaultPath: suggestedName, properties: ['createDirectory', 'showOverwriteConfirmation'] };
      const result = owner !== undefined ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
      return result.canceled || result.filePath === undefined || result.filePath === '' ? null : result.filePath;
    },
    async chooseFolder() {
      const owner = focusedWindow();
      const options: Electron.OpenDialogOptions = { properties: ['openDirectory', 'createDirectory'] };
      const result = owner !== undefined ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
      const [folder] = result.filePaths;
      return result.canceled || folder === undefined ? null : folder;
    },
    async chooseFiles() {
      const owner = focusedWindow();
      const options: Electron.OpenDialogOptions = { properties: ['openFile', 'multiSelections'] };
      const result = owner !== undefined ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : result.filePaths;
    },
    async startDrag(path) {
      const owner = focusedWindow();
      if (owner === undefined) throw new Error('No Tegami window has focus to drag from.');
      owner.webContents.startDrag({ file: path, icon: nativeImage.createFromPath(smallIconPath()) });
    },
    async openWindow(request) {
      openWindow(request);
    },
  };
}
