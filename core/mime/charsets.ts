/**
 * Charset decoding through the platform TextDecoder (WHATWG Encoding), with the aliases mail
 * uses that WHATWG does not know, Japanese detection, and a fallback for labels that are
 * unknown or lie about the bytes.
 *
 * Fallback order (used when the label is unknown, missing on 8-bit data, or the bytes are
 * not valid in the labelled charset):
 *   1. UTF-8, strict: valid UTF-8 multi-byte sequences are practically never accidental;
 *   2. the hint (the part's declared charset, when decoding headers of that part);
 *   3. Japanese detection: ISO-2022-JP when its escape sequences appear, else whichever of
 *      Shift_JIS and EUC-JP decodes strictly with the more Japanese-looking result;
 *   4. windows-1252, which maps every byte (WHATWG also uses it for ISO-8859-1/US-ASCII).
 * Every fallback records a warning so the reader can see the label was wrong.
 */

/** Mail charset labels TextDecoder does not accept, mapped to the nearest one it does. */
const ALIASES: Readonly<Record<string, string>> = {
  // ISO-2022-JP-1/-2/-3 are supersets; the JIS X 0208 core (nearly all real mail) decodes
  // with the ISO-2022-JP decoder. Unsupported extra escapes turn into U+FFFD.
  'iso-2022-jp-1': 'iso-2022-jp',
  'iso-2022-jp-2': 'iso-2022-jp',
  'iso-2022-jp-3': 'iso-2022-jp',
  'iso-2022-jp-2004': 'iso-2022-jp',
  'csiso2022jp2': 'iso-2022-jp',
  // WHATWG's shift_jis decoder is Microsoft's CP932 (Windows-31J), a superset of Shift_JIS.
  cp932: 'shift_jis',
  'x-ms-cp932': 'shift_jis',
  'ms932': 'shift_jis',
  'shift-jis': 'shift_jis',
  'x-shift-jis': 'shift_jis',
  'sjis': 'shift_jis',
  'shift_jis-2004': 'shift_jis',
  'shift_jisx0213': 'shift_jis',
  'cp51932': 'euc-jp',
  'euc-jis-2004': 'euc-jp',
  'x-euc': 'euc-jp',
  'eucjp': 'euc-jp',
  'ujis': 'euc-jp',
  'cp936': 'gbk',
  'ms936': 'gbk',
  'euc-cn': 'gb2312',
  'x-gbk': 'gbk',
  'cp950': 'big5',
  'big5hkscs': 'big5-hkscs',
  'cp949': 'euc-kr',
  'ks_c_5601': 'euc-kr',
  'ks_c_5601-1987': 'euc-kr',
  'uhc': 'euc-kr',
  'cp1250': 'windows-1250',
  'cp1251': 'windows-1251',
  'cp1252': 'windows-1252',
  'cp1253': 'windows-1253',
  'cp1254': 'windows-1254',
  'cp1255': 'windows-1255',
  'cp1256': 'windows-1256',
  'cp1257': 'windows-1257',
  'cp1258': 'windows-1258',
  'cp874': 'windows-874',
  'utf8': 'utf-8',
  'utf-8-sig': 'utf-8',
  'ascii': 'us-ascii',
  'ansi_x3.4-1968': 'us-ascii',
  'iso8859-1': 'iso-8859-1',
  'iso_8859-1': 'iso-8859-1',
  'latin-1': 'iso-8859-1',
  'koi8r': 'koi8-r',
  'koi8u': 'koi8-u',
};

/** Labels that mean "no information": decoded with the fallback, without a warning. */
const NO_INFORMATION = new Set(['', 'unknown', 'unknown-8bit', 'x-unknown', 'default', 'x-user-defined', 'charset']);

/** Labels whose decoder maps every byte, so bytes can never prove them wrong. */
const SINGLE_BYTE = /^(?:us-ascii|iso-8859-\d+(?:-i)?|windows-\d+|koi8-[ru]|latin\d?|l\d|ibm\d+|cp\d+|macintosh|x-mac-cyrillic)$/;

type Decoder = InstanceType<typeof TextDecoder>;

const decoderCache = new Map<string, Decoder | null>();

function decoderFor(label: string, fatal: boolean): Decoder | null {
  const key = `${fatal ? 'F' : 'R'}${label}`;
  const cached = decoderCache.get(key);
  if (cached !== undefined) return cached;
  let decoder: Decoder | null = null;
  try {
    decoder = new TextDecoder(label, { fatal });
  } catch {
    decoder = null;
  }
  decoderCache.set(key, decoder);
  return decoder;
}

/** The canonical label for a charset name from a header, or undefined if none is usable. */
export function normalizeCharset(label: string | undefined): string | undefined {
  if (label === undefined) return undefined;
  const cleaned = label.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (NO_INFORMATION.has(cleaned)) return undefined;
  const aliased = ALIASES[cleaned] ?? cleaned;
  if (aliased === 'us-ascii' || aliased === 'iso-8859-1') return aliased;
  // The decoder's own name is the canonical one ("windows-31j" → "shift_jis").
  if (aliased === 'utf-7' || aliased === 'unicode-1-1-utf-7' || aliased === 'x-utf-7') return 'utf-7';
  const decoder = decoderFor(aliased, false) ?? (aliased.startsWith('x-') ? decoderFor(aliased.slice(2), false) : null);
  // WHATWG maps ISO-2022-KR/-CN and HZ to a "replacement" decoder that outputs one U+FFFD:
  // worse than the fallback chain, so such labels count as unknown.
  if (decoder === null || decoder.encoding === 'replacement') return undefined;
  return decoder.encoding;
}

export function isKnownCharset(label: string): boolean {
  return normalizeCharset(label) !== undefined;
}

export interface DecodeResult {
  readonly text: string;
  /** The charset actually used (canonical label). */
  readonly charset: string;
  /** Set when the declared label was unknown or did not fit the bytes. */
  readonly problem?: 'unknown' | 'mismatch';
}

function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] as number) > 0x7f) return false;
  return true;
}

function hasEscape(bytes: Uint8Array): boolean {
  return bytes.indexOf(0x1b) !== -1;
}

/**
 * WHATWG's ISO-2022-JP decoder rejects an escape sequence directly followed by another one
 * ("ESC ( B ESC $ B"), which is exactly what joining split encoded words produces, and what
 * many mailers emit anyway. The first escape has no effect, so it is dropped.
 */
function collapseEscapes(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let o = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b === 0x1b) {
      const len = bytes[i + 1] === 0x24 && bytes[i + 2] === 0x28 ? 4 : 3;
      if (bytes[i + len] === 0x1b) {
        i += len - 1;
        continue;
      }
    }
    out[o++] = b;
  }
  return out.subarray(0, o);
}

function prepare(input: Uint8Array, label: string): Uint8Array {
  return label === 'iso-2022-jp' && input.indexOf(0x1b) !== -1 ? collapseEscapes(input) : input;
}

/** windows-1252 bytes 0x80-0x9F (WHATWG index); the rest equals ISO-8859-1. */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * windows-1252 by hand: Node 20's TextDecoder decodes this label as ISO-8859-1 (0x80-0x9F
 * become C1 controls), browsers do it right; one implementation keeps both hosts equal.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b >= 0x80 && b <= 0x9f) {
      if (i > start) out += latin1(bytes.subarray(start, i));
      out += CP1252_HIGH[b - 0x80] as string;
      start = i + 1;
    }
  }
  return start === 0 ? latin1(bytes) : out + latin1(bytes.subarray(start));
}

function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return out;
}

const BASE64_VALUES = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * UTF-7 (RFC 2152), which TextDecoder does not know and old mail still uses: "+" starts
 * modified base64 of UTF-16BE, "-" or any non-base64 character ends it, "+-" is "+".
 */
export function decodeUtf7(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b !== 0x2b) {
      out += String.fromCharCode(b);
      i++;
      continue;
    }
    i++;
    if (bytes[i] === 0x2d) {
      out += '+';
      i++;
      continue;
    }
    let bits = 0;
    let acc = 0;
    const units: number[] = [];
    while (i < bytes.length) {
      const v = BASE64_VALUES.indexOf(String.fromCharCode(bytes[i] as number));
      if (v === -1) break;
      acc = ((acc << 6) | v) & 0xffffff;
      bits += 6;
      if (bits >= 16) {
        bits -= 16;
        units.push((acc >>> bits) & 0xffff);
      }
      i++;
    }
    if (bytes[i] === 0x2d) i++;
    out += String.fromCharCode(...units);
  }
  return out;
}

/** Decodes with replacement characters; never fails for a known label. */
function decodeLoose(bytes: Uint8Array, label: string): string {
  if (label === 'utf-7') return decodeUtf7(bytes);
  if (label === 'windows-1252' || label === 'iso-8859-1' || label === 'us-ascii') return decodeWindows1252(bytes);
  return (decoderFor(label, false) as Decoder).decode(prepare(bytes, label));
}

function tryStrict(input: Uint8Array, label: string): string | undefined {
  const decoder = decoderFor(label, true);
  if (decoder === null) return undefined;
  const bytes = prepare(input, label);
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Scores how Japanese a decoded text looks: kana and common kanji up, odd symbols down. */
function japaneseScore(text: string): number {
  let score = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c >= 0x3040 && c <= 0x30ff) score += 2; // hiragana, katakana
    else if (c >= 0x4e00 && c <= 0x9fff) score += 1; // CJK ideographs
    else if (c >= 0x3000 && c <= 0x303f) score += 1; // CJK punctuation
    else if (c >= 0xff01 && c <= 0xff5e) score += 1; // full-width ASCII
    else if (c >= 0xff61 && c <= 0xff9f) score -= 1; // half-width kana: rare in real text
    else score -= 2;
  }
  return score;
}

/** Guesses a Japanese charset for bytes, or undefined when none fits. */
export function detectJapanese(bytes: Uint8Array): string | undefined {
  if (hasEscape(bytes) && /\x1b\$[@B]|\x1b\([BJI]|\x1b\$\(D/.test(asciiWindow(bytes))) {
    return 'iso-2022-jp';
  }
  const sjis = tryStrict(bytes, 'shift_jis');
  const euc = tryStrict(bytes, 'euc-jp');
  if (sjis !== undefined && euc !== undefined) return japaneseScore(euc) > japaneseScore(sjis) ? 'euc-jp' : 'shift_jis';
  if (sjis !== undefined && japaneseScore(sjis) > 0) return 'shift_jis';
  if (euc !== undefined && japaneseScore(euc) > 0) return 'euc-jp';
  return undefined;
}

/** The escape sequences we look for are ASCII; map bytes to chars for a regex test. */
function asciiWindow(bytes: Uint8Array): string {
  let out = '';
  const limit = Math.min(bytes.length, 65536);
  for (let i = 0; i < limit; i++) out += String.fromCharCode(bytes[i] as number);
  return out;
}

function fallbackDecode(bytes: Uint8Array, hint: string | undefined): DecodeResult {
  const asUtf8 = tryStrict(bytes, 'utf-8');
  if (asUtf8 !== undefined) return { text: asUtf8, charset: 'utf-8' };
  if (hint !== undefined && hint !== 'utf-8') {
    const hinted = SINGLE_BYTE.test(hint) ? undefined : tryStrict(bytes, hint);
    if (hinted !== undefined) return { text: hinted, charset: hint };
  }
  const japanese = detectJapanese(bytes);
  if (japanese !== undefined) {
    const text = tryStrict(bytes, japanese) ?? decodeLoose(bytes, japanese);
    if (text !== undefined) return { text, charset: japanese };
  }
  if (hint !== undefined && SINGLE_BYTE.test(hint)) {
    return { text: decodeLoose(bytes, hint), charset: hint };
  }
  return { text: decodeWindows1252(bytes), charset: 'windows-1252' };
}

/**
 * Decodes bytes labelled `label`. `hint` is a second opinion (the part's charset when the
 * label is absent, as for raw 8-bit headers).
 */
export function decodeCharset(bytes: Uint8Array, label: string | undefined, hint?: string): DecodeResult {
  const canonical = normalizeCharset(label);
  const hintCanonical = normalizeCharset(hint);
  const declaredSomething = label !== undefined && !NO_INFORMATION.has(label.trim().toLowerCase());
  if (canonical === undefined) {
    if (isAscii(bytes) && !hasEscape(bytes)) return { text: asciiDecode(bytes), charset: 'us-ascii', ...(declaredSomething ? { problem: 'unknown' as const } : {}) };
    const result = fallbackDecode(bytes, hintCanonical);
    return declaredSomething ? { ...result, problem: 'unknown' } : result;
  }
  if (canonical === 'us-ascii' || SINGLE_BYTE.test(canonical)) {
    if (isAscii(bytes)) {
      // ISO-2022-JP is 7-bit: a Japanese mailer that labels it us-ascii still sends ESC $ B.
      if (hasEscape(bytes) && detectJapanese(bytes) === 'iso-2022-jp') {
        return { text: decodeLoose(bytes, 'iso-2022-jp'), charset: 'iso-2022-jp', problem: 'mismatch' };
      }
      return { text: asciiDecode(bytes), charset: canonical };
    }
    // A single-byte label accepts anything, but valid non-ASCII UTF-8 means the label lies.
    const asUtf8 = tryStrict(bytes, 'utf-8');
    if (asUtf8 !== undefined) return { text: asUtf8, charset: 'utf-8', problem: 'mismatch' };
    if (canonical === 'us-ascii') return { ...fallbackDecode(bytes, hintCanonical), problem: 'mismatch' };
    return { text: decodeLoose(bytes, canonical), charset: canonical };
  }
  if (canonical === 'utf-7') {
    if (!isAscii(bytes)) return { ...fallbackDecode(bytes, hintCanonical), problem: 'mismatch' };
    return { text: decodeUtf7(bytes), charset: 'utf-7' };
  }
  const strict = tryStrict(bytes, canonical);
  if (strict !== undefined) return { text: strict, charset: canonical };
  const result = fallbackDecode(bytes, hintCanonical === canonical ? undefined : hintCanonical);
  if (result.charset === 'windows-1252') {
    // Nothing fits better: the declared charset with replacement characters reads closest.
    return { text: decodeLoose(bytes, canonical), charset: canonical, problem: 'mismatch' };
  }
  return { ...result, problem: 'mismatch' };
}

const asciiDecoder = new TextDecoder('latin1');
function asciiDecode(bytes: Uint8Array): string {
  return asciiDecoder.decode(bytes);
}
