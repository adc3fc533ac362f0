/**
 * The generic syntax of IMAP data (RFC 3501 §4): atoms, strings (quoted or literal), NIL and
 * parenthesised lists. The scanner produces these; typed interpreters (fetch.ts, codes.ts, …)
 * turn them into response objects. Numbers stay atoms until an interpreter asks for one.
 */
import { MailError } from '../../net/mail-error.js';
import type { StreamedLiteral } from './framer.js';

export interface Section {
  /** The section items between the brackets, e.g. [atom HEADER.FIELDS, list (FROM TO)]. */
  readonly items: readonly ImapValue[];
  /** The `<origin>` after the closing bracket in a FETCH response (RFC 3501 §7.4.2). */
  readonly origin: number | undefined;
  /** The bracket content as the server wrote it, e.g. `HEADER.FIELDS (FROM TO)`. */
  readonly text: string;
}

export type ImapValue =
  | { readonly type: 'atom'; readonly value: string; readonly section?: Section }
  | { readonly type: 'string'; readonly bytes: Uint8Array; readonly literal: boolean }
  | { readonly type: 'streamed'; readonly literal: StreamedLiteral }
  | { readonly type: 'nil' }
  | { readonly type: 'list'; readonly items: readonly ImapValue[] };

const utf8 = new TextDecoder('utf-8', { fatal: false });

export function decodeText(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

export function protocolError(message: string): MailError {
  return new MailError('protocol-error', message);
}

/** Atom or string as text; NIL as null. Lists are a protocol error. */
export function textOrNull(value: ImapValue | undefined): string | null {
  if (value === undefined) return null;
  switch (value.type) {
    case 'atom':
      return value.value;
    case 'string':
      return decodeText(value.bytes);
    case 'nil':
    case 'streamed':
      return null;
    case 'list':
      throw protocolError('Expected a string, got a list.');
  }
}

/** Atom or string as text; NIL and absence become "" (servers send NIL where strings belong). */
export function text(value: ImapValue | undefined): string {
  return textOrNull(value) ?? '';
}

export function isList(value: ImapValue | undefined): value is { type: 'list'; items: readonly ImapValue[] } {
  return value !== undefined && value.type === 'list';
}

export function listItems(value: ImapValue | undefined): readonly ImapValue[] {
  return value !== undefined && value.type === 'list' ? value.items : [];
}

const UINT32_MAX = 0xffffffff;

/** An unsigned 32-bit number (RFC 3501 number / nz-number). */
export function uint32(value: ImapValue | undefined, what: string): number {
  const s = value !== undefined && (value.type === 'atom' || value.type === 'string') ? textOrNull(value) : null;
  if (s === null || !/^\d{1,10}$/.test(s)) throw protocolError(`Expected a number for ${what}.`);
  const n = Number(s);
  if (n > UINT32_MAX) throw protocolError(`The number for ${what} is out of range.`);
  return n;
}

/** Like uint32 but NIL or garbage gives undefined (tolerant fields such as line counts). */
export function optionalUint32(value: ImapValue | undefined): number | undefined {
  if (value === undefined || (value.type !== 'atom' && value.type !== 'string')) return undefined;
  const s = textOrNull(value);
  if (s === null || !/^\d{1,10}$/.test(s)) return undefined;
  const n = Number(s);
  return n > UINT32_MAX ? undefined : n;
}

/** An unsigned 63/64-bit number (mod-sequence, X-GM-MSGID): kept exact as bigint. */
export function uint64(value: ImapValue | undefined, what: string): bigint {
  const s = value !== undefined && (value.type === 'atom' || value.type === 'string') ? textOrNull(value) : null;
  if (s === null || !/^\d{1,20}$/.test(s)) throw protocolError(`Expected a number for ${what}.`);
  const n = BigInt(s);
  if (n > 0xffffffffffffffffn) throw protocolError(`The number for ${what} is out of range.`);
  return n;
}

export function atomUpper(value: ImapValue | undefined): string | undefined {
  return value !== undefined && value.type === 'atom' ? value.value.toUpperCase() : undefined;
}
