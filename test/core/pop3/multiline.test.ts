import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MultilineDecoder, encodeMultiline } from '../../../core/pop3/multiline.js';

/** Feeds `wire` split at the given positions; returns decoded bytes, done flag and leftover. */
function decodeSplit(wire: Buffer, cuts: readonly number[], expectedSize?: number): { out: Buffer; done: boolean; rest: Buffer } {
  const decoder = new MultilineDecoder(expectedSize === undefined ? {} : { expectedSize });
  const out: Buffer[] = [];
  let done = false;
  let rest: Buffer = Buffer.alloc(0);
  let start = 0;
  for (const end of [...cuts, wire.length]) {
    if (done) break;
    const result = decoder.push(wire.subarray(start, end));
    out.push(...result.data);
    done = result.done;
    rest = result.rest;
    start = end;
  }
  return { out: Buffer.concat(out), done, rest };
}

const CONTENT = Buffer.from(
  [
    'From: a@example.org',
    'Subject: dots',
    '',
    '.leading dot',
    '..two dots',
    '.',
    'middle . line',
    '...',
    '. space',
    '',
    'last line',
    '',
  ].join('\r\n'),
);
const WIRE = encodeMultiline(CONTENT);

describe('MultilineDecoder', () => {
  it('stuffs the fixture the way RFC 1939 §3 says', () => {
    expect(WIRE.toString()).toContain('\r\n..leading dot\r\n');
    expect(WIRE.toString()).toContain('\r\n...two dots\r\n');
    expect(WIRE.toString()).toContain('\r\n..\r\n');
    expect(WIRE.toString().endsWith('last line\r\n.\r\n')).toBe(true);
  });

  it('decodes the whole response in one chunk', () => {
    expect(decodeSplit(WIRE, [])).toEqual({ out: CONTENT, done: true, rest: Buffer.alloc(0) });
  });

  it('decodes identically at every single split position', () => {
    for (let i = 0; i <= WIRE.length; i++) {
      const result = decodeSplit(WIRE, [i]);
      expect(result.done, `split at ${i}`).toBe(true);
      expect(result.out.equals(CONTENT), `split at ${i}`).toBe(true);
    }
  });

  it('decodes identically at every pair of split positions', () => {
    for (let i = 0; i <= WIRE.length; i++) {
      for (let j = i; j <= WIRE.length; j++) {
        const result = decodeSplit(WIRE, [i, j]);
        if (!result.done || !result.out.equals(CONTENT)) throw new Error(`split at ${i},${j} decoded wrongly`);
      }
    }
  });

  it('decodes one byte at a time', () => {
    const cuts = Array.from({ length: WIRE.length - 1 }, (_, i) => i + 1);
    expect(decodeSplit(WIRE, cuts).out.equals(CONTENT)).toBe(true);
  });

  it('treats an immediate terminator as an empty response', () => {
    expect(decodeSplit(Buffer.from('.\r\n'), [])).toEqual({ out: Buffer.alloc(0), done: true, rest: Buffer.alloc(0) });
    expect(decodeSplit(Buffer.from('.\r\n'), [1, 2]).done).toBe(true);
  });

  it('is not done while the terminator is incomplete', () => {
    const decoder = new MultilineDecoder();
    expect(decoder.push(Buffer.from('abc\r\n.\r')).done).toBe(false);
    expect(decoder.push(Buffer.from('\n')).done).toBe(true);
  });

  it('does not mistake "." inside or at the end of a line for the terminator', () => {
    const decoder = new MultilineDecoder();
    const first = decoder.push(Buffer.from('abc.\r\n'));
    expect(first.done).toBe(false);
    expect(Buffer.concat(first.data).toString()).toBe('abc.\r\n');
  });

  it('accepts bare LF line endings and a ".\\n" terminator', () => {
    const wire = Buffer.from('line one\n..dot\nline three\n.\n');
    for (let i = 0; i <= wire.length; i++) {
      const result = decodeSplit(wire, [i]);
      expect(result.done).toBe(true);
      expect(result.out.toString()).toBe('line one\n.dot\nline three\n');
    }
  });

  it('strips the dot of a ".\\r" line that is not the terminator', () => {
    const result = decodeSplit(Buffer.from('.\rx\r\n.\r\n'), [1, 2]);
    expect(result.out.toString()).toBe('\rx\r\n');
  });

  it('recognises a missing CRLF before the terminator when the size was announced', () => {
    // The message "abc\r\nlast" (10 octets) sent without its final CRLF: "last.\r\n".
    const wire = Buffer.from('abc\r\nlast.\r\n');
    for (let i = 0; i <= wire.length; i++) {
      const result = decodeSplit(wire, [i], 9);
      expect(result.done, `split at ${i}`).toBe(true);
      expect(result.out.toString()).toBe('abc\r\nlast');
    }
  });

  it('keeps waiting for a proper terminator when the size does not match', () => {
    const result = decodeSplit(Buffer.from('abc\r\nlast.\r\n'), [], 42);
    expect(result.done).toBe(false);
    expect(result.out.toString()).toBe('abc\r\nlast.\r\n');
  });

  it('does not end early when data follows a "." that happens to sit at the announced size', () => {
    const decoder = new MultilineDecoder({ expectedSize: 3 });
    const result = decoder.push(Buffer.from('abc.\r\nmore\r\n'));
    expect(result.done).toBe(false);
    expect(Buffer.concat(result.data).toString()).toBe('abc.\r\nmore\r\n');
    expect(decoder.push(Buffer.from('.\r\n')).done).toBe(true);
  });

  it('returns bytes that follow the terminator as rest', () => {
    const result = decodeSplit(Buffer.from('x\r\n.\r\n+OK extra\r\n'), [4]);
    expect(result.done).toBe(true);
    expect(result.out.toString()).toBe('x\r\n');
    expect(result.rest.toString()).toBe('+OK extra\r\n');
  });

  it('refuses pushes after the terminator', () => {
    const decoder = new MultilineDecoder();
    decoder.push(Buffer.from('.\r\n'));
    expect(() => decoder.push(Buffer.from('x'))).toThrow();
  });

  it('does not copy large chunks: the output views the input', () => {
    const big = Buffer.alloc(1 << 20, 0x61);
    const decoder = new MultilineDecoder();
    const result = decoder.push(big);
    expect(result.data).toHaveLength(1);
    expect(result.data[0]?.buffer).toBe(big.buffer);
    expect(decoder.decodedBytes).toBe(big.length);
  });
});

// Content made mostly of the interesting bytes, so dots at line starts and CR/LF are frequent.
const contentArb = fc
  .array(fc.constantFrom('.', '\r\n', '\r', '\n', 'a', ' ', '..', '.\r\n', '\r\n.\r\n'), { maxLength: 60 })
  .map((parts) => Buffer.from(parts.join('')));

describe('MultilineDecoder properties', () => {
  it('decode(encode(x)) is x plus the CRLF the protocol needs, for any content and any chunking', () => {
    fc.assert(
      fc.property(contentArb, fc.array(fc.nat(), { maxLength: 8 }), (content, rawCuts) => {
        const wire = encodeMultiline(content);
        const cuts = [...new Set(rawCuts.map((c) => c % (wire.length + 1)))].sort((a, b) => a - b);
        const expected = content.length === 0 || content[content.length - 1] === 0x0a ? content : Buffer.concat([content, Buffer.from('\r\n')]);
        const result = decodeSplit(wire, cuts);
        return result.done && result.rest.length === 0 && result.out.equals(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('arbitrary bytes round-trip too', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), (bytes, cut) => {
        const content = Buffer.concat([Buffer.from(bytes), Buffer.from('\r\n')]);
        const wire = encodeMultiline(content);
        const result = decodeSplit(wire, [cut % (wire.length + 1)]);
        return result.done && result.out.equals(content);
      }),
      { numRuns: 2000 },
    );
  });

  it('the terminator is never found early: no prefix of an encoding is complete', () => {
    fc.assert(
      fc.property(contentArb, (content) => {
        const wire = encodeMultiline(content);
        return !decodeSplit(wire.subarray(0, wire.length - 1), []).done;
      }),
      { numRuns: 2000 },
    );
  });
});
