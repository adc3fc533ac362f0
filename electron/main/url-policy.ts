/**
 * Which URLs the host hands to the OS (shell.openExternal), and only after the renderer asked
 * through the contract: a link the user clicked in a message. Electron's security checklist
 * (item "Do not use shell.openExternal with untrusted content") asks for an allow-list:
 * file:, smb:, javascript:, custom schemes that launch programs… are all refused.
 */

export const EXTERNAL_SCHEMES: readonly string[] = ['http:', 'https:', 'mailto:'];
/** Longest URL handed over; longer ones are refused, not truncated. */
export const MAX_EXTERNAL_URL_LENGTH = 8 * 1024;

export type ExternalUrlDecision = { readonly allowed: true; readonly url: string } | { readonly allowed: false; readonly reason: string };

export function externalUrlDecision(input: unknown): ExternalUrlDecision {
  if (typeof input !== 'string') return { allowed: false, reason: 'not a string' };
  if (input.length > MAX_EXTERNAL_URL_LENGTH) return { allowed: false, reason: 'too long' };
  // Control characters and spaces could be read differently by the OS handler than by us.
  if (/[\x00-\x20\x7f]/.test(input)) return { allowed: false, reason: 'contains spaces or control characters' };
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return { allowed: false, reason: 'not a URL' };
  }
  if (!EXTERNAL_SCHEMES.includes(url.protocol)) return { allowed: false, reason: `scheme ${url.protocol} is not allowed` };
  if (url.protocol !== 'mailto:') {
    if (url.hostname === '') return { allowed: false, reason: 'no host' };
    // user:password@host links are a classic way to disguise the real host.
    if (url.username !== '' || url.password !== '') return { allowed: false, reason: 'credentials in the URL' };
  }
  // The serialised form is what we checked; hand over exactly that.
  return { allowed: true, url: url.href };
}
