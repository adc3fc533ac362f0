/** Mailbox and server data responses (RFC 3501 §7.2-7.3, RFC 5258, RFC 4731, RFC 7162, RFC 2342, RFC 2971). */
import { readResponseText } from './codes.js';
import { parseFetchAttributes } from './fetch.js';
import type { Scanner } from './scanner.js';
import type { NamespaceEntry, UntaggedData } from './types.js';
import { isList, listItems, protocolError, text, textOrNull, uint32, uint64, type ImapValue } from './values.js';

/** `* <name> …` where name is not a number. */
export function parseNamedUntagged(name: string, scanner: Scanner): UntaggedData {
  switch (name) {
    case 'OK':
    case 'NO':
    case 'BAD':
    case 'PREAUTH':
    case 'BYE':
      return { type: 'condition', status: name, ...readResponseText(scanner) };
    case 'CAPABILITY':
    case 'ENABLED':
      return { type: name === 'CAPABILITY' ? 'capability' : 'enabled', capabilities: words(scanner) };
    case 'FLAGS':
      return { type: 'flags', flags: listItems(one(scanner)).map((v) => text(v)) };
    case 'LIST':
    case 'LSUB':
    case 'XLIST':
      return parseList(name === 'LSUB' ? 'lsub' : 'list', scanner.readValuesUntil(undefined));
    case 'STATUS':
      return parseStatus(scanner.readValuesUntil(undefined));
    case 'SEARCH':
    case 'SORT':
      return parseSearch(scanner.readValuesUntil(undefined));
    case 'ESEARCH':
      return parseEsearch(scanner.readValuesUntil(undefined));
    case 'VANISHED':
      return parseVanished(scanner.readValuesUntil(undefined));
    case 'NAMESPACE': {
      const v = scanner.readValuesUntil(undefined);
      return { type: 'namespace', personal: namespaces(v[0]), other: namespaces(v[1]), shared: namespaces(v[2]) };
    }
    case 'ID':
      return parseId(one(scanner));
    default:
      return { type: 'other', name, values: scanner.readValuesUntil(undefined) };
  }
}

/** `* <n> <name> …` */
export function parseNumberedUntagged(n: number, name: string, scanner: Scanner): UntaggedData {
  switch (name) {
    case 'EXISTS':
      return { type: 'exists', count: n };
    case 'RECENT':
      return { type: 'recent', count: n };
    case 'EXPUNGE':
      return { type: 'expunge', seq: n };
    case 'FETCH':
      return { type: 'fetch', seq: n, attributes: parseFetchAttributes(one(scanner)) };
    default:
      return { type: 'other', name, values: [{ type: 'atom', value: String(n) }, ...scanner.readValuesUntil(undefined)] };
  }
}

function one(scanner: Scanner): ImapValue | undefined {
  return scanner.readValuesUntil(undefined)[0];
}

function words(scanner: Scanner): string[] {
  return scanner
    .readRest()
    .split(' ')
    .filter((w) => w !== '');
}

function parseList(type: 'list' | 'lsub', v: readonly ImapValue[]): UntaggedData {
  if (!isList(v[0])) throw protocolError('LIST attributes are not a list.');
  const attributes = v[0].items.map((a) => text(a));
  const delimiter = textOrNull(v[1]);
  if (v[2] === undefined) throw protocolError('LIST has no mailbox name.');
  const name = text(v[2]);
  let childInfo: string[] | undefined;
  let oldName: string | undefined;
  // RFC 5258 §9 mbox-list-extended: ( tag value tag value … )
  const ext = listItems(v[3]);
  for (let i = 0; i + 1 < ext.length; i += 2) {
    const tag = text(ext[i]).toUpperCase();
    if (tag === 'CHILDINFO') childInfo = listItems(ext[i + 1]).map((x) => text(x).toUpperCase());
    else if (tag === 'OLDNAME') oldName = text(listItems(ext[i + 1])[0]);
  }
  return {
    type,
    attributes,
    delimiter,
    name,
    ...(childInfo !== undefined ? { childInfo } : {}),
    ...(oldName !== undefined ? { oldName } : {}),
  };
}

function parseStatus(v: readonly ImapValue[]): UntaggedData {
  if (v[0] === undefined) throw protocolError('STATUS has no mailbox name.');
  const mailbox = text(v[0]);
  const items = listItems(v[1]);
  const attributes: Record<string, bigint> = {};
  for (let i = 0; i + 1 < items.length; i += 2) attributes[text(items[i]).toUpperCase()] = uint64(items[i + 1], 'STATUS');
  return { type: 'status', mailbox, attributes };
}

function parseSearch(v: readonly ImapValue[]): UntaggedData {
  const ids: number[] = [];
  let modseq: bigint | undefined;
  for (const item of v) {
    // RFC 7162 §3.1.5: "* SEARCH 2 5 (MODSEQ 917162500)"
    if (isList(item)) {
      if (text(item.items[0]).toUpperCase() === 'MODSEQ') modseq = uint64(item.items[1], 'MODSEQ');
      continue;
    }
    ids.push(uint32(item, 'SEARCH'));
  }
  return { type: 'search', ids, modseq };
}

function parseEsearch(v: readonly ImapValue[]): UntaggedData {
  let i = 0;
  let tag: string | undefined;
  let uid = false;
  const first = v[0];
  if (isList(first)) {
    // search-correlator: (TAG "A282")
    if (text(first.items[0]).toUpperCase() === 'TAG') tag = text(first.items[1]);
    i = 1;
  }
  if (v[i]?.type === 'atom' && text(v[i]).toUpperCase() === 'UID') {
    uid = true;
    i++;
  }
  const out: { min?: number; max?: number; count?: number; all?: string; modseq?: bigint } = {};
  for (; i + 1 < v.length; i += 2) {
    const key = text(v[i]).toUpperCase();
    const val = v[i + 1];
    if (key === 'MIN') out.min = uint32(val, 'MIN');
    else if (key === 'MAX') out.max = uint32(val, 'MAX');
    else if (key === 'COUNT') out.count = uint32(val, 'COUNT');
    else if (key === 'ALL') out.all = text(val);
    else if (key === 'MODSEQ') out.modseq = uint64(val, 'MODSEQ');
  }
  return { type: 'esearch', tag, uid, ...out };
}

function parseVanished(v: readonly ImapValue[]): UntaggedData {
  let earlier = false;
  let i = 0;
  if (isList(v[0])) {
    earlier = v[0].items.some((x) => text(x).toUpperCase() === 'EARLIER');
    i = 1;
  }
  const uids = text(v[i]);
  if (uids === '') throw protocolError('VANISHED has no UID set.');
  return { type: 'vanished', earlier, uids };
}

function namespaces(value: ImapValue | undefined): NamespaceEntry[] {
  return listItems(value)
    .filter(isList)
    .map((entry) => ({ prefix: text(entry.items[0]), delimiter: textOrNull(entry.items[1]) }));
}

function parseId(value: ImapValue | undefined): UntaggedData {
  if (!isList(value)) return { type: 'id', params: null };
  const params: Record<string, string | null> = {};
  for (let i = 0; i + 1 < value.items.length; i += 2) params[text(value.items[i]).toLowerCase()] = textOrNull(value.items[i + 1]);
  return { type: 'id', params };
}
