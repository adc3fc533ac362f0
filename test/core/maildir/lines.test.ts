import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitLines } from '../../../core/maildir/lines.js';

async function* chunked(data: Uint8Array, sizes: readonly number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  let i = 0;
  while (at < data.length) {
    const size = Math.max(1, sizes[i++ % Math.max(1, sizes.length)] ?? 1);
    yield data.subarray(at, at + size);
    at += size;
  }
}

describe('splitting a stream into lines', () => {
  it('never holds more than the limit, loses no byte, and marks line starts', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('a', 'b', '\n', '\r\n', 'From '), { maxLength: 200 }).map((parts) => Buffer.from(parts.join(''))),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 16 }),
        async (data, sizes, limit) => {
          const pieces = [];
          for await (const piece of splitLines(chunked(data, sizes), limit)) pieces.push(piece);
          expect(Buffer.concat(pieces.map((p) => p.bytes)).equals(data)).toBe(true);
          let lineStart = true;
          for (const piece of pieces) {
            expect(piece.bytes.length).toBeLessThanOrEqual(limit);
            expect(piece.bytes.length).toBeGreaterThan(0);
            expect(piece.atLineStart).toBe(lineStart);
            const endsWithLf = piece.bytes[piece.bytes.length - 1] === 0x0a;
            expect(piece.complete).toBe(endsWithLf);
            // A piece only contains an LF at its end.
            expect(piece.bytes.subarray(0, -1).includes(0x0a)).toBe(false);
            lineStart = piece.complete;
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('passes a 5 MB line without newlines on in bounded pieces', async () => {
    const line = Buffer.alloc(5 * 1024 * 1024, 0x41);
    let biggest = 0;
    let total = 0;
    for await (const piece of splitLines(chunked(line, [65_536]))) {
      biggest = Math.max(biggest, piece.bytes.length);
      total += piece.bytes.length;
    }
    expect(total).toBe(line.length);
    expect(biggest).toBeLessThanOrEqual(64 * 1024);
  });
});
