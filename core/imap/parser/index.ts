/**
 * The pure IMAP response parser: push byte chunks, get complete typed responses (or a typed
 * error for a response that could not be read). No I/O, no timers.
 */
import { ResponseFramer, type FramerOptions } from './framer.js';
import { parseResponse } from './response.js';
import type { ParsedItem } from './types.js';

export class ImapParser {
  readonly #framer: ResponseFramer;

  constructor(options: FramerOptions = {}) {
    this.#framer = new ResponseFramer(options);
  }

  /** True while a response is partly received (a close now cuts it). */
  get pending(): boolean {
    return this.#framer.pending;
  }

  push(chunk: Uint8Array): ParsedItem[] {
    const out: ParsedItem[] = [];
    for (const item of this.#framer.push(chunk)) {
      if (item.kind === 'error') out.push({ kind: 'malformed', error: item.error, tag: undefined, fatal: item.fatal });
      else out.push(parseResponse(item.raw));
    }
    return out;
  }
}

export type { FramerOptions, LiteralAnnouncement, LiteralSink, StreamedLiteral } from './framer.js';
export { parseResponse } from './response.js';
export { codeName } from './codes.js';
export { expandSequenceSet, compressSequenceSet, isSequenceSet } from './sequence-set.js';
export type * from './types.js';
export type { ImapValue } from './values.js';
