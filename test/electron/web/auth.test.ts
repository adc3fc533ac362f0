import { describe, expect, it } from 'vitest';
import { createToken, hostAllowed, originAllowed, presentedToken, readCookie, tokenCookie, tokenMatches } from '../../../electron/web/auth.js';
import { contentSecurityPolicy } from '../../../electron/common/csp.js';

describe('web host auth rules', () => {
  it('makes a fresh unguessable token each time', () => {
    const a = createToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createToken()).not.toBe(a);
  });

  it('compares tokens exactly', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abc', 'abd')).toBe(false);
    expect(tokenMatches('abc', 'abcd')).toBe(false);
    expect(tokenMatches('abc', '')).toBe(false);
    expect(tokenMatches('abc', undefined)).toBe(false);
  });

  it('reads the per-port cookie and prefers the query token', () => {
    expect(readCookie('a=1; tegami_token_8080=xyz; b=2', 'tegami_token_8080')).toBe('xyz');
    expect(readCookie('tegami_token_8081=xyz', 'tegami_token_8080')).toBeUndefined();
    expect(readCookie(undefined, 'x')).toBeUndefined();
    expect(presentedToken(new URL('http://127.0.0.1:8080/?token=q'), 'tegami_token_8080=c', 8080)).toEqual({ token: 'q', fromQuery: true });
    expect(presentedToken(new URL('http://127.0.0.1:8080/'), 'tegami_token_8080=c', 8080)).toEqual({ token: 'c', fromQuery: false });
    expect(tokenCookie(8080, 't')).toBe('tegami_token_8080=t; Path=/; HttpOnly; SameSite=Strict');
  });

  it('accepts only loopback names with our port as Host and Origin', () => {
    expect(hostAllowed('127.0.0.1:8080', 8080)).toBe(true);
    expect(hostAllowed('LOCALHOST:8080', 8080)).toBe(true);
    expect(hostAllowed('127.0.0.1', 8080)).toBe(false);
    expect(hostAllowed('rebound.example:8080', 8080)).toBe(false);
    expect(hostAllowed(undefined, 8080)).toBe(false);
    expect(originAllowed('http://127.0.0.1:8080', 8080)).toBe(true);
    expect(originAllowed('http://localhost:8080', 8080)).toBe(true);
    expect(originAllowed('https://127.0.0.1:8080', 8080)).toBe(false);
    expect(originAllowed('null', 8080)).toBe(false);
    expect(originAllowed(undefined, 8080)).toBe(false);
  });

  it('builds one CSP without inline or eval sources', () => {
    const csp = contentSecurityPolicy(['ws://127.0.0.1:1']);
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:1");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe/);
  });
});
