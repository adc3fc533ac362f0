/**
 * Authentication-Results (RFC 8601) and ARC-Authentication-Results (RFC 8617 §4.1.1).
 *
 * Anyone can write these fields, so RFC 8601 §5 says to believe only those whose
 * authserv-id is the receiving domain's own; `trustedAuthservIds` carries that decision and
 * every result says whether it is trusted. A sender-added field claiming "dkim=pass" is then
 * shown as an unverified claim, never as a pass.
 */

export type AuthMethod = 'spf' | 'dkim' | 'dmarc' | 'arc' | 'iprev' | 'auth' | 'bimi' | string;

export interface AuthResult {
  readonly method: AuthMethod;
  /** Lower-cased result keyword: pass, fail, softfail, neutral, none, temperror, permerror, policy. */
  readonly result: string;
  readonly reason: string | undefined;
  /** Properties by "ptype.property" ("smtp.mailfrom", "header.d", "header.from", ...). */
  readonly properties: Readonly<Record<string, string>>;
}

export interface AuthenticationResults {
  readonly authservId: string;
  readonly version: number | undefined;
  /** ARC instance for ARC-Authentication-Results, else undefined. */
  readonly arcInstance: number | undefined;
  readonly results: readonly AuthResult[];
  readonly trusted: boolean;
}

/** Removes RFC 5322 comments outside quoted strings. */
function stripComments(value: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    if (quoted) {
      out += ch;
      if (ch === '\\' && i + 1 < value.length) out += value[++i] as string;
      else if (ch === '"') quoted = false;
    } else if (depth > 0) {
      if (ch === '\\') i++;
      else if (ch === '(') depth++;
      else if (ch === ')') depth--;
      if (depth === 0) out += ' ';
    } else if (ch === '(') depth = 1;
    else {
      if (ch === '"') quoted = true;
      out += ch;
    }
  }
  return out;
}

function splitOutsideQuotes(value: string, separator: RegExp): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    if (ch === '"') quoted = !quoted;
    if (!quoted && separator.test(ch)) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

function unquote(v: string): string {
  return v.startsWith('"') && v.endsWith('"') && v.length >= 2 ? v.slice(1, -1).replace(/\\(.)/g, '$1') : v;
}

/** Parses one Authentication-Results (or ARC-Authentication-Results) field value. */
export function parseAuthenticationResults(value: string, trustedAuthservIds: readonly string[] = []): AuthenticationResults {
  const segments = splitOutsideQuotes(stripComments(value), /;/);
  let arcInstance: number | undefined;
  if (segments[0] !== undefined && /^i\s*=\s*\d+$/i.test(segments[0])) {
    arcInstance = Number(/\d+/.exec(segments.shift() as string)?.[0]);
  }
  let [head = '', ...rest] = segments;
  if (/^[a-z0-9_-]+(?:\/\d+)?\s*=/i.test(head)) {
    // Office 365 writes no authserv-id at all: the first segment is already a result.
    rest = [head, ...rest];
    head = '';
  }
  const headWords = head.split(/\s+/);
  const authservId = (headWords[0] ?? '').toLowerCase();
  const version = headWords[1] !== undefined && /^\d+$/.test(headWords[1]) ? Number(headWords[1]) : undefined;
  const results: AuthResult[] = [];
  for (const segment of rest) {
    const words = splitOutsideQuotes(segment.replace(/\s*=\s*/g, '='), /\s/);
    const first = words.shift();
    if (first === undefined) continue;
    const m = /^([a-z0-9_-]+)(?:\/\d+)?=([a-z0-9_-]+)$/i.exec(first);
    if (m === null) continue; // "none" or garbage: no result in this segment (§2.2)
    let reason: string | undefined;
    const properties: Record<string, string> = {};
    for (const word of words) {
      const eq = word.indexOf('=');
      if (eq <= 0) continue;
      const key = word.slice(0, eq).toLowerCase();
      const val = unquote(word.slice(eq + 1));
      if (key === 'reason') reason = val;
      else properties[key] = val;
    }
    results.push({ method: (m[1] as string).toLowerCase(), result: (m[2] as string).toLowerCase(), reason, properties });
  }
  const trusted = authservId !== '' && trustedAuthservIds.some((id) => id.toLowerCase() === authservId);
  return { authservId, version, arcInstance, results, trusted };
}

export interface AuthSummary {
  readonly authservId: string;
  readonly trusted: boolean;
  readonly spf: AuthResult | undefined;
  readonly dkim: readonly AuthResult[];
  readonly dmarc: AuthResult | undefined;
  readonly arc: AuthResult | undefined;
  readonly other: readonly AuthResult[];
}

/** Groups the results of several fields per authserv-id (the nearest field first). */
export function summarizeAuthResults(fields: readonly AuthenticationResults[]): AuthSummary[] {
  const byId = new Map<string, { trusted: boolean; results: AuthResult[] }>();
  for (const f of fields) {
    const entry = byId.get(f.authservId) ?? { trusted: f.trusted, results: [] };
    entry.results.push(...f.results);
    byId.set(f.authservId, entry);
  }
  return [...byId].map(([authservId, { trusted, results }]) => ({
    authservId,
    trusted,
    spf: results.find((r) => r.method === 'spf'),
    dkim: results.filter((r) => r.method === 'dkim'),
    dmarc: results.find((r) => r.method === 'dmarc'),
    arc: results.find((r) => r.method === 'arc'),
    other: results.filter((r) => !['spf', 'dkim', 'dmarc', 'arc'].includes(r.method)),
  }));
}
