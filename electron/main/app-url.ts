import { pathToFileURL } from 'node:url';

/**
 * Decides whether a frame URL is our renderer: the packaged index.html (file:) or, during
 * development, a page from electron-vite's dev server (its origin only).
 */
export function appUrlMatcher(indexHtmlPath: string, devServerUrl: string | undefined): (url: string) => boolean {
  const fileUrl = pathToFileURL(indexHtmlPath);
  const devOrigin = devServerUrl === undefined || devServerUrl === '' ? undefined : new URL(devServerUrl).origin;
  return (candidate: string): boolean => {
    let url: URL;
    try {
      url = new URL(candidate);
    } catch {
      return false;
    }
    if (url.protocol === 'file:') return url.pathname === fileUrl.pathname;
    return devOrigin !== undefined && url.origin === devOrigin;
  };
}
