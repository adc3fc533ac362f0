/**
 * The header model of the reader: the few fields that matter shown up top, every field in
 * order for "All headers", and the SPF/DKIM/DMARC results as badges. Pure (no DOM).
 */
import type { AuthResultView, HeaderField, MailAddress, MessageContent } from '../../../../core/api/contract.js';

export type AddressRole = 'from' | 'to' | 'cc' | 'bcc' | 'replyTo';

export interface AddressRow {
  readonly role: AddressRole;
  readonly addresses: readonly MailAddress[];
}

/** From, To, Cc, Bcc (own sent mail only has it) and Reply-To, leaving out the empty ones. */
export function addressRows(content: Pick<MessageContent, 'summary' | 'replyTo' | 'bcc'>): AddressRow[] {
  const rows: AddressRow[] = [
    { role: 'from', addresses: content.summary.from },
    { role: 'to', addresses: content.summary.to },
    { role: 'cc', addresses: content.summary.cc },
    { role: 'bcc', addresses: content.bcc },
    { role: 'replyTo', addresses: content.replyTo },
  ];
  return rows.filter((row) => row.addresses.length > 0);
}

/** "Name <address>", or the address alone. */
export function formatAddress(address: MailAddress): string {
  if (address.name === '' || address.name === address.address) return address.address;
  return `${address.name} <${address.address}>`;
}

/** The message date: the Date header, else when it was received; null when neither reads. */
export function messageDate(summary: Pick<MessageContent['summary'], 'date' | 'receivedAt'>): Date | null {
  for (const value of [summary.date, summary.receivedAt]) {
    if (value === null) continue;
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date;
  }
  return null;
}

/** Every header field as it appears in the message, numbered, for the "All headers" table. */
export function allHeaders(headers: readonly HeaderField[]): { readonly index: number; readonly name: string; readonly value: string }[] {
  // Folded lines (RFC 5322 §2.2.3) are shown unfolded so a value reads as one line of text.
  return headers.map((h, index) => ({ index: index + 1, name: h.name, value: h.value.replace(/\r?\n[ \t]+/g, ' ') }));
}

/** The values of one field in header order (names are case-insensitive, RFC 5322 §1.2.2). */
export function headerValues(headers: readonly HeaderField[], name: string): string[] {
  const lower = name.toLowerCase();
  return headers.filter((h) => h.name.toLowerCase() === lower).map((h) => h.value);
}

export type BadgeTone = 'pass' | 'fail' | 'neutral';

export interface AuthBadge {
  readonly method: 'spf' | 'dkim' | 'dmarc';
  readonly result: string;
  readonly tone: BadgeTone;
  /** False: written by someone other than the account's provider — an unverified claim (RFC 8601 §5). */
  readonly trusted: boolean;
  readonly authservId: string;
  /** What the result is about: the envelope domain (SPF), the signing domain (DKIM), the From domain (DMARC). */
  readonly subject: string | null;
  readonly reason: string | null;
}

const SUBJECT_PROPERTY: Readonly<Record<AuthBadge['method'], readonly string[]>> = {
  spf: ['smtp.mailfrom', 'smtp.helo'],
  dkim: ['header.d', 'header.i'],
  dmarc: ['header.from'],
};

function toneOf(result: string): BadgeTone {
  if (result === 'pass') return 'pass';
  if (result === 'fail' || result === 'softfail' || result === 'permerror') return 'fail';
  return 'neutral';
}

/**
 * One badge per SPF/DKIM/DMARC result. Trusted results come first (the nearest field of the
 * account's own provider is the one that counts); claims from elsewhere follow, marked as such.
 */
export function authBadges(results: readonly AuthResultView[]): AuthBadge[] {
  const badges: AuthBadge[] = [];
  for (const r of results) {
    const method = r.method.toLowerCase();
    if (method !== 'spf' && method !== 'dkim' && method !== 'dmarc') continue;
    const subject = SUBJECT_PROPERTY[method].map((key) => r.properties[key]).find((v) => v !== undefined) ?? null;
    badges.push({ method, result: r.result.toLowerCase(), tone: toneOf(r.result.toLowerCase()), trusted: r.trusted, authservId: r.authservId, subject, reason: r.reason });
  }
  const order = { spf: 0, dkim: 1, dmarc: 2 } as const;
  return badges.sort((a, b) => Number(b.trusted) - Number(a.trusted) || order[a.method] - order[b.method]);
}
