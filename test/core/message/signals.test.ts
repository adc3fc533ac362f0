import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../../core/mime/index.js';
import { linkMismatches, organizationalDomain, readerSignals, scanAnchors } from '../../../core/message/index.js';

describe('reader signals', () => {
  it('finds Reply-To mismatch, an address in the display name and a lying link', () => {
    const m = parseMessage(new Uint8Array(readFileSync(new URL('../../fixtures/mime/received-exim.eml', import.meta.url))));
    expect(readerSignals(m)).toEqual([
      { code: 'from-reply-to-mismatch', from: 'offers@shop.example', replyTo: 'claims@another-domain.example' },
      { code: 'display-name-address', name: 'support@paypal.com', shownAddress: 'support@paypal.com', actualAddress: 'offers@shop.example' },
      { code: 'link-text-mismatch', href: 'http://login.evil.example/paypal', text: 'https://www.paypal.com/signin', shownDomain: 'www.paypal.com', hrefDomain: 'login.evil.example' },
    ]);
  });

  it('From versus Return-Path or the envelope sender; bounces and same-organisation senders are fine', () => {
    const mk = (rp: string): ReturnType<typeof parseMessage> => parseMessage(`Return-Path: ${rp}\nFrom: Bank <alerts@bank.example>\n\nx`);
    expect(readerSignals(mk('<bounce@mailer.bank.example>'))).toEqual([]);
    expect(readerSignals(mk('<>'))).toEqual([]);
    expect(readerSignals(mk('<x@spammer.example>'))).toEqual([{ code: 'from-return-path-mismatch', from: 'alerts@bank.example', returnPath: 'x@spammer.example' }]);
    expect(readerSignals(mk('<bounce@mailer.bank.example>'), { envelopeFrom: 'y@other.example' })[0]?.code).toBe('from-return-path-mismatch');
  });

  it('a display name that repeats the real address is fine', () => {
    expect(readerSignals(parseMessage('From: "alerts@bank.example" <alerts@bank.example>\n\nx'))).toEqual([]);
  });

  it('link checks: domains in text, IDN, mailto, and texts without a domain', () => {
    const html = `
      <a href="https://www.example.com/a">example.com</a>
      <a href="https://xn--bcher-kva.example/">bücher.example</a>
      <a href="mailto:help@support.example">help@support.example</a>
      <a href="mailto:help@phish.example">help@support.example</a>
      <a href="https://evil.example/"><b>www.</b>bank.co.jp/login</a>
      <a href="https://sub.bank.co.jp/">bank.co.jp</a>
      <a href="https://x.example/">Read more</a>
      <a name="anchor-without-href">bank.example</a>`;
    expect(linkMismatches(html).map((s) => (s.code === 'link-text-mismatch' ? [s.shownDomain, s.hrefDomain] : []))).toEqual([
      ['support.example', 'phish.example'],
      ['www.bank.co.jp', 'evil.example'],
    ]);
  });

  it('the anchor scanner tolerates broken HTML and decodes entities', () => {
    expect(scanAnchors('<A HREF=http://a.example/?x=1&amp;y=2>one &amp; two<a href="http://b.example">unclosed <i>b</i>')).toEqual([
      { href: 'http://a.example/?x=1&y=2', text: 'one & two' },
      { href: 'http://b.example', text: 'unclosed b' },
    ]);
  });

  it('organisational domains know two-level suffixes and IDN', () => {
    expect(organizationalDomain('mail.bank.co.jp')).toBe('bank.co.jp');
    expect(organizationalDomain('a.b.example.com')).toBe('example.com');
    expect(organizationalDomain('メール.例え.jp')).toBe('xn--r8jz45g.jp');
  });
});
