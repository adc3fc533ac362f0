/**
 * What the composer starts with when the user answers or forwards a message: recipients,
 * subject, In-Reply-To/References and the quoted or forwarded body. Pure (no I/O, no Node APIs)
 * so the renderer computes it locally from the MessageContent it already has.
 *
 * User-visible words (the attribution line, the forward header labels) come from the caller's
 * string catalog; dates are formatted here with Intl in the caller's locale.
 */
import { MAX_REFERENCES } from '../mime/reply.js';

export { MAX_REFERENCES };

/** A display name and an address, as the contract's MailAddress. */
export interface Person {
  readonly name: string;
  readonly address: string;
}

/** The fields of the message being answered (a subset of the contract's MessageContent). */
export interface OriginalMessage {
  readonly from: readonly Person[];
  readonly to: readonly Person[];
  readonly cc: readonly Person[];
  readonly replyTo: readonly Person[];
  readonly subject: string;
  /** With or without angle brackets; null when the message has none. */
  readonly messageId: string | null;
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
  /** ISO 8601, or null when the Date field was missing or unreadable. */
  readonly date: string | null;
  /** The plain text body with format=flowed already undone (LF line ends), or null. */
  readonly text: string | null;
}

export type ReplyKind = 'reply' | 'reply-all';

export interface ReplyRecipients {
  readonly to: readonly Person[];
  readonly cc: readonly Person[];
}

// ---- subjects -----------------------------------------------------------------------------------

// One optional counter ("Re[2]:", "Re(2):", "Re^2:") and an ASCII or full-width colon.
const COUNTER = String.raw`\s*(?:\[\d+\]|\(\d+\)|\^\d+)?\s*[:：]\s*`;
// Re, German AW, Nordic SV, Dutch Antw, Japanese 返信, Chinese 回复/回覆, Korean 회신/답장.
const REPLY_PREFIX = new RegExp(String.raw`^(?:re|aw|sv|antw|返信|回复|回覆|회신|답장)${COUNTER}`, 'iu');
// Fwd/Fw, German WG, Nordic VS/VB, French TR, Dutch Doorst, Japanese 転送, Chinese 转发/轉寄, Korean 전달.
const FORWARD_PREFIX = new RegExp(String.raw`^(?:fwd|fw|wg|vs|vb|tr|doorst|転送|转发|轉寄|전달)${COUNTER}`, 'iu');
const LIST_TAG = /^\[[^\]\n]{1,64}\]\s*/u;

/** Removes every leading prefix that `prefix` matches ("Re: RE: AW: x" → "x"). */
function stripPrefixes(subject: string, prefix: RegExp): { readonly rest: string; readonly stripped: boolean } {
  let rest = subject;
  let stripped = false;
  for (let guard = 0; guard < 100; guard++) {
    const next = rest.replace(prefix, '');
    if (next === rest) break;
    rest = next;
    stripped = true;
  }
  return { rest, stripped };
}

function prefixed(subject: string, prefix: RegExp, marker: string): string {
  const clean = subject.replace(/\s+/g, ' ').trim();
  // A mailing-list tag before the prefix ("[dev] Re: x") stays in front: lists re-add it anyway.
  const tag = LIST_TAG.exec(clean)?.[0] ?? '';
  const afterTag = clean.slice(tag.length);
  const { rest, stripped } = stripPrefixes(afterTag, prefix);
  if (!stripped) return `${marker} ${clean}`.trimEnd();
  return `${marker} ${tag}${rest}`.trimEnd();
}

/** "Re: " once: any run of reply prefixes in any language collapses to one "Re: ". */
export function replySubject(subject: string): string {
  return prefixed(subject, REPLY_PREFIX, 'Re:');
}

/** "Fwd: " once: any run of forward prefixes in any language collapses to one "Fwd: ". */
export function forwardSubject(subject: string): string {
  return prefixed(subject, FORWARD_PREFIX, 'Fwd:');
}

// ---- threading fields ------------------------------------------------------------------------

/** A msg-id without its angle brackets and surrounding space ("" when there is nothing). */
export function bareMessageId(id: string): string {
  return id.trim().replace(/^<+/, '').replace(/>+$/, '').trim();
}

export interface ThreadingFields {
  /** The parent's Message-ID (bare), or null when the parent has none. */
  readonly inReplyTo: string | null;
  /** Bare ids, oldest first. */
  readonly references: readonly string[];
}

/**
 * RFC 5322 §3.6.4: In-Reply-To is the parent's Message-ID; References is the parent's References
 * (or, without one, its single In-Reply-To) followed by the parent's Message-ID. A long chain is
 * trimmed to MAX_REFERENCES keeping the first (the thread's root, which threading relies on) and
 * the most recent ones (RFC 5256 §2.2 / common practice of mail clients).
 */
export function threadingFields(original: Pick<OriginalMessage, 'messageId' | 'inReplyTo' | 'references'>): ThreadingFields {
  const own = original.messageId === null ? '' : bareMessageId(original.messageId);
  const parentRefs = original.references.map(bareMessageId).filter((id) => id !== '');
  const base = parentRefs.length > 0 ? parentRefs : original.inReplyTo !== null && bareMessageId(original.inReplyTo) !== '' ? [bareMessageId(original.inReplyTo)] : [];
  const chain: string[] = [];
  const seen = new Set<string>();
  for (const id of [...base, own]) {
    if (id === '' || seen.has(id)) continue;
    seen.add(id);
    chain.push(id);
  }
  const references = chain.length > MAX_REFERENCES ? [chain[0] as string, ...chain.slice(chain.length - (MAX_REFERENCES - 1))] : chain;
  return { inReplyTo: own === '' ? null : own, references };
}

// ---- recipients --------------------------------------------------------------------------------

function addressKey(person: Person): string {
  return person.address.trim().toLowerCase();
}

/**
 * Who an answer goes to. Reply: Reply-To when present, else From (RFC 5322 §3.6.2). Reply all:
 * that, plus the other To recipients, with Cc kept as Cc. The user's own addresses and
 * duplicates (compared case-insensitively) are left out. Answering one's own message (the sent
 * copy) goes to its original To recipients instead of back to oneself.
 */
export function replyRecipients(original: OriginalMessage, kind: ReplyKind, ownAddresses: readonly string[]): ReplyRecipients {
  const own = new Set(ownAddresses.map((a) => a.trim().toLowerCase()));
  const seen = new Set<string>();
  const keep = (list: readonly Person[]): Person[] =>
    list.filter((person) => {
      const key = addressKey(person);
      if (key === '' || own.has(key) || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const sender = original.replyTo.length > 0 ? original.replyTo : original.from;
  const fromMe = sender.length > 0 && sender.every((p) => own.has(addressKey(p)));
  const primary = keep(fromMe ? original.to : sender);
  if (kind === 'reply') return { to: primary, cc: [] };
  const to = [...primary, ...keep(original.to)];
  const cc = keep(original.cc);
  return { to, cc };
}

// ---- bodies ------------------------------------------------------------------------------------

/** Formats a person for a quote header: `Name <addr>` or `addr`. */
export function formatPerson(person: Person): string {
  if (person.name === '') return person.address;
  if (person.address === '') return person.name;
  return `${person.name} <${person.address}>`;
}

export interface DateStyle {
  /** BCP 47 locale for Intl ('en', 'ja', …). */
  readonly locale: string;
  /** IANA time zone; the system's when absent. */
  readonly timeZone?: string;
}

/** A message date in the reader's words, or '' when there is none. */
export function formatQuoteDate(iso: string | null, style: DateStyle): string {
  if (iso === null) return '';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '';
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  return new Intl.DateTimeFormat(style.locale, style.timeZone === undefined ? options : { ...options, timeZone: style.timeZone }).format(time);
}

function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/**
 * Quotes text for a plain-text reply. RFC 3676 §4.5: a quoted line starts with ">" per level
 * and no space between levels, so an already quoted line ("> x") becomes ">> x" and a new one
 * "> x"; an empty line becomes ">" alone; trailing spaces are dropped so that no quoted line
 * turns into a soft (flowed) line break when sent as format=flowed.
 */
export function quoteText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
  return lines
    .map((line) => {
      const trimmed = line.replace(/[ \t]+$/, '');
      if (trimmed === '') return '>';
      return trimmed.startsWith('>') ? `>${trimmed}` : `> ${trimmed}`;
    })
    .join('\n');
}

export interface QuoteWords extends DateStyle {
  /** The attribution line, with {date} and {name}: "On {date}, {name} wrote:". */
  readonly attribution: string;
  /** Used instead when the original has no date: "{name} wrote:". */
  readonly attributionNoDate: string;
}

/** The body a reply starts with: an empty line to write in, the attribution line, the quote. */
export function replyBody(original: OriginalMessage, words: QuoteWords): string {
  const sender = original.from[0];
  const name = sender === undefined ? '' : sender.name !== '' ? sender.name : sender.address;
  const date = formatQuoteDate(original.date, words);
  const attribution = fill(date === '' ? words.attributionNoDate : words.attribution, { date, name });
  const quoted = original.text === null || original.text.trim() === '' ? '>' : quoteText(original.text);
  return `\n\n${attribution}\n${quoted}\n`;
}

export interface ForwardWords extends DateStyle {
  /** "-------- Forwarded Message --------" */
  readonly heading: string;
  readonly subject: string;
  readonly date: string;
  readonly from: string;
  readonly to: string;
  readonly cc: string;
  readonly replyTo: string;
}

/** The header block of an inline forward, one "Label: value" line per field present. */
export function forwardHeaderLines(original: OriginalMessage, words: ForwardWords): string[] {
  const people = (list: readonly Person[]): string => list.map(formatPerson).join(', ');
  const lines = [words.heading];
  const add = (label: string, value: string): void => {
    if (value !== '') lines.push(`${label}: ${value}`);
  };
  add(words.subject, original.subject);
  add(words.date, formatQuoteDate(original.date, words));
  add(words.from, people(original.from));
  add(words.replyTo, people(original.replyTo));
  add(words.to, people(original.to));
  add(words.cc, people(original.cc));
  return lines;
}

/** The body of an inline forward: room to write, the header block, the original text unquoted. */
export function forwardBody(original: OriginalMessage, words: ForwardWords): string {
  const text = (original.text ?? '').replace(/\r\n?/g, '\n').replace(/\n+$/, '');
  return `\n\n${forwardHeaderLines(original, words).join('\n')}\n\n${text}\n`;
}

// ---- HTML (rich text answers) ------------------------------------------------------------------

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Plain text as HTML paragraphs' content: escaped, line breaks as <br>. */
export function textToHtml(text: string): string {
  return escapeHtml(text.replace(/\r\n?/g, '\n')).replace(/\n/g, '<br>');
}

/**
 * The rich-text counterpart of replyBody: the attribution, then the original text in a
 * <blockquote type="cite"> (the convention HTML mail clients fold and colour as a quote).
 * Built from the plain text only: the original's HTML is never copied into the editor.
 */
export function replyHtml(original: OriginalMessage, words: QuoteWords): string {
  const sender = original.from[0];
  const name = sender === undefined ? '' : sender.name !== '' ? sender.name : sender.address;
  const date = formatQuoteDate(original.date, words);
  const attribution = fill(date === '' ? words.attributionNoDate : words.attribution, { date, name });
  const text = (original.text ?? '').replace(/\n+$/, '');
  return `<p><br></p><p>${escapeHtml(attribution)}</p><blockquote type="cite">${textToHtml(text)}</blockquote>`;
}

/** The rich-text counterpart of forwardBody. */
export function forwardHtml(original: OriginalMessage, words: ForwardWords): string {
  const header = forwardHeaderLines(original, words).map(escapeHtml).join('<br>');
  const text = (original.text ?? '').replace(/\n+$/, '');
  return `<p><br></p><p>${header}</p><div>${textToHtml(text)}</div>`;
}
