import { formatFromLine } from './from-line.js';
import { READ_CHUNK_BYTES } from './limits.js';
import { ChunkBuffer, splitLines } from './lines.js';

/** The envelope sender to write for a message: its Return-Path, else its From address. */
export function envelopeSender(header: string): string {
  const unfolded = header.replace(/\r?\n[ \t]+/g, ' ');
  const returnPath = /^return-path:[ \t]*<([^<>\s]*)>/im.exec(unfolded);
  if (returnPath?.[1] !== undefined && returnPath[1].length > 0) return returnPath[1];
  const from = /^from:[^\r\n]*?<([^<>\s]+@[^<>\s]+)>/im.exec(unfolded) ?? /^from:[ \t]*([^\s<>,;]+@[^\s<>,;]+)/im.exec(unfolded);
  return from?.[1] ?? 'MAILER-DAEMON';
}

const GT = new Uint8Array([0x3e]);

function needsQuote(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length && bytes[i] === 0x3e) i++;
  return bytes[i] === 0x46 && bytes[i + 1] === 0x72 && bytes[i + 2] === 0x6f && bytes[i + 3] === 0x6d && bytes[i + 4] === 0x20;
}

/**
 * One message in mboxrd form: the From_ line, the content with every line matching
 * /^>*From / given one more ">" (so a reader can take exactly one away again), a final line
 * ending if the message lacked one, and the blank separator line.
 */
export async function* mboxrdMessage(sender: string, date: Date, content: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(formatFromLine(sender, date));
  const out = new ChunkBuffer(READ_CHUNK_BYTES);
  let endedWithNewline = true;
  for await (const piece of splitLines(content)) {
    if (piece.atLineStart && needsQuote(piece.bytes)) out.push(GT);
    const ready = out.push(piece.bytes);
    endedWithNewline = piece.complete;
    if (ready !== undefined) yield ready;
  }
  const rest = out.flush();
  if (rest !== undefined && rest.length > 0) yield rest;
  yield new TextEncoder().encode(endedWithNewline ? '\n' : '\n\n');
}
