/**
 * RFC 5322 §3.3 date-time, including the obsolete forms of §4.3 (two-digit years, named
 * zones, military zones, missing seconds) and common deviations (no comma, zone in a
 * comment, "GMT+0900"). Returns undefined for text that is not a date.
 */

const MONTHS: Readonly<Record<string, number>> = { jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11 };

/** Named zones in minutes east of UTC (RFC 5322 §4.3; military zones count as 0 per spec). */
const ZONES: Readonly<Record<string, number>> = {
  ut: 0, utc: 0, gmt: 0, z: 0,
  edt: -240, est: -300, cdt: -300, cst: -360, mdt: -360, mst: -420, pdt: -420, pst: -480,
  jst: 540, kst: 540, cet: 60, cest: 120, bst: 60, ist: 330, eet: 120, eest: 180,
};

const DATE = /(\d{1,2})\s*[- ]?\s*([A-Za-z]{3})[a-z]*\.?\s*[- ]?\s*(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([+-]\d{2}:?\d{2}|[A-Za-z]{1,5}(?:[+-]\d{1,4})?)?/;

export function parseMailDate(input: string | undefined): Date | undefined {
  if (input === undefined) return undefined;
  const text = input.replace(/\([^)]*\)/g, ' ').trim();
  const m = DATE.exec(text);
  if (m === null) {
    // ISO 8601 from badly written software.
    const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/.exec(text);
    if (iso !== null) {
      const d = new Date(text);
      return Number.isNaN(d.getTime()) ? undefined : d;
    }
    return undefined;
  }
  const day = Number(m[1]);
  const month = MONTHS[(m[2] as string).toLowerCase()];
  let year = Number(m[3]);
  if (month === undefined || day < 1 || day > 31) return undefined;
  // RFC 5322 §4.3: two-digit years 00-49 are 2000-2049, 50-99 are 1950-1999; three digits + 1900.
  if ((m[3] as string).length === 2) year += year < 50 ? 2000 : 1900;
  else if ((m[3] as string).length === 3) year += 1900;
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  let offset = 0;
  const zone = m[7];
  if (zone !== undefined) {
    const numeric = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
    if (numeric !== null) {
      offset = (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3]));
    } else {
      const named = /^([A-Za-z]+)(?:([+-])(\d{1,4}))?$/.exec(zone);
      if (named !== null) {
        offset = ZONES[(named[1] as string).toLowerCase()] ?? 0;
        if (named[2] !== undefined && named[3] !== undefined) {
          const digits = (named[3] as string).padStart(named[3].length <= 2 ? 2 : 4, '0');
          const hours = digits.length <= 2 ? Number(digits) : Number(digits.slice(0, -2));
          const minutes = digits.length <= 2 ? 0 : Number(digits.slice(-2));
          offset += (named[2] === '-' ? -1 : 1) * (hours * 60 + minutes);
        }
      }
    }
  }
  const utc = Date.UTC(year, month, day, hour, minute, Math.min(second, 59)) - offset * 60_000;
  const date = new Date(utc);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Formats a date as RFC 5322 §3.3 in UTC offset +0000 (or the given offset in minutes). */
export function formatMailDate(date: Date, offsetMinutes = 0): string {
  const shifted = new Date(date.getTime() + offsetMinutes * 60_000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${DAY_NAMES[shifted.getUTCDay()] ?? 'Sun'}, ${shifted.getUTCDate()} ${MONTH_NAMES[shifted.getUTCMonth()] ?? 'Jan'} ${shifted.getUTCFullYear()} ${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())} ${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}
