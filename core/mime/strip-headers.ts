/**
 * Removing header fields from a message's bytes without touching anything else: the fields kept,
 * their folding, the body and every byte of it stay exactly as they were.
 *
 * Its use is Bcc (RFC 5322 §3.6.3): the copy the sender keeps (a draft, the Outbox and Sent copy)
 * carries the Bcc field so it reads back with its blind recipients, and the bytes submitted over
 * SMTP go without it, so no To or Cc recipient, nor a Bcc recipient, learns who else got it. The
 * Bcc recipients still get the message: they are in the envelope (RCPT TO), not in the header.
 */

const LF = 0x0a;
const CR = 0x0d;
const SP = 0x20;
const HT = 0x09;

/** Where each line of the header block starts, and where the header block ends (the blank line). */
function headerLines(bytes: Uint8Array): { readonly starts: number[]; readonly end: number } {
  const starts: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    // A blank line (CRLF, or a bare LF as in files stored with Unix line ends) ends the header.
    if (bytes[i] === LF || (bytes[i] === CR && bytes[i + 1] === LF)) return { starts, end: i };
    starts.push(i);
    const lf = bytes.indexOf(LF, i);
    if (lf === -1) return { starts, end: bytes.length };
    i = lf + 1;
  }
  return { starts, end: bytes.length };
}

/** The field name a line starts ("Bcc" in "Bcc: …" and in the obsolete "Bcc : …", RFC 5322 §4.5.3), lower-cased. */
function fieldName(bytes: Uint8Array, start: number, end: number): string | null {
  let i = start;
  while (i < end && bytes[i] !== 0x3a && bytes[i] !== SP && bytes[i] !== HT && bytes[i] !== CR && bytes[i] !== LF) i++;
  if (i === start) return null;
  let colon = i;
  while (colon < end && (bytes[colon] === SP || bytes[colon] === HT)) colon++;
  if (bytes[colon] !== 0x3a) return null;
  return String.fromCharCode(...bytes.subarray(start, i)).toLowerCase();
}

/**
 * The message without the header fields named (case-insensitive), each with its continuation
 * lines. The same array comes back when there is nothing to remove.
 */
export function withoutHeaderFields(bytes: Uint8Array, names: readonly string[]): Uint8Array {
  const drop = new Set(names.map((n) => n.toLowerCase()));
  const { starts, end } = headerLines(bytes);
  const keep: Array<readonly [number, number]> = [];
  let removed = false;
  let dropping = false;
  for (let k = 0; k < starts.length; k++) {
    const start = starts[k] as number;
    const next = starts[k + 1] ?? end;
    const continuation = bytes[start] === SP || bytes[start] === HT;
    if (!continuation) dropping = drop.has(fieldName(bytes, start, next) ?? '');
    if (dropping) removed = true;
    else keep.push([start, next]);
  }
  if (!removed) return bytes;
  let size = bytes.length - end;
  for (const [s, e] of keep) size += e - s;
  const out = new Uint8Array(size);
  let o = 0;
  for (const [s, e] of keep) {
    out.set(bytes.subarray(s, e), o);
    o += e - s;
  }
  out.set(bytes.subarray(end), o);
  return out;
}

/** The bytes to submit over SMTP: the message without its Bcc field (RFC 5322 §3.6.3). */
export function withoutBcc(bytes: Uint8Array): Uint8Array {
  return withoutHeaderFields(bytes, ['bcc']);
}
