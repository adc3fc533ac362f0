/**
 * RFC 3676 format=flowed decoding: a line ending in a space is soft-broken and joins the next
 * line of the same quote depth (§4.2); with DelSp=yes that space was added by the sender and
 * is removed (§4.5). Space-stuffing (§4.4) is undone; the signature separator "-- " is never
 * flowed (§4.3).
 */
export function decodeFlowed(text: string, delSp: boolean): string {
  const lines = text.split(/\r?\n/);
  const out: string[] = [];
  let current: string | undefined;
  let currentDepth = 0;
  for (const rawLine of lines) {
    let depth = 0;
    while (rawLine.charCodeAt(depth) === 0x3e) depth++;
    let line = rawLine.slice(depth);
    if (line.startsWith(' ')) line = line.slice(1); // space-stuffing
    const isSignature = line === '-- ';
    const flowed = !isSignature && line.endsWith(' ');
    if (current !== undefined && depth !== currentDepth) {
      // Quote depth changed inside a paragraph: §4.5 says treat it as a hard break.
      out.push(quotePrefix(currentDepth) + current);
      current = undefined;
    }
    const piece = flowed && delSp ? line.slice(0, -1) : line;
    current = (current ?? '') + piece;
    currentDepth = depth;
    if (!flowed) {
      out.push(quotePrefix(depth) + current);
      current = undefined;
    }
  }
  if (current !== undefined) out.push(quotePrefix(currentDepth) + current);
  return out.join('\n');
}

function quotePrefix(depth: number): string {
  return depth === 0 ? '' : `${'>'.repeat(depth)} `;
}
