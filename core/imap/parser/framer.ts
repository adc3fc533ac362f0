/**
 * Framing: bytes in (any chunking), complete raw responses out. A response is one line, except
 * that a line ending in a literal marker `{n}`, `{n+}` or `~{n}` (RFC 3501 §4.3, RFC 3516 §4.2)
 * continues after n raw octets. Literals are handed on as slices of the incoming chunks when
 * they arrive whole (no copy), else copied exactly once into a buffer of the announced size, or
 * passed chunk by chunk to a sink the consumer chooses (so a 1 GB body never sits in memory).
 *
 * The framer knows nothing about IMAP grammar beyond the literal marker; the scanner does that.
 */
import { MailError } from '../../net/mail-error.js';
import {
  MAX_LINE_LENGTH,
  MAX_LITERAL_SIZE,
  MAX_LITERALS_PER_RESPONSE,
  MAX_STREAMED_LITERAL_SIZE,
} from '../limits.js';

/** A literal that went to a sink instead of memory: only its size is known here. */
export interface StreamedLiteral {
  readonly streamed: true;
  readonly size: number;
}

export type LiteralData = Uint8Array | StreamedLiteral;

export interface RawResponse {
  /**
   * The response text without CRLFs: every line piece concatenated. A piece that ends in a
   * literal marker is immediately followed (logically) by that literal.
   */
  readonly text: Uint8Array;
  readonly literals: readonly LiteralData[];
  /** For each literal, the offset in `text` just after its marker's closing brace. */
  readonly literalOffsets: readonly number[];
}

/** Where a streamed literal goes. Called synchronously in arrival order. */
export interface LiteralSink {
  write(chunk: Uint8Array): void;
  end(): void;
}

export interface LiteralAnnouncement {
  /** The response text up to the marker, decoded as UTF-8 (e.g. `* 4 FETCH (UID 9 BODY[] `). */
  readonly prefix: string;
  readonly size: number;
}

export interface FramerOptions {
  readonly maxLineLength?: number;
  readonly maxLiteralSize?: number;
  /** Offered every literal; return a sink to stream it, or undefined to keep it in memory. */
  readonly literalSink?: (literal: LiteralAnnouncement) => LiteralSink | undefined;
}

/** One framed item: a complete raw response, or the typed error that ended one. */
export type FramedItem =
  | { readonly kind: 'response'; readonly raw: RawResponse }
  | { readonly kind: 'error'; readonly error: MailError; readonly fatal: boolean };

const LF = 0x0a;
const CR = 0x0d;
const decoder = new TextDecoder('utf-8', { fatal: false });

interface LiteralState {
  readonly size: number;
  received: number;
  /** Set when copying into one buffer (the literal spans chunks). */
  buffer: Uint8Array | undefined;
  sink: LiteralSink | undefined;
}

export class ResponseFramer {
  readonly #maxLine: number;
  readonly #maxLiteral: number;
  readonly #sinkFor: FramerOptions['literalSink'];

  /** Bytes of the current line piece, not yet terminated by LF. */
  #lineChunks: Uint8Array[] = [];
  #lineLength = 0;
  /** Completed pieces of the current response. */
  #pieces: Uint8Array[] = [];
  #textLength = 0;
  #literals: LiteralData[] = [];
  #literalOffsets: number[] = [];
  #literal: LiteralState | undefined;
  /** Skipping an over-long line until its LF. */
  #discarding = false;
  /** After a fatal framing error nothing more can be trusted. */
  #broken = false;

  constructor(options: FramerOptions = {}) {
    this.#maxLine = options.maxLineLength ?? MAX_LINE_LENGTH;
    this.#maxLiteral = options.maxLiteralSize ?? MAX_LITERAL_SIZE;
    this.#sinkFor = options.literalSink;
  }

  /** True while in the middle of a response (used to tell a clean close from a cut one). */
  get pending(): boolean {
    return this.#literal !== undefined || this.#lineLength > 0 || this.#pieces.length > 0;
  }

  /** Feeds one chunk; returns every item it completed, in order. */
  push(chunk: Uint8Array): FramedItem[] {
    const out: FramedItem[] = [];
    if (this.#broken) return out;
    let pos = 0;
    while (pos < chunk.length && !this.#broken) {
      if (this.#literal !== undefined) {
        pos = this.#takeLiteral(chunk, pos);
        continue;
      }
      const lf = chunk.indexOf(LF, pos);
      const end = lf === -1 ? chunk.length : lf;
      if (this.#discarding) {
        if (lf === -1) return out;
        this.#discarding = false;
        pos = lf + 1;
        continue;
      }
      if (this.#lineLength + (end - pos) > this.#maxLine) {
        this.#resetResponse();
        out.push({
          kind: 'error',
          fatal: false,
          error: new MailError('line-too-long', `The server sent a line longer than ${this.#maxLine} bytes; it was skipped.`),
        });
        if (lf === -1) {
          this.#discarding = true;
          return out;
        }
        pos = lf + 1;
        continue;
      }
      if (end > pos) {
        this.#lineChunks.push(chunk.subarray(pos, end));
        this.#lineLength += end - pos;
      }
      if (lf === -1) return out;
      pos = lf + 1;
      this.#endOfLine(out);
    }
    return out;
  }

  #endOfLine(out: FramedItem[]): void {
    let piece = concat(this.#lineChunks, this.#lineLength);
    this.#lineChunks = [];
    this.#lineLength = 0;
    if (piece.length > 0 && piece[piece.length - 1] === CR) piece = piece.subarray(0, piece.length - 1);
    const marker = literalMarker(piece);
    this.#pieces.push(piece);
    this.#textLength += piece.length;
    if (marker === undefined) {
      const raw: RawResponse = {
        text: concat(this.#pieces, this.#textLength),
        literals: this.#literals,
        literalOffsets: this.#literalOffsets,
      };
      this.#resetResponse();
      out.push({ kind: 'response', raw });
      return;
    }
    if (marker.size === undefined || this.#literals.length >= MAX_LITERALS_PER_RESPONSE) {
      this.#fail(out, new MailError('protocol-error', 'The server announced a literal with an invalid size or too many literals.'));
      return;
    }
    const size = marker.size;
    const sink =
      this.#sinkFor !== undefined && size > 0
        ? this.#sinkFor({ prefix: decoder.decode(concat(this.#pieces, this.#textLength)), size })
        : undefined;
    const limit = sink === undefined ? this.#maxLiteral : MAX_STREAMED_LITERAL_SIZE;
    if (size > limit) {
      this.#fail(
        out,
        new MailError('literal-too-large', `The server announced a literal of ${size} bytes, over the limit of ${limit}.`, {
          details: { size, limit },
        }),
      );
      return;
    }
    this.#literalOffsets.push(this.#textLength);
    this.#literal = { size, received: 0, buffer: undefined, sink };
    if (size === 0) this.#finishLiteral(new Uint8Array(0));
  }

  #takeLiteral(chunk: Uint8Array, pos: number): number {
    const state = this.#literal;
    if (state === undefined) return pos;
    const need = state.size - state.received;
    const available = Math.min(need, chunk.length - pos);
    const slice = chunk.subarray(pos, pos + available);
    if (state.sink !== undefined) {
      state.sink.write(slice);
      state.received += available;
      if (state.received === state.size) {
        state.sink.end();
        this.#finishLiteral({ streamed: true, size: state.size });
      }
      return pos + available;
    }
    if (state.received === 0 && available === need) {
      // The whole literal is inside this chunk: hand on a view, no copy.
      this.#finishLiteral(slice);
      return pos + available;
    }
    state.buffer ??= new Uint8Array(state.size);
    state.buffer.set(slice, state.received);
    state.received += available;
    if (state.received === state.size) this.#finishLiteral(state.buffer);
    return pos + available;
  }

  #finishLiteral(data: LiteralData): void {
    this.#literals.push(data);
    this.#literal = undefined;
  }

  #fail(out: FramedItem[], error: MailError): void {
    this.#broken = true;
    this.#resetResponse();
    out.push({ kind: 'error', error, fatal: true });
  }

  #resetResponse(): void {
    this.#lineChunks = [];
    this.#lineLength = 0;
    this.#pieces = [];
    this.#textLength = 0;
    this.#literals = [];
    this.#literalOffsets = [];
    this.#literal = undefined;
  }
}

/**
 * If the piece ends in `{digits}`, `{digits+}` or `~{digits}`, returns the size (undefined
 * size when the digits are absurd). Returns undefined when there is no marker.
 */
function literalMarker(piece: Uint8Array): { size: number | undefined } | undefined {
  const n = piece.length;
  if (n < 3 || piece[n - 1] !== 0x7d /* } */) return undefined;
  let i = n - 2;
  if (piece[i] === 0x2b /* + */) i--;
  const digitsEnd = i + 1;
  while (i >= 0 && (piece[i] ?? 0) >= 0x30 && (piece[i] ?? 0) <= 0x39) i--;
  if (i < 0 || piece[i] !== 0x7b /* { */ || i + 1 === digitsEnd) return undefined;
  const digits = digitsEnd - (i + 1);
  if (digits > 15) return { size: undefined };
  let size = 0;
  for (let k = i + 1; k < digitsEnd; k++) size = size * 10 + ((piece[k] ?? 0x30) - 0x30);
  return { size };
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  const out = new Uint8Array(length);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}
