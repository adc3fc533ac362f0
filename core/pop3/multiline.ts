/**
 * Incremental decoder for POP3 multi-line responses (RFC 1939 §3): the bytes after the status
 * line, up to and including the terminating "." line, in chunks of any size. It strips the
 * byte-stuffed dot from lines that begin with "." and stops at the terminator, wherever the
 * chunk boundaries fall (even inside "CRLF.CRLF"). It holds back at most two bytes between
 * chunks, so a 50 MB RETR flows through it without ever being assembled.
 *
 * Leniency, because real servers differ:
 * - bare LF line endings: ".\n" at the start of a line also terminates, and LF-only lines pass
 *   through unchanged;
 * - a server that omits the CRLF before the terminator when the message does not end with one
 *   (sending "last line.\r\n"): recognised only when the caller knows the message size (from
 *   "+OK n octets" or LIST) and the decoded output has exactly that size at the ".", and the
 *   "." line is the last thing received. Without a size such a response is indistinguishable
 *   from a line that ends in "." and the decoder keeps waiting (the command timeout decides).
 *
 * Line endings inside the content are passed through as received: the decoder removes only the
 * stuffing and the terminator.
 */

const DOT = 0x2e;
const CR = 0x0d;
const LF = 0x0a;

export interface DecodeResult {
  /** Decoded content, in order. The buffers are views into the pushed chunks (no copies). */
  readonly data: Buffer[];
  /** True once the terminator was seen; later pushes are refused. */
  readonly done: boolean;
  /** Bytes that followed the terminator in the same chunk (a protocol violation without pipelining). */
  readonly rest: Buffer;
}

export interface MultilineDecoderOptions {
  /** The size of the decoded content if the server announced it; enables the missing-CRLF case. */
  readonly expectedSize?: number;
}

export class MultilineDecoder {
  private atLineStart = true;
  private held: Buffer = Buffer.alloc(0);
  private emitted = 0;
  private finished = false;
  private readonly expectedSize: number | undefined;

  constructor(options: MultilineDecoderOptions = {}) {
    this.expectedSize = options.expectedSize;
  }

  /** Decoded bytes handed out so far. */
  get decodedBytes(): number {
    return this.emitted;
  }

  get done(): boolean {
    return this.finished;
  }

  push(chunk: Uint8Array): DecodeResult {
    if (this.finished) throw new Error('MultilineDecoder: push after the terminator');
    const input = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const buf = this.held.length === 0 ? input : Buffer.concat([this.held, input]);
    this.held = Buffer.alloc(0);
    const data: Buffer[] = [];
    const len = buf.length;
    let segStart = 0;
    let pos = 0;
    const emit = (end: number): void => {
      if (end > segStart) {
        data.push(buf.subarray(segStart, end));
        this.emitted += end - segStart;
      }
    };
    const finish = (at: number): DecodeResult => {
      emit(at);
      this.finished = true;
      return { data, done: true, rest: Buffer.from(buf.subarray(terminatorEnd(buf, at))) };
    };
    const hold = (at: number): DecodeResult => {
      emit(at);
      // Copy: the caller may reuse its chunk buffer after push returns.
      this.held = Buffer.from(buf.subarray(at));
      return { data, done: false, rest: Buffer.alloc(0) };
    };

    while (pos < len) {
      if (this.atLineStart) {
        if (buf[pos] === DOT) {
          // RFC 1939 §3: ".CRLF" ends the response; any other line starting with "." has
          // that first dot removed.
          if (pos + 1 >= len) return hold(pos);
          const next = buf[pos + 1];
          if (next === LF) return finish(pos);
          if (next === CR) {
            if (pos + 2 >= len) return hold(pos);
            if (buf[pos + 2] === LF) return finish(pos);
          }
          emit(pos);
          segStart = pos + 1;
          pos += 1;
        }
        this.atLineStart = false;
        continue;
      }
      const lf = buf.indexOf(LF, pos);
      const lineEnd = lf === -1 ? len : lf + 1;
      if (this.expectedSize !== undefined) {
        // The decoded position that would complete the announced size, if it lies in this line.
        const at = segStart + (this.expectedSize - (this.emitted));
        if (at >= pos && at < lineEnd && buf[at] === DOT) {
          const tail = buf.subarray(at);
          if (isTerminatorLine(tail)) return finish(at);
          if (isTerminatorPrefix(tail)) return hold(at);
        }
      }
      pos = lineEnd;
      if (lf !== -1) this.atLineStart = true;
    }
    emit(len);
    return { data, done: false, rest: Buffer.alloc(0) };
  }
}

/** Index just past the terminator line that starts at `at` ("." then LF or CRLF). */
function terminatorEnd(buf: Buffer, at: number): number {
  return buf[at + 1] === LF ? at + 2 : at + 3;
}

function isTerminatorLine(tail: Buffer): boolean {
  return (tail.length === 2 && tail[1] === LF) || (tail.length === 3 && tail[1] === CR && tail[2] === LF);
}

function isTerminatorPrefix(tail: Buffer): boolean {
  return tail.length === 1 || (tail.length === 2 && tail[1] === CR);
}

/**
 * The inverse, for tests and fake servers: byte-stuffs content (RFC 1939 §3) and appends the
 * terminator, adding a CRLF first when the content does not end with a line break.
 */
export function encodeMultiline(content: Uint8Array): Buffer {
  const src = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const parts: Buffer[] = [];
  let start = 0;
  let lineStart = true;
  for (let i = 0; i < src.length; i++) {
    if (lineStart && src[i] === DOT) {
      parts.push(src.subarray(start, i), Buffer.from('.'));
      start = i;
    }
    lineStart = src[i] === LF;
  }
  parts.push(src.subarray(start));
  const endsWithLf = src.length > 0 && src[src.length - 1] === LF;
  parts.push(Buffer.from(src.length === 0 || endsWithLf ? '.\r\n' : '\r\n.\r\n'));
  return Buffer.concat(parts);
}
