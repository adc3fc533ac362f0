import { MailError } from '../net/mail-error.js';

/**
 * IMAP flags ↔ Maildir info letters (cr.yp.to/proto/maildir.html, "info semantics").
 *
 *   D  draft    \Draft
 *   F  flagged  \Flagged
 *   P  passed   $Forwarded   (the message was resent/forwarded; RFC 5788 keyword registry)
 *   R  replied  \Answered
 *   S  seen     \Seen
 *   T  trashed  \Deleted
 *
 * The letters are written in ASCII order, as the spec requires. Flags are matched without
 * regard to case (RFC 3501 §2.3.2 system flags; keywords are atoms, compared the same way by
 * common servers). Every other IMAP keyword lives in the folder's keyword sidecar, because a
 * file name has no room for arbitrary words (and Dovecot's a–z letters need a second file anyway).
 */
export const SYSTEM_FLAGS = ['\\Draft', '\\Flagged', '$Forwarded', '\\Answered', '\\Seen', '\\Deleted'] as const;
export type MappedFlag = (typeof SYSTEM_FLAGS)[number];

const LETTER_OF: ReadonlyMap<string, string> = new Map([
  ['\\draft', 'D'],
  ['\\flagged', 'F'],
  ['$forwarded', 'P'],
  ['\\answered', 'R'],
  ['\\seen', 'S'],
  ['\\deleted', 'T'],
]);

const FLAG_OF: ReadonlyMap<string, MappedFlag> = new Map([
  ['D', '\\Draft'],
  ['F', '\\Flagged'],
  ['P', '$Forwarded'],
  ['R', '\\Answered'],
  ['S', '\\Seen'],
  ['T', '\\Deleted'],
]);

/** The Maildir letter of an IMAP flag, or undefined for a keyword kept in the sidecar. */
export function letterOfFlag(flag: string): string | undefined {
  return LETTER_OF.get(flag.toLowerCase());
}

export function flagOfLetter(letter: string): MappedFlag | undefined {
  return FLAG_OF.get(letter);
}

/** Sorted, de-duplicated letters in ASCII order ("SFD" → "DFS"). */
export function sortLetters(letters: Iterable<string>): string {
  return [...new Set(letters)].sort().join('');
}

export interface SplitFlags {
  /** Maildir letters for the mapped flags, ASCII order. */
  readonly letters: string;
  /** The remaining IMAP keywords, in the order given, without case-insensitive duplicates. */
  readonly keywords: readonly string[];
}

/**
 * A keyword is an IMAP atom (RFC 3501 §9: no space, control characters, "(){%*\"\\]"), or
 * a flag extension "\\atom". Anything else would corrupt the STORE command that later sends
 * it to the server, so it is refused here, at the lowest layer.
 */
const KEYWORD = /^\\?[^\x00-\x20\x7f-\uffff(){%*"\\\]]+$/;

export function checkKeyword(flag: string): string {
  if (!KEYWORD.test(flag)) {
    throw new MailError('invalid-argument', `"${flag.replace(/[\x00-\x1f]/g, '?')}" is not a valid IMAP flag or keyword.`);
  }
  return flag;
}

/** Splits IMAP flags into file-name letters and sidecar keywords; throws for an invalid one. */
export function splitFlags(flags: Iterable<string>): SplitFlags {
  const letters: string[] = [];
  const keywords: string[] = [];
  const seen = new Set<string>();
  for (const flag of flags) {
    const letter = letterOfFlag(flag);
    if (letter !== undefined) {
      letters.push(letter);
      continue;
    }
    // \Recent is session state (RFC 3501 §2.3.2) and is never stored.
    if (flag.toLowerCase() === '\\recent') continue;
    checkKeyword(flag);
    const key = flag.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      keywords.push(flag);
    }
  }
  return { letters: sortLetters(letters), keywords };
}

/** IMAP flags for a set of letters plus keywords; unknown letters are not reported. */
export function joinFlags(letters: string, keywords: readonly string[]): string[] {
  const flags: string[] = [];
  for (const letter of letters) {
    const flag = flagOfLetter(letter);
    if (flag !== undefined) flags.push(flag);
  }
  return [...flags, ...keywords];
}
