/**
 * RFC 5322 §3.4 address lists: mailboxes, groups, display names (with RFC 2047 encoded words,
 * §5 of that RFC), comments, quoted local parts, domain literals, obsolete routes, and IDN
 * domains (RFC 5890) shown in Unicode with the ASCII form kept. Broken lists are read as far
 * as they make sense; every repair is reported through `onWarning`.
 */
import { decodeEncodedWords, type CharsetProblemHandler } from './encoded-words.js';
import { domainToAscii, domainToUnicode } from './punycode.js';

export interface Mailbox {
  readonly kind: 'mailbox';
  /** Display name, decoded ("" when there is none). */
  readonly name: string;
  /** local@domain with the domain in Unicode, for display ("" when the entry has none). */
  readonly address: string;
  /** local@domain with the domain in ASCII (punycode), for the wire and for comparisons. */
  readonly asciiAddress: string;
}

export interface Group {
  readonly kind: 'group';
  readonly name: string;
  readonly members: readonly Mailbox[];
}

export type Address = Mailbox | Group;

type TokenType = 'atom' | 'quoted' | 'comment' | 'literal' | 'special';
interface Token {
  readonly type: TokenType;
  readonly text: string;
}

export interface AddressParseOptions {
  readonly onWarning?: (message: string) => void;
  readonly onCharsetProblem?: CharsetProblemHandler;
}

const SPECIALS = '<>@,;:';

function tokenize(input: string, warn: (m: string) => void): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = input.length;
  while (i < n) {
    const ch = input[i] as string;
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') {
      i++;
    } else if (ch === '"') {
      let text = '';
      i++;
      let closed = false;
      while (i < n) {
        const c = input[i] as string;
        if (c === '\\' && i + 1 < n) {
          text += input[i + 1] as string;
          i += 2;
        } else if (c === '"') {
          closed = true;
          i++;
          break;
        } else {
          text += c;
          i++;
        }
      }
      if (!closed) warn('unterminated quoted string');
      tokens.push({ type: 'quoted', text });
    } else if (ch === '(') {
      let depth = 1;
      let text = '';
      i++;
      while (i < n && depth > 0) {
        const c = input[i] as string;
        if (c === '\\' && i + 1 < n) {
          text += input[i + 1] as string;
          i += 2;
          continue;
        }
        if (c === '(') depth++;
        else if (c === ')') {
          depth--;
          if (depth === 0) {
            i++;
            break;
          }
        }
        text += c;
        i++;
      }
      if (depth > 0) warn('unterminated comment');
      tokens.push({ type: 'comment', text });
    } else if (ch === '[') {
      const end = input.indexOf(']', i);
      const stop = end === -1 ? n : end + 1;
      if (end === -1) warn('unterminated domain literal');
      tokens.push({ type: 'literal', text: input.slice(i, stop) });
      i = stop;
    } else if (SPECIALS.includes(ch)) {
      tokens.push({ type: 'special', text: ch });
      i++;
    } else if (ch === ')' || ch === '>' || ch === ']') {
      i++; // stray closer
    } else {
      let j = i;
      while (j < n) {
        const c = input[j] as string;
        if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '"' || c === '(' || c === '[' || c === ')' || c === ']' || SPECIALS.includes(c)) break;
        j++;
      }
      tokens.push({ type: 'atom', text: input.slice(i, j) });
      i = j;
    }
  }
  return tokens;
}

const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uffff-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uffff-]+)*$/;

function buildAddress(tokens: readonly Token[]): { address: string; asciiAddress: string; valid: boolean } {
  const useful = tokens.filter((t) => t.type !== 'comment');
  const at = useful.map((t) => t.text).lastIndexOf('@');
  const localTokens = at === -1 ? useful : useful.slice(0, at);
  const domainTokens = at === -1 ? [] : useful.slice(at + 1);
  let local = '';
  for (const t of localTokens) {
    if (t.type === 'quoted') local += DOT_ATOM.test(t.text) ? t.text : `"${t.text.replace(/(["\\])/g, '\\$1')}"`;
    else if (t.type !== 'special') local += t.text;
  }
  const domain = domainTokens.filter((t) => t.type !== 'special').map((t) => t.text).join('');
  if (at === -1) return { address: local, asciiAddress: local, valid: false };
  const isLiteral = domain.startsWith('[');
  return {
    address: `${local}@${isLiteral ? domain : domainToUnicode(domain)}`,
    asciiAddress: `${local}@${isLiteral ? domain : domainToAscii(domain).toLowerCase()}`,
    valid: local !== '' && domain !== '',
  };
}

function phrase(tokens: readonly Token[], onProblem?: CharsetProblemHandler): string {
  const words = tokens.filter((t) => t.type === 'atom' || t.type === 'quoted').map((t) => t.text);
  return decodeEncodedWords(words.join(' '), onProblem).replace(/\s+/g, ' ').trim();
}

function mailboxFrom(tokens: readonly Token[], options: AddressParseOptions): Mailbox | undefined {
  if (tokens.length === 0) return undefined;
  const warn = (m: string): void => options.onWarning?.(m);
  const open = tokens.findIndex((t) => t.type === 'special' && t.text === '<');
  if (open !== -1) {
    let close = tokens.findIndex((t, k) => k > open && t.type === 'special' && t.text === '>');
    if (close === -1) {
      close = tokens.length;
    }
    let inner = tokens.slice(open + 1, close);
    // obs-route (RFC 5322 §4.4): "<@relay1,@relay2:user@host>" — drop the route.
    const colon = inner.findIndex((t) => t.type === 'special' && t.text === ':');
    if (colon !== -1) inner = inner.slice(colon + 1);
    const built = buildAddress(inner);
    let name = phrase(tokens.slice(0, open), options.onCharsetProblem);
    if (name === '') {
      const comment = tokens.find((t) => t.type === 'comment');
      if (comment !== undefined) name = decodeEncodedWords(comment.text, options.onCharsetProblem).trim();
    }
    if (!built.valid && built.address !== '') warn(`"${built.address}" is not a complete address`);
    return { kind: 'mailbox', name, address: built.address, asciiAddress: built.asciiAddress };
  }
  const hasAt = tokens.some((t) => t.type === 'special' && t.text === '@');
  if (hasAt) {
    // addr-spec, maybe followed by a comment that old mailers used as the name.
    const built = buildAddress(tokens);
    if (!built.valid) warn(`"${built.address}" is not a complete address`);
    const comment = tokens.find((t) => t.type === 'comment');
    const name = comment === undefined ? '' : decodeEncodedWords(comment.text, options.onCharsetProblem).trim();
    return { kind: 'mailbox', name, address: built.address, asciiAddress: built.asciiAddress };
  }
  const words = tokens.filter((t) => t.type === 'atom' || t.type === 'quoted');
  if (words.length === 1 && words[0]?.type === 'atom' && tokens.every((t) => t.type !== 'special')) {
    // A bare local name ("root"): valid on the sending host, not a full address.
    warn(`"${words[0].text}" has no domain`);
    return { kind: 'mailbox', name: '', address: words[0].text, asciiAddress: words[0].text };
  }
  const name = phrase(tokens, options.onCharsetProblem);
  if (name === '') return undefined;
  warn(`"${name}" has no address`);
  return { kind: 'mailbox', name, address: '', asciiAddress: '' };
}

/** Parses an address-list or mailbox-list header value (encoded words still encoded). */
export function parseAddressList(value: string, options: AddressParseOptions = {}): Address[] {
  const warn = (m: string): void => options.onWarning?.(m);
  const tokens = tokenize(value, warn);
  const result: Address[] = [];
  let current: Token[] = [];
  let group: { name: string; members: Mailbox[] } | undefined;
  let inAngle = false;
  let angleStart = 0;
  const finish = (): void => {
    const mailbox = mailboxFrom(current, options);
    current = [];
    if (mailbox === undefined) return;
    if (group !== undefined) group.members.push(mailbox);
    else result.push(mailbox);
  };
  for (const token of tokens) {
    if (token.type === 'special') {
      if (token.text === '<') {
        inAngle = true;
        angleStart = current.length + 1;
      } else if (token.text === '>') inAngle = false;
      else if (inAngle && token.text === ',' && !(current[angleStart]?.type === 'special' && current[angleStart]?.text === '@')) {
        // A comma inside <...> that is not an obsolete route: the ">" is missing.
        warn('unterminated angle address');
        inAngle = false;
        finish();
        continue;
      } else if (!inAngle && token.text === ',') {
        finish();
        continue;
      } else if (!inAngle && token.text === ':' && group === undefined) {
        group = { name: phrase(current, options.onCharsetProblem), members: [] };
        current = [];
        continue;
      } else if (!inAngle && token.text === ';') {
        finish();
        if (group !== undefined) {
          result.push({ kind: 'group', name: group.name, members: group.members });
          group = undefined;
        }
        continue;
      }
    }
    current.push(token);
  }
  if (inAngle) warn('unterminated angle address');
  finish();
  if (group !== undefined) {
    warn(`group "${group.name}" is not closed with ";"`);
    result.push({ kind: 'group', name: group.name, members: group.members });
  }
  return result;
}

/** The mailboxes of a list with groups flattened. */
export function flattenAddresses(list: readonly Address[]): Mailbox[] {
  const out: Mailbox[] = [];
  for (const a of list) {
    if (a.kind === 'mailbox') out.push(a);
    else out.push(...a.members);
  }
  return out;
}

/** Formats one mailbox for display: `Name <addr>` or `addr`. */
export function formatMailbox(mailbox: Mailbox): string {
  if (mailbox.name === '') return mailbox.address;
  if (mailbox.address === '') return mailbox.name;
  return `${mailbox.name} <${mailbox.address}>`;
}
