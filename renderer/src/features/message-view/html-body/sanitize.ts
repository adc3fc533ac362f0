/**
 * An HTML body made safe to show. DOMPurify removes scripts, event handlers,
 * forms, frames, objects, SVG/MathML and dangerous URLs; remote images, style
 * sheets and CSS url()s are removed unless the user allowed remote content for
 * this message; cid: images are resolved through a map of data: URLs. The
 * result is wrapped in a document whose CSP forbids everything else, shown in
 * an iframe with sandbox="" — so even a sanitizer miss cannot run code, submit
 * a form or reach the network.
 */
import DOMPurify from 'dompurify';
import { contentSecurityPolicy, isRemoteUrl, replaceRemoteCss } from './policy.js';

export interface SafeHtml {
  /** The complete document for the iframe's srcdoc. */
  readonly srcdoc: string;
  /** Remote images, style sheets and CSS url()s left out; the reader offers to load them. */
  readonly blockedRemote: number;
}

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
    const style = node.getAttribute('style');
    if (style !== null) {
      const cleaned = replaceRemoteCss(style);
      blocked += cleaned.blocked;
      node.setAttribute('style', cleaned.css);
    }
  });
  purifier.addHook('uponSanitizeElement', (node, data) => {
    if (data.tagName !== 'style') return;
    const cleaned = replaceRemoteCss(node.textContent ?? '');
    blocked += cleaned.blocked;
    node.textContent = cleaned.css;
  });
  const body = purifier.sanitize(html, {
    WHOLE_DOCUMENT: false,
    ADD_TAGS: ['style'],
    FORBID_TAGS,
    FORBID_ATTR,
    ALLOW_DATA_ATTR: false,
  });
  purifier.removeAllHooks();
  const srcdoc =
    '<!doctype html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(contentSecurityPolicy(allowRemote))}">` +
    '<meta name="referrer" content="no-referrer">' +
    `</head><body>${body}</body></html>`;
  return { srcdoc, blockedRemote: allowRemote ? 0 : blocked };
}
