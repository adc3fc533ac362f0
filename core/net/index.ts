/** The transport layer shared by the SMTP, IMAP and POP3 clients. See README.md. */
export { connect, type ConnectOptions, type Connector } from './connect.js';
export {
  Connection,
  assertSafeArgument,
  describeTls,
  type ConnectionOptions,
  type ReadOptions,
  type Security,
  type TimeoutKind,
  type WriteOptions,
} from './connection.js';
export { describeCertificate, normalizeFingerprint, type CertificateDetails, type TlsInfo } from './certificate.js';
export { DEFAULT_TIMEOUTS, MAX_LINE_LENGTH, MAX_READ_BYTES, type Timeouts } from './limits.js';
export { MailError, isMailError, type MailErrorCode, type ServerReply } from './mail-error.js';
export { REDACTED, redactCommand } from './redact.js';
export { Transcript, type TranscriptEntry, type TranscriptDirection } from './transcript.js';
