import type { ConnectionLogEntry } from '../../../../core/api/contract.js';

/**
 * The connection log as the dialog shows and copies it. The service already removed secrets
 * (DESIGN: transcripts redact AUTH/LOGIN/PASS); nothing here adds any back.
 */

/** What the client wrote, what the server answered, and the app's own notes (connect, TLS). */
export const DIRECTION_ARROWS: { readonly [D in ConnectionLogEntry['direction']]: string } = {
  client: '→',
  server: '←',
  info: '•',
};

/** One line per entry: ISO time, protocol, arrow, text. Multi-line texts keep their lines indented. */
export function transcriptText(entries: readonly ConnectionLogEntry[]): string {
  return entries
    .map((e) => {
      const prefix = `${e.at} ${e.protocol.toUpperCase().padEnd(4)} ${DIRECTION_ARROWS[e.direction]} `;
      return prefix + e.text.replace(/\r?\n/g, `\n${' '.repeat(prefix.length)}`);
    })
    .join('\n');
}

/** The entry's time of day in the UI language, with seconds and milliseconds; the raw value when unreadable. */
export function entryTime(at: string, language: string): string {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) return at;
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3, hour12: false }).format(ms);
}
