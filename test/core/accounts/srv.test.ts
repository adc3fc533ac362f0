import { describe, expect, it } from 'vitest';
import { orderSrvTargets, srvName, SRV_SERVICES } from '../../../core/accounts/srv.js';
import { preferredMxHosts, checkDnsServers } from '../../../core/accounts/dns.js';
import { autoconfigRequest, checkAutoconfigBase, wellKnownRequest } from '../../../core/accounts/autoconfig-http.js';

describe('SRV records (RFC 2782, RFC 6186)', () => {
  it('names every service', () => {
    expect(SRV_SERVICES.map((s) => srvName(s, 'example.org'))).toEqual([
      '_submissions._tcp.example.org',
      '_submission._tcp.example.org',
      '_imaps._tcp.example.org',
      '_imap._tcp.example.org',
      '_pop3s._tcp.example.org',
      '_pop3._tcp.example.org',
    ]);
  });

  it('orders by priority, then weight, and drops "." and port 0', () => {
    expect(
      orderSrvTargets([
        { name: 'c.example', port: 993, priority: 20, weight: 0 },
        { name: 'b.example.', port: 993, priority: 10, weight: 1 },
        { name: 'A.example', port: 993, priority: 10, weight: 9 },
        { name: 'z.example', port: 0, priority: 0, weight: 0 },
      ]).map((t) => t.host),
    ).toEqual(['a.example', 'b.example', 'c.example']);
  });

  it('treats a single "." target as "service not available"', () => {
    expect(orderSrvTargets([{ name: '.', port: 0, priority: 0, weight: 0 }])).toEqual([]);
    expect(orderSrvTargets([{ name: '', port: 0, priority: 0, weight: 0 }])).toEqual([]);
  });
});

describe('MX records', () => {
  it('keeps the most preferred hosts only and ignores a null MX (RFC 7505)', () => {
    expect(preferredMxHosts([{ exchange: 'b.example', priority: 10 }, { exchange: 'A.example.', priority: 5 }, { exchange: 'c.example', priority: 5 }])).toEqual(['a.example', 'c.example']);
    expect(preferredMxHosts([{ exchange: '', priority: 0 }])).toEqual([]);
  });

  it('validates DNS server strings', () => {
    expect(() => checkDnsServers(['127.0.0.1:5353', '[::1]:53', '8.8.8.8'])).not.toThrow();
    expect(() => checkDnsServers(['dns.example:53'])).toThrow(/Invalid DNS server/);
  });
});

describe('autoconfig URLs', () => {
  it('builds the https URLs Thunderbird uses', () => {
    expect(autoconfigRequest('example.org', 'a+b@example.org')).toEqual({
      canonical: 'https://autoconfig.example.org/mail/config-v1.1.xml?emailaddress=a%2Bb%40example.org',
      url: 'https://autoconfig.example.org/mail/config-v1.1.xml?emailaddress=a%2Bb%40example.org',
    });
    expect(wellKnownRequest('example.org').url).toBe('https://example.org/.well-known/autoconfig/mail/config-v1.1.xml');
  });

  it('puts the host under an explicit base URL', () => {
    expect(wellKnownRequest('example.org', 'http://127.0.0.1:8080/').url).toBe('http://127.0.0.1:8080/example.org/.well-known/autoconfig/mail/config-v1.1.xml');
    expect(autoconfigRequest('example.org', undefined, 'https://proxy.corp.example/ac').url).toBe('https://proxy.corp.example/ac/autoconfig.example.org/mail/config-v1.1.xml');
  });

  it('refuses a base that is not an http(s) URL', () => {
    expect(() => checkAutoconfigBase('ftp://x.example')).toThrow(/not an http/);
    expect(() => checkAutoconfigBase('nonsense')).toThrow(/not a URL/);
    expect(() => checkAutoconfigBase('http://x.example/?q=1')).toThrow(/query/);
  });
});
