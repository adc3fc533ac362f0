/**
 * APPEND (RFC 3501 §6.3.11) with APPENDUID (RFC 4315), MULTIAPPEND (RFC 3502) when offered,
 * and literal data streamed from its source. Larger than APPENDLIMIT (RFC 7889) is refused
 * before sending a byte.
 */
import { MailError } from '../../net/mail-error.js';
import { atom, list, literal, mailbox, str, type CommandArg, type LiteralSource } from '../compiler.js';
import { expandSequenceSet } from '../parser/index.js';
import type { CommandContext } from './context.js';
import { formatDateTime } from './util.js';

export interface AppendMessage {
  readonly content: Uint8Array | LiteralSource;
  readonly flags?: readonly string[];
  readonly date?: Date;
}

export interface AppendResult {
  readonly uidValidity: number | undefined;
  /** UIDs of the new messages in order, when the server reported APPENDUID. */
  readonly uids: number[];
}

/** True when the header (up to the first empty line) has 8-bit bytes: a UTF-8 header (RFC 6532). */
function hasUtf8Header(content: Uint8Array): boolean {
  for (let i = 0; i < content.length; i++) {
    const b = content[i] ?? 0;
    if (b >= 0x80) return true;
    if (b === 0x0a && (content[i + 1] === 0x0a || (content[i + 1] === 0x0d && content[i + 2] === 0x0a))) return false;
  }
  return false;
}

function messageArgs(m: AppendMessage, limit: number | undefined, utf8: boolean): CommandArg[] {
  const size = m.content instanceof Uint8Array ? m.content.length : m.content.size;
  if (limit !== undefined && size > limit) {
    throw new MailError('message-too-large', `The message (${size} bytes) is larger than the server accepts (${limit} bytes).`);
  }
  const args: CommandArg[] = [];
  if (m.flags !== undefined && m.flags.length > 0) args.push(list(m.flags.filter((f) => f.toLowerCase() !== '\\recent').map(atom)));
  if (m.date !== undefined) args.push(str(formatDateTime(m.date)));
  // RFC 6855 §4: with UTF8=ACCEPT enabled, a message whose header is UTF-8 goes in the
  // UTF8 (literal8) form; an ordinary literal would tell the server it is 7-bit clean.
  if (utf8 && m.content instanceof Uint8Array && hasUtf8Header(m.content)) args.push(atom('UTF8'), list([literal(m.content, true)]));
  else args.push(literal(m.content));
  return args;
}

export async function append(ctx: CommandContext, path: string, messages: AppendMessage | readonly AppendMessage[]): Promise<AppendResult> {
  ctx.state.require('APPEND', 'authenticated', 'selected');
  const all: readonly AppendMessage[] = Array.isArray(messages) ? messages : [messages as AppendMessage];
  if (all.length === 0) throw new MailError('invalid-argument', 'Nothing to append.');
  const limit = ctx.capabilities.appendLimit;
  const batches: (readonly AppendMessage[])[] = ctx.capabilities.has('MULTIAPPEND') ? [all] : all.map((m) => [m]);
  let uidValidity: number | undefined;
  const uids: number[] = [];
  for (const batch of batches) {
    const result = await ctx.exec({ name: 'APPEND', args: [mailbox(path), ...batch.flatMap((m) => messageArgs(m, limit, ctx.state.utf8))], pipeline: true });
    if (result.code?.name === 'APPENDUID') {
      uidValidity = result.code.uidValidity;
      uids.push(...expandSequenceSet(result.code.uids));
    }
  }
  return { uidValidity, uids };
}
