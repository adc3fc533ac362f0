/**
 * The POP3 client (RFC 1939 with CAPA, STLS, APOP, AUTH and RFC 3206 codes) and leave-on-server
 * downloads. Deletion grants are issued only inside this module (see grants.ts), so code using
 * it can delete a message from the server only through DownloadSession, after the message is
 * durable locally.
 */
export { Pop3Client, type Pop3ConnectOptions, type Pop3State, type RetrResult } from './client.js';
export { Pop3Capabilities, parseCapabilities } from './capabilities.js';
export { apopDigest, extractApopTimestamp } from './apop.js';
export { DeletionGrant } from './grants.js';
export type { MaildropStat, ScanListing, UidListing } from './listing.js';
export { MultilineDecoder, encodeMultiline, type DecodeResult } from './multiline.js';
export { parseStatusLine, type Pop3Status } from './response.js';
export {
  emptyState,
  planSession,
  recordDeletedLocally,
  type AccountPop3State,
  type RetentionPolicy,
  type SessionPlan,
  type UidlRecord,
} from './retention.js';
export { DownloadSession } from './session.js';
export { BufferSink, callbackSink, writableSink, type MessageSink } from './sink.js';
export { atomicFileSink } from './file-sink.js';
export { JsonFileStateStore, type Pop3StateStore } from './state-file.js';
export * from './limits.js';
