/**
 * The fields of a reply (RFC 5322 §3.6.4): In-Reply-To is the parent's Message-ID,
 * References the parent's References (or its In-Reply-To) followed by that id, and the
 * subject gets one "Re: " unless it already starts with a reply prefix.
 */
import { flattenAddresses, type Mailbox } from './address.js';
import type { ParsedMessage } from './types.js';

/** References kept in a reply; the oldest are dropped first, the thread root always stays. */
export const MAX_REFERENCES = 50;

export interface ReplyFields {
  readonly subject: string;
  readonly inReplyTo: string | undefined;
  readonly references: readonly string[];
}

const REPLY_PREFIX = /^\s*(?:re|aw|sv|antw|返信)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]/i;

export function replyFields(parent: ParsedMessage): ReplyFields {
  const subject = parent.subject ?? '';
  const base = parent.references.length > 0 ? [...parent.references] : parent.inReplyTo !== undefined ? [parent.inReplyTo] : [];
  if (parent.messageId !== undefined && !base.includes(parent.messageId)) base.push(parent.messageId);
  const references = base.length > MAX_REFERENCES ? [base[0] as string, ...base.slice(base.length - MAX_REFERENCES + 1)] : base;
  return {
    subject: REPLY_PREFIX.test(subject) ? subject : `Re: ${subject}`.trimEnd(),
    inReplyTo: parent.messageId,
    references,
  };
}

export interface ReplyRecipients {
  readonly to: readonly Mailbox[];
  readonly cc: readonly Mailbox[];
}

/**
 * Who a reply goes to: Reply-To if present, else From (RFC 5322 §3.6.2); "reply all" adds
 * the other To and Cc recipients. The user's own addresses are left out.
 */
export function replyRecipients(parent: ParsedMessage, ownAddresses: readonly string[], all: boolean): ReplyRecipients {
  const own = new Set(ownAddresses.map((a) => a.toLowerCase()));
  const seen = new Set<string>();
  const keep = (list: readonly Mailbox[]): Mailbox[] =>
    list.filter((m) => {
      const key = m.asciiAddress.toLowerCase();
      if (m.address === '' || own.has(key) || own.has(m.address.toLowerCase()) || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const primary = flattenAddresses(parent.replyTo.length > 0 ? parent.replyTo : parent.from);
  const to = keep(primary);
  if (!all) return { to, cc: [] };
  const moreTo = keep(flattenAddresses(parent.to));
  const cc = keep(flattenAddresses(parent.cc));
  return { to: [...to, ...moreTo], cc };
}
