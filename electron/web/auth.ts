import { randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The web host's gatekeeping, as pure functions over header values so each rule is testable on
 * its own. Threat: any web page the user visits can make the browser talk to 127.0.0.1, and a
 * DNS-rebinding page can even appear same-origin. The per-launch token defeats the first (the
 * page cannot know it), the Host check the second (a rebound name arrives with its own Host).
 */

/** 32 random bytes, base64url: unguessable and safe in a URL and a cookie. */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Cookies are shared between ports of one host, so the name carries the port. */
export function cookieName(port: number): string {
  return `tegami_token_${port}`;
}

export function tokenCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

/** Compares in constant time so the token cannot be learnt byte by byte from response timing. */
export function tokenMatches(expected: string, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(presented, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The value of one cookie from a Cookie header (RFC 6265 §5.4 form: name=value pairs joined by "; "). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The token a request presents: the query parameter (first page load) or the cookie (later). */
export function presentedToken(url: URL, cookieHeader: string | undefined, port: number): { token: string | undefined; fromQuery: boolean } {
  const fromQuery = url.searchParams.get('token');
  if (fromQuery !== null) return { token: fromQuery, fromQuery: true };
  return { token: readCookie(cookieHeader, cookieName(port)), fromQuery: false };
}

export function allowedHosts(port: number): readonly string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function hostAllowed(hostHeader: string | undefined, port: number): boolean {
  return hostHeader !== undefined && allowedHosts(port).includes(hostHeader.toLowerCase());
}

/** Browsers always send Origin on a WebSocket handshake; it must be our own page. */
export function originAllowed(originHeader: string | undefined, port: number): boolean {
  return originHeader !== undefined && allowedHosts(port).some((h) => originHeader.toLowerCase() === `http://${h}`);
}
