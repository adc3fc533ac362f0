/** FETCH msg-att (RFC 3501 §7.4.2, RFC 3516 BINARY, RFC 7162 MODSEQ, RFC 8474, Gmail X-GM-*). */
import { parseBodyStructure } from './bodystructure.js';
import { parseEnvelope } from './envelope.js';
import type { FetchAttributes, FetchedSection } from './types.js';
import { isList, listItems, protocolError, text, uint32, uint64, type ImapValue } from './values.js';

export function parseFetchAttributes(value: ImapValue | undefined): FetchAttributes {
  if (!isList(value)) throw protocolError('FETCH data is not a list.');
  const items = value.items;
  const out: FetchAttributes = {};
  const sections: FetchedSection[] = [];
  const other: Record<string, ImapValue> = {};
  const binarySizes: Record<string, number> = {};
  for (let i = 0; i < items.length; i += 2) {
    const key = items[i];
    const val = items[i + 1];
    if (key === undefined || key.type !== 'atom') throw protocolError('A FETCH item name is not an atom.');
    if (val === undefined) throw protocolError(`FETCH item ${key.value} has no value.`);
    const name = key.value.toUpperCase();
    if (key.section !== undefined) {
      if (name === 'BINARY.SIZE') {
        binarySizes[key.section.text] = uint32(val, 'BINARY.SIZE');
        continue;
      }
      sections.push({ item: name, section: key.section.text, origin: key.section.origin, data: sectionData(val) });
      continue;
    }
    switch (name) {
      case 'UID':
        out.uid = uint32(val, 'UID');
        break;
      case 'FLAGS':
        out.flags = listItems(val).map((v) => text(v));
        break;
      case 'INTERNALDATE': {
        const raw = text(val);
        out.internalDate = raw;
        const ms = parseInternalDate(raw);
        if (ms !== undefined) out.internalDateMs = ms;
        break;
      }
      case 'RFC822.SIZE':
        out.size = uint32(val, 'RFC822.SIZE');
        break;
      case 'ENVELOPE':
        out.envelope = parseEnvelope(val);
        break;
      case 'BODY':
      case 'BODYSTRUCTURE':
        out.bodyStructure = parseBodyStructure(val);
        break;
      case 'MODSEQ':
        out.modseq = uint64(listItems(val)[0], 'MODSEQ');
        break;
      case 'X-GM-MSGID':
        out.gmailMessageId = uint64(val, 'X-GM-MSGID');
        break;
      case 'X-GM-THRID':
        out.gmailThreadId = uint64(val, 'X-GM-THRID');
        break;
      case 'X-GM-LABELS':
        out.gmailLabels = listItems(val).map((v) => text(v));
        break;
      case 'EMAILID':
        out.emailId = text(listItems(val)[0]);
        break;
      case 'THREADID':
        out.threadId = isList(val) ? text(val.items[0]) : null;
        break;
      case 'RFC822':
      case 'RFC822.HEADER':
      case 'RFC822.TEXT':
        sections.push({ item: name, section: '', origin: undefined, data: sectionData(val) });
        break;
      default:
        other[name] = val;
    }
  }
  if (sections.length > 0) out.sections = sections;
  if (Object.keys(other).length > 0) out.other = other;
  if (Object.keys(binarySizes).length > 0) out.binarySizes = binarySizes;
  return out;
}

function sectionData(value: ImapValue): FetchedSection['data'] {
  switch (value.type) {
    case 'string':
      return value.bytes;
    case 'streamed':
      return value.literal;
    case 'nil':
      return null;
    case 'atom':
      // Not allowed by the grammar, but an atom is still the server's bytes.
      return new TextEncoder().encode(value.value);
    case 'list':
      throw protocolError('A body section value is a list.');
  }
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};

/** RFC 3501 date-time "dd-Mon-yyyy hh:mm:ss +zzzz" (day may be space-padded) to epoch ms. */
export function parseInternalDate(value: string): number | undefined {
  const m = /^\s*(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/.exec(value);
  if (m === null) return undefined;
  const month = MONTHS[(m[2] ?? '').toLowerCase()];
  if (month === undefined) return undefined;
  const utc = Date.UTC(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]));
  const offset = (Number(m[8]) * 60 + Number(m[9])) * 60_000 * (m[7] === '-' ? -1 : 1);
  return utc - offset;
}

