/**
 * Takes a mail's inline styles out of its markup before any DOM parses it.
 *
 * The reader page's CSP has style-src 'self', and Chromium reports (as console errors) every
 * inline style it meets while parsing in this page's realm — even in the inert documents
 * DOMPurify parses into. So, before sanitizing, this pass renames style="" attributes to
 * STYLE_ATTRIBUTE and lifts <style> sheets out as text; the reader applies both through the
 * CSSOM, which CSP does not govern. It is a small tokenizer, not a full HTML parser: where it
 * reads markup differently from a browser, the only effect is a style left as it was (and
 * removed by the sanitizer), never a change to what is allowed — DOMPurify still parses and
 * sanitizes the result, and the frame's CSP still applies.
 */

/** The attribute a mail's style="" travels in until the reader applies it (not rendered by browsers). */
export const STYLE_ATTRIBUTE = 'data-tegami-style';

export interface ExtractedStyles {
  readonly html: string;
  /** The contents of the <style> elements, in document order. */
  readonly styleSheets: readonly string[];
}

/** Elements whose content is text up to their end tag (HTML §13.1.2 raw text and escapable raw text, plus friends). */
const RAW_TEXT = new Set(['script', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext']);

// Sticky expressions read at a position without copying the rest of the document.
const TAG_NAME = /[A-Za-z][^\s/>]*/y;
const SEPARATOR = /[\s/]*/y;
const ATTRIBUTE = /([^\s/>=][^\s/>=]*)(\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?/y;

function readAt(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

function endOfRawText(html: string, from: number, name: string): number {
  const close = new RegExp(`</${name}`, 'gi');
  close.lastIndex = from;
  return close.exec(html)?.index ?? html.length;
}

export function extractStyles(html: string): ExtractedStyles {
  const styleSheets: string[] = [];
  let out = '';
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      out += html.slice(i);
      break;
    }
    out += html.slice(i, lt);
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      const stop = end === -1 ? html.length : end + 3;
      out += html.slice(lt, stop);
      i = stop;
      continue;
    }
    const name = readAt(TAG_NAME, html, lt + 1)?.[0];
    if (name === undefined) {
      // "</p>", "<!doctype>", "<?x>" or a lone "<": copied as they are.
      out += '<';
      i = lt + 1;
      continue;
    }
    // Attributes up to the tag's ">" (outside quotes).
    let j = lt + 1 + name.length;
    let tag = `<${name}`;
    for (;;) {
      const space = readAt(SEPARATOR, html, j)?.[0] ?? '';
      tag += space;
      j += space.length;
      if (j >= html.length || html[j] === '>') break;
      const attribute = readAt(ATTRIBUTE, html, j);
      if (attribute === null) {
        tag += html[j];
        j += 1;
        continue;
      }
      const attributeName = attribute[1] ?? '';
      tag += (attributeName.toLowerCase() === 'style' ? STYLE_ATTRIBUTE : attributeName) + (attribute[2] ?? '');
      j += attribute[0].length;
    }
    const tagEnd = Math.min(j + 1, html.length);
    const lower = name.toLowerCase();
    if (lower === 'style') {
      const close = endOfRawText(html, tagEnd, 'style');
      styleSheets.push(html.slice(tagEnd, close));
      const closeEnd = html.indexOf('>', close);
      i = closeEnd === -1 ? html.length : closeEnd + 1;
      continue;
    }
    out += tag + (j < html.length ? '>' : '');
    i = tagEnd;
    if (RAW_TEXT.has(lower)) {
      const close = endOfRawText(html, i, lower);
      out += html.slice(i, close);
      i = close;
    }
  }
  return { html: out, styleSheets };
}
