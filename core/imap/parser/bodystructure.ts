/**
 * BODYSTRUCTURE / BODY (RFC 3501 §7.4.2, grammar in §9 "body"). Real servers bend the grammar,
 * so every field is read tolerantly:
 * - NIL where a string belongs (type, subtype, encoding, parameter values) becomes a default;
 * - text/* parts without a line count (seen from Exchange and iCloud) keep `lines` undefined;
 * - message/rfc822 parts without the nested envelope/body are read as plain parts;
 * - parameter lists with an odd number of items or a bare string drop the broken pair only;
 * - a disposition sent as a bare string instead of a list is accepted;
 * - extension fields past `location` are kept raw in `extensions`.
 * Only a structure that is not a list at all is a protocol error.
 */
import { parseEnvelope } from './envelope.js';
import type { BodyStructure, Disposition, Envelope, MultipartBody, SinglePartBody } from './types.js';
import { isList, optionalUint32, protocolError, text, textOrNull, type ImapValue } from './values.js';

export function parseBodyStructure(value: ImapValue | undefined): BodyStructure {
  return parseBody(value, '');
}

function parseBody(value: ImapValue | undefined, part: string): BodyStructure {
  if (!isList(value)) throw protocolError('BODYSTRUCTURE is not a list.');
  const items = value.items;
  return isList(items[0]) ? parseMultipart(items, part) : parseSingle(items, part === '' ? '1' : part);
}

function parseMultipart(items: readonly ImapValue[], part: string): MultipartBody {
  const children: BodyStructure[] = [];
  let i = 0;
  for (; i < items.length && isList(items[i]); i++) {
    children.push(parseBody(items[i], part === '' ? String(i + 1) : `${part}.${i + 1}`));
  }
  const subtype = (textOrNull(items[i]) ?? 'mixed').toLowerCase();
  const ext = items.slice(i + 1);
  return {
    kind: 'multipart',
    type: 'multipart',
    subtype,
    part,
    children,
    parameters: parameters(ext[0]),
    disposition: disposition(ext[1]),
    language: language(ext[2]),
    location: textOrNull(ext[3]),
    extensions: ext.slice(4),
  };
}

function parseSingle(items: readonly ImapValue[], part: string): SinglePartBody {
  const type = (textOrNull(items[0]) ?? 'application').toLowerCase();
  const subtype = (textOrNull(items[1]) ?? 'octet-stream').toLowerCase();
  let next = 7;
  let lines: number | undefined;
  let envelope: Envelope | undefined;
  let body: BodyStructure | undefined;
  if (type === 'message' && (subtype === 'rfc822' || subtype === 'global') && isList(items[7]) && isList(items[8])) {
    envelope = parseEnvelope(items[7]);
    const inner = items[8];
    body = parseBody(inner, isList(inner.items[0]) ? part : `${part}.1`);
    lines = optionalUint32(items[9]);
    next = 10;
  } else if (type === 'text') {
    lines = optionalUint32(items[7]);
    // A text part without its line count: the next field is already the extension data.
    if (lines !== undefined || items[7]?.type === 'nil') next = 8;
  }
  const ext = items.slice(next);
  return {
    kind: 'single',
    type,
    subtype,
    part,
    parameters: parameters(items[2]),
    id: textOrNull(items[3]),
    description: textOrNull(items[4]),
    encoding: (textOrNull(items[5]) ?? '7bit').toLowerCase(),
    size: optionalUint32(items[6]) ?? 0,
    lines,
    md5: textOrNull(ext[0]),
    disposition: disposition(ext[1]),
    language: language(ext[2]),
    location: textOrNull(ext[3]),
    extensions: ext.slice(4),
    ...(envelope !== undefined ? { envelope } : {}),
    ...(body !== undefined ? { body } : {}),
  };
}

function parameters(value: ImapValue | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isList(value)) return out;
  const items = value.items;
  for (let i = 0; i + 1 < items.length; i += 2) {
    const key = items[i];
    const val = items[i + 1];
    if (key === undefined || key.type === 'list' || val === undefined || val.type === 'list') continue;
    const name = textOrNull(key);
    if (name === null || name === '') continue;
    out[name.toLowerCase()] = text(val);
  }
  return out;
}

function disposition(value: ImapValue | undefined): Disposition | null {
  if (value === undefined || value.type === 'nil' || value.type === 'streamed') return null;
  if (value.type === 'atom' || value.type === 'string') return { type: text(value).toLowerCase(), parameters: {} };
  const type = textOrNull(value.items[0]);
  if (type === null) return null;
  return { type: type.toLowerCase(), parameters: parameters(value.items[1]) };
}

function language(value: ImapValue | undefined): string[] | null {
  if (value === undefined || value.type === 'nil' || value.type === 'streamed') return null;
  if (value.type === 'list') return value.items.map((v) => (v.type === 'list' ? '' : text(v))).filter((s) => s !== '');
  return [text(value)];
}
