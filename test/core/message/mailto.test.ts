import { describe, expect, it } from 'vitest';
import { MailtoError, MAX_MAILTO_LENGTH, parseMailto } from '../../../core/message/mailto.js';

function rejects(url: string, pattern: RegExp): void {
  let error: unknown;
  try {
    parseMailto(url);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(MailtoError);
  expect((error as MailtoError).code).toBe('invalid-argument');
  expect((error as MailtoError).message).toMatch(pattern);
}

describe('parseMailto: RFC 6068 §6 examples', () => {
  it('reads a plain address and a subject', () => {
    expect(parseMailto('mailto:chris@example.com')).toEqual({ to: ['chris@example.com'], cc: [], bcc: [], subject: '', body: '', ignored: [] });
    expect(parseMailto('mailto:infobot@example.com?subject=current-issue').subject).toBe('current-issue');
  });

  it('decodes a body with CRLF line breaks', () => {
    const draft = parseMailto('mailto:infobot@example.com?body=send%20current-issue%0D%0Asend%20index');
    expect(draft.body).toBe('send current-issue\nsend index');
  });

  it('takes In-Reply-To and keeps cc separate', () => {
    expect(parseMailto('mailto:list@example.org?In-Reply-To=%3C3469A91.D10AF4C@example.com%3E').inReplyTo).toBe('<3469A91.D10AF4C@example.com>');
    const draft = parseMailto('mailto:joe@example.com?cc=bob@example.com&body=hello');
    expect(draft.to).toEqual(['joe@example.com']);
    expect(draft.cc).toEqual(['bob@example.com']);
    expect(draft.body).toBe('hello');
  });

  it('combines addresses from the path and to= hfields', () => {
    expect(parseMailto('mailto:?to=addr1@an.example,addr2@an.example').to).toEqual(['addr1@an.example', 'addr2@an.example']);
    expect(parseMailto('mailto:addr1@an.example?to=addr2@an.example').to).toEqual(['addr1@an.example', 'addr2@an.example']);
    expect(parseMailto('mailto:a@x.example,b@x.example?to=c@x.example&TO=d@x.example&bcc=e@x.example,f@x.example').to).toEqual(['a@x.example', 'b@x.example', 'c@x.example', 'd@x.example']);
  });

  it('decodes percent-encoded special characters in local parts', () => {
    expect(parseMailto('mailto:gorby%25kremvax@example.com').to).toEqual(['gorby%kremvax@example.com']);
    expect(parseMailto('mailto:Mike%26family@example.org').to).toEqual(['Mike&family@example.org']);
    expect(parseMailto('mailto:%22not%40me%22@example.org').to).toEqual(['"not@me"@example.org']);
    expect(parseMailto('mailto:%22oh%5C%5Cno%22@example.org').to).toEqual(['"oh\\\\no"@example.org']);
    expect(parseMailto("mailto:%22%5C%5C%5C%22it's%5C%20ugly%5C%5C%5C%22%22@example.org").to).toEqual(['"\\\\\\"it\'s\\ ugly\\\\\\""@example.org']);
    expect(parseMailto('mailto:%22a,b%22@example.org,c@example.org').to).toEqual(['"a,b"@example.org', 'c@example.org']);
  });

  it('ignores header fields outside the allow-list (§7)', () => {
    const draft = parseMailto('mailto:unlikely%3Faddress@example.com?blat=foop&From=boss@example.com&attach=/etc/passwd&X-Mailer=z');
    expect(draft.to).toEqual(['unlikely?address@example.com']);
    expect(draft.ignored).toEqual(['blat', 'from', 'attach', 'x-mailer']);
    expect(JSON.stringify(draft)).not.toContain('boss@example.com');
  });

  it('decodes UTF-8 subjects and internationalised domains', () => {
    expect(parseMailto('mailto:user@example.org?subject=caf%C3%A9').subject).toBe('café');
    const draft = parseMailto('mailto:user@%E7%B4%8D%E8%B1%86.example.org?subject=Test&body=NATTO');
    expect(draft.to).toEqual(['user@納豆.example.org']);
    expect(draft.body).toBe('NATTO');
  });
});

describe('parseMailto: Japanese text and edge cases', () => {
  it('decodes a Japanese subject and a multi-line Japanese body', () => {
    const subject = encodeURIComponent('会議の件について');
    const body = encodeURIComponent('山田様\r\n\r\nお世話になっております。');
    const draft = parseMailto(`mailto:yamada@example.jp?subject=${subject}&body=${body}`);
    expect(draft.subject).toBe('会議の件について');
    expect(draft.body).toBe('山田様\n\nお世話になっております。');
  });

  it('accepts unencoded non-ASCII text as the browser may hand it over', () => {
    expect(parseMailto('mailto:a@example.jp?subject=こんにちは').subject).toBe('こんにちは');
  });

  it('keeps "+" literal and drops the fragment', () => {
    const draft = parseMailto('mailto:user+tag@example.com?subject=1+1#ignored');
    expect(draft.to).toEqual(['user+tag@example.com']);
    expect(draft.subject).toBe('1+1');
  });

  it('takes the first subject and body when repeated', () => {
    const draft = parseMailto('mailto:a@example.com?subject=one&subject=two&body=x&body=y');
    expect(draft.subject).toBe('one');
    expect(draft.body).toBe('x');
  });

  it('rejects malformed escapes and invalid UTF-8', () => {
    rejects('mailto:a@example.com?subject=100%', /percent escape/);
    rejects('mailto:a@example.com?subject=%zz', /percent escape/);
    rejects('mailto:a%4@example.com', /percent escape/);
    rejects('mailto:a@example.com?subject=%C3%28', /not UTF-8/);
    rejects('mailto:a@example.com?subject=%FF', /not UTF-8/);
  });

  it('rejects header injection through CR/LF', () => {
    rejects('mailto:a@example.com?subject=hi%0D%0ABcc:%20evil@example.com', /subject/);
    rejects('mailto:a@example.com%0D%0ABcc:evil@example.com', /control characters/);
    rejects('mailto:a@example.com?cc=b@example.com%0Aevil', /control characters/);
    rejects('mailto:a@example.com?In-Reply-To=%3Cx@y%3E%0D%0AX:1', /In-Reply-To/);
  });

  it('rejects other schemes, non-addresses, bad quoting and oversized input', () => {
    rejects('http://example.com/', /scheme/);
    rejects('mailto:nobody', /not an address/);
    rejects('mailto:%22unterminated@example.com', /unterminated/);
    rejects('mailto:a@example.com?In-Reply-To=nobrackets', /angle brackets/);
    rejects(`mailto:a@example.com?body=${'x'.repeat(MAX_MAILTO_LENGTH)}`, /longer than/);
    rejects(`mailto:?to=${Array.from({ length: 101 }, (_, i) => `u${i}@example.com`).join(',')}`, /recipients/);
  });

  it('accepts the scheme case-insensitively and an empty recipient list', () => {
    expect(parseMailto('MAILTO:?subject=hello')).toMatchObject({ to: [], subject: 'hello' });
  });
});
