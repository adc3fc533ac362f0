import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atom, compileCommand, list, literal, mailbox, num, raw, seq, str, type CompileOptions, type CompiledCommand } from '../../../core/imap/compiler.js';
import { ImapParser } from '../../../core/imap/parser/index.js';
import { MailError } from '../../../core/net/mail-error.js';

const SYNC: CompileOptions = { literals: 'sync', utf8: false };
const text = (c: CompiledCommand): string[] =>
  c.segments.map((s) => (s.kind === 'bytes' ? new TextDecoder().decode(s.data) + (s.awaitContinuation ? '⏎+' : '') : '[stream]'));

describe('command compiler', () => {
  it('writes atoms, numbers, sequence sets, lists and quoted strings', () => {
    const c = compileCommand({ tag: 'A1', name: 'UID STORE', args: [seq('1:5,9:*'), atom('+FLAGS.SILENT'), list([atom('\\Seen'), atom('$Label')])] }, SYNC);
    expect(text(c)).toEqual(['A1 UID STORE 1:5,9:* +FLAGS.SILENT (\\Seen $Label)\r\n']);
    const q = compileCommand({ tag: 'A2', name: 'LOGIN', args: [str('a"b'), str('c\\d')], secretArgs: [1] }, SYNC);
    expect(text(q)).toEqual(['A2 LOGIN "a\\"b" "c\\\\d"\r\n']);
    expect(q.summary).toBe('A2 LOGIN "a\\"b" ***');
    expect(q.segments[0]?.kind === 'bytes' && q.segments[0].secret).toBe(true);
    expect(text(compileCommand({ tag: 'A3', name: 'FETCH', args: [seq('1'), raw('(UID BODY.PEEK[HEADER.FIELDS (FROM)])'), num(5n)] }, SYNC))).toEqual([
      'A3 FETCH 1 (UID BODY.PEEK[HEADER.FIELDS (FROM)]) 5\r\n',
    ]);
  });

  it('splits at synchronizing literals and uses LITERAL+ / LITERAL- when offered', () => {
    const args = [mailbox('x'), literal(new TextEncoder().encode('hello'))];
    expect(text(compileCommand({ tag: 'A1', name: 'APPEND', args }, SYNC))).toEqual(['A1 APPEND "x" {5}\r\n⏎+', 'hello', '\r\n']);
    expect(text(compileCommand({ tag: 'A1', name: 'APPEND', args }, { literals: 'plus', utf8: false }))).toEqual(['A1 APPEND "x" {5+}\r\n', 'hello', '\r\n']);
    const big = literal(new Uint8Array(5000).fill(65));
    expect(text(compileCommand({ tag: 'A1', name: 'APPEND', args: [mailbox('x'), big] }, { literals: 'minus', utf8: false }))[0]).toBe('A1 APPEND "x" {5000}\r\n⏎+');
  });

  it('sends strings with CR/LF or 8-bit bytes as literals', () => {
    expect(text(compileCommand({ tag: 'A1', name: 'LOGIN', args: [str('u'), str('pa\r\nss')] }, SYNC))).toEqual(['A1 LOGIN "u" {6}\r\n⏎+', 'pa\r\nss', '\r\n']);
    expect(text(compileCommand({ tag: 'A1', name: 'SEARCH', args: [atom('CHARSET'), atom('UTF-8'), atom('TEXT'), str('日本')] }, SYNC))[0]).toBe(
      'A1 SEARCH CHARSET UTF-8 TEXT {6}\r\n⏎+',
    );
    expect(text(compileCommand({ tag: 'A1', name: 'SEARCH', args: [atom('TEXT'), str('日本')] }, { literals: 'sync', utf8: true }))).toEqual(['A1 SEARCH TEXT "日本"\r\n']);
  });

  it('encodes mailbox names as modified UTF-7, or UTF-8 with UTF8=ACCEPT', () => {
    expect(text(compileCommand({ tag: 'A1', name: 'CREATE', args: [mailbox('日本語')] }, SYNC))).toEqual(['A1 CREATE "&ZeVnLIqe-"\r\n']);
    expect(text(compileCommand({ tag: 'A1', name: 'CREATE', args: [mailbox('日本語')] }, { literals: 'sync', utf8: true }))).toEqual(['A1 CREATE "日本語"\r\n']);
  });

  it.each([
    () => compileCommand({ tag: 'A1', name: 'STORE', args: [atom('\\Seen\r\nA2 LOGOUT')] }, SYNC),
    () => compileCommand({ tag: 'A1', name: 'FETCH', args: [seq('1\r\n')] }, SYNC),
    () => compileCommand({ tag: 'A1', name: 'FETCH', args: [raw('(UID)\nA2 DELETE INBOX')] }, SYNC),
    () => compileCommand({ tag: 'A1', name: 'CREATE', args: [mailbox('a\nb')] }, SYNC),
    () => compileCommand({ tag: 'A1', name: 'LOGIN', args: [str('a\0b')] }, SYNC),
    () => compileCommand({ tag: 'A 1', name: 'NOOP', args: [] }, SYNC),
    () => compileCommand({ tag: 'A1', name: 'NOOP\r\n', args: [] }, SYNC),
  ])('refuses CR/LF/NUL injection (%#)', (f) => {
    expect(f).toThrow(MailError);
  });

  it('round-trips any string through compile and the response parser', () => {
    // A compiled string argument is also valid IMAP response syntax, so the parser must read
    // back exactly the bytes that went in.
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }).filter((s) => !s.includes('\0')), fc.boolean(), (s, utf8) => {
        const c = compileCommand({ tag: 'A1', name: 'X', args: [str(s)] }, { literals: 'plus', utf8 });
        const wire = c.segments.flatMap((seg) => (seg.kind === 'bytes' ? [seg.data] : []));
        // Replace "A1 X " by "* LIST () NIL " so the argument becomes a LIST mailbox name.
        const reply = new Uint8Array([...new TextEncoder().encode('* LIST () NIL '), ...wire.flatMap((w) => [...w]).slice(5)]);
        const [item] = new ImapParser().push(reply);
        if (item?.kind !== 'response' || item.response.kind !== 'untagged' || item.response.data.type !== 'list') throw new Error('no list');
        expect(item.response.data.name).toBe(new TextDecoder().decode(new TextEncoder().encode(s)));
      }),
      { numRuns: 300 },
    );
  });
});
