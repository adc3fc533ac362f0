import { MBOX_MAX_LINE_BYTES } from './limits.js';

/** One line, or one piece of a line longer than the limit. */
export interface LinePiece {
  readonly bytes: Uint8Array;
  /** True when this piece starts a line (only such a piece can be a From_ line). */
  readonly atLineStart: boolean;
  /** True when the piece ends with LF (so the next piece starts a line). */
  readonly complete: boolean;
}

const LF = 0x0a;

/**
 * Splits a byte stream into lines (each with its LF or CRLF kept) without ever holding more
 * than maxLine bytes of one line: a longer line comes out in pieces.
 */
export async function* splitLines(source: AsyncIterable<Uint8Array>, maxLine: number = MBOX_MAX_LINE_BYTES): AsyncGenerator<LinePiece> {
  let pending: Uint8Array[] = [];
  let pendingSize = 0;
  let atLineStart = true;
  function take(extra: Uint8Array): Uint8Array {
    const parts = [...pending, extra];
    pending = [];
    pendingSize = 0;
    return parts.length === 1 ? extra : Buffer.concat(parts);
  }
  for await (const chunk of source) {
    let start = 0;
    while (start < chunk.length) {
      const room = maxLine - pendingSize;
      const lf = chunk.indexOf(LF, start);
      if (lf >= 0 && lf - start + 1 <= room) {
        const bytes = take(chunk.subarray(start, lf + 1));
        yield { bytes, atLineStart, complete: true };
        atLineStart = true;
        start = lf + 1;
      } else if (chunk.length - start >= room) {
        // The line is longer than the limit: hand on a full piece and keep going.
        const bytes = take(chunk.subarray(start, start + room));
        yield { bytes, atLineStart, complete: false };
        atLineStart = false;
        start += room;
      } else {
        // Copy: the caller may reuse its chunk buffer.
        pending.push(Uint8Array.prototype.slice.call(chunk, start));
        pendingSize += chunk.length - start;
        start = chunk.length;
      }
    }
  }
  if (pendingSize > 0) yield { bytes: take(new Uint8Array()), atLineStart, complete: false };
}

/** Groups small pieces into chunks of about `size` bytes, so consumers do not see one call per line. */
export class ChunkBuffer {
  private parts: Uint8Array[] = [];
  private size = 0;

  constructor(private readonly target: number) {}

  push(bytes: Uint8Array): Uint8Array | undefined {
    this.parts.push(bytes);
    this.size += bytes.length;
    return this.size >= this.target ? this.flush() : undefined;
  }

  flush(): Uint8Array | undefined {
    if (this.size === 0 && this.parts.length === 0) return undefined;
    const out = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts);
    this.parts = [];
    this.size = 0;
    return out;
  }
}
