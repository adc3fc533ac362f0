import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DataEncoder, hasEightBit } from '../../../core/smtp/data-encoder.js';

/** What a server does with DATA (RFC 5321 §4.5.2): split lines up to ".", drop one leading dot. */
function serverUnstuff(wire: Buffer): string {
  const text = wire.toString('latin1');
  expect(text.endsWith('\r\n.\r\n') || text === '.\r\n').toBe(true);
  const lines = text.slice(0, text.length - 3).split('\r\n');
  lines.pop(); // the part after the final CRLF is empty
  return lines.map((line) => (line.startsWith('.') ? line.slice(1) : line)).join('\r\n') + (lines.length ? '\r\n' : '');
}

function encodeInChunks(input: Buffer, cuts: number[], dotStuff: boolean): Buffer {
  const encoder = new DataEncoder(dotStuff);
  const out: Buffer[] = [];
  let at = 0;
  for (const cut of cuts) {
    out.push(encoder.encode(input.subarray(at, at + cut)));
    at += cut;
  }
  out.push(encoder.encode(input.subarray(at)), encoder.finish());
  return Buffer.concat(out);
}

const line = fc.stringMatching(/^[.a-z ]{0,12}$/);
const ending = fc.constantFrom('\r\n', '\n', '\r');

describe('DataEncoder', () => {
  it('doubles leading dots, normalises line endings and terminates', () => {
    const wire = encodeInChunks(Buffer.from('.a\nb\r\n..c\rd'), [], true);
    expect(wire.toString()).toBe('..a\r\nb\r\n...c\r\nd\r\n.\r\n');
  });

  it('terminates an empty message and one that already ends with CRLF', () => {
    expect(encodeInChunks(Buffer.alloc(0), [], true).toString()).toBe('.\r\n');
    expect(encodeInChunks(Buffer.from('x\r\n'), [], true).toString()).toBe('x\r\n.\r\n');
  });

  it('does not stuff for BDAT but still makes CRLF canonical', () => {
    expect(encodeInChunks(Buffer.from('.a\n.b'), [], false).toString()).toBe('.a\r\n.b\r\n');
  });

  it('property: a body with dot lines survives stuff → unstuff, however it is chunked', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(line, ending), { maxLength: 30 }), fc.array(fc.nat(20), { maxLength: 10 }), (parts, cuts) => {
        const input = parts.map(([l, e]) => l + e).join('');
        // Reference normalisation: CRLF, then lone CR or LF, each one line break.
        const expected = input.replace(/\r\n|\r|\n/g, '\r\n');
        const wire = encodeInChunks(Buffer.from(input, 'latin1'), cuts, true);
        // Only the terminator may be a lone dot line on the wire.
        expect(wire.toString('latin1').slice(0, -3).split('\r\n').includes('.')).toBe(false);
        expect(serverUnstuff(wire)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('property: matches a byte-at-a-time reference on any mix of dots, CR and LF, however chunked', () => {
    // RFC 5321 §2.3.8 / §4.5.2 spelled out one byte at a time.
    const reference = (input: string, dotStuff: boolean): string => {
      let out = '';
      let atLineStart = true;
      for (let i = 0; i < input.length; i++) {
        const ch = input[i] as string;
        if (ch === '\r' || ch === '\n') {
          if (ch === '\r' && input[i + 1] === '\n') i++;
          out += '\r\n';
          atLineStart = true;
          continue;
        }
        if (atLineStart && ch === '.' && dotStuff) out += '.';
        atLineStart = false;
        out += ch;
      }
      if (!atLineStart) out += '\r\n';
      return dotStuff ? `${out}.\r\n` : out;
    };
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('.', 'a', '\r', '\n', 'é'), { maxLength: 60 }).map((a) => a.join('')),
        fc.array(fc.nat(8), { maxLength: 12 }),
        fc.boolean(),
        (input, cuts, dotStuff) => {
          const wire = encodeInChunks(Buffer.from(input, 'latin1'), cuts, dotStuff);
          expect(wire.toString('latin1')).toBe(reference(input, dotStuff));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('detects 8-bit content', () => {
    expect(hasEightBit(Buffer.from('plain ascii'))).toBe(false);
    expect(hasEightBit(Buffer.from('日本'))).toBe(true);
  });
});
