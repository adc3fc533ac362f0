import { MailError } from '../net/mail-error.js';
import { sortLetters } from './flags.js';

/**
 * Maildir file names (cr.yp.to/proto/maildir.html and the "deliver" naming in Courier/Dovecot):
 *
 *   <secs>.M<usecs>P<pid>Q<counter>.<host><sep>2,<letters>
 *
 * The part before <sep> is the base name: unique, fixed at delivery, kept through every flag
 * change, and the key of the UID map and the keyword sidecar. <sep> is ':' on POSIX systems.
 * Windows forbids ':' in file names, so there the separator is ';' — the same choice as
 * Dovecot's `maildir_info_separator` setting (mutt: `maildir_field_delimiter`). The separator
 * is a store option, so both spellings are tested on any system.
 */
export type InfoSeparator = ':' | ';';

export const DEFAULT_INFO_SEPARATOR: InfoSeparator = process.platform === 'win32' ? ';' : ':';

let counter = 0;

/**
 * The host part: '/' and ':' are written as "\057" and "\072" (the spec's escapes). Anything
 * else outside [A-Za-z0-9._-] (including ';' and '\', which break the Windows spelling) is
 * written "_ooo" with its octal code, so a name is portable whatever the host is called.
 */
export function escapeHost(host: string, separator: InfoSeparator): string {
  let out = '';
  for (const ch of host) {
    if (/^[A-Za-z0-9._-]$/.test(ch)) out += ch;
    else if ((ch === '/' || ch === ':') && separator === ':') out += `\\${ch.charCodeAt(0).toString(8).padStart(3, '0')}`;
    else out += `_${(ch.codePointAt(0) ?? 0).toString(8).padStart(3, '0')}`;
  }
  return out.length > 0 ? out : 'localhost';
}

export interface UniqueNameParts {
  readonly nowMs: number;
  readonly pid: number;
  readonly host: string;
}

/** A new base name; the counter makes names unique within a process even in one microsecond. */
export function uniqueBaseName(parts: UniqueNameParts, separator: InfoSeparator): string {
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  const secs = Math.floor(parts.nowMs / 1000);
  const usecs = Math.floor((parts.nowMs - secs * 1000) * 1000);
  return `${secs}.M${usecs}P${parts.pid}Q${counter}.${escapeHost(parts.host, separator)}`;
}

export interface ParsedFileName {
  readonly base: string;
  /** The letters after "2,", in ASCII order; "" when there is no info or it is not version 2. */
  readonly letters: string;
  /** True when the name carried an info part at all. */
  readonly hasInfo: boolean;
}

/** Splits a file name found in new/ or cur/; undefined for names that are not messages. */
export function parseFileName(name: string, separator: InfoSeparator): ParsedFileName | undefined {
  if (name.length === 0 || name.startsWith('.')) return undefined;
  const at = name.indexOf(separator);
  if (at < 0) return { base: name, letters: '', hasInfo: false };
  if (at === 0) return undefined;
  const base = name.slice(0, at);
  const info = name.slice(at + 1);
  // Experimental "1," info and anything else we do not understand carry no flags.
  const letters = info.startsWith('2,') ? sortLetters(info.slice(2)) : '';
  return { base, letters, hasInfo: true };
}

/** The file name for a base name and its letters: always with an info part (it lives in cur/). */
export function fileNameInCur(base: string, letters: string, separator: InfoSeparator): string {
  if (base.includes(separator)) {
    throw new MailError('invalid-argument', `A Maildir base name cannot contain "${separator}".`);
  }
  return `${base}${separator}2,${sortLetters(letters)}`;
}
