/** COPY / UID COPY (RFC 3501 §6.4.7) with COPYUID (RFC 4315 §3) when UIDPLUS is offered. */
import { mailbox, seq } from '../compiler.js';
import { isExpungedPartial } from '../errors.js';
import type { ResponseCode } from '../parser/index.js';
import type { CommandContext } from './context.js';

export interface CopyResult {
  /** From COPYUID: the destination's UIDVALIDITY and the UID mapping, when the server told. */
  readonly uidValidity: number | undefined;
  readonly sourceUids: string | undefined;
  readonly destinationUids: string | undefined;
  readonly partial: boolean;
}

export function copyResult(code: ResponseCode | undefined, partial: boolean): CopyResult {
  if (code?.name === 'COPYUID') return { uidValidity: code.uidValidity, sourceUids: code.sourceUids, destinationUids: code.destinationUids, partial };
  return { uidValidity: undefined, sourceUids: undefined, destinationUids: undefined, partial };
}

export async function copy(ctx: CommandContext, range: string, destination: string, options: { readonly byUid?: boolean } = {}): Promise<CopyResult> {
  ctx.state.require('COPY', 'selected');
  const byUid = options.byUid !== false;
  try {
    const result = await ctx.exec({ name: byUid ? 'UID COPY' : 'COPY', args: [seq(range), mailbox(destination)], pipeline: byUid });
    return copyResult(result.code, false);
  } catch (error) {
    if (!isExpungedPartial(error)) throw error;
    return copyResult(undefined, true);
  }
}
