import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, developmentContentSecurityPolicy } from '../../../electron/common/csp.js';

describe('content security policies', () => {
  it('is strict by default: own origin only, nothing inline, no plugins, frames only for our own blob: previews', () => {
    const csp = contentSecurityPolicy();
    for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: https:", "object-src 'none'", "base-uri 'none'", 'frame-src blob:', "frame-ancestors 'none'"]) {
      expect(csp.split('; ')).toContain(directive);
    }
    expect(csp).not.toMatch(/unsafe|\*/);
  });

  it('relaxes only what the dev server needs, and only in its own policy', () => {
    const dev = developmentContentSecurityPolicy('http://localhost:5173/');
    expect(dev).toContain("script-src 'self' 'unsafe-inline'");
    expect(dev).toContain("style-src 'self' 'unsafe-inline'");
    expect(dev).toContain("connect-src 'self' ws://localhost:5173");
    expect(dev).not.toContain('unsafe-eval');
    expect(contentSecurityPolicy()).not.toContain('unsafe-inline');
  });
});
