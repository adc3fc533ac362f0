/**
 * RFC 6068 mailto: URLs read into a draft for the composer. Pure (no Node APIs) so the host
 * and the renderer share it.
 *
 * Safety (RFC 6068 §7): only the header fields in MAILTO_ALLOWED_FIELDS are taken; anything
 * else (From, Reply-To, attachments, X-…) is listed in `ignored` and never reaches a message.
 * CR and LF are refused wherever they could inject a header field; only the body keeps line
 * breaks.
 */
/**
 * A malformed mailto: URL. core/message stays free of Node-side modules, so this is its own
 * class; its code matches MailError's 'invalid-argument' and the host converts it.
 */
export class MailtoError extends Error {
  override readonly name = 'MailtoError';
  readonly code = 'invalid-argument' as const;
}

/** Longest URL accepted: far beyond any real link, small enough that parsing stays cheap. */
export const MAX_MAILTO_LENGTH = 64 * 1024;
/** Most recipients taken from one URL (to, cc and bcc together). */
export const MAX_MAILTO_RECIPIENTS = 100;

/** Header fields a mailto: URL may set (lower case); RFC 6068 §7 asks for an allow-list. */
export const MAILTO_ALLOWED_FIELDS: readonly string[] = ['to', 'cc', 'bcc', 'subject', 'body', 'in-reply-to'];

export interface MailtoDraft {
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly bcc: readonly string[];
  readonly subject: string;
  /** Line breaks are "\n" whatever the URL used (%0D%0A per RFC 6068 §5, or bare %0A). */
  readonly body: string;
  readonly inReplyTo?: string;
  /** Names (lower case) of header fields present in the URL and not taken. */
  readonly ignored: readonly string[];
}

function invalid(message: string): MailtoError {
  return new MailtoError(`Invalid mailto: URL: ${message}`);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Percent-decodes as UTF-8 (RFC 6068 §2: octets are UTF-8). "+" stays "+": mailto: is not
 * form encoding, and "+" is common in local parts.
 */
export function decodeMailtoComponent(text: string): string {
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '%') {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw invalid(`malformed percent escape "%${hex}".`);
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      const code = text.codePointAt(i)!;
      if (code > 0xffff) i++;
      for (const b of encoder.encode(String.fromCodePoint(code))) bytes.push(b);
    }
  }
  try {
    return UTF8.decode(new Uint8Array(bytes));
  } catch {
    throw invalid('percent-encoded text is not UTF-8.');
  }
}

/** Splits a decoded address list on commas outside quoted local parts (RFC 6068 §2 allows "a,b"@x). */
function splitAddresses(list: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < list.length; i++) {
    const ch = list[i]!;
    if (quoted && ch === '\\' && i + 1 < list.length) {
      current += ch + list[i + 1]!;
      i++;
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      out.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  if (quoted) throw invalid('an address has an unterminated quoted string.');
  out.push(current);
  return out.map((a) => a.trim()).filter((a) => a.length > 0);
}

function checkAddress(address: string): string {
  // Control characters (CR/LF above all) would let a link add header fields.
  if (/[\x00-\x1f\x7f]/.test(address)) throw invalid('an address contains control characters.');
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) throw invalid(`"${address}" is not an address (local-part@domain).`);
  return address;
}

function singleLine(value: string, field: string): string {
  if (/[\x00-\x08\x0a-\x1f\x7f]/.test(value)) throw invalid(`the ${field} contains line breaks or control characters.`);
  return value;
}

/** Reads a mailto: URL; throws MailtoError for anything malformed. */
export function parseMailto(url: string): MailtoDraft {
  if (typeof url !== 'string') throw invalid('not a string.');
  if (url.length > MAX_MAILTO_LENGTH) throw invalid(`longer than ${MAX_MAILTO_LENGTH} characters.`);
  if (!/^mailto:/i.test(url)) throw invalid('the scheme is not mailto:.');
  // A fragment is not part of a mailto: URL (RFC 6068 §2); drop it rather than read it as body.
  const rest = url.slice('mailto:'.length).split('#', 1)[0]!;
  const question = rest.indexOf('?');
  const path = question === -1 ? rest : rest.slice(0, question);
  const query = question === -1 ? '' : rest.slice(question + 1);

  const to: string[] = splitAddresses(decodeMailtoComponent(path)).map(checkAddress);
  const cc: string[] = [];
  const bcc: string[] = [];
  let subject: string | undefined;
  let body: string | undefined;
  let inReplyTo: string | undefined;
  const ignored: string[] = [];

  for (const hfield of query.split('&')) {
    if (hfield === '') continue;
    const eq = hfield.indexOf('=');
    const name = decodeMailtoComponent(eq === -1 ? hfield : hfield.slice(0, eq)).toLowerCase();
    const value = decodeMailtoComponent(eq === -1 ? '' : hfield.slice(eq + 1));
    switch (name) {
      case 'to':
        to.push(...splitAddresses(value).map(checkAddress));
        break;
      case 'cc':
        cc.push(...splitAddresses(value).map(checkAddress));
        break;
      case 'bcc':
        bcc.push(...splitAddresses(value).map(checkAddress));
        break;
      case 'subject':
        // The first one wins; a second Subject is not a valid message either (RFC 5322 §3.6).
        subject ??= singleLine(value, 'subject');
        break;
      case 'body':
        body ??= value.replace(/\r\n|\r/g, '\n');
        break;
      case 'in-reply-to': {
        const id = singleLine(value.trim(), 'In-Reply-To');
        if (!/^<[^<>\s]+>$/.test(id)) throw invalid('In-Reply-To is not a message id in angle brackets.');
        inReplyTo ??= id;
        break;
      }
      default:
        if (!ignored.includes(name)) ignored.push(name);
    }
  }
  if (to.length + cc.length + bcc.length > MAX_MAILTO_RECIPIENTS) throw invalid(`more than ${MAX_MAILTO_RECIPIENTS} recipients.`);
  return { to, cc, bcc, subject: subject ?? '', body: body ?? '', ...(inReplyTo !== undefined ? { inReplyTo } : {}), ignored };
}
