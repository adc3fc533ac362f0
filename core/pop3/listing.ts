import { MailError } from '../net/mail-error.js';
import { MAX_UIDL_LENGTH } from './limits.js';

/** STAT (RFC 1939 §5): number of messages and their total size in octets. */
export interface MaildropStat {
  readonly count: number;
  readonly size: number;
}

/** One scan listing line of LIST (RFC 1939 §5): message number and exact size in octets. */
export interface ScanListing {
  readonly msg: number;
  readonly size: number;
}

/** One unique-id listing line of UIDL (RFC 1939 §7). */
export interface UidListing {
  readonly msg: number;
  readonly uidl: string;
}

function malformed(what: string, text: string): MailError {
  return new MailError('protocol-error', `The server sent a malformed ${what}: "${text.slice(0, 120)}".`, {
    details: { text: text.slice(0, 200) },
  });
}

function parseNumber(token: string | undefined, what: string, text: string, min: number): number {
  if (token === undefined || !/^\d{1,15}$/.test(token)) throw malformed(what, text);
  const value = Number(token);
  if (value < min) throw malformed(what, text);
  return value;
}

/** Parses the text of "+OK nn mm" (RFC 1939 §5: the drop listing). Extra text after it is allowed. */
export function parseStat(text: string): MaildropStat {
  const [count, size] = text.trim().split(/\s+/);
  return { count: parseNumber(count, 'STAT reply', text, 0), size: parseNumber(size, 'STAT reply', text, 0) };
}

/** Parses "msg size" (a LIST line, or the text of a single-message LIST reply). */
export function parseScanListing(text: string): ScanListing {
  const [msg, size] = text.trim().split(/\s+/);
  return { msg: parseNumber(msg, 'LIST line', text, 1), size: parseNumber(size, 'LIST line', text, 0) };
}

/**
 * Parses "msg unique-id". RFC 1939 §7: the id is 1 to 70 characters from 0x21 to 0x7E;
 * anything else cannot be a stable key for leave-on-server bookkeeping and is refused.
 */
export function parseUidListing(text: string): UidListing {
  const parts = text.trim().split(/\s+/);
  const msg = parseNumber(parts[0], 'UIDL line', text, 1);
  const uidl = parts[1];
  if (parts.length !== 2 || uidl === undefined || !isValidUidl(uidl)) throw malformed('UIDL line', text);
  return { msg, uidl };
}

export function isValidUidl(uidl: string): boolean {
  return uidl.length >= 1 && uidl.length <= MAX_UIDL_LENGTH && /^[\x21-\x7e]+$/.test(uidl);
}

/**
 * The size from a RETR reply such as "+OK 1234 octets" (RFC 1939 §5 example). Servers are not
 * required to send it; undefined when the text does not start with a number of octets.
 */
export function parseOctets(text: string): number | undefined {
  const match = /^(\d{1,15})\s+octets\b/i.exec(text.trim());
  return match ? Number(match[1]) : undefined;
}
