/**
 * The pure parts of the HTML body policy (no DOM): the CSP of the shown
 * document and the CSS rewriting that keeps remote style content from loading.
 */

/** The CSP of the shown document; https: images only after the user allowed remote content. */
export function contentSecurityPolicy(allowRemote: boolean): string {
  const images = allowRemote ? 'img-src data: https:' : 'img-src data:';
  return `default-src 'none'; ${images}; style-src 'unsafe-inline'; font-src data:; form-action 'none'; base-uri 'none'`;
}

/**
 * A resource URL that would make a request: anything but data: and cid:.
 * Relative URLs count too — a mail has no base to resolve them against, so
 * they would only reach whatever origin the reader itself runs on.
 */
export function isRemoteUrl(value: string): boolean {
  const trimmed = value.trim();
  return trimmed !== '' && !/^(?:data|cid):/i.test(trimmed);
}

/** The CSS cleaning lives in ./css-clean.ts (a tokenizer's view, escapes and comments included). */
export { replaceRemoteCss } from './css-clean.js';
