/** Small helpers shared by commands. */
import { MailError } from '../../net/mail-error.js';
import { decodeModifiedUtf7 } from '../mutf7.js';
import type { TaggedResult } from '../errors.js';
import type { CommandContext } from './context.js';

/** Re-reads capabilities unless the tagged OK carried them (RFC 3501 §7.1 CAPABILITY code). */
export async function refreshCapabilities(ctx: CommandContext, result: TaggedResult): Promise<void> {
  if (result.code?.name === 'CAPABILITY') {
    ctx.capabilities.replace(result.code.capabilities);
    return;
  }
  ctx.capabilities.forget();
  await ctx.exec({ name: 'CAPABILITY' });
}

/**
 * A mailbox name from the server, for display: modified UTF-7 decoded, or as sent when
 * UTF8=ACCEPT is on. A name that is not valid modified UTF-7 (some servers send raw UTF-8) is
 * shown as sent rather than hidden.
 */
export function decodeName(ctx: CommandContext, name: string): string {
  if (ctx.state.utf8) return name;
  try {
    return decodeModifiedUtf7(name);
  } catch (error) {
    ctx.log(`mailbox name "${name}" is not modified UTF-7 (${error instanceof MailError ? error.message : String(error)}); shown as sent`);
    return name;
  }
}

export function requireCapability(ctx: CommandContext, capability: string, what: string): void {
  if (!ctx.capabilities.has(capability)) {
    throw new MailError('invalid-argument', `The server does not support ${what} (${capability}).`);
  }
}

/** Whether a string can go to the server without CHARSET (pure US-ASCII). */
export function isAscii(value: string): boolean {
  return /^[\x00-\x7f]*$/.test(value);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 3501 date-time for APPEND: "dd-Mon-yyyy hh:mm:ss +0000" (always UTC here). */
export function formatDateTime(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new MailError('invalid-argument', 'Invalid date.');
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(date.getUTCDate())}-${MONTHS[date.getUTCMonth()] ?? 'Jan'}-${date.getUTCFullYear()} ${p(date.getUTCHours())}:${p(date.getUTCMinutes())}:${p(date.getUTCSeconds())} +0000`;
}

/** RFC 3501 date for SEARCH: "d-Mon-yyyy". */
export function formatDate(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new MailError('invalid-argument', 'Invalid date.');
  return `${date.getUTCDate()}-${MONTHS[date.getUTCMonth()] ?? 'Jan'}-${date.getUTCFullYear()}`;
}
