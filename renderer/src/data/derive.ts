/**
 * The index's derived fields: sort keys of a message, its search tokens and the people it names.
 * Pure functions, so the change applier, a rebuild and the tests agree on them.
 */
import type { MailAddress, MessageSummary } from '../../../core/api/contract.js';
import type { IndexedMessage } from './db.js';
import { tokenize } from './search-tokens.js';

/** Epoch ms of an ISO 8601 time, or null when it does not parse. */
function epoch(iso: string | null): number | null {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** The Date header, else the arrival time, else 0 (sorts last when newest is first). */
export function sortDateOf(message: MessageSummary): number {
  return epoch(message.date) ?? epoch(message.receivedAt) ?? 0;
}

/** Reply and forward prefixes, repeated ("Re: Fwd: Re[2]:"), in the languages our users see. */
const REPLY_PREFIX = /^(?:\s*(?:re|fwd?|fw|aw|sv|wg|tr|r|rif|答复|回复|転送|返信)\s*(?:\[\d+\])?\s*[:：]\s*)+/iu;

/** The subject without reply/forward prefixes, lower-cased: the subject sort key. */
export function sortSubjectOf(subject: string): string {
  return subject.replace(REPLY_PREFIX, '').trim().toLowerCase();
}

function sortFromOf(message: MessageSummary): string {
  const first = message.from[0];
  return (first === undefined ? '' : first.name !== '' ? first.name : first.address).toLowerCase();
}

function hasFlag(message: MessageSummary, flag: string): boolean {
  const wanted = flag.toLowerCase();
  return message.flags.some((f) => f.toLowerCase() === wanted);
}

/** The stored row of a summary: the summary itself plus the keys the compound indexes sort by. */
export function indexedMessage(message: MessageSummary): IndexedMessage {
  return {
    ...message,
    sortDate: sortDateOf(message),
    sortFrom: sortFromOf(message),
    sortSubject: sortSubjectOf(message.subject),
    // IMAP flags are case-insensitive (RFC 9051 §2.3.2).
    unread: hasFlag(message, '\\Seen') ? 0 : 1,
    flagged: hasFlag(message, '\\Flagged') ? 1 : 0,
    attachment: message.hasAttachments ? 1 : 0,
  };
}

/** The word-index tokens of a message: subject, the people (names and addresses) and snippet. */
export function messageTokens(message: MessageSummary): string[] {
  const people = [...message.from, ...message.to, ...message.cc].map((p) => `${p.name} ${p.address}`).join(' ');
  return tokenize(`${message.subject} ${people} ${message.snippet}`);
}

/** A contact's identity: the trimmed, lower-cased address; null when it is no address at all. */
export function contactKey(address: string): string | null {
  const key = address.trim().toLowerCase();
  return key === '' || !key.includes('@') ? null : key;
}

/** The distinct people of a message (from, to, cc), each once, with the first non-empty name seen. */
export function messagePeople(message: MessageSummary): Map<string, string> {
  const people = new Map<string, string>();
  const all: readonly MailAddress[] = [...message.from, ...message.to, ...message.cc];
  for (const person of all) {
    const key = contactKey(person.address);
    if (key === null) continue;
    const name = person.name.trim();
    const known = people.get(key);
    if (known === undefined || (known === '' && name !== '')) people.set(key, name);
  }
  return people;
}

/** Tokens a contact is found by: its name's and its address's (the address also whole). */
export function contactTerms(address: string, name: string): string[] {
  return [...new Set([address, ...tokenize(`${name} ${address}`)])];
}
