/**
 * Attachment facts the reader shows and acts on: a size in the UI language, an icon kind,
 * whether opening it could run code (then the user confirms first), and which preview fits.
 */
import type { AttachmentInfo } from '../../../../core/api/contract.js';

/** Images above this are not previewed inline (the bytes travel as base64 through the bridge). */
export const IMAGE_PREVIEW_MAX_BYTES = 10 * 1024 * 1024;
/** PDFs above this are not previewed; open or save them instead. */
export const PDF_PREVIEW_MAX_BYTES = 25 * 1024 * 1024;

/**
 * File types that run code when opened with the OS's default handler (Windows, macOS, Linux
 * desktops) — including scripts and installers that a double click executes, and shortcuts
 * that point at programs. Office macro documents are left out: they open in their viewer.
 */
const EXECUTABLE_EXTENSIONS = new Set([
  'exe', 'com', 'scr', 'pif', 'bat', 'cmd', 'msi', 'msp', 'mst', 'cpl', 'dll', 'sys', 'hta', 'lnk', 'url', 'reg', 'inf', 'scf',
  'vbs', 'vbe', 'js', 'jse', 'wsf', 'wsh', 'wsc', 'ps1', 'psm1', 'psd1', 'ps1xml', 'msh', 'appx', 'msix', 'appref-ms', 'application', 'gadget',
  'jar', 'jnlp', 'app', 'command', 'tool', 'pkg', 'mpkg', 'dmg', 'workflow', 'action', 'sh', 'bash', 'csh', 'ksh', 'zsh', 'run', 'bin',
  'deb', 'rpm', 'appimage', 'flatpakref', 'desktop', 'apk', 'py', 'pyw', 'pl', 'rb', 'php', 'iso', 'img', 'vhd', 'vhdx',
]);

const EXECUTABLE_TYPES = new Set([
  'application/x-msdownload', 'application/x-msdos-program', 'application/x-ms-installer', 'application/x-msi', 'application/x-dosexec',
  'application/x-executable', 'application/x-elf', 'application/x-mach-binary', 'application/x-sh', 'application/x-shellscript',
  'application/x-csh', 'application/java-archive', 'application/x-java-archive', 'application/x-java-jnlp-file', 'application/vnd.microsoft.portable-executable',
  'application/x-apple-diskimage', 'application/vnd.android.package-archive', 'application/x-bat', 'application/hta', 'text/javascript',
  'application/javascript', 'application/x-javascript', 'text/vbscript', 'application/x-powershell',
]);

/** Raster image types Chromium shows in <img>; SVG is left out (it is a document, not a picture). */
export const IMAGE_PREVIEW_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp', 'image/avif', 'image/x-icon', 'image/vnd.microsoft.icon']);

export type AttachmentIcon = 'image' | 'pdf' | 'audio' | 'video' | 'archive' | 'text' | 'document' | 'spreadsheet' | 'presentation' | 'calendar' | 'message' | 'executable' | 'other';

export type PreviewKind = 'image' | 'pdf' | 'none';

/** The base type without parameters, lower-cased. */
export function mediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

/** The last extension, lower-cased ("report.pdf.exe" → "exe"); trailing dots and spaces (a Windows trick) ignored. */
export function extensionOf(filename: string | null): string {
  if (filename === null) return '';
  const name = filename.replace(/[.\s]+$/, '');
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

export function isExecutable(attachment: Pick<AttachmentInfo, 'filename' | 'contentType'>): boolean {
  return EXECUTABLE_EXTENSIONS.has(extensionOf(attachment.filename)) || EXECUTABLE_TYPES.has(mediaType(attachment.contentType));
}

export function attachmentIcon(attachment: Pick<AttachmentInfo, 'filename' | 'contentType'>): AttachmentIcon {
  if (isExecutable(attachment)) return 'executable';
  const type = mediaType(attachment.contentType);
  const ext = extensionOf(attachment.filename);
  if (type.startsWith('image/')) return 'image';
  if (type === 'application/pdf' || ext === 'pdf') return 'pdf';
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('video/')) return 'video';
  if (type === 'message/rfc822' || ext === 'eml') return 'message';
  if (type === 'text/calendar' || ext === 'ics') return 'calendar';
  if (/zip|compressed|tar|gzip|7z|rar|bzip|xz/.test(type) || ['zip', '7z', 'rar', 'gz', 'tgz', 'bz2', 'xz', 'tar', 'lzh'].includes(ext)) return 'archive';
  if (/spreadsheet|excel|csv/.test(type) || ['xls', 'xlsx', 'ods', 'csv', 'numbers'].includes(ext)) return 'spreadsheet';
  if (/presentation|powerpoint/.test(type) || ['ppt', 'pptx', 'odp', 'key'].includes(ext)) return 'presentation';
  if (/word|opendocument\.text|rtf/.test(type) || ['doc', 'docx', 'odt', 'rtf', 'pages'].includes(ext)) return 'document';
  if (type.startsWith('text/')) return 'text';
  return 'other';
}

/** A short label for the file's icon: its extension (up to 4 characters), else one from its kind. */
export function iconLabel(attachment: Pick<AttachmentInfo, 'filename' | 'contentType'>): string {
  const ext = extensionOf(attachment.filename);
  if (/^[a-z0-9]{1,4}$/.test(ext)) return ext.toUpperCase();
  const subtype = mediaType(attachment.contentType).split('/')[1] ?? '';
  return /^[a-z0-9]{1,4}$/.test(subtype) ? subtype.toUpperCase() : '•';
}

/** Which preview the reader may show; too large or unknown → none. */
export function previewKind(attachment: Pick<AttachmentInfo, 'filename' | 'contentType' | 'size'>): PreviewKind {
  const type = mediaType(attachment.contentType);
  if (IMAGE_PREVIEW_TYPES.has(type)) return attachment.size <= IMAGE_PREVIEW_MAX_BYTES ? 'image' : 'none';
  const pdf = type === 'application/pdf' || (type === 'application/octet-stream' && extensionOf(attachment.filename) === 'pdf');
  if (pdf) return attachment.size <= PDF_PREVIEW_MAX_BYTES ? 'pdf' : 'none';
  return 'none';
}

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** "1.2 MB" / "1.2 MB" in the UI language (decimal units as file managers on macOS and GNOME show them). */
export function formatSize(bytes: number, language: string): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  // Bytes read best spelled out ("512 bytes", "512 バイト"); larger units as their symbols.
  return new Intl.NumberFormat(language, { style: 'unit', unit: UNITS[unit], unitDisplay: unit === 0 ? 'long' : 'short', maximumFractionDigits: digits }).format(value);
}

/** The name to show and to save under: the part's filename, else one made from its type. */
export function displayName(attachment: Pick<AttachmentInfo, 'filename' | 'contentType' | 'handle'>): string {
  const name = attachment.filename?.trim();
  if (name !== undefined && name !== '') return name.replace(/[\\/]/g, '_');
  const subtype = mediaType(attachment.contentType).split('/')[1] ?? 'bin';
  const ext = subtype === 'plain' ? 'txt' : subtype === 'rfc822' ? 'eml' : subtype.replace(/^x-/, '').replace(/[^a-z0-9]/g, '');
  return `part-${attachment.handle}.${ext || 'bin'}`;
}

/**
 * The attachments listed for the user: everything except the inline images an HTML body shows
 * in place (multipart/related parts with a Content-ID the body refers to).
 */
export function listedAttachments(attachments: readonly AttachmentInfo[], html: string | null): AttachmentInfo[] {
  return attachments.filter((a) => !(a.related && a.contentId !== null && html !== null && cidReferenced(html, a.contentId)));
}

/** Whether the body refers to the Content-ID; cid: URLs are %-encoded (RFC 2392 §2). */
export function cidReferenced(html: string, contentId: string): boolean {
  const lower = html.toLowerCase();
  return lower.includes(`cid:${contentId.toLowerCase()}`) || lower.includes(`cid:${encodeURIComponent(contentId).toLowerCase()}`);
}

/** The inline images an HTML body refers to by cid: (RFC 2392), to fetch as data: URLs. */
export function inlineImages(attachments: readonly AttachmentInfo[], html: string | null): AttachmentInfo[] {
  if (html === null) return [];
  return attachments.filter((a) => a.contentId !== null && IMAGE_PREVIEW_TYPES.has(mediaType(a.contentType)) && a.size <= IMAGE_PREVIEW_MAX_BYTES && cidReferenced(html, a.contentId));
}
