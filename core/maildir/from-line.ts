import { MAX_FROM_LINE_BYTES } from './limits.js';

/**
 * The mbox From_ separator line: "From " SENDER " " DATE, DATE in asctime form
 * ("Sat Jan  3 01:05:34 1996", UTC), sometimes with a zone name or offset. RFC 4155 describes
 * the family. Beginning with "From " is not enough to be a separator: bodies written by
 * careless programs contain "From here on…" unquoted, so a separator must also carry a
 * weekday, a month, a day, a time and a year.
 */
const DAYS = 'Sun|Mon|Tue|Wed|Thu|Fri|Sat';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const FROM_LINE = new RegExp(
  `^From (\\S*) +((?:${DAYS}),? +(${MONTHS.join('|')}) +(\\d{1,2}) +(\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?: +(?:[A-Z]{1,5}|[+-]\\d{4}))? +(\\d{4})(?: +([+-]\\d{4}))?)\\s*$`,
);


export interface FromLine {
  readonly sender: string;
  /** The date of the line, read as UTC (asctime carries no zone) unless an offset follows. */
  readonly date: Date | undefined;
}

const latin1 = new TextDecoder('latin1');

/** Parses a From_ line (with or without its line ending); undefined when it is not one. */
export function parseFromLine(bytes: Uint8Array): FromLine | undefined {
  if (bytes.length < 5 || bytes.length > MAX_FROM_LINE_BYTES) return undefined;
  // "From " fast path before decoding.
  if (bytes[0] !== 0x46 || bytes[1] !== 0x72 || bytes[2] !== 0x6f || bytes[3] !== 0x6d || bytes[4] !== 0x20) return undefined;
  const m = FROM_LINE.exec(latin1.decode(bytes).replace(/\r?\n$/, ''));
  if (m === null) return undefined;
  const [, sender = '', , month = 'Jan', day = '1', hour = '0', minute = '0', second = '0', year = '1970', offset] = m;
  let ms = Date.UTC(Number(year), MONTHS.indexOf(month as (typeof MONTHS)[number]), Number(day), Number(hour), Number(minute), Number(second));
  if (offset !== undefined) {
    const sign = offset.startsWith('-') ? -1 : 1;
    ms -= sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(3, 5))) * 60_000;
  }
  return { sender, date: Number.isFinite(ms) ? new Date(ms) : undefined };
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** "From sender Sat Jan  3 01:05:34 1996\n" in UTC. */
export function formatFromLine(sender: string, date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const asctime = `${WEEKDAYS[date.getUTCDay()] ?? 'Sun'} ${MONTHS[date.getUTCMonth()] ?? 'Jan'} ${String(date.getUTCDate()).padStart(2, ' ')} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} ${date.getUTCFullYear()}`;
  const safeSender = sender.length === 0 || /\s/.test(sender) ? 'MAILER-DAEMON' : sender;
  return `From ${safeSender} ${asctime}\n`;
}
