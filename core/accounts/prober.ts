/**
 * The port through which discovery checks that a server is really there: connect, read the
 * greeting, ask for capabilities, upgrade with STARTTLS where asked, verify the certificate.
 * No login. The real implementation sits on core/net (net-prober.ts); tests of discovery logic
 * may pass their own.
 */
import type { MailErrorCode } from '../net/mail-error.js';
import type { Protocol } from './types.js';

export interface ProbeRequest {
  readonly protocol: Protocol;
  readonly host: string;
  readonly port: number;
  readonly security: 'tls' | 'starttls';
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
}

export interface ProbeSuccess {
  readonly ok: true;
  /** The greeting line as the server sent it. */
  readonly greeting: string;
  /** IMAP CAPABILITY atoms, POP3 CAPA lines, SMTP EHLO keywords (after TLS). */
  readonly capabilities: readonly string[];
  /** SASL mechanisms offered after TLS (IMAP AUTH=, POP3 SASL, SMTP AUTH), upper case. */
  readonly saslMechanisms: readonly string[];
  /** The negotiated TLS version, e.g. "TLSv1.3". */
  readonly tlsProtocol?: string;
}

export interface ProbeFailure {
  readonly ok: false;
  readonly code: MailErrorCode;
  readonly message: string;
}

export type ProbeResult = ProbeSuccess | ProbeFailure;

export interface Prober {
  /** Never rejects: every failure is a ProbeFailure with a MailError code. */
  probe(request: ProbeRequest): Promise<ProbeResult>;
}
