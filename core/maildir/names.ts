import { MailError } from '../net/mail-error.js';
import { MAX_FOLDER_DIR_BYTES } from './limits.js';

/**
 * Folder names on disk (Maildir++).
 *
 * A folder is a path of name segments, exactly as the server or the user spelled them
 * (["Archive", "2024"], ["受信トレイ", "仕事/個人"]). INBOX is the Maildir root itself; every
 * other folder is a directory `.seg1.seg2` directly under the root, `.` being the Maildir++
 * hierarchy separator (Courier's and Dovecot's layout).
 *
 * Each segment is written with a percent escape: bytes of the segment's UTF-8 form that are
 * not portable are written `%XX` (upper-case hex), everything else stays as it is. Escaped:
 * `%` itself, `.` (the hierarchy separator), `/` and `\` (path separators), `<>:"|?*` (forbidden
 * on Windows), `;` (our info separator on Windows), control characters, a trailing space
 * (Windows drops it), and every non-ASCII character.
 *
 * Why not IMAP modified UTF-7 (RFC 3501 §5.1.3, Dovecot's choice): its base64 runs mix upper
 * and lower case, so two different names can map to names that collide on case-insensitive
 * file systems (NTFS, default APFS/HFS+); it leaves `.`, `:`, `*` and `?` unescaped; and the
 * result still depends on how the file system normalises nothing, since it is ASCII too.
 * Writing non-ASCII as escaped UTF-8 keeps the directory name pure ASCII, so macOS cannot
 * rewrite it to NFD and the exact code points (NFC or NFD, as given) come back unchanged.
 * The cost is length: a Japanese character takes 9 bytes, so MAX_FOLDER_DIR_BYTES allows a
 * name of about 28 Japanese characters; a longer one is refused with 'invalid-argument'.
 *
 * ASCII letters are kept for readability, so "Work" and "work" share a directory on a
 * case-insensitive file system; the store refuses to create the second (see store.ts).
 */
export type FolderPath = readonly string[];

const HEX = '0123456789ABCDEF';

/** Printable ASCII that is safe in a file name on Windows, macOS and Linux. */
function isPortableAscii(byte: number): boolean {
  if (byte < 0x20 || byte >= 0x7f) return false;
  return !'%./\\<>:"|?*;'.includes(String.fromCharCode(byte));
}

/** True when the string has a UTF-16 surrogate without its pair (not valid Unicode text). */
export function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

export function isInbox(path: FolderPath): boolean {
  return path.length === 1 && path[0]?.toUpperCase() === 'INBOX';
}

/** Checks a folder path and returns it; throws 'invalid-argument' for an unusable one. */
export function checkFolderPath(path: FolderPath): FolderPath {
  if (path.length === 0) throw new MailError('invalid-argument', 'A folder name cannot be empty.');
  for (const segment of path) {
    if (segment.length === 0) {
      throw new MailError('invalid-argument', `Folder "${path.join('/')}" has an empty level in its name.`);
    }
    if (hasLoneSurrogate(segment)) {
      throw new MailError('invalid-argument', 'A folder name must be valid Unicode text.');
    }
  }
  return path;
}

export function encodeSegment(segment: string): string {
  const bytes = new TextEncoder().encode(segment);
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] ?? 0;
    const last = i === bytes.length - 1;
    if (isPortableAscii(byte) && !(last && byte === 0x20)) out += String.fromCharCode(byte);
    else out += `%${HEX[byte >> 4] ?? '0'}${HEX[byte & 15] ?? '0'}`;
  }
  return out;
}

/** Decodes one segment; undefined when the text is not something encodeSegment produced. */
export function decodeSegment(encoded: string): string | undefined {
  if (encoded.length === 0) return undefined;
  const bytes: number[] = [];
  for (let i = 0; i < encoded.length; i++) {
    const ch = encoded.charCodeAt(i);
    if (ch === 0x25) {
      const hex = encoded.slice(i + 1, i + 3);
      if (!/^[0-9A-F]{2}$/.test(hex)) return undefined;
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(ch);
    }
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(new Uint8Array(bytes));
  } catch {
    return undefined;
  }
  // Only the canonical spelling decodes, so one folder never has two directory names.
  return encodeSegment(text) === encoded ? text : undefined;
}

/** The directory name under the account root for a folder other than INBOX: ".a.b". */
export function folderDirName(path: FolderPath): string {
  checkFolderPath(path);
  if (isInbox(path)) return '';
  const name = `.${path.map(encodeSegment).join('.')}`;
  if (name.length > MAX_FOLDER_DIR_BYTES) {
    throw new MailError(
      'invalid-argument',
      `Folder name "${path.join('/')}" is too long to store (${name.length} bytes on disk, at most ${MAX_FOLDER_DIR_BYTES}).`,
    );
  }
  return name;
}

/** The folder path of a ".a.b" directory name; undefined for anything else. */
export function parseFolderDirName(name: string): FolderPath | undefined {
  if (!name.startsWith('.') || name === '.' || name === '..') return undefined;
  const segments: string[] = [];
  for (const part of name.slice(1).split('.')) {
    const segment = decodeSegment(part);
    if (segment === undefined) return undefined;
    segments.push(segment);
  }
  return segments;
}

/** Parses a command-line folder name, "/" separating levels; "INBOX" is the root. */
export function parseFolderArgument(text: string): FolderPath {
  return checkFolderPath(text.split('/'));
}

export function formatFolderPath(path: FolderPath): string {
  return path.join('/');
}
