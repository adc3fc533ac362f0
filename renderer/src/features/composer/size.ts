/**
 * How big a message will be on the wire, for the size meter against the server's SIZE limit
 * (RFC 1870). Attachments go as base64 (RFC 2045 §6.8): 4 characters per 3 bytes plus CRLF every
 * 76 characters; bodies are counted as UTF-8, base64-encoded when they are not ASCII (the
 * builder may choose 8bit when the server allows it, so this errs on the large side).
 */

/** Headers, MIME boundaries and part headers: a generous allowance. */
export const HEADER_ALLOWANCE = 2048;
export const PART_HEADER_ALLOWANCE = 256;

export function base64Size(bytes: number): number {
  const chars = Math.ceil(bytes / 3) * 4;
  return chars + Math.ceil(chars / 76) * 2;
}

function bodySize(text: string): number {
  const bytes = new TextEncoder().encode(text).length;
  return /^[\x00-\x7f]*$/.test(text) ? bytes : base64Size(bytes);
}

export function estimateMessageSize(text: string, html: string | null, attachmentSizes: readonly number[]): number {
  let total = HEADER_ALLOWANCE + bodySize(text);
  if (html !== null) total += PART_HEADER_ALLOWANCE + bodySize(html);
  for (const size of attachmentSizes) total += PART_HEADER_ALLOWANCE + base64Size(size);
  return total;
}

/** A byte count in the UI language with Intl ("11 bytes", "1.5 kB", "5 MB"), in 1024 steps. */
export function formatSize(bytes: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  // Whole bytes read better spelled out ("11 bytes", "11 バイト") than as the short unit.
  return new Intl.NumberFormat(locale, { style: 'unit', unit: units[unit], unitDisplay: unit === 0 ? 'long' : 'short', maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
}

/** The base64 text of bytes the page holds (File contents), for stageAttachment. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
