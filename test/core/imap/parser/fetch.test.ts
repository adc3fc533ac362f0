import { describe, expect, it } from 'vitest';
import type { BodyStructure, FetchAttributes } from '../../../../core/imap/parser/index.js';
import { dec, untagged } from './helpers.js';

function fetch(line: string): FetchAttributes {
  const d = untagged(line);
  if (d.type !== 'fetch') throw new Error(`not a FETCH: ${d.type}`);
  return d.attributes;
}

function parts(b: BodyStructure): string[] {
  const self = `${b.part}:${b.type}/${b.subtype}`;
  if (b.kind === 'multipart') return [self, ...b.children.flatMap(parts)];
  return b.body ? [self, ...parts(b.body)] : [self];
}

describe('FETCH attributes', () => {
  it('reads the RFC 3501 §7.4.2 example with ENVELOPE', () => {
    const a = fetch(
      '* 12 FETCH (FLAGS (\\Seen) INTERNALDATE "17-Jul-1996 02:44:25 -0700" RFC822.SIZE 4286 ENVELOPE ("Wed, 17 Jul 1996 02:23:25 -0700 (PDT)" "IMAP4rev1 WG mtg summary and minutes" (("Terry Gray" NIL "gray" "cac.washington.edu")) (("Terry Gray" NIL "gray" "cac.washington.edu")) (("Terry Gray" NIL "gray" "cac.washington.edu")) ((NIL NIL "imap" "cac.washington.edu")) ((NIL NIL "minutes" "CNRI.Reston.VA.US")("John Klensin" NIL "KLENSIN" "MIT.EDU")) NIL NIL "<B27397-0100000@cac.washington.edu>") BODY ("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 3028 92))\r\n',
    );
    expect(a.flags).toEqual(['\\Seen']);
    expect(a.size).toBe(4286);
    expect(a.internalDateMs).toBe(Date.UTC(1996, 6, 17, 9, 44, 25));
    expect(a.envelope?.subject).toBe('IMAP4rev1 WG mtg summary and minutes');
    expect(a.envelope?.cc).toEqual([
      { name: null, adl: null, mailbox: 'minutes', host: 'CNRI.Reston.VA.US' },
      { name: 'John Klensin', adl: null, mailbox: 'KLENSIN', host: 'MIT.EDU' },
    ]);
    expect(a.envelope?.messageId).toBe('<B27397-0100000@cac.washington.edu>');
    expect(a.bodyStructure).toMatchObject({ kind: 'single', part: '1', type: 'text', subtype: 'plain', parameters: { charset: 'US-ASCII' }, size: 3028, lines: 92 });
  });

  it('reads sections, partial origins, BINARY.SIZE, MODSEQ and Gmail attributes', () => {
    const a = fetch(
      '* 4 FETCH (UID 99 MODSEQ (12345678901234) X-GM-MSGID 1278455344230334865 X-GM-THRID 1266894439832287888 X-GM-LABELS (\\Inbox \\Sent Important "Muy Importante" "[Imap]/Trash") BODY[HEADER.FIELDS (FROM SUBJECT)] {13}\r\nFrom: a@b.c\r\n BODY[1.2]<0> "partial" BINARY.SIZE[1] 2048 BODY[TEXT] NIL)\r\n',
    );
    expect(a.uid).toBe(99);
    expect(a.modseq).toBe(12345678901234n);
    expect(a.gmailMessageId).toBe(1278455344230334865n);
    expect(a.gmailThreadId).toBe(1266894439832287888n);
    expect(a.gmailLabels).toEqual(['\\Inbox', '\\Sent', 'Important', 'Muy Importante', '[Imap]/Trash']);
    expect(a.binarySizes).toEqual({ '1': 2048 });
    const s = a.sections ?? [];
    expect(s.map((x) => [x.item, x.section, x.origin])).toEqual([
      ['BODY', 'HEADER.FIELDS (FROM SUBJECT)', undefined],
      ['BODY', '1.2', 0],
      ['BODY', 'TEXT', undefined],
    ]);
    expect(dec(s[0]?.data as Uint8Array)).toBe('From: a@b.c\r\n');
    expect(dec(s[1]?.data as Uint8Array)).toBe('partial');
    expect(s[2]?.data).toBeNull();
  });

  it('reads RFC822 items and OBJECTID', () => {
    const a = fetch('* 1 FETCH (RFC822.HEADER {4}\r\nA: b EMAILID (M6d99ac3275bb4e) THREADID NIL)\r\n');
    expect(a.sections?.[0]?.item).toBe('RFC822.HEADER');
    expect(a.emailId).toBe('M6d99ac3275bb4e');
    expect(a.threadId).toBeNull();
  });

  it('keeps unknown items raw', () => {
    expect(fetch('* 1 FETCH (UID 5 PREVIEW "Hello there")\r\n').other).toEqual({
      PREVIEW: { type: 'string', bytes: expect.any(Uint8Array), literal: false },
    });
  });
});

describe('BODYSTRUCTURE', () => {
  it('numbers the parts of nested multiparts and message/rfc822', () => {
    const a = fetch(
      '* 1 FETCH (BODYSTRUCTURE (("TEXT" "PLAIN" ("CHARSET" "UTF-8") NIL NIL "7BIT" 10 1 NIL NIL NIL NIL)(("TEXT" "HTML" ("CHARSET" "UTF-8") NIL NIL "QUOTED-PRINTABLE" 20 2 NIL NIL NIL NIL)("IMAGE" "PNG" ("NAME" "a.png") "<img1>" NIL "BASE64" 300 NIL ("INLINE" ("FILENAME" "a.png")) NIL NIL) "RELATED" ("BOUNDARY" "b2") NIL NIL NIL)("MESSAGE" "RFC822" NIL NIL NIL "7BIT" 500 (NIL "inner" NIL NIL NIL NIL NIL NIL NIL NIL) ("TEXT" "PLAIN" NIL NIL NIL "7BIT" 5 1 NIL NIL NIL NIL) 12 NIL ("ATTACHMENT" ("FILENAME" "fwd.eml")) NIL NIL) "MIXED" ("BOUNDARY" "b1") NIL ("EN" "JA") NIL))\r\n',
    );
    const b = a.bodyStructure;
    if (b === undefined) throw new Error('none');
    expect(parts(b)).toEqual([
      ':multipart/mixed',
      '1:text/plain',
      '2:multipart/related',
      '2.1:text/html',
      '2.2:image/png',
      '3:message/rfc822',
      '3.1:text/plain',
    ]);
    expect(b.kind === 'multipart' && b.language).toEqual(['EN', 'JA']);
    const img = b.kind === 'multipart' && b.children[1]?.kind === 'multipart' ? b.children[1].children[1] : undefined;
    expect(img).toMatchObject({ id: '<img1>', encoding: 'base64', disposition: { type: 'inline', parameters: { filename: 'a.png' } } });
    const msg = b.kind === 'multipart' ? b.children[2] : undefined;
    expect(msg).toMatchObject({ lines: 12, envelope: { subject: 'inner' }, disposition: { type: 'attachment' } });
  });

  it('tolerates NIL where strings belong (Exchange)', () => {
    const a = fetch('* 1 FETCH (BODYSTRUCTURE (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL))\r\n');
    expect(a.bodyStructure).toMatchObject({ type: 'application', subtype: 'octet-stream', encoding: '7bit', size: 0, parameters: {} });
  });

  it('tolerates a text part without its line count (iCloud)', () => {
    const a = fetch('* 1 FETCH (BODYSTRUCTURE ("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 42 "md5sum" ("inline" NIL) NIL))\r\n');
    expect(a.bodyStructure).toMatchObject({ lines: undefined, md5: 'md5sum', disposition: { type: 'inline', parameters: {} } });
  });

  it('reads a filename sent as a literal and extra extension fields (Exchange, Yahoo)', () => {
    const a = fetch(
      '* 1 FETCH (BODYSTRUCTURE ("application" "pdf" ("name" {20}\r\nreport "final" 1.pdf) NIL NIL "base64" 1000 NIL ("attachment" ("filename" {20}\r\nreport "final" 1.pdf)) NIL NIL "x-extra" (1 2)))\r\n',
    );
    expect(a.bodyStructure).toMatchObject({
      parameters: { name: 'report "final" 1.pdf' },
      disposition: { type: 'attachment', parameters: { filename: 'report "final" 1.pdf' } },
    });
    expect(a.bodyStructure?.extensions).toHaveLength(2);
  });

  it('tolerates a bare-string disposition, odd parameter lists and message/rfc822 without envelope', () => {
    const a = fetch(
      '* 1 FETCH (BODYSTRUCTURE (("message" "rfc822" ("a" "1" "b") NIL NIL "7bit" 10 NIL "attachment" NIL)("text" "plain" NIL NIL NIL "8bit" 1 NIL) "mixed"))\r\n',
    );
    const b = a.bodyStructure;
    if (b?.kind !== 'multipart') throw new Error('not multipart');
    expect(b.children[0]).toMatchObject({ type: 'message', subtype: 'rfc822', parameters: { a: '1' }, disposition: { type: 'attachment' } });
    expect(b.children[0]?.kind === 'single' && b.children[0].body).toBeUndefined();
    expect(b.children[1]).toMatchObject({ lines: undefined });
  });
});

describe('mailbox and server data', () => {
  it('LIST with special-use, NIL delimiter and a literal name', () => {
    expect(untagged('* LIST (\\HasNoChildren \\Sent) "/" "[Gmail]/Sent Mail"\r\n')).toEqual({
      type: 'list', attributes: ['\\HasNoChildren', '\\Sent'], delimiter: '/', name: '[Gmail]/Sent Mail',
    });
    expect(untagged('* LIST (\\Noselect) NIL ""\r\n')).toMatchObject({ delimiter: null, name: '' });
    expect(untagged('* LSUB () "." {8}\r\nfoo bar"\r\n')).toMatchObject({ type: 'lsub', name: 'foo bar"' });
  });

  it('LIST-EXTENDED CHILDINFO and OLDNAME', () => {
    expect(untagged('* LIST (\\NonExistent) "/" "Fruit" ("CHILDINFO" ("SUBSCRIBED"))\r\n')).toMatchObject({ childInfo: ['SUBSCRIBED'] });
    expect(untagged('* LIST () "/" "New" ("OLDNAME" ("Old"))\r\n')).toMatchObject({ oldName: 'Old' });
  });

  it('STATUS, including a literal mailbox name', () => {
    expect(untagged('* STATUS "blurdybloop" (MESSAGES 231 UIDNEXT 44292 HIGHESTMODSEQ 7011231777)\r\n')).toEqual({
      type: 'status', mailbox: 'blurdybloop', attributes: { MESSAGES: 231n, UIDNEXT: 44292n, HIGHESTMODSEQ: 7011231777n },
    });
    expect(untagged('* STATUS {3}\r\nabc (UNSEEN 0)\r\n')).toMatchObject({ mailbox: 'abc', attributes: { UNSEEN: 0n } });
  });

  it('SEARCH, empty SEARCH and SEARCH with MODSEQ', () => {
    expect(untagged('* SEARCH 2 84 882\r\n')).toEqual({ type: 'search', ids: [2, 84, 882], modseq: undefined });
    expect(untagged('* SEARCH\r\n')).toEqual({ type: 'search', ids: [], modseq: undefined });
    expect(untagged('* SEARCH 2 5 6 (MODSEQ 917162500)\r\n')).toMatchObject({ ids: [2, 5, 6], modseq: 917162500n });
  });

  it('ESEARCH with correlator', () => {
    expect(untagged('* ESEARCH (TAG "A285") UID MIN 7 MAX 3800 COUNT 3 ALL 7,3000:3800\r\n')).toEqual({
      type: 'esearch', tag: 'A285', uid: true, min: 7, max: 3800, count: 3, all: '7,3000:3800',
    });
    expect(untagged('* ESEARCH (TAG "A1")\r\n')).toEqual({ type: 'esearch', tag: 'A1', uid: false });
  });

  it('VANISHED and VANISHED (EARLIER)', () => {
    expect(untagged('* VANISHED (EARLIER) 300:310,405,411\r\n')).toEqual({ type: 'vanished', earlier: true, uids: '300:310,405,411' });
    expect(untagged('* VANISHED 405\r\n')).toEqual({ type: 'vanished', earlier: false, uids: '405' });
  });

  it('NAMESPACE, ID, ENABLED, CAPABILITY, FLAGS, EXPUNGE', () => {
    expect(untagged('* NAMESPACE (("" "/")) (("~" "/")) (("#shared/" "/")("#public/" "/"))\r\n')).toEqual({
      type: 'namespace',
      personal: [{ prefix: '', delimiter: '/' }],
      other: [{ prefix: '~', delimiter: '/' }],
      shared: [{ prefix: '#shared/', delimiter: '/' }, { prefix: '#public/', delimiter: '/' }],
    });
    expect(untagged('* NAMESPACE (("INBOX." ".")) NIL NIL\r\n')).toMatchObject({ personal: [{ prefix: 'INBOX.', delimiter: '.' }], other: [], shared: [] });
    expect(untagged('* ID ("name" "Dovecot" "version" NIL)\r\n')).toEqual({ type: 'id', params: { name: 'Dovecot', version: null } });
    expect(untagged('* ID NIL\r\n')).toEqual({ type: 'id', params: null });
    expect(untagged('* ENABLED CONDSTORE QRESYNC\r\n')).toEqual({ type: 'enabled', capabilities: ['CONDSTORE', 'QRESYNC'] });
    expect(untagged('* CAPABILITY IMAP4rev1 IDLE\r\n')).toEqual({ type: 'capability', capabilities: ['IMAP4rev1', 'IDLE'] });
    expect(untagged('* FLAGS (\\Answered \\Flagged $Forwarded)\r\n')).toEqual({ type: 'flags', flags: ['\\Answered', '\\Flagged', '$Forwarded'] });
    expect(untagged('* 44 EXPUNGE\r\n')).toEqual({ type: 'expunge', seq: 44 });
    expect(untagged('* QUOTA "" (STORAGE 10 512)\r\n')).toMatchObject({ type: 'other', name: 'QUOTA' });
  });
});
