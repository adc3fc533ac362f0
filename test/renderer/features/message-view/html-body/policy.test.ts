import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, isRemoteUrl, replaceRemoteCss } from '../../../../../renderer/src/features/message-view/html-body/policy.js';

describe('contentSecurityPolicy', () => {
  it("forbids everything but inline styles and data: images until remote content is allowed", () => {
    const blocked = contentSecurityPolicy(false);
    expect(blocked).toContain("default-src 'none'");
    expect(blocked).toContain('img-src data:;');
    expect(blocked).toContain("style-src 'unsafe-inline'");
    expect(blocked).not.toContain('script-src');
    expect(contentSecurityPolicy(true)).toContain('img-src data: https:;');
  });
});

describe('isRemoteUrl', () => {
  it('treats everything but data: and cid: as a request', () => {
    expect(isRemoteUrl('https://t.test/p.gif')).toBe(true);
    expect(isRemoteUrl('//t.test/p.gif')).toBe(true);
    expect(isRemoteUrl('relative.png')).toBe(true);
    expect(isRemoteUrl(' DATA:image/png;base64,AAAA')).toBe(false);
    expect(isRemoteUrl('cid:part1@x')).toBe(false);
    expect(isRemoteUrl('')).toBe(false);
  });
});

describe('replaceRemoteCss', () => {
  it('removes @import, declarations with expression() or behavior, and non-data url()s, and counts them', () => {
    const css = '@import url(https://t.test/a.css); p{background:url("http://t.test/c.png");width:expression(alert(1));behavior:url(x.htc)} i{background:url(data:image/png;base64,AA)}';
    const cleaned = replaceRemoteCss(css);
    expect(cleaned.css).not.toMatch(/t\.test|@import|expression\(|behavior:|x\.htc/);
    expect(cleaned.css).toContain('url(data:image/png;base64,AA)');
    expect(cleaned.css).toContain('p{background:none;}');
    expect(cleaned.blocked).toBe(4);
  });

  it('leaves CSS without remote content untouched', () => {
    expect(replaceRemoteCss('p { color: red }')).toEqual({ css: 'p { color: red }', blocked: 0 });
  });
});
