import { MailError, type MailErrorCode } from '../net/mail-error.js';
import { toServerReply, type SmtpReply } from './reply.js';

/** The command a reply answered, which decides what a failure means. */
export type SmtpPhase = 'greeting' | 'ehlo' | 'starttls' | 'auth' | 'mail' | 'rcpt' | 'data' | 'rset' | 'quit' | 'other';

/**
 * Maps a failure reply onto the codes the UI acts on, using the enhanced status code
 * (RFC 3463) when the server sent one and the basic code (RFC 5321 §4.2.3) otherwise.
 */
export function classifyReply(reply: SmtpReply, phase: SmtpPhase): MailErrorCode {
  const enhanced = reply.enhancedCode ?? '';
  const detail = enhanced.slice(2); // "7.1" from "5.7.1"
  if (reply.code >= 400 && reply.code < 500) {
    return 'temporary-failure';
  }
  if (phase === 'auth' && (reply.code === 535 || reply.code === 534 || detail === '7.8' || detail === '7.9')) return 'auth-failed';
  // 530 5.7.0 is used both for "Must issue a STARTTLS command first" and "Authentication
  // required" (RFC 4954 §6); only the first means TLS. 5.7.11 is "encryption required" (RFC 5248).
  if (detail === '7.11' || ((reply.code === 530 || detail === '7.0') && /starttls|tls|encrypt/i.test(reply.text))) return 'tls-required';
  if (reply.code === 552 || detail === '3.4' || detail === '2.3') return 'message-too-large';
  if (detail === '7.1') return 'relay-denied';
  if (phase === 'rcpt' && (detail === '1.1' || detail === '1.0' || detail === '1.10' || detail === '1.6' || (!enhanced && reply.code === 550 && /unknown|no such|not exist/i.test(reply.text)))) {
    return 'recipient-unknown';
  }
  if (phase === 'auth') return 'auth-failed';
  return 'permanent-failure';
}

const MESSAGES: Partial<Record<MailErrorCode, string>> = {
  'temporary-failure': 'The server reported a temporary failure; try again later.',
  'auth-failed': 'The server rejected the user name or password.',
  'tls-required': 'The server requires an encrypted connection (STARTTLS or TLS) for this.',
  'message-too-large': 'The message is larger than the server accepts.',
  'relay-denied': 'The server refused to relay this message (authentication may be required, or the sender is not allowed).',
  'recipient-unknown': 'The recipient address does not exist.',
  'permanent-failure': 'The server rejected the command.',
};

export function replyError(reply: SmtpReply, phase: SmtpPhase, what?: string): MailError {
  const code = classifyReply(reply, phase);
  const first = reply.text.split('\n')[0] ?? '';
  return new MailError(code, `${what ? `${what}: ` : ''}${MESSAGES[code] ?? 'The server rejected the command.'} (${reply.code}${reply.enhancedCode ? ` ${reply.enhancedCode}` : ''} ${first})`, {
    reply: toServerReply(reply),
    transient: code === 'temporary-failure',
    details: { phase },
  });
}
