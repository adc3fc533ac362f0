import { describe, expect, it } from 'vitest';
import type { AttachmentInfo } from '../../../../core/api/contract.js';
import {
  attachmentIcon,
  displayName,
  extensionOf,
  formatSize,
  iconLabel,
  IMAGE_PREVIEW_MAX_BYTES,
  inlineImages,
  isExecutable,
  listedAttachments,
  PDF_PREVIEW_MAX_BYTES,
  previewKind,
} from '../../../../renderer/src/features/message-view/attachments.js';

function part(fields: Partial<AttachmentInfo>): AttachmentInfo {
  return { handle: '2', filename: 'file.bin', contentType: 'application/octet-stream', disposition: 'attachment', contentId: null, related: false, size: 100, ...fields };
}

describe('attachment classification', () => {
  it('treats programs, scripts and installers as executable by extension or type', () => {
    for (const filename of ['setup.exe', 'invoice.pdf.exe', 'run.BAT', 'x.js', 'tool.jar', 'app.dmg', 'install.sh', 'trick.exe. . ', 'l.lnk', 'a.ps1', 'x.msi']) {
      expect(isExecutable(part({ filename })), filename).toBe(true);
    }
    expect(isExecutable(part({ filename: null, contentType: 'application/x-msdownload' }))).toBe(true);
    expect(isExecutable(part({ filename: 'noext', contentType: 'application/x-sh; charset=utf-8' }))).toBe(true);
    for (const filename of ['report.pdf', 'photo.jpg', 'notes.txt', 'exe', '.bashrc', 'data.csv', 'doc.docx']) {
      expect(isExecutable(part({ filename, contentType: 'application/octet-stream' })), filename).toBe(false);
    }
  });

  it('takes only the last extension', () => {
    expect(extensionOf('a.tar.gz')).toBe('gz');
    expect(extensionOf('.hidden')).toBe('');
    expect(extensionOf(null)).toBe('');
  });

  it('picks icons by type and name', () => {
    expect(attachmentIcon(part({ filename: 'a.png', contentType: 'image/png' }))).toBe('image');
    expect(attachmentIcon(part({ filename: 'a.pdf' }))).toBe('pdf');
    expect(attachmentIcon(part({ filename: 'a.zip' }))).toBe('archive');
    expect(attachmentIcon(part({ filename: 'a.xlsx' }))).toBe('spreadsheet');
    expect(attachmentIcon(part({ filename: 'a.exe', contentType: 'image/png' }))).toBe('executable');
    expect(attachmentIcon(part({ filename: null, contentType: 'message/rfc822' }))).toBe('message');
    expect(attachmentIcon(part({ filename: 'x', contentType: 'text/plain' }))).toBe('text');
  });

  it('previews raster images and PDFs up to their limits only', () => {
    expect(previewKind(part({ contentType: 'image/png', size: IMAGE_PREVIEW_MAX_BYTES }))).toBe('image');
    expect(previewKind(part({ contentType: 'image/png', size: IMAGE_PREVIEW_MAX_BYTES + 1 }))).toBe('none');
    expect(previewKind(part({ contentType: 'image/svg+xml' }))).toBe('none');
    expect(previewKind(part({ contentType: 'application/pdf', size: PDF_PREVIEW_MAX_BYTES }))).toBe('pdf');
    expect(previewKind(part({ contentType: 'application/octet-stream', filename: 'scan.PDF' }))).toBe('pdf');
    expect(previewKind(part({ contentType: 'application/pdf', size: PDF_PREVIEW_MAX_BYTES + 1 }))).toBe('none');
    expect(previewKind(part({ contentType: 'application/zip' }))).toBe('none');
  });

  it('formats sizes in the UI language', () => {
    expect(formatSize(512, 'en')).toBe('512 bytes');
    expect(formatSize(1, 'en')).toBe('1 byte');
    expect(formatSize(512, 'ja')).toBe('512 バイト');
    expect(formatSize(1_234_567, 'en')).toBe('1.2 MB');
    expect(formatSize(120_000, 'en')).toBe('120 kB');
    expect(formatSize(1_234_567, 'ja')).toBe('1.2 MB');
    expect(formatSize(1_500, 'ja')).toBe('1.5 KB');
  });

  it('names nameless parts from their type and never lets a name carry a path', () => {
    expect(displayName(part({ filename: null, contentType: 'text/plain', handle: '1.2' }))).toBe('part-1.2.txt');
    expect(displayName(part({ filename: '../../etc/passwd' }))).toBe('.._.._etc_passwd');
  });

  it('lists inline images the HTML shows in place apart from real attachments', () => {
    const logo = part({ handle: '1.2', filename: 'logo.png', contentType: 'image/png', contentId: 'logo@x', related: true, disposition: 'inline' });
    const unused = part({ handle: '1.3', filename: 'other.png', contentType: 'image/png', contentId: 'other@x', related: true, disposition: 'inline' });
    const doc = part({ handle: '2', filename: 'doc.pdf', contentType: 'application/pdf' });
    const html = '<p><img src="cid:logo@x"></p>';
    expect(listedAttachments([logo, unused, doc], html).map((a) => a.handle)).toEqual(['1.3', '2']);
    expect(inlineImages([logo, unused, doc], html).map((a) => a.handle)).toEqual(['1.2']);
    expect(inlineImages([logo], null)).toEqual([]);
    expect(listedAttachments([logo], null).map((a) => a.handle)).toEqual(['1.2']);
  });
});

describe('icon labels', () => {
  it('shows the extension, else the media subtype, else a dot', () => {
    expect(iconLabel(part({ filename: 'Report.PDF' }))).toBe('PDF');
    expect(iconLabel(part({ filename: 'archive.tar.gz' }))).toBe('GZ');
    expect(iconLabel(part({ filename: null, contentType: 'image/png' }))).toBe('PNG');
    expect(iconLabel(part({ filename: 'x.verylongext', contentType: 'application/vnd.ms-excel' }))).toBe('•');
  });
});
