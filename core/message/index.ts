/** core/message: pure analysis of parsed messages (path, authentication, signals, threads). */
export { parseReceived, analyzeReceivedPath, formatDelay, CLOCK_SKEW_TOLERANCE_SECONDS, FUTURE_TOLERANCE_SECONDS, type ReceivedHop, type PathHop, type ReceivedPath, type TlsInfo, type HopFlag } from './received.js';
export { parseAuthenticationResults, summarizeAuthResults, type AuthResult, type AuthenticationResults, type AuthSummary } from './auth-results.js';
export { readerSignals, linkMismatches, displayNameSignal, type ReaderSignal, type SignalOptions } from './signals.js';
export { scanAnchors, decodeEntities, type Anchor } from './links.js';
export { organizationalDomain, domainOfAddress } from './domains.js';
export { normalizeSubject, type NormalizedSubject } from './subject.js';
export { threadMessages, Threader, type ThreadMessage, type ThreadNode } from './thread.js';
