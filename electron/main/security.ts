import { contentSecurityPolicy } from '../common/csp.js';

/**
 * Session- and page-level hardening, against narrow shapes of Electron's Session and
 * WebContents so the rules are unit-tested without the Electron binary.
 */

export type ResponseHeaders = Record<string, string[] | string>;

export interface SessionLike {
  readonly webRequest: {
    onHeadersReceived(listener: (details: { responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders?: ResponseHeaders }) => void) => void): void;
  };
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: () => boolean): void;
}

export interface NavigationEventLike {
  preventDefault(): void;
}

export interface ContentsLike {
  on(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', listener: (event: NavigationEventLike, url: string) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * Puts `csp` (ours unless told otherwise) on every response, replacing any the response
 * carried, and denies every permission.
 */
export function hardenSession(session: SessionLike, csp: string = contentSecurityPolicy()): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: ResponseHeaders = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
    );
    headers['Content-Security-Policy'] = [csp];
    callback({ responseHeaders: headers });
  });
  // Camera, microphone, notifications, geolocation…: a mail window needs none of them today.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/**
 * A page never navigates away from the app and never opens windows of its own; links will be
 * opened in the system browser through the contract, after the user asked.
 */
export function hardenContents(contents: ContentsLike): void {
  const deny = (event: NavigationEventLike): void => event.preventDefault();
  contents.on('will-navigate', deny);
  contents.on('will-redirect', deny);
  contents.on('will-attach-webview', deny);
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
