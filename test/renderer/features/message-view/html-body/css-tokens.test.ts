import { describe, expect, it } from 'vitest';
import { preprocessCss, tokenizeCss, type CssToken } from '../../../../../renderer/src/features/message-view/html-body/css-tokens.js';

function tokens(css: string): Array<Pick<CssToken, 'type' | 'value'>> {
  return tokenizeCss(preprocessCss(css)).map(({ type, value }) => ({ type, value }));
}

describe('tokenizeCss', () => {
  it('decodes escaped code points as CSS Syntax 3 §4.3.7 says', () => {
    expect(tokens('\\41 B')).toEqual([{ type: 'ident', value: 'AB' }]);
    expect(tokens('\\000041B')).toEqual([{ type: 'ident', value: 'AB' }]);
    expect(tokens('\\0000411')).toEqual([{ type: 'ident', value: 'A1' }]);
    expect(tokens('\\1F600')).toEqual([{ type: 'ident', value: '😀' }]);
    expect(tokens('a\\-b')).toEqual([{ type: 'ident', value: 'a-b' }]);
  });

  it('turns zero, surrogates and code points beyond U+10FFFF into U+FFFD', () => {
    expect(tokens('\\0 x')).toEqual([{ type: 'ident', value: '\uFFFDx' }]);
    expect(tokens('\\D800 x')).toEqual([{ type: 'ident', value: '\uFFFDx' }]);
    expect(tokens('\\110000 x')).toEqual([{ type: 'ident', value: '\uFFFDx' }]);
    expect(tokens('a\0b')).toEqual([{ type: 'ident', value: 'a\uFFFDb' }]);
  });

  it('reads an escaped url( as a url token and a quoted one as a function', () => {
    expect(tokens('u\\72l( a\\29 b )')).toEqual([{ type: 'url', value: 'a)b' }]);
    expect(tokens('\\75rl( "x")')).toEqual([
      { type: 'function', value: 'url' },
      { type: 'whitespace', value: ' ' },
      { type: 'string', value: 'x' },
      { type: ')', value: ')' },
    ]);
    expect(tokens('url(a b)')).toEqual([{ type: 'bad-url', value: 'url(a b)' }]);
  });

  it('lets comments separate tokens and an escaped newline continue a string', () => {
    expect(tokens('u/**/rl(x)').map((t) => t.type)).toEqual(['ident', 'comment', 'function', 'ident', ')']);
    expect(tokens('"a\\\nb"')).toEqual([{ type: 'string', value: 'ab' }]);
    expect(tokens('"a\nb"')[0]).toEqual({ type: 'bad-string', value: 'a' });
  });

  it('reads a backslash before a newline outside a string as a delim', () => {
    expect(tokens('\\\nx').map((t) => t.type)).toEqual(['delim', 'whitespace', 'ident']);
  });

  it('reads numbers, dimensions, at-keywords and hashes', () => {
    expect(tokens('1.5e3px 50% -.5 @\\69mport #\\66oo').filter((t) => t.type !== 'whitespace')).toEqual([
      { type: 'dimension', value: 'px' },
      { type: 'percentage', value: '50%' },
      { type: 'number', value: '-.5' },
      { type: 'at-keyword', value: 'import' },
      { type: 'hash', value: 'foo' },
    ]);
  });
});
