/**
 * An HTML body made safe to show. DOMPurify removes scripts, event handlers,
 * forms, frames, objects, SVG/MathML and dangerous URLs; remote images, style
 * sheets and CSS url()s are removed unless the user allowed remote content for
 * this message; cid: images are resolved through a map of data: URLs. The
 * result is wrapped in a document whose CSP forbids everything else, shown in
 * an iframe whose sandbox does not allow scripts — so even a sanitizer miss cannot
 * run code, submit a form or reach the network. Styles leave the markup and come
 * back through the CSSOM (see STYLE_ATTRIBUTE).
 */
import DOMPurify from 'dompurify';
import { contentSecurityPolicy, isRemoteUrl, replaceRemoteCss } from './policy.js';
import { extractStyles, STYLE_ATTRIBUTE } from './style-extract.js';

export interface SafeHtml {
  /** The complete document for the iframe's srcdoc. */
  readonly srcdoc: string;
  /** Remote images, style sheets and CSS url()s left out; the reader offers to load them. */
  readonly blockedRemote: number;
  /**
   * The message's <style> sheets, cleaned, for the reader to apply through the CSSOM (see
   * STYLE_ATTRIBUTE): they are not left in the document as <style> elements.
   */
  readonly styleSheets: readonly string[];
}

/**
 * A frame's srcdoc document inherits the reader page's CSP (HTML policy containers), and the
 * app's style-src 'self' refuses inline style, so a mail's styles are taken out of the markup
 * (./style-extract.ts) and applied by the reader through the CSSOM instead.
 */
export { STYLE_ATTRIBUTE };

export interface SanitizeOptions {
  /** The user chose "load once" (or "always for this sender") for this message. */
  readonly allowRemote: boolean;
  /** Content-ID (without angle brackets) → data: URL of the inline part. */
  readonly cidImages?: ReadonlyMap<string, string>;
}

const URL_ATTRIBUTES = ['src', 'background', 'poster', 'srcset', 'lowsrc', 'dynsrc'] as const;
const FORBID_TAGS = ['form', 'input', 'button', 'textarea', 'select', 'option', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'link', 'meta', 'base', 'svg', 'math', 'audio', 'video', 'source', 'track', 'portal'];
const FORBID_ATTR = ['action', 'formaction', 'ping', 'xlink:href', 'srcdoc'];

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

export function sanitizeHtml(html: string, options: SanitizeOptions): SafeHtml {
  const { allowRemote, cidImages } = options;
  let blocked = 0;
  const extracted = extractStyles(html);
  const styleSheets: string[] = [];
  for (const sheet of extracted.styleSheets) {
    const cleaned = replaceRemoteCss(sheet);
    blocked += cleaned.blocked;
    styleSheets.push(cleaned.css);
  }
  const purifier = DOMPurify(window);
  purifier.addHook('afterSanitizeAttributes', (node) => {
    if (!(node instanceof Element)) return;
    if (node.tagName === 'A') node.setAttribute('rel', 'noopener noreferrer');
    for (const name of URL_ATTRIBUTES) {
      const value = node.getAttribute(name);
      if (value === null) continue;
      const cid = /^\s*cid:(.+)$/i.exec(value);
      if (cid?.[1] !== undefined) {
        const resolved = cidImages?.get(cid[1].trim().replace(/^<|>$/g, ''));
        if (resolved !== undefined && /^data:image\//i.test(resolved)) node.setAttribute(name, resolved);
        else node.removeAttribute(name);
        continue;
      }
      // "Load once" lets https: <img src> through (the CSP allows it too); every other remote URL stays off.
      const remote = name === 'srcset' ? value.split(',').some((candidate) => isRemoteUrl(candidate)) : isRemoteUrl(value);
      if (remote && !(allowRemote && name === 'src' && /^\s*https:/i.test(value))) {
        node.removeAttribute(name);
        blocked += 1;
      }
    }
    // STYLE_ATTRIBUTE carries the mail's style=""; a style attribute the extraction missed goes the same way.
    const style = [node.getAttribute(STYLE_ATTRIBUTE), node.getAttribute('style')].filter((v): v is string => v !== null).join(';');
    node.removeAttribute('style');
    node.removeAttribute(STYLE_ATTRIBUTE);
    if (style !== '') {
      const cleaned = replaceRemoteCss(style);
      blocked += cleaned.blocked;
      if (cleaned.css.trim() !== '') node.setAttribute(STYLE_ATTRIBUTE, cleaned.css);
    }
  });
  purifier.addHook('uponSanitizeElement', (node, data) => {
    if (data.tagName !== 'style') return;
    const cleaned = replaceRemoteCss(node.textContent ?? '');
    blocked += cleaned.blocked;
    styleSheets.push(cleaned.css);
  });
  // <style> is forbidden as an element: the hook above has taken its CSS into styleSheets first.
  // The string result is built in DOMPurify's own inert document; nothing is adopted into ours.
  const body = purifier.sanitize(extracted.html, {
    WHOLE_DOCUMENT: false,
    FORBID_TAGS: [...FORBID_TAGS, 'style'],
    FORBID_ATTR,
    ALLOW_DATA_ATTR: false,
    ADD_ATTR: [STYLE_ATTRIBUTE],
    // CSS text, not a URL: DOMPurify would otherwise read "color:" as a URL scheme and drop it.
    ADD_URI_SAFE_ATTR: [STYLE_ATTRIBUTE],
    // Without it a <style> at the very start would be parsed into <head> and never seen.
    FORCE_BODY: true,
  });
  purifier.removeAllHooks();
  const srcdoc =
    '<!doctype html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(contentSecurityPolicy(allowRemote))}">` +
    '<meta name="referrer" content="no-referrer">' +
    `</head><body>${body}</body></html>`;
  return { srcdoc, blockedRemote: allowRemote ? 0 : blocked, styleSheets };
}
