/**
 * Turns message bytes into what goes on the wire after DATA or in BDAT chunks, one chunk at a
 * time so a large message is never held twice:
 * - line endings are made canonical CRLF (RFC 5321 §2.3.8: bare CR and bare LF are not allowed);
 * - for DATA, a "." at the start of a line is doubled (RFC 5321 §4.5.2 transparency), and
 *   finish() adds the final CRLF if missing plus the "." terminator line.
 * BDAT (RFC 3030 §2) needs CRLF canonicalisation but no dot-stuffing.
 */
export class DataEncoder {
  private atLineStart = true;
  private pendingCr = false;
  private bytesOut = 0;

  constructor(private readonly dotStuff: boolean) {}

  /** Bytes written so far (encoded form). */
  get size(): number {
    return this.bytesOut;
  }

  encode(chunk: Uint8Array): Buffer {
    // Worst case: every byte a bare LF (2 bytes) plus a CRLF owed from the previous chunk.
    const out = Buffer.allocUnsafe(chunk.length * 2 + 2);
    let o = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i] as number;
      if (this.pendingCr) {
        this.pendingCr = false;
        out[o++] = 0x0d;
        out[o++] = 0x0a;
        this.atLineStart = true;
        if (byte === 0x0a) continue;
      }
      if (byte === 0x0d) {
        this.pendingCr = true;
        continue;
      }
      if (byte === 0x0a) {
        out[o++] = 0x0d;
        out[o++] = 0x0a;
        this.atLineStart = true;
        continue;
      }
      if (this.atLineStart && byte === 0x2e && this.dotStuff) out[o++] = 0x2e;
      this.atLineStart = false;
      out[o++] = byte;
    }
    this.bytesOut += o;
    return out.subarray(0, o);
  }

  /** The bytes that close the message: any owed CRLF, and for DATA the terminating ".". */
  finish(): Buffer {
    let tail = '';
    if (this.pendingCr || !this.atLineStart) tail += '\r\n';
    this.pendingCr = false;
    this.atLineStart = true;
    if (this.dotStuff) tail += '.\r\n';
    this.bytesOut += tail.length;
    return Buffer.from(tail, 'latin1');
  }
}

/** True when the bytes contain anything outside 7-bit ASCII (BODY=8BITMIME needed). */
export function hasEightBit(data: Uint8Array): boolean {
  for (let i = 0; i < data.length; i++) if ((data[i] as number) > 0x7f) return true;
  return false;
}
