/**
 * What the page does itself when the host answers 'unsupported' (the web host has no native
 * dialogs, no shell and no drag-out): downloads through <a download>, links in a new tab, and
 * copying with the Clipboard API or the selection fallback.
 */
import type { AttachmentData, TegamiApi } from '../../../../core/api/contract.js';
import { mediaType } from './attachments.js';

/** Schemes a link in a message may open outside the reader (RFC 6068 mailto: included). */
const EXTERNAL_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/** The URL when it is absolute http(s)/mailto, else null (javascript:, data:, file:, relative…). */
export function externalUrl(href: string): string | null {
  let url: URL;
  try {
    url = new URL(href.trim());
  } catch {
    return null;
  }
  return EXTERNAL_SCHEMES.has(url.protocol) ? url.href : null;
}

/** Opens a link in the system browser; a host without one (the web) opens a new, unrelated tab. */
export async function openLink(api: TegamiApi, href: string): Promise<boolean> {
  const url = externalUrl(href);
  if (url === null) return false;
  const result = await api.openExternal(url);
  if (result.status === 'unsupported') window.open(url, '_blank', 'noopener,noreferrer');
  return true;
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * A data: URL for an image part, or null when the part is not a raster image: only image
 * types ever become data: URLs (a data:text/html would be a document, not a picture).
 */
export function imageDataUrl(data: AttachmentData, allowedTypes: ReadonlySet<string>): string | null {
  const type = mediaType(data.contentType);
  if (!allowedTypes.has(type) || !/^[A-Za-z0-9+/]*={0,2}$/.test(data.base64)) return null;
  return `data:${type};base64,${data.base64}`;
}

/** Saves bytes through the browser's download: a Blob URL on an <a download>, revoked afterwards. */
export function downloadBytes(bytes: Uint8Array<ArrayBuffer>, filename: string): void {
  // application/octet-stream: the browser saves it and never renders it as one of our pages.
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  anchor.rel = 'noopener';
  anchor.style.display = 'none';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Copies text; falls back to a hidden textarea and execCommand where the Clipboard API is refused. */
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // Insecure context or permission refused: the selection route below still works on user gesture.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy refused');
}
