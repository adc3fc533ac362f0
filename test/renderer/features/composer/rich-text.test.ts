import { describe, expect, it } from 'vitest';
import { htmlToText, htmlSourceToText, safeLinkTarget, sanitizeEditorHtml } from '../../../../renderer/src/features/composer/rich-text.js';

function text(html: string): string {
  const div = document.createElement('div');
  div.innerHTML = html;
  return htmlToText(div);
}

describe('htmlToText (the text alternative of the rich body)', () => {
  it('makes one line per editor line, keeping empty lines and <br>', () => {
    expect(text('<div>Hello</div><div><br></div><div>Bye</div>')).toBe('Hello\n\nBye');
    expect(text('first<br>second')).toBe('first\nsecond');
    expect(text('<p>one</p><p>two</p>')).toBe('one\n\ntwo');
  });

  it('writes lists with markers and links with their target', () => {
    expect(text('<ul><li>tea</li><li>milk</li></ul><ol><li>a</li><li>b</li></ol>')).toBe('- tea\n- milk\n1. a\n2. b');
    expect(text('see <a href="https://example.org/x">the page</a>')).toBe('see the page <https://example.org/x>');
    expect(text('<a href="https://example.org">https://example.org</a>')).toBe('https://example.org');
  });

  it('quotes blockquotes with ">" per level and keeps formatting words', () => {
    expect(text('<blockquote>old<blockquote>older</blockquote></blockquote><div><b>new</b> <i>text</i></div>')).toBe('> old\n>> older\nnew text');
  });

  it('indents continuation lines of list items', () => {
    expect(text('<ul><li>one<br>more</li></ul>')).toBe('- one\n  more');
  });

  it('reads HTML mail source without loading anything', () => {
    expect(htmlSourceToText('<html><head><style>p{}</style></head><body><p>Hi <img src="https://tracker.example/p.gif">there</p></body></html>')).toBe('Hi there');
  });
});

describe('sanitizeEditorHtml', () => {
  it('keeps formatting and safe links, drops handlers, scripts, styles, images and frames', () => {
    const out = sanitizeEditorHtml(
      '<p style="color:red" onclick="x()"><b>bold</b> <a href="javascript:alert(1)">bad</a> <a href="https://ok.example/">ok</a></p><script>alert(1)</script><img src=x onerror=alert(1)><iframe srcdoc="hi"></iframe><ul><li>item</li></ul>',
    );
    expect(out).toBe('<p><b>bold</b> <a>bad</a> <a href="https://ok.example/">ok</a></p><ul><li>item</li></ul>');
  });

  it('unwraps unknown elements to their text', () => {
    expect(sanitizeEditorHtml('<span class="x"><font color="red">text</font></span>')).toBe('text');
  });
});

describe('safeLinkTarget', () => {
  it('allows http(s) and mailto, completes bare addresses and www., refuses the rest', () => {
    expect(safeLinkTarget('https://example.org/a')).toBe('https://example.org/a');
    expect(safeLinkTarget('bob@tegami.test')).toBe('mailto:bob@tegami.test');
    expect(safeLinkTarget('www.example.org')).toBe('https://www.example.org');
    expect(safeLinkTarget('javascript:alert(1)')).toBeNull();
    expect(safeLinkTarget('data:text/html,x')).toBeNull();
    expect(safeLinkTarget('')).toBeNull();
  });
});
