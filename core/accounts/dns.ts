/**
 * DNS lookups for discovery: MX (RFC 5321 §5.1) and SRV (RFC 2782, RFC 6186) through
 * node:dns's Resolver, whose servers can be replaced (`--dns HOST:PORT`) for tests and for
 * networks whose own resolver is not the system's.
 */
import type { MxRecord, SrvRecord } from 'node:dns';
import { Resolver } from 'node:dns/promises';
import { MailError } from '../net/mail-error.js';
import { MAX_MX_HOSTS } from './limits.js';
import { NothingFound } from './steps.js';

export interface DnsLookup {
  mx(domain: string, signal: AbortSignal): Promise<MxRecord[]>;
  srv(name: string, signal: AbortSignal): Promise<SrvRecord[]>;
}

/** c-ares codes that mean "the name or the record type is not there", not a failure. */
const ABSENT = new Set(['ENOTFOUND', 'ENODATA', 'NXDOMAIN']);

/**
 * Validates "HOST", "HOST:PORT", "[IPv6]:PORT" server strings the way Resolver.setServers
 * takes them; throws MailError('invalid-argument').
 */
export function checkDnsServers(servers: readonly string[]): void {
  try {
    new Resolver().setServers([...servers]);
  } catch (error) {
    throw new MailError('invalid-argument', `Invalid DNS server ${JSON.stringify(servers)}: expected an IP address with an optional :PORT`, { cause: error });
  }
}

export function createDnsLookup(options: { servers?: readonly string[]; timeoutMs: number }): DnsLookup {
  const query = async <T>(type: string, name: string, signal: AbortSignal, run: (resolver: Resolver) => Promise<T>): Promise<T> => {
    // One resolver per query, so cancelling one (on timeout) never cancels another.
    const resolver = new Resolver({ timeout: options.timeoutMs, tries: 1 });
    if (options.servers !== undefined && options.servers.length > 0) {
      checkDnsServers(options.servers);
      resolver.setServers([...options.servers]);
    }
    const cancel = (): void => resolver.cancel();
    signal.addEventListener('abort', cancel, { once: true });
    try {
      return await run(resolver);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (ABSENT.has(code)) throw new NothingFound(`no ${type} records for ${name}`);
      if (code === 'ETIMEOUT' || code === 'ECANCELLED') throw new MailError('dns-failed', `DNS ${type} query for ${name} timed out`, { cause: error, transient: true });
      throw new MailError('dns-failed', `DNS ${type} query for ${name} failed: ${code || String(error)}`, { cause: error, transient: true });
    } finally {
      signal.removeEventListener('abort', cancel);
    }
  };
  return {
    mx: (domain, signal) => query('MX', domain, signal, (r) => r.resolveMx(domain)),
    srv: (name, signal) => query('SRV', name, signal, (r) => r.resolveSrv(name)),
  };
}

/**
 * The MX hosts to consider: those of the lowest preference (RFC 5321 §5.1: the most preferred),
 * in the order received, at most MAX_MX_HOSTS. A "null MX" (RFC 7505: a single "." record)
 * means the domain accepts no mail, so nothing is returned for it.
 */
export function preferredMxHosts(records: readonly MxRecord[]): string[] {
  const usable = records.filter((r) => r.exchange !== '' && r.exchange !== '.');
  if (usable.length === 0) return [];
  const best = Math.min(...usable.map((r) => r.priority));
  return usable
    .filter((r) => r.priority === best)
    .map((r) => r.exchange.toLowerCase().replace(/\.$/, ''))
    .slice(0, MAX_MX_HOSTS);
}
