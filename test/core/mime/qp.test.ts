import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { QpDecoder, decodeQuotedPrintable, encodeQuotedPrintable } from '../../../core/mime/qp.js';

const enc = new TextEncoder();
const dec = new TextDecoder();

describe('quoted-printable', () => {
  it('decodes escapes and soft line breaks (CRLF, bare LF, padded)', () => {
    expect(dec.decode(decodeQuotedPrintable(enc.encode('caf=C3=A9 soft=\r\nbreak=\nnext=  \r\nend')))).toBe('café softbreaknextend');
  });

  it('keeps malformed escapes literally and counts them', () => {
    const decoder = new QpDecoder();
    const out = dec.decode(decoder.update(enc.encode('a=ZZb=4')));
    const tail = dec.decode(decoder.finalize());
    expect(out + tail).toBe('a=ZZb=4');
    expect(decoder.invalidCount).toBe(2);
  });

  it('handles an escape split across chunks', () => {
    const decoder = new QpDecoder();
    const parts = ['caf=', 'C', '3=A', '9 =', '\r', '\nx'].map((p) => decoder.update(enc.encode(p)));
    const all = parts.reduce((s, p) => s + String.fromCharCode(...p), '');
    expect(dec.decode(Uint8Array.from(all, (c) => c.charCodeAt(0)))).toBe('café x');
  });

  it('encodes with lines of at most 76 characters and round-trips any bytes (binary mode)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 500 }), (data) => {
        const encoded = encodeQuotedPrintable(data, { binary: true });
        for (const line of encoded.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
        expect(/^[\x20-\x7e\r\n]*$/.test(encoded)).toBe(true);
        expect(decodeQuotedPrintable(enc.encode(encoded))).toEqual(data);
      }),
    );
  });

  it('round-trips text with CRLF line breaks, trailing spaces and Japanese', () => {
    const line = fc.stringMatching(/^[a-z =.日本語\t]{0,120}$/);
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), (lines) => {
        const text = lines.join('\r\n');
        const encoded = encodeQuotedPrintable(enc.encode(text));
        for (const l of encoded.split('\r\n')) {
          expect(l.length).toBeLessThanOrEqual(76);
          expect(l.endsWith(' ') || l.endsWith('\t')).toBe(false);
        }
        expect(dec.decode(decodeQuotedPrintable(enc.encode(encoded)))).toBe(text);
      }),
    );
  });
});
