import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHost, fileNameInCur, parseFileName, uniqueBaseName } from '../../../core/maildir/filename.js';
import { joinFlags, splitFlags } from '../../../core/maildir/flags.js';

describe('IMAP flags and Maildir letters', () => {
  it('maps each flag to its letter and writes letters in ASCII order', () => {
    expect(splitFlags(['\\Seen']).letters).toBe('S');
    expect(splitFlags(['\\Deleted', '\\Seen', '\\Answered', '$Forwarded', '\\Flagged', '\\Draft']).letters).toBe('DFPRST');
    expect(splitFlags(['\\seen', '\\SEEN', '$forwarded']).letters).toBe('PS');
    expect(joinFlags('DFPRST', [])).toEqual(['\\Draft', '\\Flagged', '$Forwarded', '\\Answered', '\\Seen', '\\Deleted']);
  });

  it('sends keywords to the sidecar, drops \\Recent and case-insensitive duplicates', () => {
    expect(splitFlags(['\\Seen', 'Work', '\\Recent', 'work', '$Junk'])).toEqual({ letters: 'S', keywords: ['Work', '$Junk'] });
  });

  it('refuses keywords that are not IMAP atoms, CR/LF above all', () => {
    for (const bad of ['a b', 'x\r\nA1 LOGOUT', 'a(b', 'a]b', '', '日本', 'a*']) {
      expect(() => splitFlags([bad])).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
    }
    expect(splitFlags(['$Label1', 'Work', '\\Important', 'x-y.z!#&+']).keywords).toEqual(['$Label1', 'Work', '\\Important', 'x-y.z!#&+']);
  });

  it('round-trips any set of system flags through a file name', () => {
    const flag = fc.constantFrom('\\Draft', '\\Flagged', '$Forwarded', '\\Answered', '\\Seen', '\\Deleted');
    fc.assert(
      fc.property(fc.uniqueArray(flag), fc.constantFrom(':' as const, ';' as const), (flags, sep) => {
        const { letters } = splitFlags(flags);
        const name = fileNameInCur('1700000000.M1P2Q3.host', letters, sep);
        const parsed = parseFileName(name, sep);
        expect(parsed?.base).toBe('1700000000.M1P2Q3.host');
        expect(new Set(joinFlags(parsed?.letters ?? '', []))).toEqual(new Set(flags));
      }),
    );
  });

  it('parses names with and without info, and ignores experimental info', () => {
    expect(parseFileName('123.M4P5Q6.h', ':')).toEqual({ base: '123.M4P5Q6.h', letters: '', hasInfo: false });
    expect(parseFileName('123.M4P5Q6.h:2,SRa', ':')).toEqual({ base: '123.M4P5Q6.h', letters: 'RSa', hasInfo: true });
    expect(parseFileName('123.M4P5Q6.h:1,xyz', ':')?.letters).toBe('');
    expect(parseFileName('123.M4P5Q6.h;2,S', ';')?.letters).toBe('S');
    expect(parseFileName('.hidden', ':')).toBeUndefined();
  });

  it('builds unique names <secs>.M<usecs>P<pid>Q<counter>.<host> with the host escaped', () => {
    const a = uniqueBaseName({ nowMs: 1_700_000_000_123.456, pid: 42, host: 'mail.example' }, ':');
    const b = uniqueBaseName({ nowMs: 1_700_000_000_123.456, pid: 42, host: 'mail.example' }, ':');
    expect(a).toMatch(/^1700000000\.M123456P42Q\d+\.mail\.example$/);
    expect(a).not.toBe(b);
    expect(escapeHost('a/b:c', ':')).toBe('a\\057b\\072c');
    expect(escapeHost('a/b:c;d', ';')).toBe('a_057b_072c_073d');
  });
});
