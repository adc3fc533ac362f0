import { toBridgeError } from '../bridge/errors.js';
import type { MessageKey } from '../i18n/catalogs.js';

/**
 * What an error code means, in the window's language. Codes are MailError's
 * (core/net/mail-error.ts) and the service's ApiError's (core/api/errors.ts); a code not listed
 * here has no summary and shows the service's message alone.
 */
const SUMMARY: Readonly<Record<string, MessageKey>> = {
  'connect-failed': 'error.unreachable',
  'dns-failed': 'error.unreachable',
  'connection-closed': 'error.unreachable',
  'connect-timeout': 'error.timeout',
  'greeting-timeout': 'error.timeout',
  'command-timeout': 'error.timeout',
  'idle-timeout': 'error.timeout',
  'tls-failed': 'error.tls',
  'tls-required': 'error.tls',
  'starttls-unavailable': 'error.tls',
  'starttls-injection': 'error.tls',
  'certificate-untrusted': 'error.certificate',
  'certificate-expired': 'error.certificate',
  'certificate-hostname': 'error.certificate',
  'certificate-pin-mismatch': 'error.certificate',
  'auth-failed': 'error.auth',
  'auth-unsupported': 'error.authMethod',
  'auth-insecure': 'error.authMethod',
  'login-delay': 'error.loginDelay',
  'over-quota': 'error.quota',
  'disk-full': 'error.storage',
  'io-error': 'error.storage',
  'storage-failed': 'error.storage',
  'credential-store-unavailable': 'error.keychain',
  'server-rejected': 'error.serverRejected',
  'permanent-failure': 'error.serverRejected',
  'temporary-failure': 'error.serverTemporary',
  'recipient-unknown': 'error.recipientRejected',
  'all-recipients-rejected': 'error.recipientRejected',
  'relay-denied': 'error.relayDenied',
  'message-too-large': 'error.messageTooLarge',
  'mailbox-not-found': 'error.folderMissing',
  'not-found': 'error.notFound',
  'too-large': 'error.tooLarge',
  offline: 'error.offline',
  forbidden: 'error.notAllowed',
  'not-allowed': 'error.notAllowed',
  unavailable: 'error.unsupported',
  disconnected: 'error.disconnected',
};

/** The summary of `code` in the catalogs, or null when the code has none. */
export function errorSummaryKey(code: string): MessageKey | null {
  return SUMMARY[code] ?? null;
}

/**
 * The sentence to show for a failed request: what happened in the window's language, then the
 * service's own message (English, with the host and the server's reply) in parentheses for the
 * details a support question needs. A code without a summary shows the message alone.
 */
export function errorText(error: unknown, t: (key: MessageKey) => string): string {
  const { code, message } = toBridgeError(error);
  const key = errorSummaryKey(code);
  if (key === null) return message;
  const summary = t(key);
  return message === '' || message === summary ? summary : `${summary} (${message})`;
}
