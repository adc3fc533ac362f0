/**
 * Header blocks (RFC 5322 §2.2): splitting fields, unfolding (§2.2.3), RFC 6532 UTF-8 values
 * and raw 8-bit values in legacy charsets, with tolerance for the usual breakage.
 */
import { ascii, hasHighBit } from './bytes.js';
import { decodeCharset } from './charsets.js';
import { decodeEncodedWords } from './encoded-words.js';
import type { WarningSink } from './warnings.js';

export interface HeaderField {
  /** The field name as written ("Subject"). */
  readonly name: string;
  /** Lower-cased name for lookups ("subject"). */
  readonly key: string;
  /** Unfolded value, encoded words left as they are: the input of structured parsers. */
  readonly value: string;
  /** Unfolded value with RFC 2047 encoded words decoded: for display. */
  readonly decoded: string;
  /** The field as it stood in the message (folding kept, lines joined with CRLF). */
  readonly raw: string;
}

export interface HeaderBlockOptions {
  readonly warnings: WarningSink;
  readonly part: string;
  readonly maxFields: number;
}

const CHARSET_HINT = /^content-type:[^]*?charset\s*=\s*"?([A-Za-z0-9_.:+-]+)/im;

/** Decodes a header block's bytes to text, one line at a time where it has to guess. */
function decodeBlock(block: Uint8Array, options: HeaderBlockOptions): string {
  if (!hasHighBit(block)) return ascii(block);
  try {
    // RFC 6532: UTF-8 in header values is allowed; try the whole block first (fast, common).
    return new TextDecoder('utf-8', { fatal: true }).decode(block);
  } catch {
    // fall through: a legacy charset somewhere
  }
  const hint = CHARSET_HINT.exec(ascii(block))?.[1];
  const lines: string[] = [];
  let start = 0;
  while (start <= block.length) {
    let end = block.indexOf(0x0a, start);
    if (end === -1) end = block.length;
    const line = block.subarray(start, end);
    if (hasHighBit(line)) {
      const result = decodeCharset(line, undefined, hint);
      options.warnings.add('header-8bit', `raw 8-bit header bytes read as ${result.charset}`, options.part);
      lines.push(result.text);
    } else lines.push(ascii(line));
    start = end + 1;
  }
  return lines.join('\n');
}

/** Parses one header block (without the blank line that ends it). */
export function parseHeaderBlock(input: Uint8Array, options: HeaderBlockOptions): HeaderField[] {
  let block = input;
  if (block.indexOf(0) !== -1) {
    options.warnings.add('nul-bytes', 'NUL bytes in the header were removed', options.part);
    block = block.filter((b) => b !== 0);
  }
  const text = decodeBlock(block, options);
  const lines = text.split('\n');
  let crlf = 0;
  let bare = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.endsWith('\r')) {
      crlf++;
      lines[i] = line.slice(0, -1);
    } else if (i < lines.length - 1) bare++;
  }
  if (crlf > 0 && bare > 0) options.warnings.add('bare-lf', 'the header mixes CRLF and bare LF line ends', options.part);

  const fields: HeaderField[] = [];
  let name = '';
  let rawLines: string[] = [];
  const finish = (): void => {
    if (rawLines.length === 0) return;
    if (fields.length >= options.maxFields) {
      options.warnings.add('limit-header-fields', `more than ${options.maxFields} header fields; the rest were skipped`, options.part);
      rawLines = [];
      return;
    }
    const first = rawLines[0] as string;
    const colon = first.indexOf(':');
    let value = first.slice(colon + 1);
    for (let i = 1; i < rawLines.length; i++) value += rawLines[i] as string;
    value = value.replace(/^[ \t]+|[ \t\r]+$/g, '');
    fields.push({
      name,
      key: name.toLowerCase(),
      value,
      decoded: decodeEncodedWords(value, (problem, charset) =>
        options.warnings.add(problem === 'unknown' ? 'charset-unknown' : 'charset-mismatch', `encoded word charset "${charset}" ${problem === 'unknown' ? 'is unknown' : 'does not fit its bytes'}`, options.part),
      ),
      raw: rawLines.join('\r\n'),
    });
    rawLines = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === '' && i === lines.length - 1) break;
    const c = line.charCodeAt(0);
    if (c === 0x20 || c === 0x09) {
      if (rawLines.length > 0) rawLines.push(line);
      else options.warnings.add('header-without-colon', 'the header starts with a continuation line', options.part);
      continue;
    }
    if (i === 0 && line.startsWith('From ')) {
      options.warnings.add('mbox-from-line', 'an mbox "From " line precedes the header', options.part);
      continue;
    }
    const colon = line.indexOf(':');
    const fieldName = colon > 0 ? line.slice(0, colon).trimEnd() : '';
    if (colon <= 0 || !/^[\x21-\x39\x3b-\x7e]+$/.test(fieldName)) {
      // A folded line that lost its indentation is the likeliest reading: keep it with the
      // field above rather than drop text.
      options.warnings.add('header-without-colon', `header line without a colon: "${line.slice(0, 40)}"`, options.part);
      if (rawLines.length > 0) rawLines.push(` ${line}`);
      continue;
    }
    finish();
    name = fieldName;
    rawLines.push(line);
  }
  finish();
  return fields;
}

/** A header list with lookups by lower-cased name. */
export class Headers {
  private readonly byKey = new Map<string, HeaderField[]>();

  constructor(readonly fields: readonly HeaderField[]) {
    for (const f of fields) {
      const list = this.byKey.get(f.key);
      if (list === undefined) this.byKey.set(f.key, [f]);
      else list.push(f);
    }
  }

  /** The first field of that name (RFC 5322 allows one of most; the first is the newest). */
  get(name: string): HeaderField | undefined {
    return this.byKey.get(name.toLowerCase())?.[0];
  }

  getAll(name: string): readonly HeaderField[] {
    return this.byKey.get(name.toLowerCase()) ?? [];
  }

  has(name: string): boolean {
    return this.byKey.has(name.toLowerCase());
  }
}
