/**
 * The CSS tokenizer of CSS Syntax Level 3 (§3.3 preprocessing, §4 tokenization), pure, for the
 * mail CSS cleaner (./css-clean.ts). It exists so that the cleaner judges a style sheet by the
 * tokens a browser makes of it: escapes decoded (`u\72l(` is the url token a browser sees),
 * comments separated from the tokens around them, strings and url()s read the way the browser
 * reads them. Each token keeps its place in the preprocessed text, so the cleaner can cut
 * exactly what it judged.
 */

export type CssTokenType =
  | 'ident'
  | 'function'
  | 'at-keyword'
  | 'hash'
  | 'string'
  | 'bad-string'
  | 'url'
  | 'bad-url'
  | 'delim'
  | 'number'
  | 'percentage'
  | 'dimension'
  | 'whitespace'
  | 'comment'
  | 'CDO'
  | 'CDC'
  | 'colon'
  | 'semicolon'
  | 'comma'
  | '['
  | ']'
  | '('
  | ')'
  | '{'
  | '}';

export interface CssToken {
  readonly type: CssTokenType;
  /**
   * Escapes decoded: the name of an ident, function (without "("), at-keyword (without "@") or
   * hash (without "#"); the contents of a string or url token; the unit of a dimension; the
   * source text of anything else.
   */
  readonly value: string;
  /** Offsets in the preprocessed text (see preprocessCss). */
  readonly start: number;
  readonly end: number;
}

const REPLACEMENT = 0xfffd;
const MAX_CODE_POINT = 0x10ffff;
/** §4.3.7: at most six hex digits after the backslash. */
const MAX_HEX_DIGITS = 6;

/**
 * §3.3: CR LF, CR and FF become LF; NUL and lone surrogates become U+FFFD. Token offsets refer
 * to this text, which a browser reads identically to the original.
 */
export function preprocessCss(css: string): string {
  return css
    .replace(/\r\n?|\f/g, '\n')
    .replace(/\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

function isWhitespace(c: number): boolean {
  return c === 0x0a || c === 0x09 || c === 0x20;
}

/** Ident-start code point; non-ASCII is >= U+0080 as in browsers' tokenizers. */
function isIdentStart(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c >= 0x80;
}

function isIdentCodePoint(c: number): boolean {
  return isIdentStart(c) || isDigit(c) || c === 0x2d;
}

/** §4.2 non-printable code point: these end an unquoted url() as bad. */
function isNonPrintable(c: number): boolean {
  return (c >= 0x00 && c <= 0x08) || c === 0x0b || (c >= 0x0e && c <= 0x1f) || c === 0x7f;
}

/** The tokens that are one code point and nothing else. */
const SINGLE_CHARACTER_TOKENS: Partial<Record<number, CssTokenType>> = {
  0x28: '(',
  0x29: ')',
  0x2c: 'comma',
  0x3a: 'colon',
  0x3b: 'semicolon',
  0x5b: '[',
  0x5d: ']',
  0x7b: '{',
  0x7d: '}',
};

/** End of input reads as -1. */
const EOF = -1;

class Tokenizer {
  private pos = 0;

  constructor(private readonly text: string) {}

  /** The code point n code points ahead (by UTF-16 units for the ASCII checks that use it). */
  private peek(offset = 0): number {
    let at = this.pos;
    for (let k = 0; k < offset; k += 1) {
      if (at >= this.text.length) return EOF;
      at += (this.text.codePointAt(at) ?? 0) > 0xffff ? 2 : 1;
    }
    return at < this.text.length ? (this.text.codePointAt(at) ?? EOF) : EOF;
  }

  private next(): number {
    const c = this.peek();
    if (c !== EOF) this.pos += c > 0xffff ? 2 : 1;
    return c;
  }

  /** §4.3.8: a backslash not followed by a newline. */
  private static validEscape(first: number, second: number): boolean {
    return first === 0x5c && second !== 0x0a;
  }

  /** §4.3.9. */
  private startsIdentSequence(first: number, second: number, third: number): boolean {
    if (first === 0x2d) return isIdentStart(second) || second === 0x2d || Tokenizer.validEscape(second, third);
    if (isIdentStart(first)) return true;
    return Tokenizer.validEscape(first, second);
  }

  /** §4.3.10. */
  private startsNumber(first: number, second: number, third: number): boolean {
    if (first === 0x2b || first === 0x2d) return isDigit(second) || (second === 0x2e && isDigit(third));
    if (first === 0x2e) return isDigit(second);
    return isDigit(first);
  }

  /**
   * §4.3.7 consume an escaped code point, the backslash already consumed: up to six hex digits
   * and one optional whitespace; zero, a surrogate or beyond U+10FFFF is U+FFFD; at the end of
   * input U+FFFD; any other code point stands for itself.
   */
  private consumeEscapedCodePoint(): string {
    const c = this.next();
    if (c === EOF) return String.fromCodePoint(REPLACEMENT);
    if (!isHexDigit(c)) return String.fromCodePoint(c);
    let hex = String.fromCodePoint(c);
    while (hex.length < MAX_HEX_DIGITS && isHexDigit(this.peek())) hex += String.fromCodePoint(this.next());
    if (isWhitespace(this.peek())) this.next();
    const value = Number.parseInt(hex, 16);
    const invalid = value === 0 || (value >= 0xd800 && value <= 0xdfff) || value > MAX_CODE_POINT;
    return String.fromCodePoint(invalid ? REPLACEMENT : value);
  }

  /** §4.3.12. */
  private consumeIdentSequence(): string {
    let result = '';
    for (;;) {
      const c = this.peek();
      if (isIdentCodePoint(c)) {
        result += String.fromCodePoint(this.next());
      } else if (Tokenizer.validEscape(c, this.peek(1))) {
        this.next();
        result += this.consumeEscapedCodePoint();
      } else {
        return result;
      }
    }
  }

  /** §4.3.13 (the value is not needed, only how far the number goes). */
  private consumeNumber(): void {
    if (this.peek() === 0x2b || this.peek() === 0x2d) this.next();
    while (isDigit(this.peek())) this.next();
    if (this.peek() === 0x2e && isDigit(this.peek(1))) {
      this.next();
      while (isDigit(this.peek())) this.next();
    }
    const e = this.peek();
    if (e === 0x45 || e === 0x65) {
      const sign = this.peek(1);
      if (isDigit(sign)) {
        this.next();
        while (isDigit(this.peek())) this.next();
      } else if ((sign === 0x2b || sign === 0x2d) && isDigit(this.peek(2))) {
        this.next();
        this.next();
        while (isDigit(this.peek())) this.next();
      }
    }
  }

  /** §4.3.3. */
  private consumeNumeric(start: number): CssToken {
    this.consumeNumber();
    if (this.startsIdentSequence(this.peek(), this.peek(1), this.peek(2))) {
      const unit = this.consumeIdentSequence();
      return this.token('dimension', unit, start);
    }
    if (this.peek() === 0x25) {
      this.next();
      return this.token('percentage', this.text.slice(start, this.pos), start);
    }
    return this.token('number', this.text.slice(start, this.pos), start);
  }

  /** §4.3.4: "url(" without a quote is a url token, with one a function token. */
  private consumeIdentLike(start: number): CssToken {
    const name = this.consumeIdentSequence();
    if (name.toLowerCase() === 'url' && this.peek() === 0x28) {
      this.next();
      while (isWhitespace(this.peek()) && isWhitespace(this.peek(1))) this.next();
      const first = this.peek();
      const second = this.peek(1);
      const quote = (c: number): boolean => c === 0x22 || c === 0x27;
      if (quote(first) || (isWhitespace(first) && quote(second))) return this.token('function', name, start);
      return this.consumeUrl(start);
    }
    if (this.peek() === 0x28) {
      this.next();
      return this.token('function', name, start);
    }
    return this.token('ident', name, start);
  }

  /** §4.3.6, after "url(". */
  private consumeUrl(start: number): CssToken {
    let value = '';
    while (isWhitespace(this.peek())) this.next();
    for (;;) {
      const c = this.next();
      if (c === 0x29 || c === EOF) return this.token('url', value, start);
      if (isWhitespace(c)) {
        while (isWhitespace(this.peek())) this.next();
        const after = this.peek();
        if (after === 0x29 || after === EOF) {
          this.next();
          return this.token('url', value, start);
        }
        return this.consumeBadUrlRemnants(start);
      }
      if (c === 0x22 || c === 0x27 || c === 0x28 || isNonPrintable(c)) return this.consumeBadUrlRemnants(start);
      if (c === 0x5c) {
        if (!Tokenizer.validEscape(c, this.peek())) return this.consumeBadUrlRemnants(start);
        value += this.consumeEscapedCodePoint();
        continue;
      }
      value += String.fromCodePoint(c);
    }
  }

  /** §4.3.14: up to ")" or the end, an escaped ")" not counting. */
  private consumeBadUrlRemnants(start: number): CssToken {
    for (;;) {
      const c = this.next();
      if (c === 0x29 || c === EOF) return this.token('bad-url', this.text.slice(start, this.pos), start);
      if (Tokenizer.validEscape(c, this.peek())) this.consumeEscapedCodePoint();
    }
  }

  /** §4.3.5. */
  private consumeString(start: number, ending: number): CssToken {
    let value = '';
    for (;;) {
      const c = this.peek();
      if (c === EOF) return this.token('string', value, start);
      if (c === 0x0a) return this.token('bad-string', value, start);
      this.next();
      if (c === ending) return this.token('string', value, start);
      if (c === 0x5c) {
        const after = this.peek();
        if (after === EOF) continue;
        if (after === 0x0a) {
          // An escaped newline continues the string and adds nothing to it.
          this.next();
          continue;
        }
        value += this.consumeEscapedCodePoint();
        continue;
      }
      value += String.fromCodePoint(c);
    }
  }

  private token(type: CssTokenType, value: string, start: number): CssToken {
    return { type, value, start, end: this.pos };
  }

  /** §4.3.1 consume a token; comments are returned as tokens of their own (§4.3.2). */
  nextToken(): CssToken | null {
    const start = this.pos;
    const c = this.peek();
    if (c === EOF) return null;
    if (c === 0x2f && this.peek(1) === 0x2a) {
      const close = this.text.indexOf('*/', this.pos + 2);
      this.pos = close === -1 ? this.text.length : close + 2;
      return this.token('comment', this.text.slice(start, this.pos), start);
    }
    this.next();
    if (isWhitespace(c)) {
      while (isWhitespace(this.peek())) this.next();
      return this.token('whitespace', this.text.slice(start, this.pos), start);
    }
    const simpleType = SINGLE_CHARACTER_TOKENS[c];
    if (simpleType !== undefined) return this.token(simpleType, String.fromCodePoint(c), start);
    switch (c) {
      case 0x22:
      case 0x27:
        return this.consumeString(start, c);
      case 0x23:
        if (isIdentCodePoint(this.peek()) || Tokenizer.validEscape(this.peek(), this.peek(1))) {
          return this.token('hash', this.consumeIdentSequence(), start);
        }
        return this.token('delim', '#', start);
      case 0x2b:
      case 0x2e:
        if (this.startsNumber(c, this.peek(), this.peek(1))) {
          this.pos = start;
          return this.consumeNumeric(start);
        }
        return this.token('delim', String.fromCodePoint(c), start);
      case 0x2d:
        if (this.startsNumber(c, this.peek(), this.peek(1))) {
          this.pos = start;
          return this.consumeNumeric(start);
        }
        if (this.peek() === 0x2d && this.peek(1) === 0x3e) {
          this.next();
          this.next();
          return this.token('CDC', '-->', start);
        }
        if (this.startsIdentSequence(c, this.peek(), this.peek(1))) {
          this.pos = start;
          return this.consumeIdentLike(start);
        }
        return this.token('delim', '-', start);
      case 0x3c:
        if (this.peek() === 0x21 && this.peek(1) === 0x2d && this.peek(2) === 0x2d) {
          this.next();
          this.next();
          this.next();
          return this.token('CDO', '<!--', start);
        }
        return this.token('delim', '<', start);
      case 0x40:
        if (this.startsIdentSequence(this.peek(), this.peek(1), this.peek(2))) {
          return this.token('at-keyword', this.consumeIdentSequence(), start);
        }
        return this.token('delim', '@', start);
      case 0x5c:
        if (Tokenizer.validEscape(c, this.peek())) {
          this.pos = start;
          return this.consumeIdentLike(start);
        }
        return this.token('delim', '\\', start);
      default:
        break;
    }
    if (isDigit(c)) {
      this.pos = start;
      return this.consumeNumeric(start);
    }
    if (isIdentStart(c)) {
      this.pos = start;
      return this.consumeIdentLike(start);
    }
    return this.token('delim', String.fromCodePoint(c), start);
  }
}

/** The tokens of already preprocessed CSS (see preprocessCss), comments included. */
export function tokenizeCss(preprocessed: string): CssToken[] {
  const tokenizer = new Tokenizer(preprocessed);
  const tokens: CssToken[] = [];
  for (let token = tokenizer.nextToken(); token !== null; token = tokenizer.nextToken()) tokens.push(token);
  return tokens;
}
