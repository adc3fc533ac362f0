/**
 * A small, strict XML reader for provider configuration files (config-v1.1.xml).
 *
 * The files come from the network (autoconfig servers anyone can run), so the reader accepts
 * only what those files need and refuses everything that makes XML parsers dangerous:
 * - no DOCTYPE at all, so there are no entity declarations to expand (billion laughs) and no
 *   external entities to fetch (XXE); a document with a DOCTYPE is an error, not ignored;
 * - only the five predefined entities and numeric character references (XML 1.0 §4.6, §4.1);
 * - size, depth, element and attribute limits from limits.ts.
 * Namespaces are not interpreted: a prefixed name is just a name. Whitespace-only text between
 * elements is dropped, other text is kept as written (callers trim).
 */
import { MailError } from '../net/mail-error.js';
import { MAX_CONFIG_BYTES, MAX_XML_ATTRIBUTES, MAX_XML_DEPTH, MAX_XML_ELEMENTS } from './limits.js';

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
}

export type XmlNode = XmlElement | string;

interface MutableElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

// XML 1.0 §2.3 names, restricted to what a config file plausibly uses plus any non-ASCII letter.
const NAME_START = /[A-Za-z_:\u00C0-\uFFFF]/;
const NAME_CHAR = /[A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF]/;

function fail(message: string, position: number): never {
  throw new MailError('config-invalid', `Invalid XML at offset ${position}: ${message}`, { details: { position } });
}

/** XML 1.0 §2.2 Char: the code points a document may contain at all. */
function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

class Reader {
  private pos = 0;
  private elements = 0;

  constructor(private readonly text: string) {}

  parseDocument(): XmlElement {
    if (this.text.charCodeAt(0) === 0xfeff) this.pos = 1;
    if (this.text.startsWith('<?xml', this.pos) && /[\s?]/.test(this.text[this.pos + 5] ?? '')) this.skipProcessingInstruction();
    this.skipMisc();
    if (this.text.startsWith('<!DOCTYPE', this.pos)) {
      fail('a DOCTYPE is not allowed (entity declarations are refused)', this.pos);
    }
    if (this.text[this.pos] !== '<') fail('expected the root element', this.pos);
    const root = this.parseElement(1);
    this.skipMisc();
    if (this.pos < this.text.length) fail('content after the root element', this.pos);
    return root;
  }

  /** Comments, processing instructions and whitespace, allowed around the root (XML 1.0 §2.8 Misc). */
  private skipMisc(): void {
    for (;;) {
      this.skipWhitespace();
      if (this.text.startsWith('<!--', this.pos)) this.skipComment();
      else if (this.text.startsWith('<?', this.pos)) this.skipProcessingInstruction();
      else return;
    }
  }

  private skipWhitespace(): void {
    while (this.pos < this.text.length && /[ \t\r\n]/.test(this.text[this.pos]!)) this.pos++;
  }

  private skipComment(): void {
    const end = this.text.indexOf('-->', this.pos + 4);
    if (end < 0) fail('unterminated comment', this.pos);
    this.pos = end + 3;
  }

  private skipProcessingInstruction(): void {
    const start = this.pos;
    const end = this.text.indexOf('?>', this.pos + 2);
    if (end < 0) fail('unterminated processing instruction', start);
    const target = /^<\?([^\s?]+)/.exec(this.text.slice(start, end))?.[1] ?? '';
    // §2.6: "xml" in any case is reserved; only the declaration at offset 0 may use it.
    if (target.toLowerCase() === 'xml' && start !== 0 && !(start === 1 && this.text.charCodeAt(0) === 0xfeff)) {
      fail('XML declaration not at the start of the document', start);
    }
    this.pos = end + 2;
  }

  private readName(): string {
    const start = this.pos;
    if (!NAME_START.test(this.text[this.pos] ?? '')) fail('expected a name', this.pos);
    this.pos++;
    while (this.pos < this.text.length && NAME_CHAR.test(this.text[this.pos]!)) this.pos++;
    return this.text.slice(start, this.pos);
  }

  private parseElement(depth: number): XmlElement {
    if (depth > MAX_XML_DEPTH) fail(`elements nested deeper than ${MAX_XML_DEPTH}`, this.pos);
    if (++this.elements > MAX_XML_ELEMENTS) fail(`more than ${MAX_XML_ELEMENTS} elements`, this.pos);
    this.pos++; // '<'
    const element: MutableElement = { name: this.readName(), attributes: Object.create(null) as Record<string, string>, children: [] };
    let attributeCount = 0;
    for (;;) {
      const before = this.pos;
      this.skipWhitespace();
      const c = this.text[this.pos];
      if (c === undefined) fail(`unterminated start tag <${element.name}>`, this.pos);
      if (c === '/') {
        if (this.text[this.pos + 1] !== '>') fail('expected "/>"', this.pos);
        this.pos += 2;
        return element;
      }
      if (c === '>') {
        this.pos++;
        break;
      }
      if (this.pos === before) fail('expected whitespace before an attribute', this.pos);
      const name = this.readName();
      this.skipWhitespace();
      if (this.text[this.pos] !== '=') fail(`attribute ${name} has no value`, this.pos);
      this.pos++;
      this.skipWhitespace();
      const quote = this.text[this.pos];
      if (quote !== '"' && quote !== "'") fail(`attribute ${name} value is not quoted`, this.pos);
      const end = this.text.indexOf(quote, this.pos + 1);
      if (end < 0) fail(`unterminated value of attribute ${name}`, this.pos);
      const raw = this.text.slice(this.pos + 1, end);
      if (raw.includes('<')) fail(`"<" in the value of attribute ${name}`, this.pos);
      if (Object.hasOwn(element.attributes, name)) fail(`duplicate attribute ${name}`, this.pos);
      if (++attributeCount > MAX_XML_ATTRIBUTES) fail(`more than ${MAX_XML_ATTRIBUTES} attributes`, this.pos);
      // §3.3.3: whitespace characters in attribute values normalise to spaces.
      element.attributes[name] = this.decodeText(raw, this.pos + 1).replace(/[\t\r\n]/g, ' ');
      this.pos = end + 1;
    }
    this.parseContent(element, depth);
    return element;
  }

  private parseContent(element: MutableElement, depth: number): void {
    let text = '';
    const flushText = (): void => {
      if (text.trim().length > 0) element.children.push(text);
      text = '';
    };
    for (;;) {
      const lt = this.text.indexOf('<', this.pos);
      if (lt < 0) fail(`element <${element.name}> is not closed`, this.pos);
      if (lt > this.pos) {
        const raw = this.text.slice(this.pos, lt);
        if (raw.includes(']]>')) fail('"]]>" in text', this.pos);
        text += this.decodeText(raw, this.pos);
        this.pos = lt;
      }
      if (this.text.startsWith('</', this.pos)) {
        this.pos += 2;
        const name = this.readName();
        this.skipWhitespace();
        if (this.text[this.pos] !== '>') fail('expected ">" after the end tag name', this.pos);
        if (name !== element.name) fail(`end tag </${name}> does not match <${element.name}>`, this.pos);
        this.pos++;
        flushText();
        return;
      }
      if (this.text.startsWith('<!--', this.pos)) {
        this.skipComment();
      } else if (this.text.startsWith('<![CDATA[', this.pos)) {
        const end = this.text.indexOf(']]>', this.pos + 9);
        if (end < 0) fail('unterminated CDATA section', this.pos);
        text += this.text.slice(this.pos + 9, end);
        this.pos = end + 3;
      } else if (this.text.startsWith('<?', this.pos)) {
        this.skipProcessingInstruction();
      } else if (this.text.startsWith('<!', this.pos)) {
        fail('markup declarations are not allowed', this.pos);
      } else {
        flushText();
        element.children.push(this.parseElement(depth + 1));
      }
    }
  }

  /** Resolves entity and character references (XML 1.0 §4.1); anything else is an error. */
  private decodeText(raw: string, offset: number): string {
    if (!raw.includes('&')) return raw;
    return raw.replace(/&([^;&\s]*);?/g, (match, body: string, index: number) => {
      if (!match.endsWith(';')) fail('"&" not followed by a reference', offset + index);
      if (Object.hasOwn(PREDEFINED, body)) return PREDEFINED[body]!;
      const numeric = /^#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}))$/.exec(body);
      if (numeric) {
        const code = numeric[1] !== undefined ? Number.parseInt(numeric[1], 16) : Number.parseInt(numeric[2]!, 10);
        if (!isXmlChar(code)) fail(`character reference &${body}; is not an XML character`, offset + index);
        return String.fromCodePoint(code);
      }
      return fail(`unknown entity &${body}; (only the predefined entities are allowed)`, offset + index);
    });
  }
}

/** Parses one XML document into an element tree, or throws MailError('config-invalid'). */
export function parseXml(text: string): XmlElement {
  if (text.length > MAX_CONFIG_BYTES) {
    throw new MailError('config-invalid', `The document is larger than ${MAX_CONFIG_BYTES} bytes`);
  }
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    if (code > 0xffff) i++;
    if (!isXmlChar(code) && !(i === 0 && code === 0xfeff)) fail(`character U+${code.toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`, i);
  }
  return new Reader(text).parseDocument();
}

/** Decodes bytes as UTF-8 (the only encoding accepted) and parses them. */
export function parseXmlBytes(bytes: Uint8Array): XmlElement {
  if (bytes.byteLength > MAX_CONFIG_BYTES) {
    throw new MailError('config-invalid', `The document is larger than ${MAX_CONFIG_BYTES} bytes`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new MailError('config-invalid', 'The document is not valid UTF-8', { cause: error });
  }
  const declared = /^\uFEFF?<\?xml[^?]*encoding\s*=\s*["']([^"']+)["']/.exec(text)?.[1];
  if (declared !== undefined && !/^utf-?8$/i.test(declared)) {
    throw new MailError('config-invalid', `Unsupported document encoding "${declared}" (only UTF-8 is accepted)`);
  }
  return parseXml(text);
}

/** The element children of an element, optionally only those with a given name. */
export function childElements(element: XmlElement, name?: string): XmlElement[] {
  return element.children.filter((c): c is XmlElement => typeof c !== 'string' && (name === undefined || c.name === name));
}

/** The concatenated, trimmed text directly inside an element. */
export function textOf(element: XmlElement): string {
  return element.children
    .filter((c): c is string => typeof c === 'string')
    .join('')
    .trim();
}
