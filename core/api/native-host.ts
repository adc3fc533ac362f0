import type { WindowRequest } from './contract.js';

/**
 * The port through which the service asks its host for things only a desktop can do: the system
 * browser, opening a file with its application, native file dialogs and dragging a file out of
 * the window. The Electron host implements it with shell/dialog/webContents.startDrag; the web
 * host has none, and then every native request answers { status: 'unsupported' } so the page
 * does it itself (a link, a download, <input type=file>).
 *
 * The service does the mail part (decoding, safety checks, writing files) and hands the port
 * only finished paths and checked URLs.
 */
export interface NativeHost {
  /** Opens an http(s) or mailto: URL in the system browser / mail handler. */
  openExternal(url: string): Promise<void>;
  /** Opens a file with the application the OS associates with it. */
  openPath(path: string): Promise<void>;
  /** A save dialog proposing `suggestedName`; the chosen absolute path, or null when cancelled. */
  chooseSavePath(suggestedName: string): Promise<string | null>;
  /** A folder dialog; the chosen absolute folder, or null when cancelled. */
  chooseFolder(): Promise<string | null>;
  /** A multi-file open dialog; absolute paths, or null when cancelled. */
  chooseFiles(): Promise<readonly string[] | null>;
  /** Starts dragging the file out of the focused window. */
  startDrag(path: string): Promise<void>;
  /** Opens a composer or message window; the request is already validated. */
  openWindow(request: WindowRequest): Promise<void>;
}
