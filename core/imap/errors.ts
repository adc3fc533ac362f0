/**
 * Tagged NO/BAD → typed MailError. Response codes (RFC 5530, RFC 3501 §7.1) decide first, then
 * the wording providers use for the same conditions without a code (Gmail's "throttled",
 * Exchange's "User is authenticated but not connected", Yahoo's "server busy").
 */
import { MailError, type MailErrorCode } from '../net/mail-error.js';
import { codeName, type StatusResponseText, type StatusWord } from './parser/index.js';

export interface TaggedResult extends StatusResponseText {
  readonly status: StatusWord;
}

const BY_CODE: Readonly<Record<string, MailErrorCode>> = {
  AUTHENTICATIONFAILED: 'auth-failed',
  AUTHORIZATIONFAILED: 'auth-failed',
  EXPIRED: 'auth-failed',
  PRIVACYREQUIRED: 'auth-insecure',
  TRYCREATE: 'mailbox-not-found',
  NONEXISTENT: 'mailbox-not-found',
  OVERQUOTA: 'over-quota',
  LIMIT: 'temporary-failure',
  UNAVAILABLE: 'temporary-failure',
  INUSE: 'mailbox-in-use',
  THROTTLED: 'temporary-failure',
  SERVERBUG: 'temporary-failure',
  CANNOT: 'server-rejected',
  NOPERM: 'server-rejected',
  ALREADYEXISTS: 'server-rejected',
  CONTACTADMIN: 'server-rejected',
  CLIENTBUG: 'server-rejected',
  PARSE: 'server-rejected',
  BADCHARSET: 'server-rejected',
  EXPUNGEISSUED: 'server-rejected',
};

const TRANSIENT = new Set<MailErrorCode>(['temporary-failure', 'mailbox-in-use', 'login-delay']);

/** Turns a failed command's tagged response into the error its caller gets. */
export function commandError(command: string, result: TaggedResult): MailError {
  const code = codeName(result.code);
  let mailCode: MailErrorCode = (code !== undefined ? BY_CODE[code] : undefined) ?? 'server-rejected';
  const text = result.text;
  if (code === undefined || mailCode === 'server-rejected') {
    if (/throttl|too many (simultaneous|connections|commands)|server busy|try again later|temporar/i.test(text)) mailCode = 'temporary-failure';
    else if (/authenticated but not connected/i.test(text)) mailCode = 'temporary-failure';
    else if (/quota/i.test(text) && result.status === 'NO') mailCode = 'over-quota';
    // Dovecot 2.3 and Courier answer a missing mailbox without a response code.
    else if (/mailbox does(n't| not) exist|no such mailbox|unknown mailbox|mailbox not found/i.test(text)) mailCode = 'mailbox-not-found';
  }
  if ((command === 'LOGIN' || command === 'AUTHENTICATE') && mailCode === 'server-rejected' && result.status === 'NO') mailCode = 'auth-failed';
  const what = mailCode === 'mailbox-not-found' ? 'The mailbox does not exist' : `The server refused ${command}`;
  return new MailError(mailCode, `${what}: ${text || result.status}`, {
    reply: { status: result.status, text, ...(code !== undefined ? { responseCode: code } : {}) },
    transient: TRANSIENT.has(mailCode),
  });
}

/**
 * RFC 3501 §7.4.1 / RFC 5530 EXPUNGEISSUED: a FETCH/STORE/COPY that touched messages another
 * session expunged may fail as a whole ("NO Some of the requested messages no longer exist")
 * while every remaining message was handled. Callers treat it as partial success.
 */
export function isExpungedPartial(error: unknown): boolean {
  if (!(error instanceof MailError) || error.reply === undefined || error.reply.status !== 'NO') return false;
  return error.reply.responseCode === 'EXPUNGEISSUED' || /no longer exist|have been deleted|expunged/i.test(error.reply.text);
}
