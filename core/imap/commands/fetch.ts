/**
 * FETCH / UID FETCH (RFC 3501 §6.4.5) with CHANGEDSINCE and VANISHED (RFC 7162 §3.1.4, §3.2.6),
 * BINARY (RFC 3516), Gmail attributes (X-GM-EXT-1). Bodies are fetched with BODY.PEEK so a
 * download never sets \Seen. Literal bodies can be streamed to a sink instead of memory.
 * "Some messages no longer exist" is a partial success: what arrived is returned.
 */
import { MailError } from '../../net/mail-error.js';
import { atom, list, num, raw, seq, type CommandArg } from '../compiler.js';
import { isExpungedPartial } from '../errors.js';
import type { FetchAttributes, LiteralAnnouncement, LiteralSink } from '../parser/index.js';
import type { CommandContext } from './context.js';

export interface FetchQuery {
  readonly uid?: boolean;
  readonly flags?: boolean;
  readonly envelope?: boolean;
  readonly bodyStructure?: boolean;
  readonly size?: boolean;
  readonly internalDate?: boolean;
  readonly modseq?: boolean;
  /** X-GM-MSGID, X-GM-THRID, X-GM-LABELS when the server is Gmail. */
  readonly gmail?: boolean;
  /** Header fields to fetch (BODY.PEEK[HEADER.FIELDS (…)]), or true for the whole header. */
  readonly headers?: readonly string[] | true;
  /** The whole message (BODY.PEEK[]), or a byte range of it. */
  readonly source?: true | { readonly start: number; readonly length: number };
  /** Body parts by section ("1", "2.1", "TEXT"); `binary` uses BINARY.PEEK (decoded by the server). */
  readonly parts?: ReadonlyArray<{ readonly section: string; readonly binary?: boolean; readonly start?: number; readonly length?: number }>;
}

export interface FetchOptions {
  /** UID FETCH (default) or FETCH by sequence number. */
  readonly byUid?: boolean;
  /** Only messages whose mod-sequence is above this (CONDSTORE). */
  readonly changedSince?: bigint;
  /** With changedSince and QRESYNC enabled: also report expunged UIDs (UID FETCH only). */
  readonly vanished?: boolean;
  /** Stream literals above `threshold` bytes to a sink chosen per announcement. */
  readonly stream?: { readonly threshold: number; readonly sink: (literal: LiteralAnnouncement) => LiteralSink };
  readonly signal?: AbortSignal;
}

export interface FetchedMessage {
  readonly seq: number;
  readonly attributes: FetchAttributes;
}

export interface FetchResult {
  readonly messages: FetchedMessage[];
  readonly vanished: string[];
  /** True when the server said some of the messages no longer exist. */
  readonly partial: boolean;
}

const SECTION = /^(\d+(\.\d+)*)?(\.?(HEADER|TEXT|MIME|HEADER\.FIELDS|HEADER\.FIELDS\.NOT))?$/i;

export function fetchItems(query: FetchQuery, gmail: boolean): string[] {
  const items: string[] = [];
  if (query.uid !== false) items.push('UID');
  if (query.flags === true) items.push('FLAGS');
  if (query.envelope === true) items.push('ENVELOPE');
  if (query.bodyStructure === true) items.push('BODYSTRUCTURE');
  if (query.size === true) items.push('RFC822.SIZE');
  if (query.internalDate === true) items.push('INTERNALDATE');
  if (query.modseq === true) items.push('MODSEQ');
  if (query.gmail === true && gmail) items.push('X-GM-MSGID', 'X-GM-THRID', 'X-GM-LABELS');
  if (query.headers === true) items.push('BODY.PEEK[HEADER]');
  else if (query.headers !== undefined && query.headers.length > 0) {
    for (const h of query.headers) {
      if (!/^[\x21-\x39\x3b-\x7e]+$/.test(h)) throw new MailError('invalid-argument', `"${h}" is not a header field name.`);
    }
    items.push(`BODY.PEEK[HEADER.FIELDS (${query.headers.map((h) => h.toUpperCase()).join(' ')})]`);
  }
  if (query.source === true) items.push('BODY.PEEK[]');
  else if (query.source !== undefined) items.push(`BODY.PEEK[]${partial(query.source.start, query.source.length)}`);
  for (const p of query.parts ?? []) {
    if (!SECTION.test(p.section) || p.section === '') throw new MailError('invalid-argument', `"${p.section}" is not a body section.`);
    const range = p.start !== undefined ? partial(p.start, p.length ?? Number.MAX_SAFE_INTEGER) : '';
    items.push(`${p.binary === true ? 'BINARY.PEEK' : 'BODY.PEEK'}[${p.section.toUpperCase()}]${range}`);
  }
  if (items.length === 0) throw new MailError('invalid-argument', 'Nothing to fetch.');
  return items;
}

/**
 * The UID ranges of a sequence set, to tell which FETCH responses answer this command; undefined
 * when the set contains "*", which may name a UID below its lower bound (RFC 3501 §6.4.8), so
 * such a command takes every FETCH with a UID (it is never pipelined with another FETCH).
 */
function uidRanges(range: string): Array<readonly [number, number]> | undefined {
  if (range.includes('*')) return undefined;
  const ranges: Array<readonly [number, number]> = [];
  for (const part of range.split(',')) {
    const [a = '', b = a] = part.split(':');
    const x = Number(a);
    const y = Number(b);
    if (!Number.isSafeInteger(x) || !Number.isSafeInteger(y)) return undefined;
    ranges.push([Math.min(x, y), Math.max(x, y)]);
  }
  return ranges;
}

function partial(start: number, length: number): string {
  if (!Number.isInteger(start) || start < 0 || !Number.isInteger(length) || length < 1) throw new MailError('invalid-argument', 'Invalid byte range.');
  return `<${start}.${Math.min(length, 0xffffffff)}>`;
}

export async function fetch(ctx: CommandContext, range: string, query: FetchQuery, options: FetchOptions = {}): Promise<FetchResult> {
  ctx.state.require('FETCH', 'selected');
  const byUid = options.byUid !== false;
  const items = fetchItems(query, ctx.capabilities.has('X-GM-EXT-1'));
  if (query.modseq === true && !ctx.capabilities.has('CONDSTORE')) items.splice(items.indexOf('MODSEQ'), 1);
  const modifiers: CommandArg[] = [];
  if (options.changedSince !== undefined && ctx.capabilities.has('CONDSTORE')) {
    modifiers.push(atom('CHANGEDSINCE'), num(options.changedSince));
    if (options.vanished === true && byUid && ctx.state.enabled.has('QRESYNC')) modifiers.push(atom('VANISHED'));
  }
  const messages: FetchedMessage[] = [];
  const vanished: string[] = [];
  const stream = options.stream;
  const asked = byUid ? uidRanges(range) : undefined;
  try {
    await ctx.exec({
      name: byUid ? 'UID FETCH' : 'FETCH',
      args: [seq(range), raw(`(${items.join(' ')})`), ...(modifiers.length > 0 ? [list(modifiers)] : [])],
      pipeline: byUid,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(stream !== undefined ? { literalSink: (l: LiteralAnnouncement) => (l.size >= stream.threshold ? stream.sink(l) : undefined) } : {}),
      untagged: (d) => {
        if (d.type === 'vanished' && d.earlier) {
          vanished.push(d.uids);
          return true;
        }
        if (d.type !== 'fetch') return false;
        // A FETCH by UID must carry UID (RFC 3501 §6.4.8); one without it is an unsolicited flag update.
        const uid = d.attributes.uid;
        if (byUid && uid === undefined) return false;
        // Pipelined UID FETCHes may be answered interleaved (RFC 3501 §5.5): each takes only the
        // UIDs it asked for, and a UID outside them is another command's or unsolicited news.
        if (asked !== undefined && uid !== undefined && !asked.some(([lo, hi]) => uid >= lo && uid <= hi)) return false;
        messages.push({ seq: d.seq, attributes: d.attributes });
        return true;
      },
    });
  } catch (error) {
    if (!isExpungedPartial(error)) throw error;
    ctx.log(`FETCH ${range}: some messages no longer exist`);
    return { messages, vanished, partial: true };
  }
  return { messages, vanished, partial: false };
}
