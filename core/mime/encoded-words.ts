/**
 * RFC 2047 encoded words: decoding (tolerant) and encoding (strict, for the builder).
 *
 * Decoding joins adjacent words of the same charset at the byte level before converting to
 * text, because senders split words anywhere, including inside a multi-byte character
 * (RFC 2047 §5 forbids it; Japanese mailers do it all the time). Whitespace between two
 * encoded words is dropped (§6.2). Words that are not surrounded by whitespace, or that
 * contain spaces, are decoded anyway: that is what the sender meant.
 */
import { decodeBase64, encodeBase64 } from './base64.js';
import { decodeCharset } from './charsets.js';
import { utf8 } from './bytes.js';

const ENCODED_WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?]*)\?=/g;

export type CharsetProblemHandler = (problem: 'unknown' | 'mismatch', charset: string) => void;

function decodeQ(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5f) out[o++] = 0x20;
    else if (c === 0x3d && i + 2 < text.length + 0 && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      out[o++] = parseInt(text.slice(i + 1, i + 3), 16);
      i += 2;
    } else out[o++] = c > 0xff ? 0x3f : c;
  }
  return out.subarray(0, o);
}

interface Word {
  readonly charset: string;
  readonly bytes: Uint8Array;
}

/** Decodes every encoded word in an (unfolded) header value. */
export function decodeEncodedWords(value: string, onProblem?: CharsetProblemHandler): string {
  if (!value.includes('=?')) return value;
  let out = '';
  let last = 0;
  let pending: Word[] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    // Join runs of the same charset byte-wise, then decode each run once.
    let run: Word[] = [];
    const decodeRun = (): void => {
      if (run.length === 0) return;
      const charset = (run[0] as Word).charset;
      let size = 0;
      for (const w of run) size += w.bytes.length;
      const bytes = new Uint8Array(size);
      let offset = 0;
      for (const w of run) {
        bytes.set(w.bytes, offset);
        offset += w.bytes.length;
      }
      const result = decodeCharset(bytes, charset);
      if (result.problem !== undefined) onProblem?.(result.problem, charset);
      out += result.text;
      run = [];
    };
    for (const word of pending) {
      if (run.length > 0 && (run[0] as Word).charset !== word.charset) decodeRun();
      run.push(word);
    }
    decodeRun();
    pending = [];
  };
  ENCODED_WORD.lastIndex = 0;
  for (let m = ENCODED_WORD.exec(value); m !== null; m = ENCODED_WORD.exec(value)) {
    const gap = value.slice(last, m.index);
    if (pending.length > 0 && /^[ \t\r\n]*$/.test(gap)) {
      // dropped: whitespace between adjacent encoded words (§6.2)
    } else {
      flush();
      out += gap;
    }
    const charset = (m[1] as string).split('*')[0]?.toLowerCase() ?? '';
    const encoding = (m[2] as string).toUpperCase();
    const payload = m[3] as string;
    pending.push({ charset, bytes: encoding === 'B' ? decodeBase64(payload) : decodeQ(payload) });
    last = m.index + m[0].length;
  }
  flush();
  out += value.slice(last);
  return out;
}

// ---------------------------------------------------------------------------------------
// Encoding (RFC 2047 §4-5), UTF-8 only.

const MAX_ENCODED_WORD = 75; // §2: an encoded word is at most 75 characters

/** Splits text into pieces whose UTF-8 form fits `maxBytes`, never inside a code point. */
function splitUtf8(text: string, maxBytes: number): string[] {
  const pieces: string[] = [];
  let current = '';
  let currentBytes = 0;
  for (const ch of text) {
    const size = utf8(ch).length;
    if (currentBytes + size > maxBytes && current !== '') {
      pieces.push(current);
      current = '';
      currentBytes = 0;
    }
    current += ch;
    currentBytes += size;
  }
  if (current !== '') pieces.push(current);
  return pieces;
}

function qEncodeWordBody(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    if ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x21 || b === 0x2a || b === 0x2b || b === 0x2d || b === 0x2f) {
      out += String.fromCharCode(b);
    } else if (b === 0x20) out += '_';
    else out += `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * Encodes text as a sequence of UTF-8 encoded words separated by a space (folding points),
 * each at most `maxLength` (≤ 75) characters. Chooses Q when the text is mostly ASCII, B
 * otherwise.
 */
export function encodeWords(text: string, encoding?: 'B' | 'Q', maxLength = MAX_ENCODED_WORD): string[] {
  const bytes = utf8(text);
  let nonAscii = 0;
  for (const b of bytes) if (b > 0x7f) nonAscii++;
  const mode = encoding ?? (nonAscii * 3 > bytes.length ? 'B' : 'Q');
  const prefix = '=?UTF-8?' + mode + '?';
  const room = Math.min(maxLength, MAX_ENCODED_WORD) - prefix.length - 2;
  if (mode === 'B') {
    const maxBytes = Math.floor(room / 4) * 3;
    return splitUtf8(text, maxBytes).map((piece) => `${prefix}${encodeBase64(utf8(piece))}?=`);
  }
  const words: string[] = [];
  let current = '';
  for (const ch of text) {
    const encoded = qEncodeWordBody(utf8(ch));
    if (current.length + encoded.length > room && current !== '') {
      words.push(`${prefix}${current}?=`);
      current = '';
    }
    current += encoded;
  }
  if (current !== '' || words.length === 0) words.push(`${prefix}${current}?=`);
  return words;
}

/** True when the text needs encoded words to travel in a 7-bit header. */
export function needsEncoding(text: string): boolean {
  // Non-ASCII, or something that would be mistaken for an encoded word when read back.
  return /[^\x20-\x7e\t]/.test(text) || /=\?[^?\s]+\?[bBqQ]\?/.test(text);
}
