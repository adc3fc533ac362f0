/**
 * Verifying chosen settings before an account is saved: log in to the incoming server (IMAP or
 * POP3) and the outgoing server (SMTP submission) with the user's secret, then log out. Both
 * sides are tried in parallel and reported separately, each failure classified so the user is
 * told which side failed and why: wrong password, TLS (with the certificate to decide on),
 * host unreachable, timeout, or an authentication method the server does not offer.
 */
import { ImapClient } from '../imap/client.js';
import { connect, type Connector } from '../net/index.js';
import { MailError, isMailError, type MailErrorCode } from '../net/mail-error.js';
import { Pop3Client } from '../pop3/client.js';
import { submissionLimits, type SubmissionLimits } from '../smtp/capabilities.js';
import { openSmtp } from '../smtp/client.js';
import type { Protocol, Security } from './types.js';

export interface ServerLogin {
  readonly protocol: Protocol;
  readonly host: string;
  readonly port: number;
  readonly security: Security;
  readonly username: string;
}

/** A password, or an OAuth2 access token (XOAUTH2/OAUTHBEARER). */
export type LoginSecret = { readonly password: string } | { readonly accessToken: string };

export interface VerifyOptions {
  /** Extra trusted CA certificates (PEM). */
  readonly ca?: string | Buffer;
  /** A certificate the user accepted for this account (SHA-256 fingerprint). */
  readonly pinnedSha256?: string;
  /** Per side: connect, greeting and each command. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Opens connections; defaults to core/net's connect. */
  readonly connector?: Connector;
}

export type FailureReason = 'wrong-password' | 'tls' | 'unreachable' | 'timeout' | 'auth-unsupported' | 'server';

export interface SideResult {
  readonly side: 'incoming' | 'outgoing';
  readonly server: string;
  readonly ok: boolean;
  readonly reason?: FailureReason;
  readonly code?: MailErrorCode;
  /** One sentence for the user. */
  readonly message: string;
  /** For 'tls' failures: the certificate details (subject, issuer, fingerprint, ...) to decide on. */
  readonly details?: Readonly<Record<string, unknown>>;
  /** A submission server that accepted the login: what its EHLO after TLS announced (SIZE, 8BITMIME). */
  readonly submission?: SubmissionLimits;
}

export interface VerifyResult {
  readonly ok: boolean;
  readonly incoming: SideResult;
  readonly outgoing: SideResult;
}

export const DEFAULT_VERIFY_TIMEOUT_MS = 20_000;

/** Which user-facing reason a transport or protocol error stands for. */
export function classifyFailure(code: MailErrorCode): FailureReason {
  switch (code) {
    case 'auth-failed':
      return 'wrong-password';
    case 'tls-failed':
    case 'tls-required':
    case 'starttls-unavailable':
    case 'starttls-injection':
    case 'certificate-untrusted':
    case 'certificate-expired':
    case 'certificate-hostname':
    case 'certificate-pin-mismatch':
      return 'tls';
    case 'connect-failed':
    case 'dns-failed':
      return 'unreachable';
    case 'connect-timeout':
    case 'greeting-timeout':
    case 'command-timeout':
    case 'cancelled':
      return 'timeout';
    case 'auth-unsupported':
    case 'auth-insecure':
      return 'auth-unsupported';
    default:
      return 'server';
  }
}

const REASON_TEXT: Readonly<Record<FailureReason, string>> = {
  'wrong-password': 'rejected the user name or password',
  tls: 'could not be reached securely (TLS)',
  unreachable: 'could not be reached',
  timeout: 'did not answer in time',
  'auth-unsupported': 'does not offer a usable way to log in',
  server: 'refused the session',
};

function credentials(login: ServerLogin, secret: LoginSecret): { username: string; password?: string; accessToken?: string } {
  return 'password' in secret ? { username: login.username, password: secret.password } : { username: login.username, accessToken: secret.accessToken };
}

async function loginImap(login: ServerLogin, secret: LoginSecret, options: VerifyOptions, timeoutMs: number): Promise<void> {
  const client = await ImapClient.connect({
    host: login.host,
    port: login.port,
    security: login.security,
    ...(options.ca !== undefined ? { ca: options.ca } : {}),
    ...(options.pinnedSha256 !== undefined ? { pinnedSha256: options.pinnedSha256 } : {}),
    auth: { user: login.username, ...('password' in secret ? { password: secret.password } : { accessToken: secret.accessToken }) },
    commandTimeoutMs: timeoutMs,
    greetingTimeoutMs: timeoutMs,
    reconnect: false,
    connector: options.connector ?? connect,
  });
  await client.logout();
}

async function loginPop3(login: ServerLogin, secret: LoginSecret, options: VerifyOptions, timeoutMs: number): Promise<void> {
  const client = await Pop3Client.connect({
    host: login.host,
    port: login.port,
    security: login.security,
    ...(options.ca !== undefined ? { ca: options.ca } : {}),
    ...(options.pinnedSha256 !== undefined ? { pinnedSha256: options.pinnedSha256 } : {}),
    timeouts: { connect: timeoutMs, greeting: timeoutMs, command: timeoutMs },
    ...(options.signal ? { signal: options.signal } : {}),
    connector: options.connector ?? connect,
  });
  try {
    // SASL when offered (RFC 5034), else USER/PASS (RFC 1939 §7); tokens need SASL.
    if ('accessToken' in secret || client.capabilities.saslMechanisms.length > 0) await client.authenticate(credentials(login, secret));
    else await client.login(login.username, secret.password);
  } finally {
    await client.quit().catch(() => undefined);
  }
}

async function loginSmtp(login: ServerLogin, secret: LoginSecret, options: VerifyOptions, timeoutMs: number): Promise<SubmissionLimits> {
  const client = await openSmtp(
    {
      host: login.host,
      port: login.port,
      security: login.security,
      ...(options.ca !== undefined ? { ca: options.ca } : {}),
      ...(options.pinnedSha256 !== undefined ? { pinnedSha256: options.pinnedSha256 } : {}),
      timeouts: { connect: timeoutMs, greeting: timeoutMs, command: timeoutMs },
      ...(options.signal ? { signal: options.signal } : {}),
      credentials: credentials(login, secret),
    },
    options.connector ?? connect,
  );
  // The capabilities of the EHLO after STARTTLS (RFC 3207 §4.2), which the client keeps.
  const limits = submissionLimits(client.capabilities);
  await client.quit().catch(() => undefined);
  return limits;
}

/** Logs in to one server and out again; never throws for a failed login, it reports it. */
export async function verifyLogin(side: 'incoming' | 'outgoing', login: ServerLogin, secret: LoginSecret, options: VerifyOptions = {}): Promise<SideResult> {
  const server = `${login.host}:${login.port}`;
  const name = `The ${side} server ${login.host}`;
  const timeoutMs = options.timeoutMs ?? DEFAULT_VERIFY_TIMEOUT_MS;
  if ((side === 'incoming') === (login.protocol === 'smtp')) {
    throw new MailError('invalid-argument', `A ${login.protocol.toUpperCase()} server cannot be the ${side} server.`);
  }
  try {
    if (login.protocol === 'imap') await loginImap(login, secret, options, timeoutMs);
    else if (login.protocol === 'pop3') await loginPop3(login, secret, options, timeoutMs);
    else return { side, server, ok: true, message: `${name} accepted the login.`, submission: await loginSmtp(login, secret, options, timeoutMs) };
    return { side, server, ok: true, message: `${name} accepted the login.` };
  } catch (error) {
    const mail = isMailError(error) ? error : new MailError('protocol-error', error instanceof Error ? error.message : String(error), { cause: error });
    const reason = classifyFailure(mail.code);
    return {
      side,
      server,
      ok: false,
      reason,
      code: mail.code,
      message: `${name} ${REASON_TEXT[reason]}: ${mail.message}`,
      ...(mail.details !== undefined ? { details: mail.details } : {}),
    };
  }
}

/** Verifies both sides in parallel. */
export async function verifyAccount(
  servers: { readonly incoming: ServerLogin; readonly outgoing: ServerLogin },
  secrets: { readonly incoming: LoginSecret; readonly outgoing?: LoginSecret },
  options: Omit<VerifyOptions, 'pinnedSha256'> & {
    /** Certificates the user accepted, per side: the two servers usually have different ones. */
    readonly pins?: { readonly incoming?: string; readonly outgoing?: string };
  } = {},
): Promise<VerifyResult> {
  const { pins, ...common } = options;
  const withPin = (pin: string | undefined): VerifyOptions => (pin === undefined ? common : { ...common, pinnedSha256: pin });
  const [incoming, outgoing] = await Promise.all([
    verifyLogin('incoming', servers.incoming, secrets.incoming, withPin(pins?.incoming)),
    verifyLogin('outgoing', servers.outgoing, secrets.outgoing ?? secrets.incoming, withPin(pins?.outgoing)),
  ]);
  return { ok: incoming.ok && outgoing.ok, incoming, outgoing };
}
