/**
 * Base64 (RFC 2045 §6.8) decoder and encoder over Uint8Array.
 *
 * The decoder streams: update() takes any slice of the encoded body (chunk borders may fall
 * anywhere, even inside a quantum) and returns the bytes decoded so far; finalize() flushes
 * the rest. Characters outside the alphabet (line breaks, spaces, junk) are skipped as
 * RFC 2045 §6.8 asks; a body that ends mid-quantum is decoded as far as it goes and flagged.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const INVALID = 255;
const PAD = 254;
const WHITESPACE = 253;

const DECODE_TABLE = (() => {
  const table = new Uint8Array(256).fill(INVALID);
  for (let i = 0; i < 64; i++) table[ALPHABET.charCodeAt(i)] = i;
  // base64url letters as well: some senders use them in encoded words.
  table[0x2d] = 62;
  table[0x5f] = 63;
  table[0x3d] = PAD;
  for (const ws of [0x20, 0x09, 0x0d, 0x0a]) table[ws] = WHITESPACE;
  return table;
})();

const ENCODE_TABLE = (() => {
  const table = new Uint8Array(64);
  for (let i = 0; i < 64; i++) table[i] = ALPHABET.charCodeAt(i);
  return table;
})();

export class Base64Decoder {
  private acc = 0;
  private bits = 0;
  private padded = false;
  /** Bytes that were neither alphabet, padding nor whitespace. */
  invalidCount = 0;
  /** Set by finalize() when the input stopped inside a 4-character quantum. */
  truncated = false;
  private quantumChars = 0;

  update(chunk: Uint8Array): Uint8Array {
    const out = new Uint8Array(((chunk.length + 3) >>> 2) * 3 + 3);
    let o = 0;
    let acc = this.acc;
    let bits = this.bits;
    let q = this.quantumChars;
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      const v = DECODE_TABLE[chunk[i] as number] as number;
      if (v < 64) {
        if (this.padded) {
          // Data after padding: a second base64 stream glued on (seen in the wild); restart.
          this.padded = false;
          acc = 0;
          bits = 0;
          q = 0;
        }
        acc = ((acc << 6) | v) & 0xffffff;
        bits += 6;
        q = (q + 1) & 3;
        if (bits >= 8) {
          bits -= 8;
          out[o++] = (acc >>> bits) & 0xff;
        }
      } else if (v === PAD) {
        this.padded = true;
        bits = 0;
        acc = 0;
        q = 0;
      } else if (v === INVALID) {
        this.invalidCount++;
      }
    }
    this.acc = acc;
    this.bits = bits;
    this.quantumChars = q;
    return out.subarray(0, o);
  }

  /** Flushes; bits that do not make a whole byte are dropped (a truncated quantum). */
  finalize(): Uint8Array {
    if (this.quantumChars !== 0) this.truncated = true;
    this.acc = 0;
    this.bits = 0;
    this.quantumChars = 0;
    return new Uint8Array(0);
  }
}

/** Decodes a whole base64 string or byte array (encoded-word payloads, RFC 2231 values). */
export function decodeBase64(input: Uint8Array | string): Uint8Array {
  const bytes = typeof input === 'string' ? stringBytes(input) : input;
  const decoder = new Base64Decoder();
  return decoder.update(bytes);
}

function stringBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[i] = c > 0xff ? 0x21 : c;
  }
  return out;
}

/** Base64 without line breaks, as ASCII bytes. */
export function encodeBase64Bytes(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(data.length / 3) * 4);
  let o = 0;
  let i = 0;
  const full = data.length - (data.length % 3);
  for (; i < full; i += 3) {
    const triple = ((data[i] as number) << 16) | ((data[i + 1] as number) << 8) | (data[i + 2] as number);
    out[o++] = ENCODE_TABLE[triple >>> 18] as number;
    out[o++] = ENCODE_TABLE[(triple >>> 12) & 63] as number;
    out[o++] = ENCODE_TABLE[(triple >>> 6) & 63] as number;
    out[o++] = ENCODE_TABLE[triple & 63] as number;
  }
  const rest = data.length - full;
  if (rest > 0) {
    const b0 = data[i] as number;
    const b1 = rest === 2 ? (data[i + 1] as number) : 0;
    const triple = (b0 << 16) | (b1 << 8);
    out[o++] = ENCODE_TABLE[triple >>> 18] as number;
    out[o++] = ENCODE_TABLE[(triple >>> 12) & 63] as number;
    out[o++] = rest === 2 ? (ENCODE_TABLE[(triple >>> 6) & 63] as number) : 0x3d;
    out[o++] = 0x3d;
  }
  return out;
}

export function encodeBase64(data: Uint8Array): string {
  let out = '';
  const encoded = encodeBase64Bytes(data);
  for (let i = 0; i < encoded.length; i += 8192) out += String.fromCharCode(...encoded.subarray(i, i + 8192));
  return out;
}

/**
 * Streaming encoder for bodies: lines of `lineLength` characters (76 per RFC 2045 §6.8)
 * ending in CRLF. update() keeps the 0-2 bytes that do not fill a triple for the next call.
 */
export class Base64Encoder {
  private carry = new Uint8Array(0);
  private column = 0;

  constructor(private readonly lineLength = 76) {
    if (lineLength < 4 || lineLength % 4 !== 0) throw new RangeError('base64 line length must be a positive multiple of 4');
  }

  update(chunk: Uint8Array): Uint8Array {
    let data = chunk;
    if (this.carry.length > 0) {
      data = new Uint8Array(this.carry.length + chunk.length);
      data.set(this.carry);
      data.set(chunk, this.carry.length);
    }
    const usable = data.length - (data.length % 3);
    this.carry = data.slice(usable);
    return this.wrap(encodeBase64Bytes(data.subarray(0, usable)), false);
  }

  finalize(): Uint8Array {
    const tail = encodeBase64Bytes(this.carry);
    this.carry = new Uint8Array(0);
    return this.wrap(tail, true);
  }

  private wrap(encoded: Uint8Array, last: boolean): Uint8Array {
    const breaks = Math.ceil((encoded.length + this.column) / this.lineLength) + 1;
    const out = new Uint8Array(encoded.length + breaks * 2);
    let o = 0;
    let i = 0;
    while (i < encoded.length) {
      const take = Math.min(this.lineLength - this.column, encoded.length - i);
      out.set(encoded.subarray(i, i + take), o);
      o += take;
      i += take;
      this.column += take;
      if (this.column === this.lineLength) {
        out[o++] = 0x0d;
        out[o++] = 0x0a;
        this.column = 0;
      }
    }
    if (last && this.column > 0) {
      out[o++] = 0x0d;
      out[o++] = 0x0a;
      this.column = 0;
    }
    return out.subarray(0, o);
  }
}
