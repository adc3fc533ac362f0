/** Response codes `[NAME args]` inside resp-text (RFC 3501 §7.1, RFC 4315, RFC 7162, RFC 5530). */
import type { Scanner } from './scanner.js';
import type { ResponseCode, StatusResponseText } from './types.js';
import { listItems, text, uint32, uint64, type ImapValue } from './values.js';

const SP = 0x20;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;

const BARE = new Set(['ALERT', 'PARSE', 'READ-ONLY', 'READ-WRITE', 'TRYCREATE', 'NOMODSEQ', 'CLOSED', 'UIDNOTSTICKY']);

/** Reads `[code] text` (both optional) up to the end of the response. */
export function readResponseText(scanner: Scanner): StatusResponseText {
  scanner.skipSpaces();
  let code: ResponseCode | undefined;
  if (scanner.peek() === LBRACKET) {
    const mark = scanner.checkpoint();
    scanner.accept(LBRACKET);
    code = readCode(scanner);
    if (code === undefined) scanner.restore(mark); // not a well-formed code: keep it as text
    else scanner.skipSpaces();
  }
  return { code, text: scanner.readRest() };
}

function readCode(scanner: Scanner): ResponseCode | undefined {
  const name = readCodeName(scanner);
  if (name === '') return undefined;
  let args: ImapValue[] = [];
  let rawArgs = '';
  if (scanner.accept(SP)) {
    const mark = scanner.checkpoint();
    try {
      args = scanner.readValuesUntil(RBRACKET, 0, true);
      rawArgs = scanner.slice(mark.pos, scanner.position);
    } catch {
      // Free-text arguments ([REFERRAL imap://…], [WEBALERT …]) need not be IMAP values.
      args = [];
      scanner.restore(mark);
      rawArgs = scanner.readUntilBracket();
    }
  }
  if (!scanner.accept(RBRACKET)) return undefined;
  return interpretCode(name, args, rawArgs.trim());
}

function readCodeName(scanner: Scanner): string {
  let name = '';
  for (;;) {
    const c = scanner.peek();
    if (c === undefined || c === SP || c === RBRACKET) return name.toUpperCase();
    name += String.fromCharCode(c);
    scanner.seek(scanner.position + 1);
  }
}

function interpretCode(name: string, args: readonly ImapValue[], raw: string): ResponseCode {
  try {
    if (BARE.has(name)) return { name } as ResponseCode;
    switch (name) {
      case 'UIDVALIDITY':
      case 'UIDNEXT':
      case 'UNSEEN':
        return { name, value: uint32(args[0], name) };
      case 'HIGHESTMODSEQ':
        return { name, value: uint64(args[0], name) };
      case 'PERMANENTFLAGS':
        return { name, flags: listItems(args[0]).map((v) => text(v)) };
      case 'CAPABILITY':
        return { name, capabilities: args.map((v) => text(v)) };
      case 'BADCHARSET':
        return { name, charsets: listItems(args[0]).map((v) => text(v)) };
      case 'APPENDUID':
        return { name, uidValidity: uint32(args[0], name), uids: text(args[1]) };
      case 'COPYUID':
        return { name, uidValidity: uint32(args[0], name), sourceUids: text(args[1]), destinationUids: text(args[2]) };
      case 'MODIFIED':
        return { name, set: text(args[0]) };
    }
  } catch {
    // A known code with broken arguments is still worth keeping, as text.
  }
  return { name: 'OTHER', code: name, text: raw };
}

/** The name of a code, for OTHER its own name: what errors.ts switches on. */
export function codeName(code: ResponseCode | undefined): string | undefined {
  if (code === undefined) return undefined;
  return code.name === 'OTHER' ? code.code : code.name;
}
