/** Small byte helpers shared by the parser and the builder (web-platform APIs only). */

const utf8Encoder = new TextEncoder();
const latin1Decoder = new TextDecoder('latin1');

export function utf8(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/**
 * Bytes → string, one char per byte. Only used on bytes known to be ASCII (WHATWG "latin1" is
 * really windows-1252, which differs from ISO-8859-1 only in 0x80-0x9F).
 */
export function ascii(bytes: Uint8Array): string {
  return latin1Decoder.decode(bytes);
}

/** Bytes → string with exactly one UTF-16 unit per byte (true ISO-8859-1), for raw views. */
export function binaryString(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return out;
}

export function concatBytes(chunks: readonly Uint8Array[], total?: number): Uint8Array {
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  let size = total ?? 0;
  if (total === undefined) for (const c of chunks) size += c.length;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

export function hasHighBit(bytes: Uint8Array, start = 0, end = bytes.length): boolean {
  for (let i = start; i < end; i++) if ((bytes[i] as number) > 0x7f) return true;
  return false;
}

export function isAsciiString(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}
