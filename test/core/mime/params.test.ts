import { describe, expect, it } from 'vitest';
import { parseContentDisposition, parseContentType, parseParameterized } from '../../../core/mime/params.js';

describe('parameters (RFC 2045 §5.1, RFC 2231, RFC 2183)', () => {
  it('parses type, subtype and quoted parameters with escapes and semicolons', () => {
    const ct = parseContentType('Multipart/Mixed; boundary="a;b\\"c"; charset=UTF-8');
    expect(ct.mime).toBe('multipart/mixed');
    expect(ct.params['boundary']).toBe('a;b"c');
    expect(ct.params['charset']).toBe('UTF-8');
  });

  it('defaults a missing or broken type to text/plain (RFC 2045 §5.2)', () => {
    expect(parseContentType(undefined).mime).toBe('text/plain');
    expect(parseContentType('garbage').mime).toBe('text/plain');
    expect(parseContentType('', 'message/rfc822').mime).toBe('message/rfc822');
  });

  it('joins RFC 2231 continuations in index order and decodes the charset', () => {
    const p = parseParameterized("attachment; filename*1*=%E8%AA%9E; filename*0*=UTF-8'ja'%E6%97%A5%E6%9C%AC; filename*2=\".txt\"");
    expect(p.value).toBe('attachment');
    expect(p.params['filename']).toBe('日本語.txt');
  });

  it('decodes single extended values in other charsets', () => {
    expect(parseParameterized("a; title*=iso-8859-1'en'caf%E9").params['title']).toBe('café');
    expect(parseParameterized("a; title*=''plain%20text").params['title']).toBe('plain text');
  });

  it('prefers the RFC 2231 form over a plain parameter of the same name', () => {
    expect(parseParameterized("a; filename=\"fallback.txt\"; filename*=UTF-8''%C3%A9.txt").params['filename']).toBe('é.txt');
  });

  it('decodes encoded words inside quoted values (common Outlook/Gmail practice)', () => {
    expect(parseParameterized('a; name="=?UTF-8?B?5pel5pys?=.pdf"').params['name']).toBe('日本.pdf');
  });

  it('reads dispositions with size and dates (RFC 2183)', () => {
    const d = parseContentDisposition('INLINE; filename=photo.jpg; size=1234; creation-date="Wed, 12 Feb 1997 16:29:51 -0500"');
    expect(d?.type).toBe('inline');
    expect(d?.params['size']).toBe('1234');
    expect(d?.params['creation-date']).toContain('1997');
    expect(parseContentDisposition('   ')).toBeUndefined();
  });

  it('keeps unquoted values with spaces (broken senders)', () => {
    expect(parseParameterized('attachment; filename=my report.pdf').params['filename']).toBe('my report.pdf');
  });
});
