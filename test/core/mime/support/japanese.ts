/**
 * Test-only Japanese encoders built by inverting the platform's TextDecoder tables (the
 * platform has no ISO-2022-JP/Shift_JIS/EUC-JP encoder). Used to write fixtures and to make
 * random Japanese messages in property tests.
 */
function buildTable(label: string, leads: [number, number], trails: [number, number]): Map<string, Uint8Array> {
  const decoder = new TextDecoder(label, { fatal: true });
  const map = new Map<string, Uint8Array>();
  for (let a = leads[0]; a <= leads[1]; a++) {
    for (let b = trails[0]; b <= trails[1]; b++) {
      try {
        const ch = decoder.decode(Uint8Array.of(a, b));
        if ([...ch].length === 1 && !map.has(ch)) map.set(ch, Uint8Array.of(a, b));
      } catch {
        // not a character in this charset
      }
    }
  }
  return map;
}

let euc: Map<string, Uint8Array> | undefined;
let sjis: Map<string, Uint8Array> | undefined;

function table(kind: 'euc' | 'sjis'): Map<string, Uint8Array> {
  if (kind === 'euc') return (euc ??= buildTable('euc-jp', [0xa1, 0xfe], [0xa1, 0xfe]));
  sjis ??= buildTable('shift_jis', [0x81, 0xfc], [0x40, 0xfc]);
  return sjis;
}

function encodeWith(text: string, kind: 'euc' | 'sjis'): Uint8Array {
  const t = table(kind);
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (code < 0x80) out.push(code);
    else {
      const bytes = t.get(ch);
      if (bytes === undefined) throw new Error(`cannot encode ${ch} in ${kind}`);
      out.push(...bytes);
    }
  }
  return Uint8Array.from(out);
}

export function encodeShiftJis(text: string): Uint8Array {
  return encodeWith(text, 'sjis');
}

export function encodeEucJp(text: string): Uint8Array {
  return encodeWith(text, 'euc');
}

/** ISO-2022-JP (RFC 1468): JIS X 0208 bytes are EUC-JP bytes minus 0x80, between ESC $ B / ESC ( B. */
export function encodeIso2022Jp(text: string): Uint8Array {
  const t = table('euc');
  const out: number[] = [];
  let kanji = false;
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (code < 0x80) {
      if (kanji) out.push(0x1b, 0x28, 0x42);
      kanji = false;
      out.push(code);
    } else {
      const bytes = t.get(ch);
      if (bytes === undefined) throw new Error(`cannot encode ${ch} in ISO-2022-JP`);
      if (!kanji) out.push(0x1b, 0x24, 0x42);
      kanji = true;
      out.push((bytes[0] as number) - 0x80, (bytes[1] as number) - 0x80);
    }
  }
  if (kanji) out.push(0x1b, 0x28, 0x42);
  return Uint8Array.from(out);
}

/** Characters every Japanese encoding here can carry: kana, common kanji, punctuation. */
export const JAPANESE_SAMPLE = 'あいうえおかきくけこさしすせそアイウエオカキクケコ日本語漢字会議資料送付確認返信転送、。「」';

export function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function concat(...parts: Array<Uint8Array | string>): Uint8Array {
  const enc = new TextEncoder();
  const arrays = parts.map((p) => (typeof p === 'string' ? enc.encode(p) : p));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let o = 0;
  for (const a of arrays) {
    out.set(a, o);
    o += a.length;
  }
  return out;
}
