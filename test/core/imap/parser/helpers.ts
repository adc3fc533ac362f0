import { ImapParser, type FramerOptions, type ImapResponse, type ParsedItem, type UntaggedData } from '../../../../core/imap/parser/index.js';

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
export const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

/** Parses text (CRLF line ends written as \r\n) in one push. */
export function parseAll(input: string | Uint8Array, options?: FramerOptions): ParsedItem[] {
  return new ImapParser(options).push(typeof input === 'string' ? enc(input) : input);
}

export function responses(input: string): ImapResponse[] {
  return parseAll(input).map((item) => {
    if (item.kind !== 'response') throw item.error;
    return item.response;
  });
}

export function one(input: string): ImapResponse {
  const all = responses(input);
  if (all.length !== 1 || all[0] === undefined) throw new Error(`expected one response, got ${all.length}`);
  return all[0];
}

export function untagged(input: string): UntaggedData {
  const r = one(input);
  if (r.kind !== 'untagged') throw new Error(`expected untagged, got ${r.kind}`);
  return r.data;
}
