/**
 * SELECT / EXAMINE (RFC 3501 §6.3.1-2) with CONDSTORE (RFC 7162 §3.1.8) and QRESYNC (RFC 7162
 * §3.2.5): with a known UIDVALIDITY and mod-sequence the server reports only what changed
 * (VANISHED (EARLIER) and FETCH), which the result carries. The mailbox tracker keeps
 * ctx.state.selected current from the untagged responses; a failed SELECT leaves none selected.
 */
import { atom, list, mailbox, num, seq, type CommandArg } from '../compiler.js';
import type { FetchAttributes } from '../parser/index.js';
import type { SelectedMailbox } from '../state.js';
import type { CommandContext } from './context.js';
import { enable } from './enable.js';

export interface SelectOptions {
  readonly readOnly?: boolean;
  readonly condstore?: boolean;
  readonly qresync?: {
    readonly uidValidity: number;
    readonly modseq: bigint;
    /** UIDs the cache knows, so the server can limit VANISHED to them. */
    readonly knownUids?: string;
  };
}

export interface SelectResult {
  readonly mailbox: SelectedMailbox;
  /** QRESYNC: UID sets expunged since `modseq`. */
  readonly vanished: readonly string[];
  /** QRESYNC: messages whose flags changed since `modseq`. */
  readonly changed: ReadonlyArray<{ readonly seq: number; readonly attributes: FetchAttributes }>;
}

export async function select(ctx: CommandContext, path: string, options: SelectOptions = {}): Promise<SelectResult> {
  ctx.state.require(options.readOnly === true ? 'EXAMINE' : 'SELECT', 'authenticated', 'selected');
  const params: CommandArg[] = [];
  if (options.qresync !== undefined && ctx.capabilities.has('QRESYNC')) {
    if (!ctx.state.enabled.has('QRESYNC')) await enable(ctx, ['QRESYNC']);
    const q = options.qresync;
    params.push(atom('QRESYNC'), list([num(q.uidValidity), num(q.modseq), ...(q.knownUids !== undefined ? [seq(q.knownUids)] : [])]));
  } else if ((options.condstore === true || options.qresync !== undefined) && ctx.capabilities.has('CONDSTORE')) {
    params.push(atom('CONDSTORE'));
  }
  const vanished: string[] = [];
  const changed: Array<{ seq: number; attributes: FetchAttributes }> = [];
  // RFC 7162 §3.2.11: with QRESYNC on, a server switching mailboxes sends "* OK [CLOSED]";
  // everything before it still belongs to the old mailbox. Without QRESYNC the old mailbox is
  // gone as soon as SELECT is sent (RFC 3501 §6.3.1).
  const viaClosed = ctx.state.selected !== undefined && ctx.state.enabled.has('QRESYNC');
  if (!viaClosed) ctx.state.deselect();
  const selected = ctx.state.beginSelect(path, options.readOnly === true, !viaClosed);
  try {
    const result = await ctx.exec({
      name: options.readOnly === true ? 'EXAMINE' : 'SELECT',
      args: [mailbox(path), ...(params.length > 0 ? [list(params)] : [])],
      untagged: (d) => {
        if (d.type === 'condition' && d.code?.name === 'CLOSED') {
          ctx.state.activate(selected);
          return true;
        }
        if (d.type === 'vanished' && d.earlier) {
          vanished.push(d.uids);
          return true;
        }
        if (d.type === 'fetch') {
          changed.push({ seq: d.seq, attributes: d.attributes });
          return true;
        }
        // Counted by the tracker all the same; marked consumed so they are not reported as news.
        return d.type === 'exists' || d.type === 'recent';
      },
    });
    if (ctx.state.selected !== selected) ctx.state.activate(selected);
    if (result.code?.name === 'READ-ONLY') selected.readOnly = true;
    if (result.code?.name === 'READ-WRITE') selected.readOnly = false;
    return { mailbox: selected, vanished, changed };
  } catch (error) {
    // RFC 3501 §6.3.1: a failed SELECT leaves the connection with no mailbox selected.
    ctx.state.deselect();
    throw error;
  }
}

export function examine(ctx: CommandContext, path: string, options: Omit<SelectOptions, 'readOnly'> = {}): Promise<SelectResult> {
  return select(ctx, path, { ...options, readOnly: true });
}
