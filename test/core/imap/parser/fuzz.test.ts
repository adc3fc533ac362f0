/**
 * A bounded fuzz run on the response parser: random bytes, and valid responses with random
 * mutations, fed in random chunks. The only acceptable outcomes are typed responses or typed
 * MailErrors per response; never an exception out of push(), never unbounded buffering.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImapParser } from '../../../../core/imap/parser/index.js';
import { MailError } from '../../../../core/net/mail-error.js';
import { enc } from './helpers.js';

const SAMPLES = [
  '* OK [CAPABILITY IMAP4rev1 LITERAL+ AUTH=PLAIN] ready\r\n',
  '* 12 FETCH (FLAGS (\\Seen) UID 7 INTERNALDATE "17-Jul-1996 02:44:25 -0700" RFC822.SIZE 44 ENVELOPE ("d" "s" (("n" NIL "m" "h")) NIL NIL NIL NIL NIL NIL "<i>") BODY[HEADER.FIELDS (FROM)]<0> {5}\r\nabcde MODSEQ (9))\r\n',
  '* 1 FETCH (BODYSTRUCTURE (("text" "plain" ("charset" "utf-8") NIL NIL "7bit" 1 1 NIL NIL NIL NIL)("message" "rfc822" NIL NIL NIL "7bit" 5 (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL) ("text" "plain" NIL NIL NIL "7bit" 1 1) 2) "mixed"))\r\n',
  '* LIST (\\HasNoChildren \\Sent) "/" "&ZeVnLIqe-" ("CHILDINFO" ("SUBSCRIBED"))\r\n',
  '* STATUS {3}\r\nabc (MESSAGES 1 HIGHESTMODSEQ 99)\r\n',
  '* ESEARCH (TAG "A1") UID MIN 1 MAX 9 ALL 1:9\r\n',
  '* VANISHED (EARLIER) 1:3,5\r\n',
  'A1 NO [COPYUID 1 2:3 4:5] x\r\n',
  '+ dGVzdA==\r\n',
  '* NAMESPACE (("" "/")) NIL (("#shared/" "/"))\r\n',
  '* 3 FETCH (BINARY[1] ~{3}\r\n\x00\x01\x02 X-GM-LABELS (\\Inbox "a b"))\r\n',
];

function feed(parser: ImapParser, bytes: Uint8Array, cuts: number[]): number {
  let items = 0;
  let pos = 0;
  for (const cut of [...cuts.map((c) => c % (bytes.length + 1)).sort((a, b) => a - b), bytes.length]) {
    for (const item of parser.push(bytes.subarray(pos, Math.max(pos, cut)))) {
      items++;
      if (item.kind === 'malformed') expect(item.error).toBeInstanceOf(MailError);
    }
    pos = Math.max(pos, cut);
  }
  return items;
}

describe('parser fuzz (bounded)', () => {
  it('random bytes in random chunks', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.array(fc.nat(), { maxLength: 10 }), (bytes, cuts) => {
        const parser = new ImapParser({ maxLineLength: 512, maxLiteralSize: 4096 });
        feed(parser, bytes, cuts);
      }),
      { numRuns: 1500 },
    );
  });

  it('mutated valid responses in random chunks', () => {
    const mutation = fc.record({
      sample: fc.nat({ max: SAMPLES.length - 1 }),
      edits: fc.array(fc.tuple(fc.nat(), fc.constantFrom(...'()[]{}"\\ \r\n*+~0123456789NIL<>.'.split('')), fc.constantFrom('insert', 'replace', 'delete')), { maxLength: 6 }),
      cuts: fc.array(fc.nat(), { maxLength: 8 }),
    });
    fc.assert(
      fc.property(mutation, ({ sample, edits, cuts }) => {
        let text = SAMPLES[sample] ?? '';
        for (const [at, ch, op] of edits) {
          const i = at % (text.length + 1);
          text = op === 'insert' ? text.slice(0, i) + ch + text.slice(i) : op === 'replace' ? text.slice(0, i) + ch + text.slice(i + 1) : text.slice(0, i) + text.slice(i + 1);
        }
        const parser = new ImapParser({ maxLineLength: 4096, maxLiteralSize: 4096 });
        // A clean response follows the damage; whatever the damage swallowed, push() must only
        // ever yield typed items (checked in feed) and never throw.
        feed(parser, enc(`${text}* 1 EXISTS\r\n`), cuts);
      }),
      { numRuns: 3000 },
    );
  });

  it('unmutated samples all parse', () => {
    for (const s of SAMPLES) {
      const items = new ImapParser().push(enc(s));
      expect(items.map((i) => i.kind)).toEqual(['response']);
    }
  });
});
