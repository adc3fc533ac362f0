import { describe, expect, it } from 'vitest';
import { replaceRemoteCss } from '../../../../../renderer/src/features/message-view/html-body/css-clean.js';

/** The cleaned CSS names no remote host and a second cleaning finds nothing left. */
function expectClean(css: string): string {
  const cleaned = replaceRemoteCss(css);
  expect(cleaned.css).not.toMatch(/t\.test/);
  expect(cleaned.blocked).toBeGreaterThan(0);
  expect(replaceRemoteCss(cleaned.css).blocked).toBe(0);
  return cleaned.css;
}

describe('replaceRemoteCss: url() however it is spelled', () => {
  it.each([
    ['a hex escape in the name', 'p{background:u\\72l(https://t.test/a.png)}'],
    ['an escaped first letter', 'p{background:\\75rl(https://t.test/a.png)}'],
    ['six hex digits', 'p{background:\\000075rl(https://t.test/a.png)}'],
    ['a hex escape ending in whitespace', 'p{background:\\75 rl(https://t.test/a.png)}'],
    ['an escaped letter that is not hex', 'p{background:u\\rl(https://t.test/a.png)}'],
    ['upper case', 'p{background:URL(https://t.test/a.png)}'],
    ['a quoted URL with escapes', 'p{background:url("h\\74tps://t.test/a.png")}'],
    ['an escaped newline inside the string', 'p{background:url("https://t.test/\\\na.png")}'],
    ['an escaped ")" inside the URL', 'p{background:url(https://t.test/a\\).png)}'],
    ['CR LF and form feed as newlines', 'p{\r\nbackground:\f\\75rl(https://t.test/a.png)\r\n}'],
    ['an unclosed url at the end', 'p{background:url(https://t.test/a.png'],
    ['nested at-rules', '@media screen{@supports (display:grid){p{background:\\75rl(https://t.test/a.png)}}}'],
  ])('blocks %s', (_name, css) => {
    const out = expectClean(css);
    expect(out).toContain('none');
  });

  it('keeps the other declarations of a rule', () => {
    const out = expectClean('p{color:red;background:u\\72l(https://t.test/a.png) no-repeat;margin:0}');
    expect(out).toBe('p{color:red;background:none no-repeat;margin:0}');
  });

  it('keeps data:image/ URLs however they are spelled, blocks other data: URLs', () => {
    expect(replaceRemoteCss('p{background:\\75rl(data:image/png;base64,AA)}').blocked).toBe(0);
    expect(replaceRemoteCss('p{background:url(" data:image/gif;base64,AA")}').blocked).toBe(0);
    expect(replaceRemoteCss('p{background:image-set("data:image/png;base64,AA" 1x)}').blocked).toBe(0);
    expect(replaceRemoteCss('p{background:url(data:text/html,x)}')).toEqual({ css: 'p{background:none}', blocked: 1 });
  });
});

describe('replaceRemoteCss: image-set() and friends', () => {
  it.each([
    ['image-set with a string', 'p{background:image-set("https://t.test/a.png" 1x)}'],
    ['-webkit-image-set with url()', 'p{background:-webkit-image-set(url(https://t.test/a.png) 1x)}'],
    ['an escaped -webkit-image-set', 'p{background:-webkit-\\69mage-set("https://t.test/a.png" 1x)}'],
    ['image() with a string', 'p{background:image("https://t.test/a.png")}'],
    ['cross-fade of remote images', 'p{background:cross-fade(url(https://t.test/a.png), url(data:image/png;base64,AA), 50%)}'],
  ])('blocks %s', (_name, css) => {
    expect(expectClean(css)).toBe('p{background:none}');
  });

  it('blocks a URL function fed by var(), whose value it cannot see', () => {
    const cleaned = replaceRemoteCss('p{--u:"https://t.test/a.png";background:image-set(var(--u) 1x)}');
    expect(cleaned.css).toBe('p{--u:"https://t.test/a.png";background:none}');
    expect(cleaned.blocked).toBe(1);
  });
});

describe('replaceRemoteCss: @import', () => {
  it.each([
    ['plain', '@import url(https://t.test/a.css);p{color:red}'],
    ['with a string', '@import "https://t.test/a.css";p{color:red}'],
    ['escaped', '@\\69mport "https://t.test/a.css";p{color:red}'],
    ['escaped with six digits', '@\\000069mport url(https://t.test/a.css);p{color:red}'],
    ['with an escaped letter', '@imp\\ort "https://t.test/a.css";p{color:red}'],
    ['with comments', '/*x*/@import/**/"https://t.test/a.css"/**/;p{color:red}'],
  ])('removes %s', (_name, css) => {
    const out = expectClean(css);
    expect(out).not.toMatch(/import/i);
    expect(out).toContain('p{color:red}');
  });
});

describe('replaceRemoteCss: script and bindings', () => {
  it.each([
    ['expression()', 'p{color:red;width:expression(alert(1))}'],
    ['an escaped expression()', 'p{color:red;width:expr\\65ssion(alert(1))}'],
    ['expression() with six hex digits', 'p{color:red;width:\\000065xpression(alert(1))}'],
    ['expression split by a comment', 'p{color:red;width:expr/**/ession(alert(1))}'],
    ['behavior', 'p{color:red;behavior:url(x.htc)}'],
    ['an escaped behavior', 'p{color:red;beh\\61vior:url(x.htc)}'],
    ['-moz-binding', 'p{color:red;-moz-b\\69nding:url(x.xml#x)}'],
    ['javascript: in a url()', 'p{color:red;background:url("javascript:alert(1)")}'],
    ['an escaped javascript: in a string', 'p{color:red;content:"java\\73 cript:alert(1)"}'],
    ['javascript: as bare tokens', 'p{color:red;background:javascript:alert(1)}'],
    ['vbscript: with a tab in it', 'p{color:red;background:url("vb\\9script:x")}'],
  ])('removes the declaration with %s', (_name, css) => {
    const cleaned = replaceRemoteCss(css);
    expect(cleaned.css).toBe('p{color:red;}');
    expect(cleaned.blocked).toBe(1);
  });

  it('removes a declaration that spells url() once its comments are out', () => {
    const cleaned = replaceRemoteCss('p{color:red;background:u/**/rl(https://t.test/a.png)}');
    expect(cleaned).toEqual({ css: 'p{color:red;}', blocked: 1 });
  });
});

describe('replaceRemoteCss: ordinary CSS', () => {
  it('leaves CSS without remote content untouched, escapes and comments included', () => {
    const css = '/* layout */ .a\\:b { color: #f00; font-family: "\\30B4\\30B7\\30C3\\30AF"; background: linear-gradient(red, blue) } @media (max-width: 600px) { p { margin: 0 } }';
    expect(replaceRemoteCss(css)).toEqual({ css, blocked: 0 });
  });
});
