import { describe, expect, it } from 'vitest';
import { parseAuthenticationResults, summarizeAuthResults } from '../../../core/message/index.js';

describe('Authentication-Results (RFC 8601)', () => {
  it('reads results, reasons and properties, ignoring comments', () => {
    const r = parseAuthenticationResults(
      'mail.example.com 1; dkim=pass (2048-bit key; unprotected) header.d=gmail.com header.s=20230601; spf=fail (domain of x does not designate) smtp.mailfrom=x@evil.example; dmarc=fail reason="policy; p=reject" header.from=gmail.com',
      ['mail.example.com'],
    );
    expect(r.authservId).toBe('mail.example.com');
    expect(r.version).toBe(1);
    expect(r.trusted).toBe(true);
    expect(r.results).toEqual([
      { method: 'dkim', result: 'pass', reason: undefined, properties: { 'header.d': 'gmail.com', 'header.s': '20230601' } },
      { method: 'spf', result: 'fail', reason: undefined, properties: { 'smtp.mailfrom': 'x@evil.example' } },
      { method: 'dmarc', result: 'fail', reason: 'policy; p=reject', properties: { 'header.from': 'gmail.com' } },
    ]);
  });

  it('"none" means no results; unknown authserv-ids are not trusted', () => {
    const r = parseAuthenticationResults('example.org; none', ['mail.example.com']);
    expect(r.results).toEqual([]);
    expect(r.trusted).toBe(false);
  });

  it('ARC-Authentication-Results carry their instance', () => {
    const r = parseAuthenticationResults('i=2; mx.google.com; arc=pass (i=1 spf=pass); dkim=pass header.i=@example.com');
    expect(r.arcInstance).toBe(2);
    expect(r.authservId).toBe('mx.google.com');
    expect(r.results.map((x) => `${x.method}=${x.result}`)).toEqual(['arc=pass', 'dkim=pass']);
  });

  it('Office 365 fields without an authserv-id are read and never trusted', () => {
    const r = parseAuthenticationResults('spf=pass (sender IP is 192.0.2.44) smtp.mailfrom=partner.example; dkim=none (message not signed) header.d=none;dmarc=bestguesspass action=none header.from=partner.example;compauth=pass reason=109', ['']);
    expect(r.authservId).toBe('');
    expect(r.trusted).toBe(false);
    expect(r.results.map((x) => `${x.method}=${x.result}`)).toEqual(['spf=pass', 'dkim=none', 'dmarc=bestguesspass', 'compauth=pass']);
    expect(r.results[3]?.reason).toBe('109');
  });

  it('summarizes per authserv-id with several DKIM signatures', () => {
    const fields = [
      parseAuthenticationResults('mx.example.com; dkim=pass header.d=a.example; dkim=fail header.d=b.example; spf=pass smtp.mailfrom=a.example', ['mx.example.com']),
      parseAuthenticationResults('mx.example.com; dmarc=pass header.from=a.example', ['mx.example.com']),
      parseAuthenticationResults('forged.example; dkim=pass header.d=bank.example; dmarc=pass'),
    ];
    const summary = summarizeAuthResults(fields);
    expect(summary.map((s) => [s.authservId, s.trusted, s.spf?.result, s.dkim.map((d) => d.result), s.dmarc?.result])).toEqual([
      ['mx.example.com', true, 'pass', ['pass', 'fail'], 'pass'],
      ['forged.example', false, undefined, ['pass'], 'pass'],
    ]);
  });
});
