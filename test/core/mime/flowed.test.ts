import { describe, expect, it } from 'vitest';
import { decodeFlowed } from '../../../core/mime/flowed.js';

describe('format=flowed (RFC 3676)', () => {
  it('joins soft-broken lines and keeps hard breaks', () => {
    expect(decodeFlowed('one two \r\nthree\r\nfour', false)).toBe('one two three\nfour');
  });

  it('removes the soft-break space with DelSp=yes (§4.5)', () => {
    expect(decodeFlowed('日本語の \n文章です', true)).toBe('日本語の文章です');
  });

  it('undoes space-stuffing and never flows the signature separator', () => {
    expect(decodeFlowed(' From here \nit goes\n-- \nsig', false)).toBe('From here it goes\n-- \nsig');
  });

  it('joins quoted lines of the same depth only', () => {
    expect(decodeFlowed('> a \n> b\n>> c \n> d', false)).toBe('> a b\n>> c \n> d');
  });
});
