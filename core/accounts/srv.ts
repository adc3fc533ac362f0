/**
 * RFC 6186 service records for mail clients, plus RFC 8314 §5.1's _submissions._tcp:
 *   _submission._tcp  SMTP submission with STARTTLS (port 587)
 *   _submissions._tcp SMTP submission over implicit TLS (port 465)
 *   _imaps._tcp / _imap._tcp   IMAP over implicit TLS / with STARTTLS
 *   _pop3s._tcp / _pop3._tcp   POP3 over implicit TLS / with STARTTLS
 * A record whose target is "." means the service is decidedly not available (RFC 2782, RFC 6186
 * §4); the plain _imap/_pop3/_submission services are used with STARTTLS, never in clear text.
 */
import type { SrvRecord } from 'node:dns';
import type { Protocol, Security } from './types.js';

export interface SrvService {
  readonly name: '_submission' | '_submissions' | '_imaps' | '_imap' | '_pop3s' | '_pop3';
  readonly protocol: Protocol;
  readonly security: Security;
}

export const SRV_SERVICES: readonly SrvService[] = [
  { name: '_submissions', protocol: 'smtp', security: 'tls' },
  { name: '_submission', protocol: 'smtp', security: 'starttls' },
  { name: '_imaps', protocol: 'imap', security: 'tls' },
  { name: '_imap', protocol: 'imap', security: 'starttls' },
  { name: '_pop3s', protocol: 'pop3', security: 'tls' },
  { name: '_pop3', protocol: 'pop3', security: 'starttls' },
];

export function srvName(service: SrvService, domain: string): string {
  return `${service.name}._tcp.${domain}`;
}

export interface SrvTarget {
  readonly host: string;
  readonly port: number;
  readonly priority: number;
  readonly weight: number;
}

/**
 * The usable targets of one SRV answer, best first: lowest priority, then highest weight
 * (RFC 2782 spreads load by weighted random choice among equal priorities; a client that sets
 * up one account wants a stable answer, so the heaviest target comes first), then name.
 * Returns [] when the service is "not available" (a single target ".").
 */
export function orderSrvTargets(records: readonly SrvRecord[]): SrvTarget[] {
  const isDot = (r: SrvRecord): boolean => r.name === '' || r.name === '.';
  if (records.length === 1 && isDot(records[0]!)) return [];
  return records
    .filter((r) => !isDot(r) && r.port > 0)
    .map((r) => ({ host: r.name.toLowerCase().replace(/\.$/, ''), port: r.port, priority: r.priority, weight: r.weight }))
    .sort((a, b) => a.priority - b.priority || b.weight - a.weight || a.host.localeCompare(b.host));
}
