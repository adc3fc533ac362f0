import { describe, expect, it } from 'vitest';
import { externalUrlDecision, MAX_EXTERNAL_URL_LENGTH } from '../../../electron/main/url-policy.js';

describe('externalUrlDecision', () => {
  it('allows http, https and mailto and hands over the serialised URL', () => {
    expect(externalUrlDecision('https://example.com/a?b=c')).toEqual({ allowed: true, url: 'https://example.com/a?b=c' });
    expect(externalUrlDecision('HTTP://Example.COM')).toEqual({ allowed: true, url: 'http://example.com/' });
    expect(externalUrlDecision('mailto:a@example.com?subject=x')).toEqual({ allowed: true, url: 'mailto:a@example.com?subject=x' });
    expect(externalUrlDecision('https://日本.example/')).toEqual({ allowed: true, url: 'https://xn--wgv71a.example/' });
  });

  it.each([
    ['file:///etc/passwd', /scheme file:/],
    ['javascript:alert(1)', /scheme javascript:/],
    ['smb://server/share', /scheme smb:/],
    ['ms-msdt:/id', /scheme ms-msdt:/],
    ['data:text/html,<script>', /scheme data:/],
    ['https://user:pw@evil.example/', /credentials/],
    ['https://example.com/ a', /spaces/],
    ['https://example.com/\n', /control/],
    ['not a url', /spaces/],
    ['example.com', /not a URL/],
    [`https://example.com/${'a'.repeat(MAX_EXTERNAL_URL_LENGTH)}`, /too long/],
  ])('refuses %s', (url, reason) => {
    const decision = externalUrlDecision(url);
    expect(decision.allowed).toBe(false);
    if (!decision.allowed) expect(decision.reason).toMatch(reason);
  });

  it('refuses values that are not strings', () => {
    expect(externalUrlDecision(42)).toEqual({ allowed: false, reason: 'not a string' });
    expect(externalUrlDecision(undefined).allowed).toBe(false);
  });
});
