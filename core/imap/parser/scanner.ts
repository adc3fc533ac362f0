/**
 * Reads generic IMAP values (values.ts) out of one framed response. Strict where ambiguity
 * would corrupt data (literal positions, string termination, nesting depth), lenient where real
 * servers stray from RFC 3501 §9 without harm (unquoted brackets, odd atom characters).
 */
import { MAX_NESTING_DEPTH } from '../limits.js';
import type { RawResponse } from './framer.js';
import { decodeText, protocolError, type ImapValue, type Section } from './values.js';

const SP = 0x20;
const LPAREN = 0x28;
const RPAREN = 0x29;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const DQUOTE = 0x22;
const BACKSLASH = 0x5c;
const LBRACE = 0x7b;
const TILDE = 0x7e;
const LT = 0x3c;
const GT = 0x3e;

export class Scanner {
  readonly #text: Uint8Array;
  readonly #raw: RawResponse;
  readonly #maxDepth: number;
  #pos = 0;
  #nextLiteral = 0;

  constructor(raw: RawResponse, maxDepth = MAX_NESTING_DEPTH) {
    this.#raw = raw;
    this.#text = raw.text;
    this.#maxDepth = maxDepth;
  }

  get position(): number {
    return this.#pos;
  }

  atEnd(): boolean {
    return this.#pos >= this.#text.length;
  }

  peek(): number | undefined {
    return this.#text[this.#pos];
  }

  /** Skips one or more spaces; servers sometimes double them. */
  skipSpaces(): void {
    while (this.#text[this.#pos] === SP) this.#pos++;
  }

  /** Consumes `byte` if it is next. */
  accept(byte: number): boolean {
    if (this.#text[this.#pos] === byte) {
      this.#pos++;
      return true;
    }
    return false;
  }

  /** A bare word up to the next space (tags, response names, status words). */
  readWord(): string {
    const start = this.#pos;
    while (this.#pos < this.#text.length && this.#text[this.#pos] !== SP) this.#pos++;
    return decodeText(this.#text.subarray(start, this.#pos));
  }

  /** Everything left on the response, as text (resp-text after the response code). */
  readRest(): string {
    const rest = decodeText(this.#text.subarray(this.#pos));
    this.#pos = this.#text.length;
    return rest;
  }

  /** The raw text up to (not including) the next `]`, for response codes whose args are free text. */
  readUntilBracket(): string {
    const start = this.#pos;
    while (this.#pos < this.#text.length && this.#text[this.#pos] !== RBRACKET) this.#pos++;
    return decodeText(this.#text.subarray(start, this.#pos));
  }

  seek(position: number): void {
    this.#pos = position;
  }

  /** Remembers the position (and literal cursor) to come back to after a failed attempt. */
  checkpoint(): { readonly pos: number; readonly literal: number } {
    return { pos: this.#pos, literal: this.#nextLiteral };
  }

  restore(mark: { readonly pos: number; readonly literal: number }): void {
    this.#pos = mark.pos;
    this.#nextLiteral = mark.literal;
  }

  slice(start: number, end: number): string {
    return decodeText(this.#text.subarray(start, end));
  }

  /** Reads values separated by spaces until `stop` (not consumed) or the end. */
  readValuesUntil(stop: number | undefined, depth = 0, inBrackets = false): ImapValue[] {
    const items: ImapValue[] = [];
    for (;;) {
      this.skipSpaces();
      const c = this.#text[this.#pos];
      if (c === undefined || c === stop) return items;
      items.push(this.readValue(depth, inBrackets));
    }
  }

  readValue(depth = 0, inBrackets = false): ImapValue {
    const c = this.#text[this.#pos];
    if (c === undefined) throw protocolError('The response ended where a value was expected.');
    if (c === LPAREN) {
      if (depth >= this.#maxDepth) throw protocolError(`Lists are nested deeper than ${this.#maxDepth} levels.`);
      this.#pos++;
      const items = this.readValuesUntil(RPAREN, depth + 1, inBrackets);
      if (!this.accept(RPAREN)) throw protocolError('A list is missing its closing parenthesis.');
      return { type: 'list', items };
    }
    if (c === DQUOTE) return this.#readQuoted();
    if (c === LBRACE || (c === TILDE && this.#text[this.#pos + 1] === LBRACE)) return this.#readLiteral();
    if (c === RPAREN || (c === RBRACKET && inBrackets)) throw protocolError('Unexpected closing bracket.');
    return this.#readAtom(depth, inBrackets);
  }

  #readQuoted(): ImapValue {
    const text = this.#text;
    const start = ++this.#pos;
    let escaped = false;
    let i = start;
    for (; i < text.length; i++) {
      const b = text[i];
      if (b === BACKSLASH) {
        escaped = true;
        i++;
      } else if (b === DQUOTE) break;
    }
    if (i >= text.length) throw protocolError('A quoted string is not terminated.');
    this.#pos = i + 1;
    if (!escaped) return { type: 'string', bytes: text.subarray(start, i), literal: false };
    // RFC 3501 §4.3: only \" and \\ are defined; anything else keeps the escaped byte (lenient).
    const out = new Uint8Array(i - start);
    let n = 0;
    for (let k = start; k < i; k++) {
      const b = text[k] ?? 0;
      if (b === BACKSLASH) {
        k++;
        out[n++] = text[k] ?? 0;
      } else out[n++] = b;
    }
    return { type: 'string', bytes: out.subarray(0, n), literal: false };
  }

  #readLiteral(): ImapValue {
    const text = this.#text;
    if (text[this.#pos] === TILDE) this.#pos++;
    this.#pos++; // {
    while (this.#pos < text.length && text[this.#pos] !== 0x7d) this.#pos++;
    this.#pos++; // }
    const index = this.#nextLiteral;
    if (this.#raw.literalOffsets[index] !== this.#pos) throw protocolError('A literal marker is not at the end of its line.');
    const data = this.#raw.literals[index];
    if (data === undefined) throw protocolError('A literal is missing.');
    this.#nextLiteral++;
    if (data instanceof Uint8Array) return { type: 'string', bytes: data, literal: true };
    return { type: 'streamed', literal: data };
  }

  #readAtom(depth: number, inBrackets: boolean): ImapValue {
    const text = this.#text;
    const start = this.#pos;
    for (; this.#pos < text.length; this.#pos++) {
      const b = text[this.#pos];
      if (b === SP || b === LPAREN || b === RPAREN || b === DQUOTE) break;
      if (b === RBRACKET && inBrackets) break;
      if (b === LBRACKET && this.#pos > start) break;
      if (b === LBRACKET) {
        // An atom that starts with "[" (an unquoted "[Gmail]/Sent"): read to the space.
        while (this.#pos < text.length && text[this.#pos] !== SP && text[this.#pos] !== RPAREN && text[this.#pos] !== LPAREN) this.#pos++;
        break;
      }
    }
    const value = decodeText(text.subarray(start, this.#pos));
    if (text[this.#pos] === LBRACKET && this.#pos > start) {
      const section = this.#readSection(depth);
      return { type: 'atom', value, section };
    }
    if (value.length === 0) throw protocolError('An empty atom.');
    if (value.length === 3 && value.toUpperCase() === 'NIL') return { type: 'nil' };
    return { type: 'atom', value };
  }

  /** `[section]<origin>` after BODY / BINARY / BINARY.SIZE (RFC 3501 §7.4.2, RFC 3516 §4.2). */
  #readSection(depth: number): Section {
    this.#pos++; // [
    const start = this.#pos;
    const items = this.readValuesUntil(RBRACKET, depth + 1, true);
    const end = this.#pos;
    if (!this.accept(RBRACKET)) throw protocolError('A section is missing its closing bracket.');
    let origin: number | undefined;
    if (this.#text[this.#pos] === LT) {
      const close = this.#text.indexOf(GT, this.#pos);
      if (close === -1) throw protocolError('A partial origin is missing its closing ">".');
      const digits = decodeText(this.#text.subarray(this.#pos + 1, close));
      if (!/^\d{1,10}(\.\d{1,10})?$/.test(digits)) throw protocolError('A partial origin is not a number.');
      origin = Number(digits.split('.')[0]);
      this.#pos = close + 1;
    }
    return { items, origin, text: decodeText(this.#text.subarray(start, end)) };
  }
}
