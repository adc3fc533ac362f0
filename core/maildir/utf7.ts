import { hasLoneSurrogate } from './names.js';

/**
 * Decoding IMAP modified UTF-7 (RFC 3501 §5.1.3), the folder-name spelling Dovecot and Courier
 * use in their Maildir++ directories, for importing such a tree. "&" starts a run of
 * modified base64 ("," for "/") of UTF-16BE, "-" ends it, "&-" is "&". Returns undefined for
 * text that is not valid modified UTF-7.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,';

export function decodeModifiedUtf7(text: string): string | undefined {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (ch !== '&') {
      const code = ch.charCodeAt(0);
      if (code < 0x20 || code > 0x7e) return undefined;
      out += ch;
      i++;
      continue;
    }
    const end = text.indexOf('-', i + 1);
    if (end < 0) return undefined;
    if (end === i + 1) {
      out += '&';
      i = end + 1;
      continue;
    }
    let bits = 0;
    let value = 0;
    const units: number[] = [];
    for (const c of text.slice(i + 1, end)) {
      const digit = ALPHABET.indexOf(c);
      if (digit < 0) return undefined;
      value = (value << 6) | digit;
      bits += 6;
      if (bits >= 16) {
        bits -= 16;
        units.push((value >> bits) & 0xffff);
      }
    }
    if (bits >= 6 || (value & ((1 << bits) - 1)) !== 0) return undefined;
    out += String.fromCharCode(...units);
    i = end + 1;
  }
  return hasLoneSurrogate(out) ? undefined : out;
}
