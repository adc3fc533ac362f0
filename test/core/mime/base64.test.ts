import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Base64Decoder, Base64Encoder, decodeBase64, encodeBase64 } from '../../../core/mime/base64.js';

const enc = new TextEncoder();

function decodeInChunks(text: string, sizes: number[]): Uint8Array {
  const bytes = enc.encode(text);
  const decoder = new Base64Decoder();
  const out: number[] = [];
  let i = 0;
  let k = 0;
  while (i < bytes.length) {
    const size = Math.max(1, sizes[k++ % Math.max(1, sizes.length)] ?? 1);
    out.push(...decoder.update(bytes.subarray(i, i + size)));
    i += size;
  }
  out.push(...decoder.finalize());
  return Uint8Array.from(out);
}

describe('base64', () => {
  it('decodes RFC 4648 test vectors', () => {
    const vectors: Array<[string, string]> = [['', ''], ['Zg==', 'f'], ['Zm8=', 'fo'], ['Zm9v', 'foo'], ['Zm9vYg==', 'foob'], ['Zm9vYmE=', 'fooba'], ['Zm9vYmFy', 'foobar']];
    for (const [encoded, plain] of vectors) {
      expect(new TextDecoder().decode(decodeBase64(encoded))).toBe(plain);
      expect(encodeBase64(enc.encode(plain))).toBe(encoded);
    }
  });

  it('skips line breaks, spaces and junk, counting the junk', () => {
    const decoder = new Base64Decoder();
    const out = decoder.update(enc.encode('Zm9v\r\nYm!Fy \t'));
    decoder.finalize();
    expect(new TextDecoder().decode(out)).toBe('foobar');
    expect(decoder.invalidCount).toBe(1);
    expect(decoder.truncated).toBe(false);
  });

  it('flags a body that stops inside a quantum and keeps the whole bytes', () => {
    const decoder = new Base64Decoder();
    const out = decoder.update(enc.encode('Zm9vYmF'));
    decoder.finalize();
    expect(new TextDecoder().decode(out)).toBe('fooba');
    expect(decoder.truncated).toBe(true);
  });

  it('streams: any chunking gives the same bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.array(fc.integer({ min: 1, max: 17 }), { minLength: 1, maxLength: 8 }), (data, sizes) => {
        const encoder = new Base64Encoder(76);
        const text = new TextDecoder().decode(concat(encoder.update(data), encoder.finalize()));
        expect(decodeInChunks(text, sizes)).toEqual(data);
      }),
    );
  });

  it('the streaming encoder wraps at 76 columns with CRLF, whatever the chunking', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1000 }), fc.integer({ min: 1, max: 100 }), (data, step) => {
        const encoder = new Base64Encoder();
        const pieces: Uint8Array[] = [];
        for (let i = 0; i < data.length; i += step) pieces.push(encoder.update(data.subarray(i, i + step)));
        pieces.push(encoder.finalize());
        const text = new TextDecoder().decode(concat(...pieces));
        const lines = text.split('\r\n');
        expect(lines.pop()).toBe('');
        for (const line of lines.slice(0, -1)) expect(line.length).toBe(76);
        expect(text.replace(/\r\n/g, '')).toBe(encodeBase64(data));
      }),
    );
  });

  it('rejects a line length that is not a multiple of 4', () => {
    expect(() => new Base64Encoder(75)).toThrow(RangeError);
  });
});

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
