/** STATUS (RFC 3501 §6.3.10; HIGHESTMODSEQ from RFC 7162 §3.1.6 when CONDSTORE is offered). */
import { atom, list, mailbox } from '../compiler.js';
import type { CommandContext } from './context.js';
import { decodeName } from './util.js';

export interface MailboxStatus {
  readonly path: string;
  readonly messages?: number;
  readonly recent?: number;
  readonly uidNext?: number;
  readonly uidValidity?: number;
  readonly unseen?: number;
  readonly size?: bigint;
  readonly highestModseq?: bigint;
}

export function statusFromAttributes(path: string, a: Readonly<Record<string, bigint>>): MailboxStatus {
  const n = (k: string): number | undefined => (a[k] === undefined ? undefined : Number(a[k]));
  const out: { -readonly [K in keyof MailboxStatus]: MailboxStatus[K] } = { path };
  if (a['MESSAGES'] !== undefined) out.messages = n('MESSAGES');
  if (a['RECENT'] !== undefined) out.recent = n('RECENT');
  if (a['UIDNEXT'] !== undefined) out.uidNext = n('UIDNEXT');
  if (a['UIDVALIDITY'] !== undefined) out.uidValidity = n('UIDVALIDITY');
  if (a['UNSEEN'] !== undefined) out.unseen = n('UNSEEN');
  if (a['SIZE'] !== undefined) out.size = a['SIZE'];
  if (a['HIGHESTMODSEQ'] !== undefined) out.highestModseq = a['HIGHESTMODSEQ'];
  return out;
}

export async function status(ctx: CommandContext, path: string, items?: readonly string[]): Promise<MailboxStatus> {
  ctx.state.require('STATUS', 'authenticated', 'selected');
  const wanted = items ?? ['MESSAGES', 'UIDNEXT', 'UIDVALIDITY', 'UNSEEN', ...(ctx.capabilities.has('CONDSTORE') ? ['HIGHESTMODSEQ'] : [])];
  let result: MailboxStatus = { path };
  await ctx.exec({
    name: 'STATUS',
    args: [mailbox(path), list(wanted.map(atom))],
    pipeline: true,
    untagged: (d) => {
      if (d.type !== 'status') return false;
      // Servers differ in how they echo the name; with one STATUS in flight per name, take it.
      if (decodeName(ctx, d.mailbox) !== path && d.mailbox !== path) return false;
      result = statusFromAttributes(path, d.attributes);
      return true;
    },
  });
  return result;
}
