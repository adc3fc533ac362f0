import { MailError } from '../net/mail-error.js';
import { parseFromLine } from './from-line.js';
import { READ_CHUNK_BYTES } from './limits.js';
import { ChunkBuffer, splitLines, type LinePiece } from './lines.js';

/**
 * mbox reading, streaming: messages come out one by one and each message's bytes come out in
 * chunks, so a multi-gigabyte file is never held in memory.
 *
 * - A message starts at a From_ line (see from-line.ts) at the start of the file or after a
 *   blank line; that blank line is the separator and not part of the previous message.
 * - Content-Length headers are ignored (mboxcl): they are often wrong after editing, and the
 *   From_ rule above is what every mbox writer agrees on.
 * - mboxrd (default): a line ">…>From " loses one ">" — the writer added exactly one.
 * - mboxo: only ">From " with a single ">" is unquoted. mboxo writers quote "From " but not
 *   ">From ", so the original is ambiguous; a body line "From " is far more common than
 *   ">From ", so unquoting recovers the usual case. ">>From " is left as written.
 */
export type MboxFormat = 'mboxrd' | 'mboxo';

export interface MboxMessage {
  /** Envelope sender from the From_ line ("MAILER-DAEMON" and the like when there was none). */
  readonly sender: string;
  /** The From_ line's date: the delivery time, kept as the message's INTERNALDATE. */
  readonly date: Date | undefined;
  /** The message's bytes, unquoted. Read it to the end before asking for the next message. */
  readonly content: AsyncIterable<Uint8Array>;
}

const GT = 0x3e;

function isBlank(bytes: Uint8Array): boolean {
  return (bytes.length === 1 && bytes[0] === 0x0a) || (bytes.length === 2 && bytes[0] === 0x0d && bytes[1] === 0x0a);
}

/** Number of '>' before "From " at the start of the piece, or -1 when it is not a quoted From. */
function quoteDepth(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length && bytes[i] === GT) i++;
  if (i === 0) return -1;
  return bytes[i] === 0x46 && bytes[i + 1] === 0x72 && bytes[i + 2] === 0x6f && bytes[i + 3] === 0x6d && bytes[i + 4] === 0x20 ? i : -1;
}

function unquote(piece: LinePiece, format: MboxFormat): Uint8Array {
  if (!piece.atLineStart) return piece.bytes;
  const depth = quoteDepth(piece.bytes);
  if (depth < 1 || (format === 'mboxo' && depth !== 1)) return piece.bytes;
  return piece.bytes.subarray(1);
}

export async function* readMbox(source: AsyncIterable<Uint8Array>, format: MboxFormat = 'mboxrd'): AsyncGenerator<MboxMessage> {
  const lines = splitLines(source)[Symbol.asyncIterator]();
  let next = await lines.next();
  // Tolerate blank lines before the first message (some exporters write one).
  while (!next.done && next.value.atLineStart && isBlank(next.value.bytes)) next = await lines.next();
  if (next.done) return;
  if (!next.value.atLineStart || parseFromLine(next.value.bytes) === undefined) {
    throw new MailError('invalid-argument', 'This is not an mbox file: it does not begin with a "From " separator line.');
  }
  let fromPiece: LinePiece = next.value;
  for (;;) {
    const from = parseFromLine(fromPiece.bytes);
    let finished = false;
    let following: LinePiece | undefined;
    async function* content(): AsyncGenerator<Uint8Array> {
      if (finished) return;
      const out = new ChunkBuffer(READ_CHUNK_BYTES);
      let heldBlank: Uint8Array | undefined;
      for (;;) {
        const step = await lines.next();
        if (step.done) break;
        const piece = step.value;
        if (piece.atLineStart && heldBlank !== undefined && parseFromLine(piece.bytes) !== undefined) {
          following = piece;
          heldBlank = undefined;
          break;
        }
        if (heldBlank !== undefined) {
          const ready = out.push(heldBlank);
          heldBlank = undefined;
          if (ready !== undefined) yield ready;
        }
        if (piece.atLineStart && isBlank(piece.bytes)) {
          // Held back: it may be the separator before the next From_ line.
          heldBlank = piece.bytes;
          continue;
        }
        const ready = out.push(unquote(piece, format));
        if (ready !== undefined) yield ready;
      }
      // A blank line at the very end is the separator the writer added after the last message.
      const rest = out.flush();
      finished = true;
      if (rest !== undefined && rest.length > 0) yield rest;
    }
    const body = content();
    yield { sender: from?.sender ?? '', date: from?.date, content: body };
    // Drain whatever the consumer did not read, to find the next message.
    if (!finished) for await (const _ of body) void _;
    if (following === undefined) return;
    fromPiece = following;
  }
}
