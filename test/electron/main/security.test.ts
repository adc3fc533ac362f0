import { describe, expect, it } from 'vitest';
import { hardenContents, hardenSession, type ContentsLike, type NavigationEventLike, type ResponseHeaders, type SessionLike } from '../../../electron/main/security.js';
import { appUrlMatcher } from '../../../electron/main/app-url.js';

describe('session hardening', () => {
  it('replaces any CSP on responses with ours and denies every permission', () => {
    let onHeaders: Parameters<SessionLike['webRequest']['onHeadersReceived']>[0] | undefined;
    let onRequest: Parameters<SessionLike['setPermissionRequestHandler']>[0] | undefined;
    let onCheck: (() => boolean) | undefined;
    hardenSession({
      webRequest: { onHeadersReceived: (l) => (onHeaders = l) },
      setPermissionRequestHandler: (h) => (onRequest = h),
      setPermissionCheckHandler: (h) => (onCheck = h),
    });
    let headers: ResponseHeaders | undefined;
    onHeaders!({ responseHeaders: { 'content-security-policy': ["script-src *"], 'x-other': ['1'] } }, (r) => (headers = r.responseHeaders));
    expect(headers!['content-security-policy']).toBeUndefined();
    expect(headers!['x-other']).toEqual(['1']);
    expect(String(headers!['Content-Security-Policy'])).toContain("script-src 'self'");

    const granted: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) onRequest!(null, permission, (g) => granted.push(g));
    expect(granted).toEqual([false, false, false, false, false]);
    expect(onCheck!()).toBe(false);
  });

  it('blocks navigation, redirects, webviews and window.open', () => {
    const listeners = new Map<string, (event: NavigationEventLike, url: string) => void>();
    let openHandler: ((d: { url: string }) => { action: 'deny' }) | undefined;
    const contents: ContentsLike = {
      on: (name, listener) => listeners.set(name, listener),
      setWindowOpenHandler: (h) => (openHandler = h),
    };
    hardenContents(contents);
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      listeners.get(name)!({ preventDefault: () => (prevented = true) }, 'https://evil.example/');
      expect(prevented, name).toBe(true);
    }
    expect(openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });
});

describe('app URL matcher', () => {
  it('accepts only our index.html, or the dev server origin when given', () => {
    const packaged = appUrlMatcher('/opt/Tegami/out/renderer/index.html', undefined);
    expect(packaged('file:///opt/Tegami/out/renderer/index.html')).toBe(true);
    expect(packaged('file:///opt/Tegami/out/renderer/index.html#/inbox')).toBe(true);
    expect(packaged('file:///etc/passwd')).toBe(false);
    expect(packaged('http://localhost:5173/')).toBe(false);
    expect(packaged('not a url')).toBe(false);
    const dev = appUrlMatcher('/opt/Tegami/out/renderer/index.html', 'http://localhost:5173');
    expect(dev('http://localhost:5173/index.html')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
  });
});

describe('the CSP meta tag of renderer/index.html', () => {
  it('says what the hosts send, so a file:// page in Electron gets the same policy', async () => {
    const { readFile } = await import('node:fs/promises');
    const { contentSecurityPolicy } = await import('../../../electron/common/csp.js');
    const html = await readFile(new URL('../../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    // frame-ancestors is ignored in a meta tag (CSP3 §6.4), so the header-only directive is left out.
    const expected = contentSecurityPolicy()
      .split('; ')
      .filter((d) => !d.startsWith('frame-ancestors'))
      .join('; ');
    expect(meta).toBe(expected);
  });
});
