/**
 * The last resort: guess host names under the user's domain and probe them, all in parallel.
 * imap./mail./the bare domain on 993 (implicit TLS) and 143 (STARTTLS); pop./mail./bare on 995
 * and 110; smtp./mail./bare on 465 and 587. Only servers that answer, speak the protocol and
 * pass TLS verification become candidates; ranking then prefers implicit TLS over STARTTLS.
 */
import type { Prober, ProbeSuccess } from './prober.js';
import type { AuthMethod, Protocol, ServerCandidate } from './types.js';

interface GuessPlan {
  readonly protocol: Protocol;
  readonly prefixes: readonly string[];
  readonly tlsPort: number;
  readonly starttlsPort: number;
}

export const GUESS_PLANS: readonly GuessPlan[] = [
  { protocol: 'imap', prefixes: ['imap.', 'mail.', ''], tlsPort: 993, starttlsPort: 143 },
  { protocol: 'pop3', prefixes: ['pop.', 'mail.', ''], tlsPort: 995, starttlsPort: 110 },
  { protocol: 'smtp', prefixes: ['smtp.', 'mail.', ''], tlsPort: 465, starttlsPort: 587 },
];

export interface GuessOptions {
  readonly prober: Prober;
  readonly probeTimeoutMs: number;
  /** Which sides to guess (the others were already found). */
  readonly protocols: readonly Protocol[];
  /**
   * Standard port → port actually probed. For tests that run servers on unprivileged ports;
   * the candidate carries the port that answered.
   */
  readonly portMap?: Readonly<Record<number, number>>;
}

/** SASL mechanism names → the config file's authentication kinds. */
export function authFromMechanisms(mechanisms: readonly string[]): AuthMethod[] {
  const kinds: AuthMethod[] = [];
  const add = (kind: AuthMethod): void => {
    if (!kinds.includes(kind)) kinds.push(kind);
  };
  for (const m of mechanisms.map((x) => x.toUpperCase())) {
    if (m === 'XOAUTH2' || m === 'OAUTHBEARER') add('OAuth2');
    else if (m === 'PLAIN' || m === 'LOGIN' || m === 'USER') add('password-cleartext');
    else if (m === 'CRAM-MD5' || m === 'APOP' || m.startsWith('SCRAM-')) add('password-encrypted');
    else if (m === 'NTLM') add('NTLM');
    else if (m === 'GSSAPI') add('GSSAPI');
  }
  return kinds;
}

export interface GuessAttempt {
  readonly protocol: Protocol;
  readonly host: string;
  readonly port: number;
  readonly security: 'tls' | 'starttls';
  readonly result: string;
}

/** Probes every guess in parallel; resolves when all have answered or timed out. */
export async function guessServers(
  domain: string,
  address: string,
  options: GuessOptions,
  signal: AbortSignal,
): Promise<{ candidates: ServerCandidate[]; attempts: GuessAttempt[] }> {
  const probes: Promise<{ attempt: GuessAttempt; candidate?: ServerCandidate }>[] = [];
  for (const plan of GUESS_PLANS.filter((p) => options.protocols.includes(p.protocol))) {
    for (const prefix of plan.prefixes) {
      for (const [standard, security] of [[plan.tlsPort, 'tls'], [plan.starttlsPort, 'starttls']] as const) {
        const host = `${prefix}${domain}`;
        const port = options.portMap?.[standard] ?? standard;
        probes.push(
          options.prober.probe({ protocol: plan.protocol, host, port, security, timeoutMs: options.probeTimeoutMs, signal }).then((result) => {
            const attempt = { protocol: plan.protocol, host, port, security, result: result.ok ? 'ok' : `${result.code}: ${result.message}` };
            if (!result.ok) return { attempt };
            return { attempt, candidate: candidateFromProbe(plan.protocol, host, port, security, address, result) };
          }),
        );
      }
    }
  }
  const settled = await Promise.all(probes);
  return {
    candidates: settled.flatMap((s) => (s.candidate ? [s.candidate] : [])),
    attempts: settled.map((s) => s.attempt),
  };
}

function candidateFromProbe(protocol: Protocol, host: string, port: number, security: 'tls' | 'starttls', address: string, result: ProbeSuccess): ServerCandidate {
  const auth = authFromMechanisms(result.saslMechanisms);
  return {
    protocol,
    host,
    port,
    security,
    // Most servers that are not in any database log in with the full address.
    username: address,
    auth: auth.length > 0 ? auth : ['password-cleartext'],
    source: 'guess',
    sourceDetail: `probed ${host}:${port} (${security}${result.tlsProtocol ? `, ${result.tlsProtocol}` : ''})`,
    alsoFrom: [],
  };
}
