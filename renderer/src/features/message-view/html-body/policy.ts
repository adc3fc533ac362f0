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

const CSS_URL = /url\(\s*(['"]?)([^'")]*)\1\s*\)/gi;
const CSS_IMPORT = /@import\b[^;]*;?/gi;
const CSS_EXPRESSION = /expression\s*\(/gi;
const CSS_BEHAVIOR = /(?:-moz-binding|behavior)\s*:/gi;

/**
 * Removes @import, IE expression()/behavior/-moz-binding and every url() that
 * is not data: (style sheets are never fetched; remote images in CSS stay off
 * even after "load once", which only allows <img>).
 */
export function replaceRemoteCss(css: string): { readonly css: string; readonly blocked: number } {
  let blocked = 0;
  const cleaned = css
    .replace(CSS_IMPORT, () => ((blocked += 1), ''))
    .replace(CSS_EXPRESSION, () => ((blocked += 1), 'blocked('))
    .replace(CSS_BEHAVIOR, () => ((blocked += 1), 'x-blocked:'))
    .replace(CSS_URL, (whole: string, _quote: string, url: string) => (/^\s*data:image\//i.test(url) ? whole : ((blocked += 1), 'none')));
  return { css: cleaned, blocked };
}
