/**
 * Turning provider configurations into concrete candidates for one address, and ranking the
 * candidates all discovery steps found into one ordered list per side.
 */
import type { EmailAddress } from './address.js';
import type { CandidateSource, ProviderConfig, Security, ServerCandidate, ServerConfig } from './types.js';
import { expandTemplate } from './username.js';

/** Trust order of the sources: the curated database first, guessing last. */
export const SOURCE_RANK: Readonly<Record<CandidateSource, number>> = {
  'provider-database': 0,
  autoconfig: 1,
  'autoconfig-well-known': 2,
  'mx-provider-database': 3,
  'mx-autoconfig': 4,
  srv: 5,
  guess: 6,
};

/** Implicit TLS first (no plaintext phase to attack, RFC 8314 §3), then STARTTLS; none last. */
export const SECURITY_RANK: Readonly<Record<Security, number>> = { tls: 0, starttls: 1, none: 2 };

/** Candidates of one provider for one address, in the provider's own order. */
export function candidatesFromProvider(
  provider: ProviderConfig,
  address: EmailAddress,
  source: CandidateSource,
  sourceDetail: string,
): { incoming: ServerCandidate[]; outgoing: ServerCandidate[] } {
  const make = (server: ServerConfig): ServerCandidate => ({
    protocol: server.protocol,
    host: expandTemplate(server.hostname, address).toLowerCase(),
    port: server.port,
    security: server.security,
    username: expandTemplate(server.usernameTemplate, address),
    auth: server.auth,
    source,
    sourceDetail,
    alsoFrom: [],
    providerId: provider.id,
    ...(provider.oauth2 ? { oauth2: provider.oauth2 } : {}),
  });
  return { incoming: provider.incoming.map(make), outgoing: provider.outgoing.map(make) };
}

function key(c: ServerCandidate): string {
  return `${c.protocol}|${c.host}|${c.port}|${c.security}`;
}

/**
 * Merges candidates from all steps and orders them: by source trust, then IMAP before POP3
 * (server-side folders, RFC 9051 over RFC 1939), then implicit TLS before STARTTLS, then the
 * order the source gave. The same server proposed twice is kept once, at its best source, with
 * the others listed in alsoFrom. Plaintext ("none") servers are dropped: Tegami requires TLS.
 */
export function rankCandidates(candidates: readonly ServerCandidate[]): ServerCandidate[] {
  const indexed = candidates.map((candidate, index) => ({ candidate, index })).filter(({ candidate }) => candidate.security !== 'none');
  indexed.sort(
    (a, b) =>
      SOURCE_RANK[a.candidate.source] - SOURCE_RANK[b.candidate.source] ||
      protocolRank(a.candidate) - protocolRank(b.candidate) ||
      SECURITY_RANK[a.candidate.security] - SECURITY_RANK[b.candidate.security] ||
      a.index - b.index,
  );
  const byKey = new Map<string, ServerCandidate>();
  for (const { candidate } of indexed) {
    const existing = byKey.get(key(candidate));
    if (existing === undefined) {
      byKey.set(key(candidate), candidate);
    } else if (existing.source !== candidate.source && !existing.alsoFrom.includes(candidate.source)) {
      byKey.set(key(candidate), { ...existing, alsoFrom: [...existing.alsoFrom, candidate.source] });
    }
  }
  return [...byKey.values()];
}

function protocolRank(c: ServerCandidate): number {
  return c.protocol === 'imap' ? 0 : c.protocol === 'pop3' ? 1 : 0;
}
