import type { PeerCertificate, TLSSocket } from 'node:tls';
import { MailError, type MailErrorCode } from './mail-error.js';

/** What the UI shows when it asks the user whether to trust a certificate. */
export interface CertificateDetails {
  readonly subject: string;
  readonly issuer: string;
  /** ISO 8601. */
  readonly validFrom: string;
  readonly validTo: string;
  readonly altNames: readonly string[];
  /** "AB:CD:…" upper-case hex, the form pinnedSha256 is compared against. */
  readonly sha256Fingerprint: string;
  readonly serialNumber: string;
}

export interface TlsInfo {
  /** "TLSv1.3" */
  readonly protocol: string;
  readonly cipher: string;
  /** True when the chain and host name verified; false only when a pin let it through. */
  readonly verified: boolean;
  /** True when the connection was accepted because its certificate matched pinnedSha256. */
  readonly pinned: boolean;
  readonly certificate: CertificateDetails;
}

function formatName(name: unknown): string {
  if (name === null || typeof name !== 'object') return '';
  return Object.entries(name as Record<string, unknown>)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : String(value)}`)
    .join(', ');
}

function isoDate(text: string | undefined): string {
  if (!text) return '';
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}

export function describeCertificate(cert: PeerCertificate): CertificateDetails {
  const altNames = (cert.subjectaltname ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  return {
    subject: formatName(cert.subject),
    issuer: formatName(cert.issuer),
    validFrom: isoDate(cert.valid_from),
    validTo: isoDate(cert.valid_to),
    altNames,
    sha256Fingerprint: cert.fingerprint256 ?? '',
    serialNumber: cert.serialNumber ?? '',
  };
}

/** "ab:cd…", "ABCD…" and "sha256/AB:CD" all compare equal. */
export function normalizeFingerprint(value: string): string {
  return value.replace(/^sha-?256[:/]?/i, '').replace(/[^0-9a-f]/gi, '').toLowerCase();
}

/** Maps OpenSSL's / Node's verification error codes onto the codes the UI switches on. */
function classify(reason: string): MailErrorCode {
  switch (reason) {
    case 'CERT_HAS_EXPIRED':
    case 'CERT_NOT_YET_VALID':
      return 'certificate-expired';
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
    case 'HOSTNAME_MISMATCH':
      return 'certificate-hostname';
    default:
      return 'certificate-untrusted';
  }
}

const MESSAGES: Partial<Record<MailErrorCode, string>> = {
  'certificate-expired': 'The server\'s certificate has expired or is not yet valid.',
  'certificate-hostname': 'The server\'s certificate is for a different host name.',
  'certificate-untrusted': 'The server\'s certificate is not signed by a trusted authority (self-signed or unknown issuer).',
  'certificate-pin-mismatch': 'The server\'s certificate is not the one you accepted earlier.',
};

/**
 * Decides whether a finished handshake may be used. The socket was opened with
 * rejectUnauthorized: false only so that the certificate can be read and shown when it fails;
 * nothing is written before this check passes. A certificate that verifies is always accepted;
 * one that does not is accepted only when its SHA-256 fingerprint equals the user's pin.
 */
export function verifyPeer(socket: TLSSocket, pinnedSha256: string | undefined): TlsInfo {
  const peer = socket.getPeerCertificate(false);
  if (!peer || Object.keys(peer).length === 0) {
    throw new MailError('tls-failed', 'The server sent no certificate.');
  }
  const certificate = describeCertificate(peer);
  const base = { protocol: socket.getProtocol() ?? 'unknown', cipher: socket.getCipher()?.name ?? 'unknown', certificate };
  if (socket.authorized) return { ...base, verified: true, pinned: false };

  const reason = String(socket.authorizationError ?? 'UNKNOWN');
  const code = classify(reason);
  if (pinnedSha256 !== undefined) {
    if (normalizeFingerprint(pinnedSha256) === normalizeFingerprint(certificate.sha256Fingerprint)) {
      return { ...base, verified: false, pinned: true };
    }
    throw new MailError('certificate-pin-mismatch', MESSAGES['certificate-pin-mismatch'] ?? reason, {
      details: { ...certificate, reason, verificationCode: code },
    });
  }
  throw new MailError(code, `${MESSAGES[code] ?? 'The certificate was rejected.'} (${reason})`, {
    details: { ...certificate, reason },
  });
}
