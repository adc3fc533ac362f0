/**
 * File names taken from mail (attachment names are chosen by the sender) or from the page,
 * made safe to write on any of the three platforms, and the check for attachments that run
 * code when opened.
 */
import { MAX_FILE_NAME_LENGTH } from './limits.js';

/** Windows device names, reserved with any extension ("CON.txt" opens the console). */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/iu;

/**
 * Bidirectional controls: "invoice\u202Efdp.exe" displays as "invoiceexe.pdf". Removed so the
 * name on disk reads the way it is.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/**
 * One path segment that is safe to create: no directory separators (no traversal), no control
 * or Windows-forbidden characters, no leading dots (hidden files, "..") and no trailing dots or
 * spaces (Windows drops them, which would change the extension we checked), not a device name,
 * at most MAX_FILE_NAME_LENGTH characters with the extension kept. Never empty.
 */
export function sanitizeFileName(name: string | null | undefined, fallback = 'attachment'): string {
  let out = (name ?? '')
    .normalize('NFC')
    .replace(BIDI_CONTROLS, '')
    .replace(/[\u0000-\u001f\u007f-\u009f]/gu, '')
    .replace(/[/\\:*?"<>|]/gu, '_')
    .trim()
    .replace(/^[.\s]+/u, '')
    .replace(/[.\s]+$/u, '');
  if (out === '') out = fallback;
  if (WINDOWS_DEVICE.test(out)) out = `_${out}`;
  if (out.length > MAX_FILE_NAME_LENGTH) {
    const dot = out.lastIndexOf('.');
    const extension = dot > 0 && out.length - dot <= 16 ? out.slice(dot) : '';
    out = [...out.slice(0, out.length - extension.length)].slice(0, MAX_FILE_NAME_LENGTH - extension.length).join('').replace(/[.\s]+$/u, '') + extension;
  }
  return out;
}

/**
 * The file a message is saved as: its subject (unfolded, RFC 5322 §2.2.3) with ".eml", made safe
 * by sanitizeFileName ("Re: 見積" → "Re_ 見積.eml"). The extension survives shortening, and a
 * subject that leaves nothing (none, only dots or slashes) gives "message.eml".
 */
export function messageFileName(subject: string | null | undefined): string {
  const stem = sanitizeFileName((subject ?? '').replace(/\s+/gu, ' '), 'message');
  // Sanitized twice: the stem loses trailing dots and device names before ".eml" is added, the
  // whole is then cut to MAX_FILE_NAME_LENGTH with the extension kept.
  return sanitizeFileName(`${stem}.eml`, 'message.eml');
}

/** "report (2).pdf" for the second file called "report.pdf". */
export function numberedFileName(name: string, n: number): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)} (${n})${name.slice(dot)}` : `${name} (${n})`;
}

/**
 * Extensions the OS runs (or hands to an interpreter) when the file is opened: Windows
 * executables, installers, scripts and shortcuts, macOS applications and installers, Unix
 * scripts, Java archives.
 */
const EXECUTABLE_EXTENSIONS = new Set([
  'exe', 'com', 'scr', 'pif', 'cpl', 'msi', 'msp', 'mst', 'msc', 'bat', 'cmd', 'vb', 'vbs', 'vbe', 'js', 'jse', 'mjs', 'ws', 'wsf', 'wsc', 'wsh',
  'ps1', 'ps1xml', 'ps2', 'psm1', 'psd1', 'hta', 'lnk', 'url', 'scf', 'inf', 'reg', 'dll', 'sys', 'gadget', 'application', 'appref-ms', 'jar',
  'app', 'pkg', 'mpkg', 'dmg', 'command', 'tool', 'workflow', 'terminal', 'sh', 'bash', 'zsh', 'csh', 'ksh', 'run', 'bin', 'elf', 'appimage',
  'deb', 'rpm', 'desktop', 'py', 'pyw', 'pl', 'rb', 'php', 'iso', 'img', 'vhd', 'vhdx', 'chm', 'settingcontent-ms', 'library-ms', 'xll', 'xbap',
]);

/** Content types of the same kinds, as senders and servers label them. */
const EXECUTABLE_TYPES = new Set([
  'application/x-msdownload', 'application/x-msdos-program', 'application/x-dosexec', 'application/x-executable', 'application/x-ms-installer',
  'application/x-msi', 'application/x-ms-shortcut', 'application/x-bat', 'application/x-sh', 'application/x-shellscript', 'application/x-csh',
  'application/javascript', 'application/x-javascript', 'text/javascript', 'application/ecmascript', 'text/vbscript', 'application/x-vbscript',
  'application/hta', 'application/x-powershell', 'application/java-archive', 'application/x-java-archive', 'application/vnd.microsoft.portable-executable',
  'application/x-mach-binary', 'application/x-apple-diskimage', 'application/x-elf', 'application/x-sharedlib', 'application/x-python-code',
  'text/x-python', 'text/x-shellscript', 'application/x-perl', 'text/x-perl', 'application/x-iso9660-image', 'application/vnd.ms-htmlhelp',
]);

/** The extension as the OS sees it: after the last dot, trailing dots and spaces ignored (Windows drops them). */
export function fileExtension(name: string): string {
  const trimmed = name.replace(/[.\s]+$/u, '');
  const dot = trimmed.lastIndexOf('.');
  return dot < 0 ? '' : trimmed.slice(dot + 1).toLowerCase();
}

/** True when the name's extension OR the declared content type is one that runs code; either is enough to ask first. */
export function isExecutableAttachment(filename: string | null, contentType: string | null): boolean {
  if (filename !== null && EXECUTABLE_EXTENSIONS.has(fileExtension(filename.replace(BIDI_CONTROLS, '')))) return true;
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return EXECUTABLE_TYPES.has(type);
}
