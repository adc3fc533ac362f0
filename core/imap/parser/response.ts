/** One framed response → one typed response (RFC 3501 §7, grammar §9 "response"). */
import { MailError } from '../../net/mail-error.js';
import { readResponseText } from './codes.js';
import { parseNamedUntagged, parseNumberedUntagged } from './data.js';
import type { RawResponse } from './framer.js';
import { Scanner } from './scanner.js';
import type { ImapResponse, ParsedItem } from './types.js';
import { protocolError } from './values.js';

const SP = 0x20;

export function parseResponse(raw: RawResponse): ParsedItem {
  const scanner = new Scanner(raw);
  let tag: string | undefined;
  try {
    const first = scanner.readWord();
    if (first === '+') return { kind: 'response', response: continuation(scanner) };
    if (first === '') throw protocolError('An empty response line.');
    if (first === '*') return { kind: 'response', response: untagged(scanner) };
    tag = first;
    if (!scanner.accept(SP)) throw protocolError(`Tagged response ${first} has no status.`);
    const status = scanner.readWord().toUpperCase();
    if (status !== 'OK' && status !== 'NO' && status !== 'BAD') throw protocolError(`Unknown status "${status}" for ${first}.`);
    return { kind: 'response', response: { kind: 'tagged', tag, status, ...readResponseText(scanner) } };
  } catch (error) {
    const mailError =
      error instanceof MailError ? error : new MailError('protocol-error', 'The server sent a response the client cannot read.', { cause: error });
    return { kind: 'malformed', error: withLine(mailError, raw), tag, fatal: false };
  }
}

function continuation(scanner: Scanner): ImapResponse {
  const { code, text } = readResponseText(scanner);
  return { kind: 'continuation', text, code };
}

function untagged(scanner: Scanner): ImapResponse {
  if (!scanner.accept(SP)) throw protocolError('An untagged response has no content.');
  scanner.skipSpaces();
  const word = scanner.readWord();
  if (/^\d+$/.test(word)) {
    const n = Number(word);
    if (n > 0xffffffff) throw protocolError('A message number is out of range.');
    scanner.skipSpaces();
    // Read the name only up to "(" or space: "* 1 FETCH (…)".
    const name = readName(scanner);
    return { kind: 'untagged', data: parseNumberedUntagged(n, name, scanner) };
  }
  const name = word.toUpperCase();
  scanner.skipSpaces();
  return { kind: 'untagged', data: parseNamedUntagged(name, scanner) };
}

function readName(scanner: Scanner): string {
  let name = '';
  for (;;) {
    const c = scanner.peek();
    if (c === undefined || c === SP || c === 0x28) break;
    name += String.fromCharCode(c);
    scanner.seek(scanner.position + 1);
  }
  scanner.skipSpaces();
  return name.toUpperCase();
}

/** Adds the start of the offending line to the error (never the literals: they may be private). */
function withLine(error: MailError, raw: RawResponse): MailError {
  const head = new TextDecoder().decode(raw.text.subarray(0, 200));
  return new MailError(error.code, error.message, { cause: error.cause, details: { line: head } });
}
