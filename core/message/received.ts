/**
 * Received header fields (RFC 5321 §4.4, RFC 5322 §3.6.7) and the path they describe.
 *
 * Each MTA prepends one field, so the header list read bottom-up is the route the message
 * took. The grammar is loose in practice; this reader splits each field into its clauses
 * (from, by, via, with, id, for) outside comments and then reads the comments the common
 * MTAs write: Postfix, Exim, Sendmail, Microsoft Exchange/Office 365 and Google.
 */
import { parseMailDate } from '../mime/date.js';
import { organizationalDomain } from './domains.js';

export interface ReceivedHop {
  /** The field as written (unfolded). */
  readonly raw: string;
  /** What the client called itself (HELO/EHLO), if given. */
  readonly helo: string | undefined;
  /** The reverse DNS name the receiving MTA found for the client's IP. */
  readonly reverseName: string | undefined;
  /** The client's IP address (IPv4 or IPv6, without brackets). */
  readonly ip: string | undefined;
  /** The receiving host. */
  readonly by: string | undefined;
  /** Receiving software, from the comment after "by" ("Postfix", "Exim 4.96", ...). */
  readonly software: string | undefined;
  readonly via: string | undefined;
  /** Protocol from the "with" clause ("ESMTPS", "Microsoft SMTP Server", "LMTP"). */
  readonly with: string | undefined;
  readonly id: string | undefined;
  /** Recipient from the "for" clause, without angle brackets. */
  readonly for: string | undefined;
  readonly envelopeFrom: string | undefined;
  readonly date: Date | undefined;
  readonly tls: TlsInfo | undefined;
}

export interface TlsInfo {
  /** "TLSv1.3", "TLSv1.2", ... when the field says; undefined when only the protocol tells. */
  readonly version: string | undefined;
  readonly cipher: string | undefined;
}

export type HopFlag =
  | 'no-date'
  | 'unparsed'
  | 'clock-skew'
  | 'out-of-order'
  | 'future-date'
  | 'host-mismatch'
  | 'private-ip-after-public';

export interface PathHop extends ReceivedHop {
  /** 1 for the first hop (the oldest, bottom field). */
  readonly index: number;
  /** Seconds since the previous hop; negative means the clocks disagree. */
  readonly delaySeconds: number | undefined;
  readonly flags: readonly HopFlag[];
}

export interface ReceivedPath {
  /** Oldest first: the order the message travelled. */
  readonly hops: readonly PathHop[];
  /** Seconds from the first hop with a date to the last one. */
  readonly totalSeconds: number | undefined;
  /** Seconds from the Date header to the first dated hop (submission delay). */
  readonly sinceDateHeaderSeconds: number | undefined;
}

const KEYWORDS = new Set(['from', 'by', 'via', 'with', 'id', 'for']);

interface Clause {
  readonly words: string[];
  readonly comments: string[];
}

/** Splits "from a (c1) by b (c2) with X id Y" into clauses, comments kept per clause. */
function clauses(text: string): Map<string, Clause> {
  const result = new Map<string, Clause>();
  let current: Clause = { words: [], comments: [] };
  let name = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '(') {
      let depth = 1;
      let j = i + 1;
      while (j < text.length && depth > 0) {
        if (text[j] === '\\') j++;
        else if (text[j] === '(') depth++;
        else if (text[j] === ')') depth--;
        j++;
      }
      current.comments.push(text.slice(i + 1, depth === 0 ? j - 1 : j));
      i = j;
      continue;
    }
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    let j = i;
    while (j < text.length && !/[\s(]/.test(text[j] as string)) j++;
    const word = text.slice(i, j);
    const key = word.toLowerCase();
    if (KEYWORDS.has(key) && !result.has(key) && !(key === 'for' && name === 'with' && current.words.length === 0)) {
      if (name !== '' || current.words.length > 0 || current.comments.length > 0) result.set(name, current);
      name = key;
      current = { words: [], comments: [] };
    } else current.words.push(word);
    i = j;
  }
  result.set(name, current);
  return result;
}

const IPV4 = /\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b/;
const IPV6 = /\b(?:[0-9a-f]{1,4}:){2,7}(?::|[0-9a-f]{1,4})(?:[0-9a-f:]*)?/i;
const HOSTNAME = /^(?=.{1,253}\.?$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]\.?$/i;

function findIp(text: string): string | undefined {
  const bracket = /\[(?:ipv6:)?([0-9a-f:.]+)\]/i.exec(text);
  if (bracket !== null && (IPV4.test(bracket[1] as string) || (bracket[1] as string).includes(':'))) return bracket[1];
  const v4 = IPV4.exec(text);
  if (v4 !== null) return v4[0];
  const v6 = IPV6.exec(text);
  // "10:00:03" is a time, not an address: IPv6 has "::" or at least four groups.
  if (v6 === null || (!v6[0].includes('::') && v6[0].split(':').length < 4)) return undefined;
  return v6[0];
}

function cleanHost(word: string | undefined): string | undefined {
  if (word === undefined) return undefined;
  const host = word.replace(/^\[|\]$/g, '').replace(/\.$/, '');
  return host === '' ? undefined : host;
}

function detectTls(withProto: string | undefined, text: string): TlsInfo | undefined {
  const version =
    /\busing\s+(TLSv?1(?:\.\d)?|SSLv3)/i.exec(text)?.[1] ??
    /version=(TLS_?v?1[._]\d|TLSv1(?:\.\d)?)/i.exec(text)?.[1] ??
    /\((TLS_?v?1[._]\d)[:)]/i.exec(text)?.[1] ??
    /\bTLS(?:v)?1\.\d\b/i.exec(text)?.[0];
  const cipher =
    /\bcipher[= ]([A-Z0-9_-]+)/i.exec(text)?.[1] ??
    /\btls\s+(TLS_[A-Z0-9_]+)/i.exec(text)?.[1] ??
    /\(TLS_?v?1[._]\d:([A-Z0-9_-]+)/i.exec(text)?.[1];
  const protocolSaysTls = withProto !== undefined && /^(?:e?smtps|esmtpsa|utf8smtps|utf8smtpsa|lmtps|smtps)$/i.test(withProto);
  const google = /Google Transport Security/i.test(text);
  if (version === undefined && cipher === undefined && !protocolSaysTls && !google) return undefined;
  return { version: version === undefined ? undefined : normalizeTlsVersion(version), cipher };
}

function normalizeTlsVersion(v: string): string {
  const m = /(\d)[._](\d)/.exec(v);
  if (m !== null) return `TLSv${m[1] as string}.${m[2] as string}`;
  return v.toUpperCase() === 'TLSV1' || v.toUpperCase() === 'TLS1' ? 'TLSv1.0' : v;
}

/** Parses one Received field value (unfolded). */
export function parseReceived(value: string): ReceivedHop {
  const raw = value.replace(/\s+/g, ' ').trim();
  const semi = raw.lastIndexOf(';');
  const body = semi === -1 ? raw : raw.slice(0, semi);
  const date = semi === -1 ? undefined : parseMailDate(raw.slice(semi + 1));
  const parts = clauses(body);
  const from = parts.get('from');
  const by = parts.get('by');
  const withClause = parts.get('with');
  const fromComments = from?.comments.join(' ') ?? '';
  let helo: string | undefined;
  let reverseName: string | undefined;
  let ip: string | undefined;
  if (from !== undefined) {
    const first = from.words[0];
    const heloInComment = /\bhelo=([^\s)\]]+)/i.exec(fromComments)?.[1];
    ip = findIp(fromComments) ?? (first !== undefined ? findIp(first) : undefined);
    if (heloInComment !== undefined) {
      // Exim: "from verified.reverse.name ([ip] helo=what-they-said)"; the name is verified DNS.
      helo = heloInComment;
      reverseName = first !== undefined && HOSTNAME.test(cleanHost(first) ?? '') ? cleanHost(first) : undefined;
    } else {
      // Postfix, Sendmail, Microsoft, Google: "from helo (reverse.name [ip])".
      helo = first?.startsWith('[') === true ? first : cleanHost(first);
      const candidate = from.comments
        .flatMap((c) => c.split(/\s+/))
        .map((w) => w.replace(/^\(|\)$/g, '').replace(/\.$/, ''))
        .find((w) => HOSTNAME.test(w));
      reverseName = candidate;
    }
    if (helo !== undefined && IPV4.test(helo) && helo === ip) helo = `[${helo}]`;
  }
  const byHost = cleanHost(by?.words[0]);
  // Exim writes its name after the "with" clause, so both clauses' comments are candidates.
  const software = [...(by?.comments ?? []), ...(withClause?.comments ?? [])]
    .map((c) => c.trim())
    .find((c) => findIp(c) !== c && !/^TLS/i.test(c) && /postfix|exim|sendmail|\d+\.\d+|microsoft|qmail|smtpd|dovecot|haraka|opensmtpd/i.test(c));
  const withWords = withClause?.words ?? [];
  // "with Microsoft SMTP Server" is three words; everyone else writes one protocol keyword.
  const withProto = withWords.length === 0 ? undefined : /^microsoft$/i.test(withWords[0] ?? '') ? withWords.join(' ') : withWords[0];
  const viaWords = parts.get('via')?.words ?? [];
  const idWord = parts.get('id')?.words[0];
  const forWord = parts.get('for')?.words[0];
  const envelopeFrom = /envelope-from\s*<?([^\s<>)]+@[^\s<>)]+)>?/i.exec(raw)?.[1];
  return {
    raw,
    helo,
    reverseName,
    ip,
    by: byHost,
    software: software === undefined ? undefined : software.replace(/^using\s+/i, ''),
    via: viaWords.length === 0 ? undefined : viaWords.join(' '),
    with: withProto,
    id: idWord?.replace(/;$/, ''),
    for: forWord?.replace(/^<|>;?$/g, '').replace(/[<>;]/g, ''),
    envelopeFrom,
    date,
    tls: detectTls(withWords[0], raw),
  };
}

function isPrivateIp(ip: string): boolean {
  if (ip.includes(':')) return /^(?:fc|fd|fe80|::1$)/i.test(ip);
  const [a = 0, b = 0] = ip.split('.').map(Number);
  return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
}

/** Seconds of backwards clock tolerated as skew before a hop counts as out of order. */
export const CLOCK_SKEW_TOLERANCE_SECONDS = 15 * 60;
/** Seconds in the future (relative to the next hop or now) a date may be before it is flagged. */
export const FUTURE_TOLERANCE_SECONDS = 24 * 60 * 60;

/**
 * Reads the chain. `fields` are the Received values in header order (newest first, as they
 * appear); `dateHeader` is the message's Date; `now` bounds dates that lie in the future.
 */
export function analyzeReceivedPath(fields: readonly string[], dateHeader?: Date, now: Date = new Date()): ReceivedPath {
  const parsed = [...fields].reverse().map(parseReceived);
  const hops: PathHop[] = [];
  let previousDate: Date | undefined;
  let sawPublic = false;
  for (let i = 0; i < parsed.length; i++) {
    const hop = parsed[i] as ReceivedHop;
    const flags: HopFlag[] = [];
    if (hop.by === undefined && hop.helo === undefined) flags.push('unparsed');
    if (hop.date === undefined) flags.push('no-date');
    let delay: number | undefined;
    if (hop.date !== undefined && previousDate !== undefined) {
      delay = Math.round((hop.date.getTime() - previousDate.getTime()) / 1000);
      if (delay < -CLOCK_SKEW_TOLERANCE_SECONDS) flags.push('out-of-order');
      else if (delay < 0) flags.push('clock-skew');
    }
    if (hop.date !== undefined && hop.date.getTime() - now.getTime() > FUTURE_TOLERANCE_SECONDS * 1000) flags.push('future-date');
    const prev = parsed[i - 1];
    if (prev?.by !== undefined && (hop.helo !== undefined || hop.reverseName !== undefined)) {
      // The client of this hop should be the server of the previous one.
      const prevDomain = organizationalDomain(prev.by);
      const names = [hop.helo, hop.reverseName].map(organizationalDomain).filter((d): d is string => d !== undefined);
      if (prevDomain !== undefined && names.length > 0 && !names.includes(prevDomain) && !(hop.ip !== undefined && isPrivateIp(hop.ip))) flags.push('host-mismatch');
    }
    if (hop.ip !== undefined) {
      if (!isPrivateIp(hop.ip)) sawPublic = true;
      else if (sawPublic && i < parsed.length - 1 && hop.helo !== undefined && !/^localhost/i.test(hop.helo)) {
        // A private address claimed after the message already crossed the Internet.
        flags.push('private-ip-after-public');
      }
    }
    if (hop.date !== undefined) previousDate = hop.date;
    hops.push({ ...hop, index: i + 1, delaySeconds: delay, flags });
  }
  const dated = hops.filter((h) => h.date !== undefined);
  const first = dated[0]?.date;
  const last = dated[dated.length - 1]?.date;
  return {
    hops,
    totalSeconds: first !== undefined && last !== undefined ? Math.round((last.getTime() - first.getTime()) / 1000) : undefined,
    sinceDateHeaderSeconds: first !== undefined && dateHeader !== undefined ? Math.round((first.getTime() - dateHeader.getTime()) / 1000) : undefined,
  };
}

/** "1 h 2 min 3 s", "-4 s" (clock skew): a delay for people. */
export function formatDelay(seconds: number | undefined): string {
  if (seconds === undefined) return '?';
  const sign = seconds < 0 ? '-' : '';
  let rest = Math.abs(seconds);
  const parts: string[] = [];
  const d = Math.floor(rest / 86400);
  rest -= d * 86400;
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  const s = rest - m * 60;
  if (d > 0) parts.push(`${d} d`);
  if (h > 0) parts.push(`${h} h`);
  if (m > 0) parts.push(`${m} min`);
  if (s > 0 || parts.length === 0) parts.push(`${s} s`);
  return sign + parts.join(' ');
}
