/**
 * SEARCH / UID SEARCH (RFC 3501 §6.4.4) with ESEARCH (RFC 4731) when offered and CHARSET UTF-8
 * whenever a criterion is not US-ASCII (unless UTF8=ACCEPT is on, RFC 6855 §3, which forbids
 * CHARSET). Criteria are structured; `raw` lets the CLI pass a query line.
 */
import { MailError } from '../../net/mail-error.js';
import { atom, list, num, raw, seq, str, type CommandArg } from '../compiler.js';
import { expandSequenceSet } from '../parser/index.js';
import type { CommandContext } from './context.js';
import { formatDate, isAscii } from './util.js';

export type SearchCriteria =
  | { readonly all: true }
  | { readonly flag: 'SEEN' | 'UNSEEN' | 'FLAGGED' | 'UNFLAGGED' | 'DELETED' | 'UNDELETED' | 'ANSWERED' | 'UNANSWERED' | 'DRAFT' | 'NEW' }
  | { readonly keyword: string; readonly not?: boolean }
  | { readonly field: 'FROM' | 'TO' | 'CC' | 'BCC' | 'SUBJECT' | 'BODY' | 'TEXT'; readonly value: string }
  | { readonly header: string; readonly value: string }
  | { readonly date: 'SINCE' | 'BEFORE' | 'ON' | 'SENTSINCE' | 'SENTBEFORE' | 'SENTON'; readonly value: Date }
  | { readonly size: 'LARGER' | 'SMALLER'; readonly value: number }
  | { readonly uid: string }
  | { readonly modseq: bigint }
  | { readonly gmailRaw: string }
  | { readonly not: SearchCriteria }
  | { readonly or: readonly [SearchCriteria, SearchCriteria] }
  | { readonly and: readonly SearchCriteria[] }
  /** Tokens already in IMAP search syntax; quoted tokens become strings. */
  | { readonly raw: string };

export interface SearchResult {
  /** UIDs (or sequence numbers with byUid false), ascending. */
  readonly ids: number[];
  /** RFC 7162 §3.1.5: highest mod-sequence of the matches, when MODSEQ was searched. */
  readonly modseq: bigint | undefined;
}

function criteriaArgs(c: SearchCriteria, out: CommandArg[], depth = 0): void {
  if (depth > 32) throw new MailError('invalid-argument', 'Search criteria are nested too deeply.');
  if ('all' in c) out.push(atom('ALL'));
  else if ('flag' in c) out.push(atom(c.flag));
  else if ('keyword' in c) out.push(atom(c.not === true ? 'UNKEYWORD' : 'KEYWORD'), atom(c.keyword));
  else if ('field' in c) out.push(atom(c.field), str(c.value));
  else if ('header' in c) out.push(atom('HEADER'), str(c.header), str(c.value));
  else if ('date' in c) out.push(atom(c.date), atom(formatDate(c.value)));
  else if ('size' in c) out.push(atom(c.size), num(c.value));
  else if ('uid' in c) out.push(atom('UID'), seq(c.uid));
  else if ('modseq' in c) out.push(atom('MODSEQ'), num(c.modseq));
  else if ('gmailRaw' in c) out.push(atom('X-GM-RAW'), str(c.gmailRaw));
  else if ('or' in c) {
    out.push(atom('OR'));
    criteriaArgs(c.or[0], out, depth + 1);
    criteriaArgs(c.or[1], out, depth + 1);
  } else if ('and' in c) {
    // At the top the criteria are simply listed (RFC 3501 §6.4.4: they are ANDed); nested, they
    // need parentheses to stay one search key.
    const inner: CommandArg[] = [];
    for (const x of c.and) criteriaArgs(x, inner, depth + 1);
    if (inner.length === 0) inner.push(atom('ALL'));
    if (depth === 0) out.push(...inner);
    else out.push(list(inner));
  } else if ('raw' in c) out.push(...tokenize(c.raw));
  else {
    out.push(atom('NOT'));
    criteriaArgs(c.not, out, depth + 1);
  }
}

/** Splits a query line: "quoted strings" become strings (literals when needed), the rest raw. */
export function tokenize(query: string): CommandArg[] {
  const out: CommandArg[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let m = re.exec(query); m !== null; m = re.exec(query)) {
    if (m[1] !== undefined) out.push(str(m[1].replace(/\\(.)/g, '$1')));
    else if (m[2] !== undefined) out.push(isAscii(m[2]) ? raw(m[2]) : str(m[2]));
  }
  if (out.length === 0) throw new MailError('invalid-argument', 'An empty search query.');
  return out;
}

function needsCharset(args: readonly CommandArg[]): boolean {
  return args.some((a) =>
    a.type === 'string' ? (typeof a.value === 'string' ? !isAscii(a.value) : a.value.some((b) => b >= 0x80)) : a.type === 'list' ? needsCharset(a.items) : false,
  );
}

export async function search(ctx: CommandContext, criteria: SearchCriteria, options: { readonly byUid?: boolean } = {}): Promise<SearchResult> {
  ctx.state.require('SEARCH', 'selected');
  const byUid = options.byUid !== false;
  const body: CommandArg[] = [];
  criteriaArgs(criteria, body);
  const args: CommandArg[] = [];
  const esearch = ctx.capabilities.has('ESEARCH');
  if (esearch) args.push(atom('RETURN'), list([atom('ALL')]));
  if (!ctx.state.utf8 && needsCharset(body)) args.push(atom('CHARSET'), atom('UTF-8'));
  args.push(...body);
  let ids: number[] = [];
  let modseq: bigint | undefined;
  await ctx.exec({
    name: byUid ? 'UID SEARCH' : 'SEARCH',
    args,
    pipeline: byUid,
    untagged: (d) => {
      if (d.type === 'search') {
        ids.push(...d.ids);
        modseq = d.modseq ?? modseq;
        return true;
      }
      if (d.type === 'esearch') {
        if (d.all !== undefined) ids = expandSequenceSet(d.all);
        modseq = d.modseq ?? modseq;
        return true;
      }
      return false;
    },
  });
  return { ids: [...new Set(ids)].sort((a, b) => a - b), modseq };
}
