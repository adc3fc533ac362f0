/**
 * LIST (RFC 3501 §6.3.8) with LIST-EXTENDED (RFC 5258), SPECIAL-USE (RFC 6154) and
 * LIST-STATUS (RFC 5819) when offered. Names come back decoded (modified UTF-7 or UTF-8).
 */
import { atom, list as plist, mailbox, str, type CommandArg } from '../compiler.js';
import type { CommandContext } from './context.js';
import { decodeName } from './util.js';
import { statusFromAttributes, type MailboxStatus } from './status.js';

export const SPECIAL_USE = ['\\All', '\\Archive', '\\Drafts', '\\Flagged', '\\Junk', '\\Sent', '\\Trash', '\\Important'] as const;

export interface MailboxInfo {
  /** Decoded name, e.g. "日本語/メモ". */
  readonly path: string;
  /** The name as the server sent it (what commands must send back, after encoding). */
  readonly rawPath: string;
  readonly delimiter: string | null;
  readonly attributes: readonly string[];
  readonly specialUse: string | undefined;
  readonly subscribed: boolean | undefined;
  readonly selectable: boolean;
  readonly status?: MailboxStatus;
}

export interface ListOptions {
  readonly reference?: string;
  readonly pattern?: string;
  /** Ask for only subscribed (RFC 5258 SUBSCRIBED) or special-use (RFC 6154) mailboxes. */
  readonly select?: readonly ('SUBSCRIBED' | 'SPECIAL-USE')[];
  /** LIST-STATUS: STATUS items to return with each mailbox, e.g. ["MESSAGES", "UNSEEN"]. */
  readonly status?: readonly string[];
}

export async function list(ctx: CommandContext, options: ListOptions = {}): Promise<MailboxInfo[]> {
  ctx.state.require('LIST', 'authenticated', 'selected');
  const extended = ctx.capabilities.has('LIST-EXTENDED');
  const args: CommandArg[] = [];
  const selection = extended ? (options.select ?? []) : [];
  if (selection.length > 0) args.push(plist(selection.map(atom)));
  args.push(str(options.reference ?? ''), mailbox(options.pattern ?? '*'));
  const returns: CommandArg[] = [];
  if (extended) returns.push(atom('SUBSCRIBED'), atom('CHILDREN'));
  if (extended && ctx.capabilities.has('SPECIAL-USE')) returns.push(atom('SPECIAL-USE'));
  const statusItems = options.status ?? [];
  if (statusItems.length > 0 && ctx.capabilities.has('LIST-STATUS')) returns.push(atom('STATUS'), plist(statusItems.map(atom)));
  if (returns.length > 0) args.push(atom('RETURN'), plist(returns));
  const found: MailboxInfo[] = [];
  const statuses = new Map<string, MailboxStatus>();
  await ctx.exec({
    name: 'LIST',
    args,
    pipeline: true,
    untagged: (d) => {
      if (d.type === 'status') {
        statuses.set(d.mailbox, statusFromAttributes(decodeName(ctx, d.mailbox), d.attributes));
        return true;
      }
      if (d.type !== 'list') return false;
      const attributes = d.attributes;
      const lower = attributes.map((a) => a.toLowerCase());
      found.push({
        path: decodeName(ctx, d.name),
        rawPath: d.name,
        delimiter: d.delimiter,
        attributes,
        specialUse: SPECIAL_USE.find((s) => lower.includes(s.toLowerCase())),
        subscribed: extended ? lower.includes('\\subscribed') : undefined,
        selectable: !lower.includes('\\noselect') && !lower.includes('\\nonexistent'),
      });
      return true;
    },
  });
  return found.map((m) => {
    const status = statuses.get(m.rawPath);
    return status === undefined ? m : { ...m, status };
  });
}
