import { describe, expect, it } from 'vitest';
import { baseDomain, mxLookupDomains } from '../../../core/accounts/base-domain.js';

describe('base domain of an MX host', () => {
  it.each([
    ['aspmx.l.google.com', 'google.com'],
    ['ALT1.ASPMX.L.GOOGLE.COM.', 'google.com'],
    ['contoso-com.mail.protection.outlook.com', 'outlook.com'],
    ['mx01.mail.icloud.com', 'icloud.com'],
    ['bgmgate1.biglobe.ne.jp', 'biglobe.ne.jp'],
    ['mx.example.co.jp', 'example.co.jp'],
    ['mail.example.co.uk', 'example.co.uk'],
    ['example.com', 'example.com'],
    ['mx.example.com.au', 'example.com.au'],
  ])('%s → %s', (host, base) => {
    expect(baseDomain(host)).toBe(base);
  });

  it('tries the most specific parent first, down to the base domain', () => {
    expect(mxLookupDomains('contoso-com.mail.protection.outlook.com')).toEqual(['mail.protection.outlook.com', 'protection.outlook.com', 'outlook.com']);
    expect(mxLookupDomains('aspmx.l.google.com')).toEqual(['l.google.com', 'google.com']);
    expect(mxLookupDomains('mx.example.co.jp')).toEqual(['example.co.jp']);
    expect(mxLookupDomains('google.com')).toEqual(['google.com']);
  });
});
