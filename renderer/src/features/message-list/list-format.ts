import type { MailAddress } from '../../../../core/api/contract.js';

/**
 * How the list writes dates and senders, in the UI language: a message from today shows only
 * its time, one from this year month and day, older ones the full date.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: string, kind: 'time' | 'day' | 'date' | 'full'): Intl.DateTimeFormat {
  const key = `${language}|${kind}`;
  let cached = formatters.get(key);
  if (cached === undefined) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'time'
        ? { hour: 'numeric', minute: '2-digit' }
        : kind === 'day'
          ? { month: 'short', day: 'numeric' }
          : kind === 'full'
            ? { dateStyle: 'full', timeStyle: 'short' }
            : { year: 'numeric', month: 'numeric', day: 'numeric' };
    cached = new Intl.DateTimeFormat(language, options);
    formatters.set(key, cached);
  }
  return cached;
}

export function listDate(epochMs: number, language: string, now: Date = new Date()): string {
  const date = new Date(epochMs);
  if (Number.isNaN(date.getTime())) return '';
  const sameYear = date.getFullYear() === now.getFullYear();
  const sameDay = sameYear && date.getMonth() === now.getMonth() && date.getDate() === now.getDate();
  return formatter(language, sameDay ? 'time' : sameYear ? 'day' : 'date').format(date);
}

/** The full date and time, for the cell's tooltip (every visible row renders one: the formatter is cached). */
export function fullDate(epochMs: number, language: string): string {
  return formatter(language, 'full').format(new Date(epochMs));
}

/** A sender as the list shows it: the display name, else the address. */
export function senderLabel(from: readonly MailAddress[]): string {
  const first = from[0];
  if (first === undefined) return '';
  return first.name !== '' ? first.name : first.address;
}

const sizeFormatters = new Map<string, Intl.NumberFormat>();

/** Bytes as "12 KB" / "3.4 MB" in the UI language (1 KB = 1,024 bytes, as mail clients show). */
export function listSize(bytes: number, language: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const key = `${language}|${unit}|${value < 10 && unit > 0 ? 1 : 0}`;
  let cached = sizeFormatters.get(key);
  if (cached === undefined) {
    // ICU's short form of "byte" is the singular ("512 byte"); the long form is plural-aware.
    cached = new Intl.NumberFormat(language, { style: 'unit', unit: units[unit], unitDisplay: unit === 0 ? 'long' : 'short', maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0 });
    sizeFormatters.set(key, cached);
  }
  return cached.format(value);
}
