/**
 * Account setup behind the contract: discovery (core/accounts/discover.ts) and the login check
 * (core/accounts/verify.ts), translated into the contract's plain shapes. Nothing here saves.
 */
import { readFile } from 'node:fs/promises';
import type { AccountDiscovery, AccountVerification, CertificateInfo, DiscoveredServer, DiscoveryRequest, NewAccount, SideVerification } from './contract.js';
import { discoverAccount, type DiscoveryOptions } from '../accounts/discover.js';
import { createNetProber } from '../accounts/net-prober.js';
import type { ServerCandidate } from '../accounts/types.js';
import { verifyAccount, type LoginSecret, type SideResult, type VerifyResult } from '../accounts/verify.js';
import type { Connector } from '../net/index.js';
import type { SubmissionLimits } from '../smtp/capabilities.js';
import { ApiError } from './errors.js';

/** How the service looks for and checks settings; every field is optional (tests and corporate setups). */
export interface AccountSetupOptions {
  /** Discovery overrides: DNS servers, autoconfig base URL, guess port map, timeouts, prober. */
  readonly discovery?: Omit<DiscoveryOptions, 'signal'>;
  /** Per side: connect, greeting and each command while verifying. */
  readonly verifyTimeoutMs?: number;
  /** Opens connections while verifying; core/net's connect by default. */
  readonly connector?: Connector;
}

function certificateOf(details: Readonly<Record<string, unknown>> | undefined): CertificateInfo | null {
  if (details === undefined || typeof details['sha256Fingerprint'] !== 'string' || details['sha256Fingerprint'] === '') return null;
  const text = (key: string): string => (typeof details[key] === 'string' ? details[key] : '');
  const altNames = Array.isArray(details['altNames']) ? details['altNames'].filter((n): n is string => typeof n === 'string') : [];
  return { subject: text('subject'), issuer: text('issuer'), validFrom: text('validFrom'), validTo: text('validTo'), altNames, sha256Fingerprint: text('sha256Fingerprint') };
}

function sideView(side: SideResult): SideVerification {
  return {
    side: side.side,
    server: side.server,
    status: side.ok ? 'ok' : (side.reason ?? 'server'),
    code: side.ok ? null : (side.code ?? null),
    message: side.message,
    certificate: side.ok ? null : certificateOf(side.details),
  };
}

export function verificationView(result: VerifyResult): AccountVerification {
  return { ok: result.ok, incoming: sideView(result.incoming), outgoing: sideView(result.outgoing) };
}

async function readCa(caFile: string | null): Promise<Buffer | undefined> {
  if (caFile === null) return undefined;
  try {
    return await readFile(caFile);
  } catch (error) {
    throw new ApiError('not-found', `Could not read the CA file ${caFile}.`, { cause: error });
  }
}

/** Logs in to both servers of `account` (pins and extra CA honoured) and reports each side. */
export async function verifyNewAccount(account: NewAccount, options: AccountSetupOptions = {}, accessToken?: string): Promise<AccountVerification> {
  return (await checkNewAccount(account, options, accessToken)).verification;
}

export interface AccountCheck {
  readonly verification: AccountVerification;
  /** What the submission server announced after the login (SIZE, 8BITMIME); null when it failed. */
  readonly submission: SubmissionLimits | null;
}

/** verifyNewAccount, plus the submission server's limits for the account to remember. */
export async function checkNewAccount(account: NewAccount, options: AccountSetupOptions = {}, accessToken?: string): Promise<AccountCheck> {
  const ca = await readCa(account.caFile);
  // An OAuth2 sign-in logs in to both sides with its access token (XOAUTH2/OAUTHBEARER).
  const incomingSecret: LoginSecret = accessToken !== undefined ? { accessToken } : { password: account.password };
  const outgoingSecret: LoginSecret | undefined =
    accessToken !== undefined ? { accessToken } : account.outgoingPassword !== null && account.outgoingPassword !== '' ? { password: account.outgoingPassword } : undefined;
  const pins = account.pinnedSha256;
  const result = await verifyAccount(
    {
      incoming: { ...account.incoming },
      outgoing: { protocol: 'smtp', host: account.outgoing.host, port: account.outgoing.port, security: account.outgoing.security, username: account.outgoing.username },
    },
    { incoming: incomingSecret, ...(outgoingSecret !== undefined ? { outgoing: outgoingSecret } : {}) },
    {
      ...(ca !== undefined ? { ca } : {}),
      ...(pins !== undefined ? { pins: { ...(pins.incoming !== null ? { incoming: pins.incoming } : {}), ...(pins.outgoing !== null ? { outgoing: pins.outgoing } : {}) } } : {}),
      ...(options.verifyTimeoutMs !== undefined ? { timeoutMs: options.verifyTimeoutMs } : {}),
      ...(options.connector !== undefined ? { connector: options.connector } : {}),
    },
  );
  return { verification: verificationView(result), submission: result.outgoing.submission ?? null };
}

/** The ApiError addAccount fails with: which side failed and why, the full result in `details`. */
export function verificationError(result: AccountVerification): ApiError {
  const failed = [result.incoming, result.outgoing].filter((s) => s.status !== 'ok');
  const sides = failed.map((s) => s.side).join(' and ');
  return new ApiError('account-verification-failed', `The account was not saved: the ${sides} server check failed. ${failed.map((s) => s.message).join(' ')}`, { details: result });
}

function serverView(c: ServerCandidate): DiscoveredServer {
  return {
    protocol: c.protocol,
    host: c.host,
    port: c.port,
    security: c.security,
    username: c.username,
    auth: [...c.auth],
    source: c.source,
    sourceDetail: c.sourceDetail,
    alsoFrom: [...c.alsoFrom],
    warning: c.warning ?? null,
  };
}

/**
 * Discovery for the wizard. Guessing uses the real prober (no extra CA: discovered servers are
 * expected to present publicly trusted certificates) unless the options bring their own.
 */
export async function discoverSettings(request: DiscoveryRequest, options: AccountSetupOptions = {}): Promise<AccountDiscovery> {
  const discoveryOptions: DiscoveryOptions = { prober: createNetProber(), ...options.discovery };
  const result = await discoverAccount(request.address, discoveryOptions);
  const chosen = result.chosen === undefined ? null : { incoming: serverView(result.chosen.incoming), outgoing: serverView(result.chosen.outgoing) };
  let verification: AccountVerification | null = null;
  if (request.password !== undefined && result.chosen !== undefined) {
    const incoming = result.chosen.incoming;
    const outgoing = result.chosen.outgoing;
    const verified = await verifyAccount(
      {
        incoming: { protocol: incoming.protocol, host: incoming.host, port: incoming.port, security: incoming.security, username: incoming.username },
        outgoing: { protocol: outgoing.protocol, host: outgoing.host, port: outgoing.port, security: outgoing.security, username: outgoing.username },
      },
      { incoming: { password: request.password } },
      { ...(options.verifyTimeoutMs !== undefined ? { timeoutMs: options.verifyTimeoutMs } : {}), ...(options.connector !== undefined ? { connector: options.connector } : {}) },
    );
    verification = verificationView(verified);
  }
  return {
    address: result.address,
    domain: result.domain,
    incoming: result.incoming.map(serverView),
    outgoing: result.outgoing.map(serverView),
    chosen,
    manual: result.manual,
    message: result.message,
    steps: result.steps.map((s) => ({ step: s.step, target: s.target, status: s.status, message: s.message, durationMs: s.durationMs })),
    notes: result.notes.map((n) => ({ text: n.text, url: n.url ?? null })),
    verification,
  };
}
