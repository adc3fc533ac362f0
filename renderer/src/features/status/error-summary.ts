import type { MessageKey } from '../../i18n/catalogs.js';

/**
 * A sync failure in the user's language. The engine's message is English and technical (it
 * names the host, the port and the server's reply); the status line shows what happened in
 * words of the window's language and keeps that message for the tooltip and the connection log.
 * Codes are MailError's (core/net/mail-error.ts) and the service's ApiError codes a sync can end
 * with; a code not listed here reads as a failed sync.
 */
const SUMMARY: Readonly<Record<string, MessageKey>> = {
  'connect-failed': 'status.error.unreachable',
  'dns-failed': 'status.error.unreachable',
  'connection-closed': 'status.error.unreachable',
  offline: 'status.error.unreachable',
  'connect-timeout': 'status.error.timeout',
  'greeting-timeout': 'status.error.timeout',
  'command-timeout': 'status.error.timeout',
  'idle-timeout': 'status.error.timeout',
  'tls-failed': 'status.error.tls',
  'tls-required': 'status.error.tls',
  'starttls-unavailable': 'status.error.tls',
  'starttls-injection': 'status.error.tls',
  'certificate-untrusted': 'status.error.certificate',
  'certificate-expired': 'status.error.certificate',
  'certificate-hostname': 'status.error.certificate',
  'certificate-pin-mismatch': 'status.error.certificate',
  'auth-failed': 'status.error.auth',
  'auth-unsupported': 'status.error.authMethod',
  'auth-insecure': 'status.error.authMethod',
  'login-delay': 'status.error.loginDelay',
  'over-quota': 'status.error.quota',
  'disk-full': 'status.error.storage',
  'io-error': 'status.error.storage',
  'storage-failed': 'status.error.storage',
  'credential-store-unavailable': 'status.error.keychain',
};

export function errorSummaryKey(code: string): MessageKey {
  return SUMMARY[code] ?? 'status.error.other';
}
