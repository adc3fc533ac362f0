import type { ServerResponse } from 'node:http';
import { contentSecurityPolicy } from '../common/csp.js';
import { allowedHosts } from './auth.js';

/** Headers on every response of the web host, errors included. */
export function securityHeaders(port: number): Readonly<Record<string, string>> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(allowedHosts(port).map((h) => `ws://${h}`)),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

export function applySecurityHeaders(res: ServerResponse, port: number): void {
  for (const [name, value] of Object.entries(securityHeaders(port))) res.setHeader(name, value);
}
