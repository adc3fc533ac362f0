/**
 * Account discovery: from an e-mail address to ranked incoming and outgoing server candidates,
 * the way Thunderbird's account wizard does it, with every step reported.
 *
 * 1. the provider database (built in, plus extra files);
 * 2. in parallel, each with its own timeout:
 *    - autoconfig.<domain> and <domain>/.well-known/autoconfig (autoconfig-http.ts);
 *    - the MX record: the most preferred MX host reduced to its provider domain (base-domain.ts),
 *      looked up in the provider database, else at autoconfig.<that domain>;
 *    - RFC 6186 SRV records (srv.ts);
 * 3. if a side (incoming or outgoing) is still missing and a Prober is given, guessing
 *    (guess.ts) for that side.
 * A provider-database hit answers at once; the network steps are then skipped (as Thunderbird
 * does: the curated entry is the most trusted answer and needs no round trips).
 * Everything runs under one overall deadline; what was found by then is merged and ranked
 * (candidates.ts). Finding nothing is a normal result that tells the user to enter settings
 * by hand, not an exception.
 */
import { MailError } from '../net/mail-error.js';
import { parseEmailAddress, type EmailAddress } from './address.js';
import { autoconfigRequest, fetchAutoconfig, wellKnownRequest, type AutoconfigRequest } from './autoconfig-http.js';
import { mxLookupDomains, baseDomain } from './base-domain.js';
import { candidatesFromProvider, rankCandidates } from './candidates.js';
import { createDnsLookup, preferredMxHosts, type DnsLookup } from './dns.js';
import { guessServers } from './guess.js';
import { DEFAULT_DISCOVERY_TIMEOUTS, type DiscoveryTimeouts } from './limits.js';
import type { Prober } from './prober.js';
import { ProviderDatabase } from './provider-db.js';
import { orderSrvTargets, srvName, SRV_SERVICES } from './srv.js';
import { NothingFound, runStep, skipped, type StepOutcome, type StepReport } from './steps.js';
import type { CandidateSource, Protocol, ProviderConfig, ProviderNote, ServerCandidate } from './types.js';

export interface DiscoveryOptions {
  /** Defaults to the built-in database. */
  readonly providers?: ProviderDatabase;
  /** DNS servers ("HOST" or "HOST:PORT"); the system's when absent. */
  readonly dnsServers?: readonly string[];
  /** Replaces https:// for autoconfig requests (see autoconfig-http.ts). Explicit only. */
  readonly autoconfigBase?: string;
  /** Enables guessing; without it, guessing is reported as skipped. */
  readonly prober?: Prober;
  /** Standard port → probed port while guessing (tests). */
  readonly guessPortMap?: Readonly<Record<number, number>>;
  readonly timeouts?: Partial<DiscoveryTimeouts>;
  readonly signal?: AbortSignal;
  /** Replaces the DNS client entirely (rarely needed: dnsServers covers tests). */
  readonly dns?: DnsLookup;
}

export interface DiscoveryResult {
  readonly address: string;
  readonly domain: string;
  /** Ranked, best first. */
  readonly incoming: readonly ServerCandidate[];
  readonly outgoing: readonly ServerCandidate[];
  /** The best of each side; absent unless both sides were found. */
  readonly chosen?: { readonly incoming: ServerCandidate; readonly outgoing: ServerCandidate };
  /** True when the user has to enter (some) settings by hand. */
  readonly manual: boolean;
  /** One sentence for the user. */
  readonly message: string;
  readonly steps: readonly StepReport[];
  /** Provider notes (enable IMAP first, use an app password, ...) from the chosen source. */
  readonly notes: readonly ProviderNote[];
}

interface Found {
  readonly incoming: ServerCandidate[];
  readonly outgoing: ServerCandidate[];
  readonly notes: ProviderNote[];
}

const EMPTY: Found = { incoming: [], outgoing: [], notes: [] };

function fromProviders(providers: readonly ProviderConfig[], address: EmailAddress, source: CandidateSource, detail: string): Found {
  const found: Found = { incoming: [], outgoing: [], notes: [] };
  for (const provider of providers) {
    const { incoming, outgoing } = candidatesFromProvider(provider, address, source, detail);
    found.incoming.push(...incoming);
    found.outgoing.push(...outgoing);
    found.notes.push(...provider.notes);
  }
  return found;
}

function describe(found: Found): string {
  const all = [...found.incoming, ...found.outgoing];
  return all.map((c) => `${c.protocol} ${c.host}:${c.port}`).join(', ') || 'no servers';
}

function requireSome(found: Found, what: string): readonly [Found, string] {
  if (found.incoming.length === 0 && found.outgoing.length === 0) throw new NothingFound(`${what}: no usable servers`);
  return [found, describe(found)];
}

export async function discoverAccount(input: string, options: DiscoveryOptions = {}): Promise<DiscoveryResult> {
  const address = parseEmailAddress(input);
  const timeouts: DiscoveryTimeouts = { ...DEFAULT_DISCOVERY_TIMEOUTS, ...options.timeouts };
  const providers = options.providers ?? ProviderDatabase.builtin();
  const dns = options.dns ?? createDnsLookup({ ...(options.dnsServers ? { servers: options.dnsServers } : {}), timeoutMs: timeouts.dns });
  const overallController = new AbortController();
  const overallTimer = setTimeout(() => overallController.abort(new MailError('connect-timeout', 'discovery time limit')), timeouts.overall);
  const overall = options.signal ? AbortSignal.any([options.signal, overallController.signal]) : overallController.signal;
  const outcomes: StepOutcome<Found>[] = [];
  try {
    // 1. The provider database.
    const direct = providers.lookup(address.domain);
    if (direct) {
      const found = fromProviders([direct], address, 'provider-database', direct.id);
      outcomes.push({ report: { step: 'provider-database', target: address.domain, status: 'found', message: `${direct.displayName}: ${describe(found)}`, durationMs: 0 }, value: found });
      for (const step of ['autoconfig', 'autoconfig-well-known', 'mx', 'srv', 'guess'] as const) {
        outcomes.push(skipped(step, address.domain, 'not needed: the provider database knows this domain'));
      }
      return buildResult(address, outcomes);
    }
    outcomes.push({ report: { step: 'provider-database', target: address.domain, status: 'nothing', message: 'not in the provider database', durationMs: 0 } });

    // 2. The network steps, in parallel.
    const fetchStep = (step: 'autoconfig' | 'autoconfig-well-known', request: AutoconfigRequest): Promise<StepOutcome<Found>> =>
      runStep(step, request.url, timeouts.http, overall, async (signal) => requireSome(fromProviders(await fetchAutoconfig(request, signal), address, step, request.canonical), request.url));
    const network = await Promise.all([
      fetchStep('autoconfig', autoconfigRequest(address.domain, address.address, options.autoconfigBase)),
      fetchStep('autoconfig-well-known', wellKnownRequest(address.domain, options.autoconfigBase)),
      mxSteps(address, providers, dns, timeouts, overall, options.autoconfigBase),
      srvStep(address, dns, timeouts, overall),
    ]);
    for (const outcome of network.flat()) outcomes.push(outcome);

    // 3. Guessing, for whatever side is still missing.
    const have = merge(outcomes);
    const missing: Protocol[] = [...(have.incoming.length === 0 ? (['imap', 'pop3'] as const) : []), ...(have.outgoing.length === 0 ? (['smtp'] as const) : [])];
    const hosts = `imap./pop./smtp./mail./${address.domain}`;
    if (missing.length === 0) {
      outcomes.push(skipped('guess', hosts, 'not needed: settings were found'));
    } else if (options.prober === undefined) {
      outcomes.push(skipped('guess', hosts, 'no prober configured'));
    } else {
      const prober = options.prober;
      // The guess step has the rest of the overall time: its probes carry their own timeouts.
      outcomes.push(
        await runStep('guess', hosts, timeouts.overall, overall, async (signal) => {
          const { candidates, attempts } = await guessServers(address.domain, address.address, { prober, probeTimeoutMs: timeouts.probe, protocols: missing, ...(options.guessPortMap ? { portMap: options.guessPortMap } : {}) }, signal);
          const found: Found = { incoming: candidates.filter((c) => c.protocol !== 'smtp'), outgoing: candidates.filter((c) => c.protocol === 'smtp'), notes: [] };
          if (candidates.length === 0) throw new NothingFound(`no server answered (${attempts.length} probes)`);
          return [found, `${describe(found)} (of ${attempts.length} probes)`] as const;
        }),
      );
    }
    return buildResult(address, outcomes);
  } finally {
    clearTimeout(overallTimer);
  }
}

async function mxSteps(
  address: EmailAddress,
  providers: ProviderDatabase,
  dns: DnsLookup,
  timeouts: DiscoveryTimeouts,
  overall: AbortSignal,
  autoconfigBase: string | undefined,
): Promise<StepOutcome<Found>[]> {
  const mx = await runStep('mx', address.domain, timeouts.dns, overall, async (signal) => {
    const hosts = preferredMxHosts(await dns.mx(address.domain, signal));
    if (hosts.length === 0) throw new NothingFound('no MX host (or a null MX: the domain receives no mail)');
    return [hosts, hosts.join(', ')] as const;
  });
  const out: StepOutcome<Found>[] = [{ report: mx.report }];
  if (mx.value === undefined) return out;
  // The MX host's provider domains, most specific first; the user's own domain is excluded
  // (a self-hosted MX says nothing the other steps did not already ask).
  const candidatesDomains = [...new Set(mx.value.flatMap(mxLookupDomains))].filter((d) => d !== address.domain);
  for (const domain of candidatesDomains) {
    const provider = providers.lookup(domain);
    if (provider) {
      const found = fromProviders([provider], address, 'mx-provider-database', `${provider.id} (MX ${mx.value.join(', ')})`);
      out.push({ report: { step: 'mx-provider-database', target: domain, status: 'found', message: `${provider.displayName}: ${describe(found)}`, durationMs: 0 }, value: found });
      return out;
    }
  }
  out.push({ report: { step: 'mx-provider-database', target: candidatesDomains.join(', ') || '(own domain)', status: 'nothing', message: 'MX host domain not in the provider database', durationMs: 0 } });
  const bases = [...new Set(mx.value.map(baseDomain))].filter((d) => d !== address.domain);
  if (bases.length === 0) {
    out.push(skipped('mx-autoconfig', address.domain, 'the MX host is in the domain itself'));
    return out;
  }
  // The address is not sent to the MX provider's server: it is a third party to the user.
  const request = autoconfigRequest(bases[0]!, undefined, autoconfigBase);
  out.push(
    await runStep('mx-autoconfig', request.url, timeouts.http, overall, async (signal) =>
      requireSome(fromProviders(await fetchAutoconfig(request, signal), address, 'mx-autoconfig', request.canonical), request.url),
    ),
  );
  return out;
}

async function srvStep(address: EmailAddress, dns: DnsLookup, timeouts: DiscoveryTimeouts, overall: AbortSignal): Promise<StepOutcome<Found>> {
  const names = SRV_SERVICES.map((s) => srvName(s, address.domain));
  return runStep('srv', `_{submission,submissions,imaps,imap,pop3s,pop3}._tcp.${address.domain}`, timeouts.dns, overall, async (signal) => {
    const found: Found = { incoming: [], outgoing: [], notes: [] };
    const failures: string[] = [];
    const answers = await Promise.all(
      SRV_SERVICES.map(async (service, i) => {
        try {
          return { service, name: names[i]!, targets: orderSrvTargets(await dns.srv(names[i]!, signal)) };
        } catch (error) {
          if (!(error instanceof NothingFound)) failures.push(`${names[i]}: ${error instanceof Error ? error.message : String(error)}`);
          return { service, name: names[i]!, targets: [] };
        }
      }),
    );
    for (const { service, name, targets } of answers) {
      for (const target of targets) {
        const candidate: ServerCandidate = {
          protocol: service.protocol,
          host: target.host,
          port: target.port,
          security: service.security,
          username: address.address,
          auth: ['password-cleartext'],
          source: 'srv',
          sourceDetail: `${name} → ${target.host}:${target.port}`,
          alsoFrom: [],
          // RFC 6186 §6: unsigned DNS can be spoofed; a target outside the user's domain must be
          // confirmed before a password goes there.
          ...(target.host === address.domain || target.host.endsWith(`.${address.domain}`)
            ? {}
            : { warning: `The SRV record ${name} points outside ${address.domain}, to ${target.host}: confirm this server before entering your password.` }),
        };
        (service.protocol === 'smtp' ? found.outgoing : found.incoming).push(candidate);
      }
    }
    if (found.incoming.length === 0 && found.outgoing.length === 0) {
      if (failures.length === SRV_SERVICES.length) throw new MailError('dns-failed', failures[0]!);
      throw new NothingFound('no usable SRV records');
    }
    return [found, describe(found)] as const;
  });
}

function merge(outcomes: readonly StepOutcome<Found>[]): Found {
  const all = outcomes.map((o) => o.value ?? EMPTY);
  return {
    incoming: rankCandidates(all.flatMap((f) => f.incoming)),
    outgoing: rankCandidates(all.flatMap((f) => f.outgoing)),
    notes: all.flatMap((f) => f.notes),
  };
}

function buildResult(address: EmailAddress, outcomes: readonly StepOutcome<Found>[]): DiscoveryResult {
  const merged = merge(outcomes);
  const incoming = merged.incoming[0];
  const outgoing = merged.outgoing[0];
  const steps = outcomes.map((o) => o.report);
  const base = { address: address.address, domain: address.domain, incoming: merged.incoming, outgoing: merged.outgoing, steps };
  if (incoming && outgoing) {
    // Notes of the source that won, so the user reads the advice that applies.
    const notes = outcomes.find((o) => o.value?.incoming.some((c) => c.source === incoming.source && c.host === incoming.host))?.value?.notes ?? [];
    return { ...base, chosen: { incoming, outgoing }, manual: false, message: `Found settings for ${address.domain} (${incoming.source}).`, notes };
  }
  const message =
    !incoming && !outgoing
      ? `No settings found for ${address.domain}: enter the server settings by hand.`
      : !incoming
        ? `Found an outgoing server for ${address.domain} but no incoming one: enter the incoming server by hand.`
        : `Found an incoming server for ${address.domain} but no outgoing one: enter the outgoing server by hand.`;
  return { ...base, manual: true, message, notes: merged.notes };
}
