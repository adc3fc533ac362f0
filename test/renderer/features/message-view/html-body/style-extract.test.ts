import { describe, expect, it } from 'vitest';
import { extractStyles, STYLE_ATTRIBUTE } from '../../../../../renderer/src/features/message-view/html-body/style-extract.js';

describe('extractStyles', () => {
  it('renames style attributes in any case and quoting, leaving text alone', () => {
    const { html } = extractStyles(`<p style="color:red" class=x>a style="b"</p><DIV STYLE='a:b'>x</DIV><i/style=c:d>t</i><b title="x>y" style="e">`);
    expect(html).toBe(`<p ${STYLE_ATTRIBUTE}="color:red" class=x>a style="b"</p><DIV ${STYLE_ATTRIBUTE}='a:b'>x</DIV><i/${STYLE_ATTRIBUTE}=c:d>t</i><b title="x>y" ${STYLE_ATTRIBUTE}="e">`);
  });

  it('lifts <style> sheets out of the markup', () => {
    const result = extractStyles('<STYLE type="text/css">p { color: red }</style ><p>x</p><style>i{}');
    expect(result.styleSheets).toEqual(['p { color: red }', 'i{}']);
    expect(result.html).toBe('<p>x</p>');
  });

  it('leaves comments and raw text elements as they are', () => {
    const html = '<!-- <p style=x> --><textarea><b style=1></textarea><script>x="<p style=y>"</script><title><i style=z></title>';
    expect(extractStyles(html)).toEqual({ html, styleSheets: [] });
  });

  it('copies what is not a tag', () => {
    for (const html of ['a < b <3', '</p>', '<!doctype html>', '<', '<p', '<p style="unterminated']) {
      expect(extractStyles(html).styleSheets).toEqual([]);
    }
    expect(extractStyles('a < b <3').html).toBe('a < b <3');
    expect(extractStyles('<p style="unterminated').html).toBe(`<p ${STYLE_ATTRIBUTE}="unterminated`);
  });

  it('handles a large document', () => {
    const html = '<td style="padding:1px" class="c">cell</td>'.repeat(50_000);
    const result = extractStyles(html);
    expect(result.html.length).toBe(html.length + 50_000 * (STYLE_ATTRIBUTE.length - 'style'.length));
  });
});
