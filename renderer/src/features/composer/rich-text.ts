/**
 * The rich-text editor's HTML and its plain-text alternative (multipart/alternative, RFC 2046
 * §5.1.4: the text part says the same as the HTML for readers that show text only).
 */
import { escapeHtml, textToHtml } from '../../../../core/message/reply.js';

export { escapeHtml, textToHtml };

// Block boundaries are kept as markers while walking and resolved at the end, so that adjacent
// blocks give one line break, a paragraph gives a blank line and an empty block (the editor's
// <div><br></div>) stays an empty line.
const BREAK = '\u0000';
const PARAGRAPH = '\u0001';
const EMPTY_LINE = '\u0002';
// Indentation of list continuation lines; source whitespace at a line start is dropped, this is not.
const INDENT = '\u0003';

const LINE_BLOCKS = new Set(['DIV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'PRE', 'TR', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER']);

function resolve(text: string): string {
  const joined = text.replace(/[\u0000\u0001]+/g, (run) => (run.includes(PARAGRAPH) ? '\n\n' : '\n'));
  const lines = joined.split('\n').map((l) => l.replace(/[ \t]+$/, '').replace(/^ +/, ''));
  const out: string[] = [];
  for (const l of lines) {
    const line = l === EMPTY_LINE ? '' : l.replaceAll(EMPTY_LINE, '');
    out.push(line);
  }
  while (out[0] === '') out.shift();
  while (out.at(-1) === '') out.pop();
  return out.join('\n');
}

function inner(element: Element): string {
  let out = '';
  for (const child of Array.from(element.childNodes)) out += render(child);
  return out;
}

/** A block's own content: a trailing <br> does not make another line (as browsers show it). */
function blockContent(element: Element): string {
  const content = inner(element).replace(/\n$/, '');
  return content.replace(/[\u0000\u0001\s]/g, '') === '' ? EMPTY_LINE : content;
}

function render(node: Node): string {
  if (node.nodeType === 3) return (node.textContent ?? '').replace(/[ \t\r\n]+/g, ' ');
  if (node.nodeType !== 1) return '';
  const element = node as Element;
  const tag = element.tagName.toUpperCase();
  switch (tag) {
    case 'BR':
      return '\n';
    case 'SCRIPT':
    case 'STYLE':
    case 'HEAD':
      return '';
    case 'P':
      return PARAGRAPH + blockContent(element) + PARAGRAPH;
    case 'HR':
      return `${BREAK}----${BREAK}`;
    case 'BLOCKQUOTE': {
      const quoted = resolve(inner(element))
        .split('\n')
        .map((l) => (l === '' ? '>' : l.startsWith('>') ? `>${l}` : `> ${l}`))
        .join('\n');
      return BREAK + quoted + BREAK;
    }
    case 'UL':
    case 'OL': {
      let n = 0;
      const items = Array.from(element.children).map((child) => {
        const marker = tag === 'OL' ? `${++n}. ` : '- ';
        const body = resolve(child.tagName.toUpperCase() === 'LI' ? inner(child) : render(child));
        return marker + body.split('\n').join(`\n${INDENT.repeat(marker.length)}`);
      });
      return BREAK + items.join('\n') + BREAK;
    }
    case 'A': {
      const text = inner(element);
      const href = element.getAttribute('href') ?? '';
      const visible = text.trim();
      if (href === '' || href === visible || href === `mailto:${visible}`) return text;
      return `${text} <${href}>`;
    }
    default:
      if (LINE_BLOCKS.has(tag)) return BREAK + blockContent(element) + BREAK;
      return inner(element);
  }
}

/** Plain text of the editor's content: lines, blank lines between paragraphs, lists with markers, links with their target, quotes with ">". */
export function htmlToText(root: Node): string {
  let out = '';
  for (const child of Array.from(root.childNodes)) out += render(child);
  return resolve(out).replaceAll(INDENT, ' ');
}

/** A link for the editor, or null when the target is not something a mail may link to. */
export function safeLinkTarget(input: string): string | null {
  const value = input.trim();
  if (/^(https?:\/\/|mailto:)\S+$/i.test(value)) return value;
  if (/^[^\s@/:]+@[^\s@/]+$/.test(value)) return `mailto:${value}`;
  if (/^www\.\S+$/i.test(value)) return `https://${value}`;
  return null;
}

// What the editor keeps from HTML it did not make itself (a draft saved elsewhere, pasted
// markup): formatting only. Everything else is unwrapped to its text; attributes are dropped
// except a checked link target. Built by copying into fresh elements, so no handler, style,
// image or frame ever reaches the live page.
const KEEP = new Set(['B', 'STRONG', 'I', 'EM', 'U', 'S', 'UL', 'OL', 'LI', 'P', 'DIV', 'BR', 'A', 'BLOCKQUOTE', 'PRE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HR']);
const DROP = new Set(['SCRIPT', 'STYLE', 'HEAD', 'TITLE', 'TEMPLATE', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'MATH', 'NOSCRIPT', 'TEXTAREA', 'SELECT', 'BUTTON']);

function copyAllowed(source: Node, target: Node, doc: Document): void {
  for (const child of Array.from(source.childNodes)) {
    if (child.nodeType === 3) {
      target.appendChild(doc.createTextNode(child.textContent ?? ''));
      continue;
    }
    if (child.nodeType !== 1) continue;
    const element = child as Element;
    const tag = element.tagName.toUpperCase();
    if (DROP.has(tag)) continue;
    if (!KEEP.has(tag)) {
      copyAllowed(element, target, doc);
      continue;
    }
    const copy = doc.createElement(tag.toLowerCase());
    if (tag === 'A') {
      const href = safeLinkTarget(element.getAttribute('href') ?? '');
      if (href !== null) copy.setAttribute('href', href);
    }
    if (tag === 'BLOCKQUOTE' && element.getAttribute('type') === 'cite') copy.setAttribute('type', 'cite');
    copyAllowed(element, copy, doc);
    target.appendChild(copy);
  }
}

/** Markup the editor may show: parsed inertly (DOMParser loads and runs nothing), then copied through an allowlist. */
export function sanitizeEditorHtml(html: string): string {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const out = document.implementation.createHTMLDocument('');
  const container = out.createElement('div');
  copyAllowed(parsed.body, container, out);
  return container.innerHTML;
}

/** The text of HTML mail when it has no text part (for quoting), read inertly. */
export function htmlSourceToText(html: string): string {
  return htmlToText(new DOMParser().parseFromString(html, 'text/html').body);
}
