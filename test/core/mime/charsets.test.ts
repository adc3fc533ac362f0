import { describe, expect, it } from 'vitest';
import { decodeCharset, detectJapanese, normalizeCharset } from '../../../core/mime/charsets.js';
import { encodeEucJp, encodeIso2022Jp, encodeShiftJis, JAPANESE_SAMPLE } from './support/japanese.js';

const enc = new TextEncoder();

describe('charsets', () => {
  it('normalizes mail aliases to labels the platform decodes', () => {
    expect(normalizeCharset('CP932')).toBe('shift_jis');
    expect(normalizeCharset('latin1')).toBe('windows-1252');
    expect(normalizeCharset('us-ascii')).toBe('us-ascii');
    expect(normalizeCharset('Windows-31J')).toBe('shift_jis');
    expect(normalizeCharset('ISO-2022-JP-2')).toBe('iso-2022-jp');
    expect(normalizeCharset('iso-2022-jp-3')).toBe('iso-2022-jp');
    expect(normalizeCharset('"ks_c_5601-1987"')).toBe('euc-kr');
    expect(normalizeCharset('x-gbk')).toBe('gbk');
    expect(normalizeCharset('unknown-8bit')).toBeUndefined();
    expect(normalizeCharset('x-made-up')).toBeUndefined();
  });

  it('decodes every charset family the issue names', () => {
    const cases: Array<[string, number[], string]> = [
      ['iso-8859-2', [0xb1, 0xe6], 'ąć'],
      ['iso-8859-15', [0xa4], '€'],
      ['windows-1251', [0xcf, 0xf0, 0xe8], 'При'],
      ['windows-1252', [0x80, 0x93], '€“'],
      ['koi8-r', [0xf0, 0xd2, 0xc9], 'При'],
      ['gb18030', [0xd6, 0xd0, 0xce, 0xc4], '中文'],
      ['gbk', [0xd6, 0xd0], '中'],
      ['gb2312', [0xd6, 0xd0], '中'],
      ['big5', [0xa4, 0xa4, 0xa4, 0xe5], '中文'],
      ['euc-kr', [0xc7, 0xd1, 0xb1, 0xdb], '한글'],
      ['ks_c_5601-1987', [0xc7, 0xd1], '한'],
    ];
    for (const [label, bytes, text] of cases) {
      const r = decodeCharset(Uint8Array.from(bytes), label);
      expect({ label, text: r.text, problem: r.problem }).toEqual({ label, text, problem: undefined });
    }
  });

  it('decodes Japanese in ISO-2022-JP, Shift_JIS/CP932, EUC-JP and UTF-8', () => {
    expect(decodeCharset(encodeIso2022Jp(JAPANESE_SAMPLE), 'ISO-2022-JP').text).toBe(JAPANESE_SAMPLE);
    expect(decodeCharset(encodeShiftJis(JAPANESE_SAMPLE), 'Shift_JIS').text).toBe(JAPANESE_SAMPLE);
    expect(decodeCharset(encodeShiftJis(JAPANESE_SAMPLE), 'cp932').text).toBe(JAPANESE_SAMPLE);
    expect(decodeCharset(encodeEucJp(JAPANESE_SAMPLE), 'euc-jp').text).toBe(JAPANESE_SAMPLE);
    expect(decodeCharset(enc.encode(JAPANESE_SAMPLE), 'utf-8').text).toBe(JAPANESE_SAMPLE);
    // CP932 extension (NEC special characters) through the Windows-31J label.
    expect(decodeCharset(Uint8Array.from([0x87, 0x40]), 'Windows-31J').text).toBe('①');
  });

  it('detects the Japanese charset of unlabelled bytes', () => {
    expect(detectJapanese(encodeIso2022Jp('日本語のメール'))).toBe('iso-2022-jp');
    expect(detectJapanese(encodeShiftJis('日本語のメールです'))).toBe('shift_jis');
    expect(detectJapanese(encodeEucJp('日本語のメールです'))).toBe('euc-jp');
  });

  it('falls back in the documented order when a label lies, and says so', () => {
    // Declared EUC-JP, really Shift_JIS: strict EUC-JP fails, UTF-8 fails, detection finds Shift_JIS.
    const sjis = decodeCharset(encodeShiftJis('見積書をお送りします'), 'euc-jp');
    expect(sjis).toEqual({ text: '見積書をお送りします', charset: 'shift_jis', problem: 'mismatch' });
    // Declared ISO-8859-1, really UTF-8.
    expect(decodeCharset(enc.encode('café'), 'iso-8859-1')).toEqual({ text: 'café', charset: 'utf-8', problem: 'mismatch' });
    // Declared us-ascii, really ISO-2022-JP (7-bit, so only the escapes give it away).
    expect(decodeCharset(encodeIso2022Jp('文字'), 'us-ascii')).toMatchObject({ text: '文字', charset: 'iso-2022-jp', problem: 'mismatch' });
    // Unknown label on Latin-1 bytes: windows-1252 at the end of the chain.
    expect(decodeCharset(Uint8Array.from([0x63, 0x61, 0x66, 0xe9]), 'x-nonsense')).toEqual({ text: 'café', charset: 'windows-1252', problem: 'unknown' });
    // No label at all on UTF-8 bytes: not a problem, just the first guess.
    expect(decodeCharset(enc.encode('日本'), undefined)).toEqual({ text: '日本', charset: 'utf-8' });
  });

  it('decodes UTF-7 (RFC 2152) and treats WHATWG "replacement" labels as unknown', () => {
    const utf7 = (s: string): Uint8Array => new TextEncoder().encode(s);
    expect(decodeCharset(utf7('Hi Mom -+Jjo--!'), 'UTF-7').text).toBe('Hi Mom -☺-!');
    expect(decodeCharset(utf7('+ZeVnLIqe-'), 'utf-7').text).toBe('日本語');
    expect(decodeCharset(utf7('A+-B'), 'utf-7').text).toBe('A+B');
    expect(normalizeCharset('iso-2022-kr')).toBeUndefined();
    const kr = decodeCharset(utf7('plain'), 'hz-gb-2312');
    expect(kr).toEqual({ text: 'plain', charset: 'us-ascii', problem: 'unknown' });
  });

  it('uses the hint before detection for unlabelled bytes', () => {
    const gbk = Uint8Array.from([0xd6, 0xd0, 0xce, 0xc4]);
    expect(decodeCharset(gbk, undefined, 'gbk').text).toBe('中文');
  });
});
