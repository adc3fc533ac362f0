import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeEncodedWords, encodeWords, needsEncoding } from '../../../core/mime/encoded-words.js';
import { bytesToBase64, encodeIso2022Jp, encodeShiftJis } from './support/japanese.js';

describe('RFC 2047 encoded words', () => {
  it('decodes B and Q words and drops whitespace between adjacent words (§6.2)', () => {
    expect(decodeEncodedWords('=?UTF-8?B?5pel5pys?= =?UTF-8?Q?_caf=C3=A9?=')).toBe('日本 café');
    expect(decodeEncodedWords('Re: =?iso-8859-1?q?caf=E9?= ok')).toBe('Re: café ok');
    expect(decodeEncodedWords('a =?utf-8?q?x?=\r\n  =?utf-8?q?y?= b')).toBe('a xy b');
  });

  it('joins words split inside a multi-byte character before decoding', () => {
    const bytes = new TextEncoder().encode('日本語');
    const split = `=?UTF-8?B?${bytesToBase64(bytes.subarray(0, 4))}?= =?UTF-8?B?${bytesToBase64(bytes.subarray(4))}?=`;
    expect(decodeEncodedWords(split)).toBe('日本語');
    const sjis = encodeShiftJis('見積書');
    expect(decodeEncodedWords(`=?Shift_JIS?B?${bytesToBase64(sjis.subarray(0, 3))}?=\t=?shift_jis?B?${bytesToBase64(sjis.subarray(3))}?=`)).toBe('見積書');
  });

  it('joins consecutive ISO-2022-JP words even though each ends with its own escape', () => {
    const words = ['会議', '資料'].map((t) => `=?ISO-2022-JP?B?${bytesToBase64(encodeIso2022Jp(t))}?=`);
    expect(decodeEncodedWords(words.join('\r\n '))).toBe('会議資料');
  });

  it('accepts the RFC 2231 language suffix and words glued to text', () => {
    expect(decodeEncodedWords('=?UTF-8*ja?B?5pel5pys?=')).toBe('日本');
    expect(decodeEncodedWords('pre=?utf-8?q?X?=post')).toBe('preXpost');
  });

  it('reports an unknown charset and still gives readable text', () => {
    const problems: string[] = [];
    const text = decodeEncodedWords('=?x-klingon?Q?hello?=', (p, c) => problems.push(`${p}:${c}`));
    expect(text).toBe('hello');
    expect(problems).toEqual(['unknown:x-klingon']);
  });

  it('leaves text that only looks like an encoded word alone', () => {
    expect(decodeEncodedWords('price =? 10')).toBe('price =? 10');
  });

  it('encodes any text to words of at most 75 characters that decode back (B and Q)', () => {
    const text = fc.oneof(fc.string({ maxLength: 200 }), fc.stringMatching(/^[日本語のテストabc ]{0,80}$/), fc.string({ unit: 'grapheme', maxLength: 80 }));
    fc.assert(
      fc.property(text, fc.constantFrom<'B' | 'Q' | undefined>('B', 'Q', undefined), (input, mode) => {
        const words = encodeWords(input, mode);
        for (const w of words) {
          expect(w.length).toBeLessThanOrEqual(75);
          expect(/^[\x21-\x7e]+$/.test(w)).toBe(true);
        }
        expect(decodeEncodedWords(words.join('\r\n '))).toBe(input);
      }),
    );
  });

  it('knows when a header value needs encoding', () => {
    expect(needsEncoding('plain subject')).toBe(false);
    expect(needsEncoding('日本')).toBe(true);
    expect(needsEncoding('looks like =?utf-8?q?x?=')).toBe(true);
  });
});
