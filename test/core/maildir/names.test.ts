import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSegment, encodeSegment, folderDirName, parseFolderArgument, parseFolderDirName } from '../../../core/maildir/names.js';
import { MAX_FOLDER_DIR_BYTES } from '../../../core/maildir/limits.js';
import { decodeModifiedUtf7 } from '../../../core/maildir/utf7.js';

/** What a directory name may contain to be valid on Windows, macOS and Linux alike. */
const PORTABLE = /^[\x20-\x7e]+$/;
const FORBIDDEN = /[<>:"/\\|?*;]/;

const segment = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 });

describe('folder names on disk', () => {
  it('round-trips any Unicode folder path exactly, as portable ASCII', () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), (folder) => {
        fc.pre(!(folder.length === 1 && folder[0]?.toUpperCase() === 'INBOX'));
        const size = 1 + folder.map(encodeSegment).join('.').length;
        if (size > MAX_FOLDER_DIR_BYTES) {
          // Too long for one directory name on any file system: refused, never truncated.
          expect(() => folderDirName(folder)).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
          return;
        }
        const dir = folderDirName(folder);
        expect(dir.startsWith('.')).toBe(true);
        expect(dir).toMatch(PORTABLE);
        expect(dir).not.toMatch(FORBIDDEN);
        expect(dir.endsWith(' ')).toBe(false);
        expect(dir.split('.').length - 1).toBe(folder.length);
        expect(parseFolderDirName(dir)).toEqual(folder);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips single segments drawn from every plane', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }), (text) => {
        // Lone surrogates are not text; they are refused (see the next test).
        fc.pre(!/[\uD800-\uDFFF]/.test(text));
        const encoded = encodeSegment(text);
        expect(encoded).toMatch(PORTABLE);
        expect(decodeSegment(encoded)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps Japanese names and both Unicode normalisation forms apart', () => {
    const nfc = 'ポ'; // U+30DD
    const nfd = nfc.normalize('NFD'); // U+30DB U+309A
    expect(nfd).not.toBe(nfc);
    const a = folderDirName(['受信', nfc]);
    const b = folderDirName(['受信', nfd]);
    expect(a).not.toBe(b);
    expect(a.normalize('NFD')).toBe(a); // pure ASCII: nothing for macOS to rewrite
    expect(parseFolderDirName(a)).toEqual(['受信', nfc]);
    expect(parseFolderDirName(b)).toEqual(['受信', nfd]);
    expect(folderDirName(['日本語'])).toBe('.%E6%97%A5%E6%9C%AC%E8%AA%9E');
  });

  it('escapes the separators and the characters Windows forbids', () => {
    expect(folderDirName(['a.b/c\\d'])).toBe('.a%2Eb%2Fc%5Cd');
    expect(folderDirName(['<>:"|?*;%'])).toBe('.%3C%3E%3A%22%7C%3F%2A%3B%25');
    expect(folderDirName(['trailing '])).toBe('.trailing%20');
    expect(folderDirName(['Sent Items'])).toBe('.Sent Items');
    expect(folderDirName(['tab\there'])).toBe('.tab%09here');
  });

  it('treats INBOX (any case) as the root and INBOX children as folders', () => {
    expect(folderDirName(['INBOX'])).toBe('');
    expect(folderDirName(['inbox'])).toBe('');
    expect(folderDirName(['INBOX', 'Sub'])).toBe('.INBOX.Sub');
    expect(parseFolderArgument('Archive/2024')).toEqual(['Archive', '2024']);
  });

  it('rejects names that cannot be stored, with a typed error', () => {
    expect(() => folderDirName([])).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
    expect(() => folderDirName(['a', ''])).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
    expect(() => folderDirName(['bad\uD800'])).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
    expect(() => folderDirName(['日'.repeat(30)])).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
    expect(folderDirName(['日'.repeat(28)]).length).toBeLessThanOrEqual(MAX_FOLDER_DIR_BYTES);
  });

  it('does not accept directory names that are not canonical encodings', () => {
    expect(parseFolderDirName('.')).toBeUndefined();
    expect(parseFolderDirName('..')).toBeUndefined();
    expect(parseFolderDirName('.a..b')).toBeUndefined();
    expect(parseFolderDirName('.%e6%97%a5')).toBeUndefined(); // lower-case hex
    expect(parseFolderDirName('.%41')).toBeUndefined(); // "A" must not be escaped
    expect(parseFolderDirName('.%FF')).toBeUndefined(); // not UTF-8
    expect(parseFolderDirName('.%2')).toBeUndefined();
  });

  it('decodes IMAP modified UTF-7 names of imported Dovecot trees (RFC 3501 §5.1.3)', () => {
    expect(decodeModifiedUtf7('&ZeVnLIqe-')).toBe('日本語');
    expect(decodeModifiedUtf7('Tom &- Jerry')).toBe('Tom & Jerry');
    expect(decodeModifiedUtf7('&U,BTFw-')).toBe('台北');
    expect(decodeModifiedUtf7('&Jjo-!')).toBe('☺!');
    expect(decodeModifiedUtf7('&ZeVnLIqe')).toBeUndefined();
    expect(decodeModifiedUtf7('&Z?-')).toBeUndefined();
  });
});
