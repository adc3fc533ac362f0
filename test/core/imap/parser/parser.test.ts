import { describe, expect, it } from 'vitest';
import { ImapParser } from '../../../../core/imap/parser/index.js';
import { MailError } from '../../../../core/net/mail-error.js';
import { dec, enc, one, parseAll, responses, untagged } from './helpers.js';

describe('framing', () => {
  it('splits responses and strips CRLF or bare LF', () => {
    const r = responses('* 3 EXISTS\r\n* 1 RECENT\nA1 OK done\r\n');
    expect(r).toEqual([
      { kind: 'untagged', data: { type: 'exists', count: 3 } },
      { kind: 'untagged', data: { type: 'recent', count: 1 } },
      { kind: 'tagged', tag: 'A1', status: 'OK', code: undefined, text: 'done' },
    ]);
  });

  it('gives the same result for every chunking, byte by byte included', () => {
    const text = '* 1 FETCH (UID 7 BODY[] {11}\r\nhello\r\nworl FLAGS (\\Seen))\r\nA2 OK [READ-ONLY] x\r\n';
    const whole = responses(text);
    const parser = new ImapParser();
    const bytes = enc(text);
    const items = [];
    for (let i = 0; i < bytes.length; i++) items.push(...parser.push(bytes.subarray(i, i + 1)));
    expect(items.map((i) => (i.kind === 'response' ? i.response : i))).toEqual(whole);
    expect(parser.pending).toBe(false);
  });

  it('hands on a literal that arrives whole as a view of the input (no copy)', () => {
    const input = enc('* 1 FETCH (BODY[] {5}\r\nabcde)\r\n');
    const [item] = parseAll(input);
    if (item?.kind !== 'response' || item.response.kind !== 'untagged' || item.response.data.type !== 'fetch') throw new Error('bad');
    const data = item.response.data.attributes.sections?.[0]?.data;
    if (!(data instanceof Uint8Array)) throw new Error('no bytes');
    expect(dec(data)).toBe('abcde');
    expect(data.buffer).toBe(input.buffer);
  });

  it('accepts literal8 and non-synchronizing markers', () => {
    const d = untagged('* 2 FETCH (BINARY[1] ~{3}\r\n\x00\x01\x02 UID 4)\r\n');
    if (d.type !== 'fetch') throw new Error('bad');
    expect(d.attributes.uid).toBe(4);
    expect([...((d.attributes.sections?.[0]?.data as Uint8Array) ?? [])]).toEqual([0, 1, 2]);
    const l = untagged('* LIST () "/" {3+}\r\nabc\r\n');
    expect(l).toMatchObject({ type: 'list', name: 'abc' });
  });

  it('streams a large literal to a sink chunk by chunk', () => {
    const chunks: Uint8Array[] = [];
    let ended = false;
    let prefix = '';
    const parser = new ImapParser({
      literalSink: (lit) => {
        prefix = lit.prefix;
        return { write: (c) => chunks.push(c), end: () => (ended = true) };
      },
    });
    const body = 'x'.repeat(1000);
    const items = [
      ...parser.push(enc('* 9 FETCH (UID 3 BODY[] {1000}\r\n')),
      ...parser.push(enc(body.slice(0, 400))),
      ...parser.push(enc(body.slice(400) + ')\r\n')),
    ];
    expect(prefix).toBe('* 9 FETCH (UID 3 BODY[] {1000}');
    expect(ended).toBe(true);
    expect(chunks.reduce((n, c) => n + c.length, 0)).toBe(1000);
    const first = items[0];
    if (first?.kind !== 'response' || first.response.kind !== 'untagged' || first.response.data.type !== 'fetch') throw new Error('bad');
    expect(first.response.data.attributes.sections?.[0]?.data).toEqual({ streamed: true, size: 1000 });
  });

  it('reports an over-long line as a typed error and recovers at the next line', () => {
    const parser = new ImapParser({ maxLineLength: 20 });
    const items = parser.push(enc(`* OK ${'a'.repeat(50)}\r\n* 5 EXISTS\r\n`));
    expect(items[0]).toMatchObject({ kind: 'malformed', fatal: false });
    expect(items[0]?.kind === 'malformed' && items[0].error.code).toBe('line-too-long');
    expect(items[1]).toMatchObject({ kind: 'response', response: { data: { type: 'exists', count: 5 } } });
  });

  it('refuses a literal over the limit as a fatal typed error', () => {
    const items = parseAll('* 1 FETCH (BODY[] {999999999999}\r\n', { maxLiteralSize: 1000 });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'malformed', fatal: true });
    expect(items[0]?.kind === 'malformed' && items[0].error.code).toBe('literal-too-large');
  });
});

describe('status responses and codes', () => {
  it('reads the greeting with CAPABILITY', () => {
    expect(one('* OK [CAPABILITY IMAP4rev1 SASL-IR LITERAL+ STARTTLS AUTH=PLAIN] Dovecot ready.\r\n')).toEqual({
      kind: 'untagged',
      data: {
        type: 'condition',
        status: 'OK',
        code: { name: 'CAPABILITY', capabilities: ['IMAP4rev1', 'SASL-IR', 'LITERAL+', 'STARTTLS', 'AUTH=PLAIN'] },
        text: 'Dovecot ready.',
      },
    });
  });

  it.each([
    ['* OK [UIDVALIDITY 3857529045] UIDs valid\r\n', { name: 'UIDVALIDITY', value: 3857529045 }],
    ['* OK [UIDNEXT 4392] Predicted next UID\r\n', { name: 'UIDNEXT', value: 4392 }],
    ['* OK [HIGHESTMODSEQ 715194045007] Highest\r\n', { name: 'HIGHESTMODSEQ', value: 715194045007n }],
    ['* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n', { name: 'PERMANENTFLAGS', flags: ['\\Deleted', '\\Seen', '\\*'] }],
    ['A3 OK [APPENDUID 38505 3955] APPEND completed\r\n', { name: 'APPENDUID', uidValidity: 38505, uids: '3955' }],
    ['A4 OK [COPYUID 38505 304,319:320 3956:3958] Done\r\n', { name: 'COPYUID', uidValidity: 38505, sourceUids: '304,319:320', destinationUids: '3956:3958' }],
    ['A5 NO [TRYCREATE] No such mailbox\r\n', { name: 'TRYCREATE' }],
    ['A6 NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)\r\n', { name: 'OTHER', code: 'AUTHENTICATIONFAILED', text: '' }],
    ['A7 NO [OVERQUOTA] Quota exceeded\r\n', { name: 'OTHER', code: 'OVERQUOTA', text: '' }],
    ['A8 NO [LIMIT] Too many\r\n', { name: 'OTHER', code: 'LIMIT', text: '' }],
    ['A9 NO [UNAVAILABLE] Try later\r\n', { name: 'OTHER', code: 'UNAVAILABLE', text: '' }],
    ['B1 NO [BADCHARSET (UTF-8 US-ASCII)] bad\r\n', { name: 'BADCHARSET', charsets: ['UTF-8', 'US-ASCII'] }],
    ['B2 OK [MODIFIED 7,9] Conditional STORE failed\r\n', { name: 'MODIFIED', set: '7,9' }],
    ['* OK [ALERT] Mailbox nearly full\r\n', { name: 'ALERT' }],
    ['* NO [WEBALERT https://accounts.google.com/x?a=b] Web login required\r\n', { name: 'OTHER', code: 'WEBALERT', text: 'https://accounts.google.com/x?a=b' }],
  ])('%s', (line, code) => {
    const r = one(line);
    const got = r.kind === 'tagged' ? r.code : r.kind === 'untagged' && r.data.type === 'condition' ? r.data.code : undefined;
    expect(got).toEqual(code);
  });

  it('keeps a bracket that is not a response code as text', () => {
    expect(one('A1 OK [unterminated code\r\n')).toMatchObject({ code: undefined, text: '[unterminated code' });
  });

  it('reads continuation requests with and without text', () => {
    expect(one('+ idling\r\n')).toEqual({ kind: 'continuation', text: 'idling', code: undefined });
    expect(one('+\r\n')).toEqual({ kind: 'continuation', text: '', code: undefined });
    expect(one('+ PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2U+\r\n')).toMatchObject({ text: 'PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2U+' });
  });

  it('reads BYE and PREAUTH', () => {
    expect(untagged('* BYE Autologout; idle for too long\r\n')).toMatchObject({ type: 'condition', status: 'BYE' });
    expect(untagged('* PREAUTH IMAP4rev1 server logged in as Smith\r\n')).toMatchObject({ type: 'condition', status: 'PREAUTH' });
  });
});

describe('malformed input is a typed error for that response only', () => {
  it.each([
    'A1 WHAT is this\r\n',
    '* 1 FETCH (UID)\r\n',
    '* 1 FETCH (UID abc)\r\n',
    '* 1 FETCH (FLAGS (\\Seen)\r\n',
    '* 1 FETCH "unterminated\r\n',
    '* LIST\r\n',
    '* 99999999999 EXISTS\r\n',
    '\r\n',
  ])('%j', (line) => {
    const items = parseAll(line + '* 2 EXISTS\r\n');
    expect(items[0]?.kind).toBe('malformed');
    if (items[0]?.kind === 'malformed') {
      expect(items[0].error).toBeInstanceOf(MailError);
      expect(items[0].error.code).toBe('protocol-error');
    }
    expect(items[1]).toMatchObject({ kind: 'response', response: { data: { type: 'exists', count: 2 } } });
  });

  it('keeps the tag of a malformed tagged response so its command can fail', () => {
    expect(parseAll('A17 MAYBE\r\n')[0]).toMatchObject({ kind: 'malformed', tag: 'A17' });
  });

  it('bounds the nesting depth', () => {
    const deep = '* 1 FETCH (X ' + '('.repeat(200) + ')'.repeat(200) + ')\r\n';
    const [item] = parseAll(deep);
    expect(item?.kind).toBe('malformed');
  });
});
