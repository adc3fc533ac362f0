import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import type { WindowState } from './window-state.js';

/**
 * Window options, built by plain functions so the security-relevant settings are asserted by
 * tests (Electron security checklist: isolate, sandbox, no Node in the page). Every kind of
 * window shares the same webPreferences.
 */
export function hardenedWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: true,
    // Chromium's built-in PDF viewer, for the reader's attachment preview (a blob: frame that
    // only ever holds a file starting with %PDF-). No other plugin exists in Electron.
    plugins: true,
  };
}

/** The main window; `state` (remembered and already clamped to the displays) sets its bounds. */
export function mainWindowOptions(preloadPath: string, state?: WindowState): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 800,
    ...(state !== undefined ? state.bounds : {}),
    minWidth: 720,
    minHeight: 480,
    title: 'Tegami',
    show: false,
    backgroundColor: '#f6f7f9',
    autoHideMenuBar: false,
    webPreferences: hardenedWebPreferences(preloadPath),
  };
}

/** A composer window (new message, reply, or a mailto: link). */
export function composerWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 760,
    height: 640,
    minWidth: 480,
    minHeight: 360,
    title: 'Tegami',
    show: false,
    backgroundColor: '#f6f7f9',
    webPreferences: hardenedWebPreferences(preloadPath),
  };
}

/** A window showing one message (opened from the list or an .eml file). */
export function messageWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 860,
    height: 720,
    minWidth: 480,
    minHeight: 360,
    title: 'Tegami',
    show: false,
    backgroundColor: '#f6f7f9',
    webPreferences: { ...hardenedWebPreferences(preloadPath), spellcheck: false },
  };
}
