/**
 * Keeps a mail's CSS from loading anything or running anything, judged on the tokens a browser
 * makes of it (./css-tokens.ts) rather than on its spelling: `u\72l(`, `\000075rl(`,
 * `@\69mport`, `expr\65ssion(` and `url(/*x*\/…)` are decoded first (CSS Syntax 3 §4.3.7), so
 * the decision is made on what the browser would fetch or evaluate.
 *
 * - every url() and every image()/image-set()/-webkit-image-set()/cross-fade()/src() whose
 *   URLs are not data:image/ becomes `none` (style sheets and CSS images are never fetched,
 *   not even after "load once", which only allows <img>);
 * - @import rules are removed;
 * - declarations with expression(), behavior, -moz-binding or a javascript:/vbscript: URL are
 *   removed, and so is any declaration that would spell one of those, or a url(), once its
 *   comments are taken out — a reader that joins tokens across comments (old IE did for
 *   `expr/**\/ession(`) must find nothing either.
 *
 * The result is tokenized and checked again until nothing is left to remove; what cannot be
 * made clean that way is dropped entirely.
 */
import { preprocessCss, tokenizeCss, type CssToken } from './css-tokens.js';

/** Functions whose arguments are fetched as images or resources when they are strings or url()s. */
const URL_FUNCTIONS = new Set(['url', 'src', 'image', '-webkit-image', 'image-set', '-webkit-image-set', 'cross-fade', '-webkit-cross-fade']);
/** Properties that bind behaviour (IE HTC, XBL) to an element. */
const BINDING_PROPERTIES = new Set(['behavior', 'behaviour', '-moz-binding']);
/** A declaration that spells any of these once comments are out is removed. */
const SPELLED_DANGER = /(?:url|src|image|image-set|cross-fade|expression)\(|@import|behaviou?r\s*:|-moz-binding/;
/** URL schemes that run script, looked for with whitespace and controls taken out (URL parsers drop them). */
const SCRIPT_SCHEME = /(?:java|vb)script:/;
/** Rounds of clean-and-check before a sheet that keeps producing findings is dropped whole. */
const MAX_ROUNDS = 4;

export interface CleanedCss {
  readonly css: string;
  /** Remote url()s, @imports and dangerous declarations left out. */
  readonly blocked: number;
}

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly replacement: string;
}

/** Only data:image/ stays, read the way a URL parser reads it (tabs and newlines removed, leading controls and spaces trimmed). */
function isAllowedUrl(value: string): boolean {
  return /^data:image\//i.test(value.replace(/[\t\n\r]/g, '').replace(/^[\0- ]+/, ''));
}

function isTrivia(token: CssToken): boolean {
  return token.type === 'whitespace' || token.type === 'comment' || token.type === 'CDO' || token.type === 'CDC';
}

/** The index of the token that closes the block opened at `open`, or the last token (blocks close at the end of input). */
function closingIndex(tokens: readonly CssToken[], open: number): number {
  const expected: string[] = [];
  for (let i = open; i < tokens.length; i += 1) {
    const type = tokens[i]?.type;
    if (type === 'function' || type === '(') expected.push(')');
    else if (type === '[') expected.push(']');
    else if (type === '{') expected.push('}');
    else if (type !== undefined && type === expected[expected.length - 1]) {
      expected.pop();
      if (expected.length === 0) return i;
    }
  }
  return tokens.length - 1;
}

interface UrlComponent {
  readonly first: number;
  readonly last: number;
  readonly blocked: boolean;
}

/** url tokens and URL functions: which tokens they span and whether they would fetch anything. */
function urlComponents(tokens: readonly CssToken[]): UrlComponent[] {
  const components: UrlComponent[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (token === undefined) break;
    if (token.type === 'url' || token.type === 'bad-url') {
      components.push({ first: i, last: i, blocked: token.type === 'bad-url' || !isAllowedUrl(token.value) });
    } else if (token.type === 'function' && URL_FUNCTIONS.has(token.value.toLowerCase())) {
      const last = closingIndex(tokens, i);
      // Strings are URLs here; var()/attr()/env() could substitute one, so any other function blocks too.
      const blocked = tokens.slice(i + 1, last + 1).some((inner) => {
        if (inner.type === 'string' || inner.type === 'url') return !isAllowedUrl(inner.value);
        if (inner.type === 'function') return !URL_FUNCTIONS.has(inner.value.toLowerCase());
        return inner.type === 'bad-url' || inner.type === 'bad-string';
      });
      components.push({ first: i, last, blocked });
      i = last;
    }
  }
  return components;
}

/** The segment as one string with comments out and escapes decoded, url components as `none`. */
function spelled(tokens: readonly CssToken[], first: number, end: number, componentAt: ReadonlyMap<number, UrlComponent>, text: string): string {
  let out = '';
  for (let k = first; k < end; k += 1) {
    const component = componentAt.get(k);
    if (component !== undefined) {
      out += ' none ';
      k = component.last;
      continue;
    }
    const token = tokens[k];
    if (token === undefined) break;
    switch (token.type) {
      case 'comment':
        break;
      case 'whitespace':
        out += ' ';
        break;
      case 'ident':
        out += token.value;
        break;
      case 'function':
        out += `${token.value}(`;
        break;
      case 'at-keyword':
        out += `@${token.value}`;
        break;
      case 'hash':
        out += `#${token.value}`;
        break;
      case 'string':
      case 'bad-string':
        out += `"${token.value}"`;
        break;
      case 'dimension':
        out += `0${token.value}`;
        break;
      default:
        out += text.slice(token.start, token.end);
    }
  }
  return out.toLowerCase();
}

/** A declaration (or prelude) that loads, runs or binds something. */
function isDangerousSegment(tokens: readonly CssToken[], first: number, end: number, componentAt: ReadonlyMap<number, UrlComponent>, text: string): boolean {
  for (let k = first; k < end; k += 1) {
    const token = tokens[k];
    if (token === undefined) break;
    const name = token.value.toLowerCase();
    if (token.type === 'function' && name === 'expression') return true;
    if (token.type === 'ident' && BINDING_PROPERTIES.has(name)) {
      let next = k + 1;
      while (next < end && isTrivia(tokens[next] as CssToken)) next += 1;
      if (next < end && tokens[next]?.type === 'colon') return true;
    }
    if ((token.type === 'string' || token.type === 'url') && SCRIPT_SCHEME.test(token.value.toLowerCase().replace(/[\0- ]/g, ''))) return true;
  }
  const joined = spelled(tokens, first, end, componentAt, text);
  return SPELLED_DANGER.test(joined) || SCRIPT_SCHEME.test(joined.replace(/[\0- "]/g, ''));
}

/** The edits one round makes, and how many of them count as blocked. */
function findEdits(text: string): { readonly edits: Edit[]; readonly blocked: number } {
  const tokens = tokenizeCss(text);
  const components = urlComponents(tokens);
  const componentAt = new Map<number, UrlComponent>();
  for (const component of components) componentAt.set(component.first, component);

  // Declarations and rule preludes end at ";", "{" or "}" outside parentheses and brackets.
  const removals: Edit[] = [];
  let segmentStart = 0;
  let nesting = 0;
  for (let i = 0; i <= tokens.length; i += 1) {
    const token = tokens[i];
    if (token !== undefined) {
      const component = componentAt.get(i);
      if (component !== undefined) {
        i = component.last;
        continue;
      }
      if (token.type === 'function' || token.type === '(' || token.type === '[') nesting += 1;
      else if ((token.type === ')' || token.type === ']') && nesting > 0) nesting -= 1;
      const boundary = nesting === 0 && (token.type === 'semicolon' || token.type === '{' || token.type === '}');
      if (!boundary) continue;
    }
    let first = segmentStart;
    while (first < i && isTrivia(tokens[first] as CssToken)) first += 1;
    segmentStart = i + 1;
    if (first >= i) continue;
    const head = tokens[first] as CssToken;
    const isImport = head.type === 'at-keyword' && head.value.toLowerCase() === 'import';
    if (isImport || isDangerousSegment(tokens, first, i, componentAt, text)) {
      // A ";" goes with the declaration; a block's braces stay (a rule without a prelude is dropped by the browser).
      const end = token === undefined ? text.length : token.type === 'semicolon' ? token.end : token.start;
      removals.push({ start: head.start, end, replacement: '' });
    }
  }

  const edits: Edit[] = [...removals];
  for (const component of components) {
    if (!component.blocked) continue;
    const start = tokens[component.first]?.start ?? 0;
    const end = tokens[component.last]?.end ?? text.length;
    if (removals.some((removal) => start < removal.end && end > removal.start)) continue;
    edits.push({ start, end, replacement: 'none' });
  }
  edits.sort((a, b) => a.start - b.start);
  return { edits, blocked: edits.length };
}

function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = '';
  let at = 0;
  for (const edit of edits) {
    out += text.slice(at, edit.start) + edit.replacement;
    at = edit.end;
  }
  return out + text.slice(at);
}

/** See the module comment. CSS with nothing to remove comes back unchanged. */
export function replaceRemoteCss(css: string): CleanedCss {
  let text = preprocessCss(css);
  let blocked = 0;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const found = findEdits(text);
    if (found.edits.length === 0) return { css: blocked === 0 ? css : text, blocked };
    blocked += found.blocked;
    text = applyEdits(text, found.edits);
  }
  return findEdits(text).edits.length === 0 ? { css: text, blocked } : { css: '', blocked: blocked + 1 };
}
