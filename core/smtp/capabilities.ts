import type { SmtpReply } from './reply.js';

/** What the server announced in its EHLO reply (RFC 5321 §4.1.1.1). */
export interface SmtpCapabilities {
  /** True when the server answered EHLO; false after a HELO fallback (no extensions). */
  readonly esmtp: boolean;
  /** RFC 1870 SIZE: the limit in bytes, 0 when announced without a number (no fixed limit). */
  readonly size: number | undefined;
  readonly pipelining: boolean; // RFC 2920
  readonly eightBitMime: boolean; // RFC 6152
  readonly smtputf8: boolean; // RFC 6531
  readonly dsn: boolean; // RFC 3461
  readonly enhancedStatusCodes: boolean; // RFC 2034
  readonly chunking: boolean; // RFC 3030
  readonly starttls: boolean; // RFC 3207
  /** RFC 4954 AUTH mechanisms, upper-case. */
  readonly auth: readonly string[];
  /** Every keyword with its parameters, for display (`tegami probe`). */
  readonly keywords: ReadonlyMap<string, readonly string[]>;
}

export const NO_CAPABILITIES: SmtpCapabilities = {
  esmtp: false,
  size: undefined,
  pipelining: false,
  eightBitMime: false,
  smtputf8: false,
  dsn: false,
  enhancedStatusCodes: false,
  chunking: false,
  starttls: false,
  auth: [],
  keywords: new Map(),
};

/** Reads the EHLO reply: the first line is the greeting, each further line one extension. */
export function parseCapabilities(reply: SmtpReply): SmtpCapabilities {
  const keywords = new Map<string, string[]>();
  for (const line of reply.lines.slice(1)) {
    // Some old servers wrote "AUTH=LOGIN PLAIN"; treat "=" like a space for AUTH.
    const [keyword, ...params] = line.trim().replace(/^AUTH=/i, 'AUTH ').split(/\s+/);
    if (!keyword) continue;
    const key = keyword.toUpperCase();
    keywords.set(key, [...(keywords.get(key) ?? []), ...params]);
  }
  const sizeParam = keywords.get('SIZE')?.[0];
  const size = keywords.has('SIZE') ? (sizeParam && /^\d+$/.test(sizeParam) ? Number(sizeParam) : 0) : undefined;
  return {
    esmtp: true,
    size,
    pipelining: keywords.has('PIPELINING'),
    eightBitMime: keywords.has('8BITMIME'),
    smtputf8: keywords.has('SMTPUTF8'),
    dsn: keywords.has('DSN'),
    enhancedStatusCodes: keywords.has('ENHANCEDSTATUSCODES'),
    chunking: keywords.has('CHUNKING'),
    starttls: keywords.has('STARTTLS'),
    auth: [...new Set((keywords.get('AUTH') ?? []).map((m) => m.toUpperCase()))],
    keywords,
  };
}

/** What a message composer needs to know of a submission server, remembered between connections. */
export interface SubmissionLimits {
  /** RFC 1870 SIZE in bytes; null when the server states no fixed limit (no SIZE, or SIZE 0 — §4). */
  readonly maxMessageSize: number | null;
  /** RFC 6152 8BITMIME: 8-bit content may go as 8bit (BODY=8BITMIME). */
  readonly eightBitMime: boolean;
}

export function submissionLimits(caps: SmtpCapabilities): SubmissionLimits {
  return { maxMessageSize: caps.size === undefined || caps.size === 0 ? null : caps.size, eightBitMime: caps.eightBitMime };
}
