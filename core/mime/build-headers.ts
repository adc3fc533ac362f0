/**
 * Header field writing for the builder: folding (RFC 5322 §2.2.3), encoded words for
 * non-ASCII text (RFC 2047, UTF-8, never splitting a character), address lists with quoting
 * and IDN, and RFC 2231 parameters. With `smtpUtf8` (RFC 6531/6532) UTF-8 is written as is.
 */
import { encodeWords, needsEncoding } from './encoded-words.js';

export { encodeWords };
import { domainToAscii } from './punycode.js';
import { isAsciiString, utf8 } from './bytes.js';

/** RFC 5322 §2.1.1: lines SHOULD be at most 78 characters and MUST be at most 998. */
export const PREFERRED_LINE_LENGTH = 78;
export const MAX_LINE_LENGTH = 998;
/** Encoded words in headers: short enough that "Reply-To: " plus one word fits 78 columns. */
const HEADER_WORD_LENGTH = 66;

/** A value the builder cannot write (a non-ASCII local part without SMTPUTF8, CR/LF in a field). */
export class MimeBuildError extends Error {
  override readonly name = 'MimeBuildError';
}

export interface HeaderWriteOptions {
  /** Write UTF-8 as is instead of encoded words (the server announced SMTPUTF8). */
  readonly smtpUtf8: boolean;
}

/**
 * Folds "Name: value" at spaces so lines stay within 78 characters where possible; a token
 * longer than that stays whole (the line may then reach 998). Folding inserts CRLF before an
 * existing space, so unfolding gives back the exact value.
 */
export function foldHeader(name: string, value: string): string {
  const full = `${name}: ${value}`;
  if (full.length <= PREFERRED_LINE_LENGTH) return full;
  const tokens = full.split(/(?= )/); // keep each space with the token after it
  const lines: string[] = [];
  let line = '';
  for (const token of tokens) {
    // Never break right after "Name:": the first line carries at least one word.
    if (line !== '' && line !== `${name}:` && line.length + token.length > PREFERRED_LINE_LENGTH) {
      lines.push(line);
      line = token;
    } else line += token;
  }
  lines.push(line);
  for (const l of lines) {
    if (utf8(l).length > MAX_LINE_LENGTH) throw new MimeBuildError(`header ${name} has a word longer than ${MAX_LINE_LENGTH} octets`);
  }
  return lines.join('\r\n');
}

function rejectLineBreaks(value: string, what: string): void {
  if (/[\r\n\0]/.test(value)) throw new MimeBuildError(`${what} must not contain CR, LF or NUL`);
}

/** Unstructured text (Subject, Comments): encoded words when needed. */
export function encodeText(text: string, options: HeaderWriteOptions): string {
  rejectLineBreaks(text, 'header text');
  if (options.smtpUtf8 ? !/=\?[^?\s]+\?[bBqQ]\?/.test(text) : !needsEncoding(text)) {
    // Long ASCII words cannot be folded; over 998 they must be encoded.
    if (!text.split(' ').some((w) => w.length > MAX_LINE_LENGTH - 80)) return text;
  }
  return encodeWords(text, undefined, HEADER_WORD_LENGTH).join(' ');
}

const ATEXT_PHRASE = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]+$/;

/** A display name as a phrase: atoms, a quoted string, or encoded words. */
export function encodePhrase(name: string, options: HeaderWriteOptions): string {
  rejectLineBreaks(name, 'display name');
  if (name === '') return '';
  const isAscii = isAsciiString(name);
  if (isAscii && ATEXT_PHRASE.test(name) && !/^ | $| {2}/.test(name) && !name.includes('=?')) return name;
  if (isAscii || options.smtpUtf8) {
    if (!name.includes('=?')) return `"${name.replace(/(["\\])/g, '\\$1')}"`;
  }
  return encodeWords(name, undefined, HEADER_WORD_LENGTH).join(' ');
}

export interface DraftMailbox {
  readonly name?: string;
  readonly address: string;
}

const DOT_ATOM_LOCAL = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~\u0080-\uffff]+(?:\.[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~\u0080-\uffff]+)*$/;

/** "local@domain" for the wire: domain in punycode unless SMTPUTF8, local part quoted if needed. */
export function encodeAddress(address: string, options: HeaderWriteOptions): string {
  rejectLineBreaks(address, 'address');
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) throw new MimeBuildError(`"${address}" is not an address (local@domain)`);
  let local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (!isAsciiString(local) && !options.smtpUtf8) throw new MimeBuildError(`"${address}" has a non-ASCII local part; it can only be sent to a server with SMTPUTF8`);
  if (!(local.startsWith('"') && local.endsWith('"')) && !DOT_ATOM_LOCAL.test(local)) local = `"${local.replace(/(["\\])/g, '\\$1')}"`;
  const wireDomain = options.smtpUtf8 || domain.startsWith('[') ? domain : domainToAscii(domain);
  return `${local}@${wireDomain}`;
}

export function encodeMailbox(mailbox: DraftMailbox, options: HeaderWriteOptions): string {
  const address = encodeAddress(mailbox.address, options);
  const phrase = encodePhrase(mailbox.name ?? '', options);
  return phrase === '' ? address : `${phrase} <${address}>`;
}

export function encodeMailboxList(list: readonly DraftMailbox[], options: HeaderWriteOptions): string {
  return list.map((m) => encodeMailbox(m, options)).join(', ');
}

const TOKEN = /^[A-Za-z0-9!#$%&'*+\-.^_`{|}~]+$/;

/**
 * One parameter: a token, a quoted string, or (non-ASCII or long) RFC 2231 extended form with
 * continuations, each segment short enough for a 78-character line.
 */
export function encodeParameter(name: string, value: string): string[] {
  rejectLineBreaks(value, `parameter ${name}`);
  if (isAsciiString(value) && value.length <= 60) {
    return [`${name}=${TOKEN.test(value) ? value : `"${value.replace(/(["\\])/g, '\\$1')}"`}`];
  }
  // RFC 2231 §3-4: percent-encode UTF-8, split into *N* segments without splitting an escape.
  const encoded = Array.from(utf8(value), (b) =>
    (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x2d || b === 0x2e || b === 0x5f ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
  );
  const segments: string[] = [];
  let current = "UTF-8''";
  for (const piece of encoded) {
    if (current.length + piece.length > 50) {
      segments.push(current);
      current = '';
    }
    current += piece;
  }
  segments.push(current);
  if (segments.length === 1) return [`${name}*=${segments[0] ?? ''}`];
  return segments.map((s, i) => `${name}*${i}*=${s}`);
}

/** "type/subtype; a=b;\r\n c=d" with each parameter on its own folding point. */
export function encodeParameterized(main: string, params: ReadonlyArray<readonly [string, string | undefined]>): string {
  const pieces = [main];
  for (const [name, value] of params) if (value !== undefined) pieces.push(...encodeParameter(name, value));
  let out = pieces[0] as string;
  let lineLength = out.length + 20;
  for (const piece of pieces.slice(1)) {
    if (lineLength + piece.length + 2 > PREFERRED_LINE_LENGTH) {
      out += `;\r\n ${piece}`;
      lineLength = piece.length + 1;
    } else {
      out += `; ${piece}`;
      lineLength += piece.length + 2;
    }
  }
  return out;
}
