import { describe, expect, it } from 'vitest';
import { fileExtension, isExecutableAttachment, messageFileName, numberedFileName, sanitizeFileName } from '../../../core/api/file-names.js';
import { MAX_FILE_NAME_LENGTH } from '../../../core/api/limits.js';

describe('sanitizeFileName', () => {
  it('keeps ordinary and Japanese names as they are', () => {
    expect(sanitizeFileName('report.pdf')).toBe('report.pdf');
    expect(sanitizeFileName('見積書 2026.xlsx')).toBe('見積書 2026.xlsx');
  });

  it('never lets a name leave its folder', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(sanitizeFileName('..\\..\\Windows\\win.ini')).toBe('_.._Windows_win.ini');
    expect(sanitizeFileName('..')).toBe('attachment');
    expect(sanitizeFileName('/abs/path.txt')).toBe('_abs_path.txt');
    expect(sanitizeFileName('C:evil.txt')).toBe('C_evil.txt');
  });

  it('removes control and bidirectional characters, leading dots and trailing dots or spaces', () => {
    expect(sanitizeFileName('a\r\nb\0.txt')).toBe('ab.txt');
    expect(sanitizeFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(sanitizeFileName('.bashrc')).toBe('bashrc');
    expect(sanitizeFileName('run.exe. . ')).toBe('run.exe');
    expect(sanitizeFileName('a<b>c:d"e|f?g*h.txt')).toBe('a_b_c_d_e_f_g_h.txt');
  });

  it('renames Windows device names and falls back for empty names', () => {
    expect(sanitizeFileName('CON')).toBe('_CON');
    expect(sanitizeFileName('nul.txt')).toBe('_nul.txt');
    expect(sanitizeFileName('com1.log')).toBe('_com1.log');
    expect(sanitizeFileName('console.txt')).toBe('console.txt');
    expect(sanitizeFileName(null)).toBe('attachment');
    expect(sanitizeFileName('   ')).toBe('attachment');
  });

  it('shortens long names and keeps the extension', () => {
    const long = `${'長'.repeat(300)}.pdf`;
    const out = sanitizeFileName(long);
    expect(out.length).toBeLessThanOrEqual(MAX_FILE_NAME_LENGTH);
    expect(out.endsWith('.pdf')).toBe(true);
  });

  it('numbers names before the extension', () => {
    expect(numberedFileName('report.pdf', 2)).toBe('report (2).pdf');
    expect(numberedFileName('README', 3)).toBe('README (3)');
  });
});

describe('messageFileName', () => {
  it('names the file after the subject, with .eml', () => {
    expect(messageFileName('Quarterly report')).toBe('Quarterly report.eml');
    expect(messageFileName('見積のご送付')).toBe('見積のご送付.eml');
  });

  it('replaces what Windows, macOS or Linux refuse and unfolds a folded subject', () => {
    expect(messageFileName('Re: Fwd: a/b\\c <x>? *y* "z" |')).toBe('Re_ Fwd_ a_b_c _x__ _y_ _z_ _.eml');
    expect(messageFileName('one\r\n two\tthree')).toBe('one two three.eml');
    expect(messageFileName('../../.ssh/authorized_keys')).toBe('_.._.ssh_authorized_keys.eml');
  });

  it('drops trailing dots and spaces before the extension and steps around device names', () => {
    expect(messageFileName('Wait for it... ')).toBe('Wait for it.eml');
    expect(messageFileName('CON')).toBe('_CON.eml');
    expect(messageFileName('aux.txt')).toBe('_aux.txt.eml');
  });

  it('falls back to "message.eml" when nothing of the subject is left', () => {
    expect(messageFileName('')).toBe('message.eml');
    expect(messageFileName(null)).toBe('message.eml');
    expect(messageFileName(' ... ')).toBe('message.eml');
  });

  it('keeps .eml when a long subject is shortened', () => {
    const name = messageFileName('件名'.repeat(100));
    expect(name.length).toBeLessThanOrEqual(MAX_FILE_NAME_LENGTH);
    expect(name.endsWith('.eml')).toBe(true);
    expect(name.startsWith('件名件名')).toBe(true);
  });
});

describe('isExecutableAttachment', () => {
  it('recognises executables by extension, case and trailing dots included', () => {
    for (const name of ['setup.exe', 'RUN.BAT', 'x.cmd', 'a.com', 'screen.scr', 'i.msi', 'a.js', 'v.vbs', 'app.jar', 'Tool.app', 'install.sh', 'p.ps1', 'link.lnk', 'evil.exe.', 'invoice.pdf.exe']) {
      expect(isExecutableAttachment(name, 'application/octet-stream'), name).toBe(true);
    }
  });

  it('sees through a right-to-left override that disguises the extension', () => {
    expect(isExecutableAttachment('photo\u202Egpj.exe', 'image/jpeg')).toBe(true);
  });

  it('recognises executables by content type even under a harmless name', () => {
    expect(isExecutableAttachment('document.pdf', 'application/x-msdownload')).toBe(true);
    expect(isExecutableAttachment('notes.txt', 'application/javascript; charset=utf-8')).toBe(true);
    expect(isExecutableAttachment(null, 'application/x-sh')).toBe(true);
  });

  it('lets documents and images through', () => {
    expect(isExecutableAttachment('report.pdf', 'application/pdf')).toBe(false);
    expect(isExecutableAttachment('写真.jpg', 'image/jpeg')).toBe(false);
    expect(isExecutableAttachment('data.json', 'application/json')).toBe(false);
    expect(isExecutableAttachment(null, 'text/plain')).toBe(false);
  });

  it('reads the extension as the OS does', () => {
    expect(fileExtension('a.tar.gz')).toBe('gz');
    expect(fileExtension('noext')).toBe('');
    expect(fileExtension('x.EXE . ')).toBe('exe');
  });
});
