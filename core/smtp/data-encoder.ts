/**
 * Turns message bytes into what goes on the wire after DATA or in BDAT chunks, one chunk at a
 * time so a large message is never held twice:
 * - line endings are made canonical CRLF (RFC 5321 §2.3.8: bare CR and bare LF are not allowed);
 * - for DATA, a "." at the start of a line is doubled (RFC 5321 §4.5.2 transparency), and
 *   finish() adds the final CRLF if missing plus the "." terminator line.
 * BDAT (RFC 3030 §2) needs CRLF canonicalisation but no dot-stuffing.
 */
const CR = 0x0d;
const LF = 0x0a;
const DOT = 0x2e;
const CRLF = Buffer.from('\r\n', 'latin1');
const DOT_BUFFER = Buffer.from('.', 'latin1');

export class DataEncoder {
  private atLineStart = true;
  private pendingCr = false;
  private bytesOut = 0;

  constructor(private readonly dotStuff: boolean) {}

  /** Bytes written so far (encoded form). */
  get size(): number {
    return this.bytesOut;
  }

  /**
   * Encodes one chunk. Runs of bytes that need no change are passed through as views of the
   * input; the scan jumps from line break to line break with indexOf, so well-formed CRLF text
   * costs one native scan for CR and one for LF.
   */
  encode(chunk: Uint8Array): Buffer {
    const input = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    const length = input.length;
    const out: Buffer[] = [];
    let runStart = 0;
    let pos = 0;
    if (length > 0 && this.pendingCr) {
      // A CR ended the previous chunk: with this LF it was a CRLF, otherwise a bare CR.
      this.pendingCr = false;
      out.push(CRLF);
      this.atLineStart = true;
      if (input[0] === LF) pos = runStart = 1;
    }
    let nextCr = -2;
    let nextLf = -2;
    while (pos < length) {
      if (this.atLineStart) {
        this.atLineStart = false;
        if (this.dotStuff && input[pos] === DOT) {
          out.push(input.subarray(runStart, pos), DOT_BUFFER);
          runStart = pos;
        }
      }
      if (nextCr !== -1 && nextCr < pos) nextCr = input.indexOf(CR, pos);
      if (nextLf !== -1 && nextLf < pos) nextLf = input.indexOf(LF, pos);
      const cr = nextCr === -1 ? length : nextCr;
      const lf = nextLf === -1 ? length : nextLf;
      if (cr === length && lf === length) break;
      if (lf < cr) {
        // Bare LF.
        out.push(input.subarray(runStart, lf), CRLF);
        pos = runStart = lf + 1;
      } else if (cr + 1 === length) {
        out.push(input.subarray(runStart, cr));
        this.pendingCr = true;
        pos = runStart = length;
        break;
      } else if (input[cr + 1] === LF) {
        pos = cr + 2;
      } else {
        // Bare CR.
        out.push(input.subarray(runStart, cr), CRLF);
        pos = runStart = cr + 1;
      }
      this.atLineStart = true;
    }
    if (runStart < length) out.push(input.subarray(runStart, length));
    const result = out.length === 1 ? (out[0] as Buffer) : Buffer.concat(out);
    this.bytesOut += result.length;
    return result;
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
