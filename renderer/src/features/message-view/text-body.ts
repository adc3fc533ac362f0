/**
 * A text/plain body as blocks of equal quote depth, for the reader to show
 * quoted replies as nested, tinted blocks instead of "> > >" prefixes.
 * format=flowed bodies are first unwrapped by core/mime's RFC 3676 decoder,
 * which keeps quote depth as ">" prefixes (§4.5); plain bodies use the same
 * prefix convention, where "> > text" (spaces between markers) is common.
 */
import { decodeFlowed } from '../../../../core/mime/flowed.js';

/** Deeper quoting is shown at this depth; nesting further only narrows the text. */
export const MAX_QUOTE_DEPTH = 8;

export interface TextBlock {
  /** 0 for the author's own text. */
  readonly depth: number;
  readonly text: string;
  /** True for the signature: from the "-- " separator (RFC 3676 §4.3) to the end at depth 0. */
  readonly signature: boolean;
}

export interface TextBodyFormat {
  /** Content-Type format=flowed (RFC 3676 §4.1). */
  readonly flowed: boolean;
  /** DelSp=yes (RFC 3676 §4.2). */
  readonly delSp: boolean;
}

const QUOTE_PREFIX = /^((?:> ?)+)/;

function splitQuote(line: string): { depth: number; rest: string } {
  const match = QUOTE_PREFIX.exec(line);
  if (match === null) return { depth: 0, rest: line };
  const prefix = match[1]!;
  const depth = prefix.split('>').length - 1;
  return { depth: Math.min(depth, MAX_QUOTE_DEPTH), rest: line.slice(prefix.length) };
}

/** The body's blocks in order; consecutive lines of the same depth form one block. */
export function textBlocks(body: string, format: TextBodyFormat): TextBlock[] {
  const text = format.flowed ? decodeFlowed(body, format.delSp) : body.replace(/\r\n?/g, '\n');
  const blocks: TextBlock[] = [];
  let depth = -1;
  let lines: string[] = [];
  let inSignature = false;
  const flush = (): void => {
    if (lines.length > 0) blocks.push({ depth, text: lines.join('\n'), signature: inSignature && depth === 0 });
    lines = [];
  };
  // Trailing line breaks end the last line; they carry nothing to show.
  for (const line of text.replace(/\n+$/, '').split('\n')) {
    const split = splitQuote(line);
    if (split.depth === 0 && (line === '-- ' || line === '--') && !inSignature) {
      flush();
      inSignature = true;
      depth = 0;
      lines.push(line);
      continue;
    }
    if (split.depth !== depth) {
      flush();
      depth = split.depth;
    }
    lines.push(split.rest);
  }
  flush();
  return blocks;
}
