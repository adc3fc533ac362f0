/**
 * STORE / UID STORE (RFC 3501 §6.4.6) with UNCHANGEDSINCE (RFC 7162 §3.1.3): messages changed
 * since that mod-sequence are not touched and come back in `modified` ([MODIFIED set]).
 * Gmail labels use X-GM-LABELS the same way. Partial success when some messages vanished.
 */
import { MailError } from '../../net/mail-error.js';
import { atom, list, num, seq, str, type CommandArg } from '../compiler.js';
import { isExpungedPartial } from '../errors.js';
import type { CommandContext } from './context.js';
import type { FetchedMessage } from './fetch.js';

export interface StoreChange {
  readonly operation: 'add' | 'remove' | 'set';
  readonly flags: readonly string[];
  /** Change Gmail labels (X-GM-LABELS) instead of flags. */
  readonly gmailLabels?: boolean;
}

export interface StoreOptions {
  readonly byUid?: boolean;
  /** Return the new flags (no .SILENT). */
  readonly returnFlags?: boolean;
  readonly unchangedSince?: bigint;
}

export interface StoreResult {
  readonly updated: FetchedMessage[];
  /** Set of messages not stored because they changed since `unchangedSince`. */
  readonly modified: string | undefined;
  readonly partial: boolean;
}

export async function store(ctx: CommandContext, range: string, change: StoreChange, options: StoreOptions = {}): Promise<StoreResult> {
  ctx.state.require('STORE', 'selected');
  if (ctx.state.selected?.readOnly === true) throw new MailError('invalid-argument', 'The mailbox is open read-only (EXAMINE).');
  const byUid = options.byUid !== false;
  const prefix = change.operation === 'add' ? '+' : change.operation === 'remove' ? '-' : '';
  const item = `${prefix}${change.gmailLabels === true ? 'X-GM-LABELS' : 'FLAGS'}${options.returnFlags === true ? '' : '.SILENT'}`;
  const args: CommandArg[] = [seq(range)];
  if (options.unchangedSince !== undefined && ctx.capabilities.has('CONDSTORE')) args.push(list([atom('UNCHANGEDSINCE'), num(options.unchangedSince)]));
  args.push(atom(item), list(change.flags.map((f) => (change.gmailLabels === true ? str(f) : atom(f)))));
  const updated: FetchedMessage[] = [];
  let modified: string | undefined;
  try {
    const result = await ctx.exec({
      name: byUid ? 'UID STORE' : 'STORE',
      args,
      pipeline: byUid,
      untagged: (d) => {
        if (d.type !== 'fetch') return false;
        updated.push({ seq: d.seq, attributes: d.attributes });
        return true;
      },
    });
    if (result.code?.name === 'MODIFIED') modified = result.code.set;
  } catch (error) {
    if (!isExpungedPartial(error)) throw error;
    return { updated, modified, partial: true };
  }
  return { updated, modified, partial: false };
}
