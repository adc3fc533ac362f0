import { errorSummaryKey as generalSummaryKey } from '../../app/errors.js';
import type { MessageKey } from '../../i18n/catalogs.js';

/**
 * A sync failure in the user's language. The engine's message is English and technical (it
 * names the host, the port and the server's reply); the status line shows what happened in
 * words of the window's language and keeps that message for the tooltip and the connection log.
 * The summaries are the window's (app/errors.ts); a code without one reads as a failed sync.
 */
export function errorSummaryKey(code: string): MessageKey {
  // A sync that finds the machine offline simply cannot reach its server.
  if (code === 'offline') return 'error.unreachable';
  return generalSummaryKey(code) ?? 'status.error.other';
}
