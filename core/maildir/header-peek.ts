import { HEADER_PEEK_BYTES } from './limits.js';

/**
 * Reads a message stream until the end of its header (the first empty line) or
 * HEADER_PEEK_BYTES, and hands back the header text (decoded as latin1, so any byte survives) together
 * with the whole stream re-assembled, so the caller still streams every byte once.
 */
export async function peekHeader(stream: AsyncIterable<Uint8Array>): Promise<{ header: string; content: AsyncIterable<Uint8Array> }> {
  const iterator = stream[Symbol.asyncIterator]();
  const seen: Uint8Array[] = [];
  let size = 0;
  let done = false;
  for (;;) {
    const step = await iterator.next();
    if (step.done) {
      done = true;
      break;
    }
    seen.push(step.value);
    size += step.value.length;
    if (/\r?\n\r?\n/.test(Buffer.concat(seen).toString('latin1')) || size >= HEADER_PEEK_BYTES) break;
  }
  const text = Buffer.concat(seen).toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  async function* content(): AsyncGenerator<Uint8Array> {
    yield* seen;
    if (done) return;
    for (;;) {
      const step = await iterator.next();
      if (step.done) return;
      yield step.value;
    }
  }
  return { header: end >= 0 ? text.slice(0, end) : text, content: content() };
}

/**
 * Flags that mbox writers keep in the message itself: `Status:` (R read, O old) and
 * `X-Status:` (A answered, F flagged, T draft, D deleted), as written by mutt, Pine and
 * Thunderbird's mbox export. The header bytes stay as they are; the store learns the flags.
 */
export function mboxStatusFlags(header: string): string[] {
  const flags: string[] = [];
  const status = /^status:[ \t]*([A-Za-z]*)/im.exec(header)?.[1] ?? '';
  const xStatus = /^x-status:[ \t]*([A-Za-z]*)/im.exec(header)?.[1] ?? '';
  if (status.includes('R')) flags.push('\\Seen');
  if (xStatus.includes('A')) flags.push('\\Answered');
  if (xStatus.includes('F')) flags.push('\\Flagged');
  if (xStatus.includes('T')) flags.push('\\Draft');
  if (xStatus.includes('D')) flags.push('\\Deleted');
  return flags;
}
