import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ByteQueue } from '../../../core/net/byte-queue.js';

describe('ByteQueue', () => {
  it('finds bytes across chunk boundaries and takes exact counts', () => {
    const q = new ByteQueue();
    q.push(Buffer.from('ab'));
    q.push(Buffer.from('cd\nef'));
    expect(q.indexOf(0x0a)).toBe(4);
    expect(q.indexOf(0x0a, 5)).toBe(-1);
    expect(q.take(3).toString()).toBe('abc');
    expect(q.indexOf(0x0a)).toBe(1);
    expect(q.takeSome(100).toString()).toBe('d\nef');
    expect(q.length).toBe(0);
  });

  it('returns the same bytes however the input was chunked', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.nat(50), { maxLength: 20 }), (bytes, cuts) => {
        const q = new ByteQueue();
        let at = 0;
        for (const cut of cuts) {
          q.push(Buffer.from(bytes.subarray(at, at + cut)));
          at += cut;
        }
        q.push(Buffer.from(bytes.subarray(at)));
        const expectedLf = Buffer.from(bytes).indexOf(0x0a);
        expect(q.indexOf(0x0a)).toBe(expectedLf);
        const half = Math.floor(bytes.length / 2);
        const out = Buffer.concat([q.take(half), q.take(bytes.length - half)]);
        expect(out.equals(Buffer.from(bytes))).toBe(true);
      }),
    );
  });
});
