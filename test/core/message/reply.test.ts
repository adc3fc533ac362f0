import { describe, expect, it } from 'vitest';
import {
  MAX_REFERENCES,
  bareMessageId,
  forwardBody,
  forwardHeaderLines,
  forwardHtml,
  forwardSubject,
  formatQuoteDate,
  quoteText,
  replyBody,
  replyHtml,
  replyRecipients,
  replySubject,
  threadingFields,
  type ForwardWords,
  type OriginalMessage,
  type QuoteWords,
} from '../../../core/message/reply.js';

const alice = { name: 'Alice', address: 'alice@tegami.test' };
const bob = { name: 'Bob', address: 'bob@tegami.test' };
const carol = { name: 'Carol', address: 'carol@example.org' };
const dave = { name: '', address: 'dave@example.org' };

function original(patch: Partial<OriginalMessage> = {}): OriginalMessage {
  return {
    from: [bob],
    to: [alice, carol],
    cc: [dave],
    replyTo: [],
    subject: 'Lunch',
    messageId: '<m3@tegami.test>',
    inReplyTo: '<m2@tegami.test>',
    references: ['<m1@tegami.test>', '<m2@tegami.test>'],
    date: '2026-11-28T10:21:05Z',
    text: 'See you at noon.\n\n> Shall we eat?\n',
    ...patch,
  };
}

const enQuote: QuoteWords = { locale: 'en', timeZone: 'UTC', attribution: 'On {date}, {name} wrote:', attributionNoDate: '{name} wrote:' };
const jaQuote: QuoteWords = { locale: 'ja', timeZone: 'Asia/Tokyo', attribution: '{date}、{name} さんは書きました:', attributionNoDate: '{name} さんは書きました:' };
const enForward: ForwardWords = {
  locale: 'en',
  timeZone: 'UTC',
  heading: '-------- Forwarded Message --------',
  subject: 'Subject',
  date: 'Date',
  from: 'From',
  to: 'To',
  cc: 'Cc',
  replyTo: 'Reply-To',
};

describe('replySubject', () => {
  it('adds one "Re: " to a fresh subject and to an empty one', () => {
    expect(replySubject('Lunch')).toBe('Re: Lunch');
    expect(replySubject('')).toBe('Re:');
    expect(replySubject('  Lunch   plans ')).toBe('Re: Lunch plans');
  });

  it('does not stack: any run of reply prefixes in any case or language becomes one "Re: "', () => {
    expect(replySubject('Re: Lunch')).toBe('Re: Lunch');
    expect(replySubject('RE: Lunch')).toBe('Re: Lunch');
    expect(replySubject('re:Lunch')).toBe('Re: Lunch');
    expect(replySubject('Re: RE: re: Lunch')).toBe('Re: Lunch');
    expect(replySubject('AW: Lunch')).toBe('Re: Lunch');
    expect(replySubject('Re[2]: Lunch')).toBe('Re: Lunch');
    expect(replySubject('Re(3): Lunch')).toBe('Re: Lunch');
    expect(replySubject('SV: Lunch')).toBe('Re: Lunch');
    expect(replySubject('返信: 会議')).toBe('Re: 会議');
    expect(replySubject('返信：会議')).toBe('Re: 会議');
  });

  it('keeps forward prefixes and words that only begin like a prefix', () => {
    expect(replySubject('Fwd: Lunch')).toBe('Re: Fwd: Lunch');
    expect(replySubject('Resume: draft')).toBe('Re: Resume: draft');
    expect(replySubject('Revision')).toBe('Re: Revision');
  });

  it('keeps a mailing-list tag in front of the single prefix', () => {
    expect(replySubject('[dev] Re: build')).toBe('Re: [dev] build');
    expect(replySubject('[dev] build')).toBe('Re: [dev] build');
  });
});

describe('forwardSubject', () => {
  it('adds one "Fwd: " and collapses forward prefixes of any language', () => {
    expect(forwardSubject('Lunch')).toBe('Fwd: Lunch');
    expect(forwardSubject('Fwd: Lunch')).toBe('Fwd: Lunch');
    expect(forwardSubject('FW: Fwd: Lunch')).toBe('Fwd: Lunch');
    expect(forwardSubject('WG: Lunch')).toBe('Fwd: Lunch');
    expect(forwardSubject('転送: 会議')).toBe('Fwd: 会議');
  });

  it('keeps reply prefixes: a forwarded answer is still an answer', () => {
    expect(forwardSubject('Re: Lunch')).toBe('Fwd: Re: Lunch');
    expect(forwardSubject('返信: 会議')).toBe('Fwd: 返信: 会議');
  });
});

describe('threadingFields', () => {
  it('is the parent References followed by its Message-ID, ids without brackets', () => {
    expect(threadingFields(original())).toEqual({ inReplyTo: 'm3@tegami.test', references: ['m1@tegami.test', 'm2@tegami.test', 'm3@tegami.test'] });
  });

  it('uses the parent In-Reply-To when it has no References (RFC 5322 §3.6.4)', () => {
    expect(threadingFields(original({ references: [] }))).toEqual({ inReplyTo: 'm3@tegami.test', references: ['m2@tegami.test', 'm3@tegami.test'] });
  });

  it('starts a chain from a first message and gives nothing for a message without an id', () => {
    expect(threadingFields(original({ references: [], inReplyTo: null }))).toEqual({ inReplyTo: 'm3@tegami.test', references: ['m3@tegami.test'] });
    expect(threadingFields({ messageId: null, inReplyTo: null, references: [] })).toEqual({ inReplyTo: null, references: [] });
  });

  it('does not repeat an id the parent already listed', () => {
    expect(threadingFields(original({ references: ['m1@tegami.test', 'm3@tegami.test'] })).references).toEqual(['m1@tegami.test', 'm3@tegami.test']);
  });

  it('trims a long chain to MAX_REFERENCES keeping the root and the newest', () => {
    const refs = Array.from({ length: MAX_REFERENCES + 30 }, (_, i) => `<r${i}@x>`);
    const { references } = threadingFields(original({ references: refs }));
    expect(references).toHaveLength(MAX_REFERENCES);
    expect(references[0]).toBe('r0@x');
    expect(references.at(-1)).toBe('m3@tegami.test');
    expect(references.at(-2)).toBe(`r${MAX_REFERENCES + 29}@x`);
    expect(references[1]).toBe(`r${MAX_REFERENCES + 30 - (MAX_REFERENCES - 2)}@x`);
  });

  it('strips brackets and space from ids', () => {
    expect(bareMessageId(' <a@b> ')).toBe('a@b');
    expect(bareMessageId('a@b')).toBe('a@b');
    expect(bareMessageId('<>')).toBe('');
  });
});

describe('replyRecipients', () => {
  const own = ['alice@tegami.test'];

  it('answers the sender, or Reply-To when there is one', () => {
    expect(replyRecipients(original(), 'reply', own)).toEqual({ to: [bob], cc: [] });
    const list = { name: 'List', address: 'list@example.org' };
    expect(replyRecipients(original({ replyTo: [list] }), 'reply', own)).toEqual({ to: [list], cc: [] });
  });

  it('reply all adds the other To recipients and keeps Cc, leaving the user out', () => {
    expect(replyRecipients(original(), 'reply-all', own)).toEqual({ to: [bob, carol], cc: [dave] });
  });

  it('drops duplicates and own addresses case-insensitively', () => {
    const message = original({
      to: [{ name: 'ALICE', address: 'Alice@Tegami.Test' }, { name: 'Bob again', address: 'BOB@tegami.test' }, carol],
      cc: [{ name: '', address: 'carol@EXAMPLE.org' }, dave, dave],
    });
    expect(replyRecipients(message, 'reply-all', ['ALICE@tegami.test'])).toEqual({ to: [bob, carol], cc: [dave] });
  });

  it('reply all with Reply-To answers Reply-To, not From, plus the others', () => {
    const list = { name: 'List', address: 'list@example.org' };
    expect(replyRecipients(original({ replyTo: [list] }), 'reply-all', own)).toEqual({ to: [list, carol], cc: [dave] });
  });

  it('answering one\'s own sent message goes to its recipients', () => {
    const sent = original({ from: [alice], to: [bob], cc: [carol] });
    expect(replyRecipients(sent, 'reply', own)).toEqual({ to: [bob], cc: [] });
    expect(replyRecipients(sent, 'reply-all', own)).toEqual({ to: [bob], cc: [carol] });
  });

  it('skips entries without an address', () => {
    expect(replyRecipients(original({ from: [{ name: 'Undisclosed', address: '' }, bob] }), 'reply', own)).toEqual({ to: [bob], cc: [] });
  });
});

describe('quoteText', () => {
  it('quotes per RFC 3676: ">" per level without spaces between levels, ">" alone on empty lines', () => {
    expect(quoteText('Hello\n\n> earlier\n>> older')).toBe('> Hello\n>\n>> earlier\n>>> older');
  });

  it('drops trailing spaces so no quoted line becomes a flowed soft break, and CRLF becomes LF', () => {
    expect(quoteText('one \r\ntwo\t\r\n\r\n')).toBe('> one\n> two');
  });
});

describe('replyBody and replyHtml', () => {
  it('starts with room to write, then the attribution with the date in the UI language, then the quote', () => {
    const body = replyBody(original(), enQuote);
    expect(body).toBe(`\n\nOn ${formatQuoteDate('2026-11-28T10:21:05Z', enQuote)}, Bob wrote:\n> See you at noon.\n>\n>> Shall we eat?\n`);
    expect(body).toContain('Nov 28, 2026');
  });

  it('writes the attribution in Japanese with a Japanese date in the given time zone', () => {
    const body = replyBody(original(), jaQuote);
    expect(body).toContain('2026/11/28 19:21、Bob さんは書きました:');
  });

  it('falls back to the address and to the no-date form', () => {
    const body = replyBody(original({ from: [dave], date: null }), enQuote);
    expect(body.split('\n')[2]).toBe('dave@example.org wrote:');
    expect(replyBody(original({ date: 'not a date', text: null }), enQuote)).toBe('\n\nBob wrote:\n>\n');
  });

  it('escapes the original in the rich-text quote', () => {
    const html = replyHtml(original({ text: '<b>x</b> & y\nz' }), enQuote);
    expect(html).toContain('<blockquote type="cite">&lt;b&gt;x&lt;/b&gt; &amp; y<br>z</blockquote>');
    expect(html).toContain('Bob wrote:</p>');
  });
});

describe('forward', () => {
  it('writes the header block with the fields that are present, then the text unquoted', () => {
    const body = forwardBody(original({ cc: [] }), enForward);
    const lines = body.split('\n');
    expect(lines.slice(0, 3)).toEqual(['', '', '-------- Forwarded Message --------']);
    expect(lines).toContain('Subject: Lunch');
    expect(lines).toContain('From: Bob <bob@tegami.test>');
    expect(lines).toContain('To: Alice <alice@tegami.test>, Carol <carol@example.org>');
    expect(lines.some((l) => l.startsWith('Cc:'))).toBe(false);
    expect(lines.some((l) => l.startsWith('Date: Nov 28, 2026'))).toBe(true);
    expect(body.endsWith('\n\nSee you at noon.\n\n> Shall we eat?\n')).toBe(true);
  });

  it('names Reply-To and Cc when the original had them', () => {
    const lines = forwardHeaderLines(original({ replyTo: [carol] }), enForward);
    expect(lines).toContain('Reply-To: Carol <carol@example.org>');
    expect(lines).toContain('Cc: dave@example.org');
  });

  it('escapes the header block and text in the rich-text forward', () => {
    const html = forwardHtml(original({ subject: '<script>', text: 'a<b' }), enForward);
    expect(html).toContain('Subject: &lt;script&gt;');
    expect(html).toContain('<div>a&lt;b</div>');
    expect(html).not.toContain('<script>');
  });
});
