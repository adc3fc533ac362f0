import { MailError, type MailErrorCode, type ServerReply } from '../net/mail-error.js';

/**
 * One POP3 status line: "+OK text" or "-ERR text" (RFC 1939 §3), optionally carrying an
 * extended response code in square brackets right after the status (RFC 2449 §8, codes from
 * RFC 2449 §8.1 and RFC 3206: IN-USE, LOGIN-DELAY, SYS/TEMP, SYS/PERM, AUTH, UTF8).
 */
export interface Pop3Status {
  readonly ok: boolean;
  /** The text after the status word (and after the response code, when there was one). */
  readonly text: string;
  /** The response code without brackets, upper-cased: "IN-USE", "SYS/TEMP". */
  readonly code: string | undefined;
  /** The whole line as received, for error messages. */
  readonly line: string;
}

// RFC 2449 §8: resp-code = "[" resp-level *("/" resp-level) "]";
// resp-level = 1*<any CHAR except SP, CRLF, "[", "]" and "/">.
const RESP_CODE = /^\[([^\s[\]/]+(?:\/[^\s[\]/]+)*)\]\s?/;

/** Parses a status line (without its CRLF). Anything but +OK/-ERR is a 'protocol-error'. */
export function parseStatusLine(line: string): Pop3Status {
  let ok: boolean;
  let rest: string;
  if (line.startsWith('+OK')) {
    ok = true;
    rest = line.slice(3);
  } else if (line.startsWith('-ERR')) {
    ok = false;
    rest = line.slice(4);
  } else {
    throw new MailError('protocol-error', `The server sent "${truncate(line)}" where a POP3 status (+OK or -ERR) was expected.`, {
      details: { line: truncate(line) },
    });
  }
  // RFC 1939 §3: the status indicator is followed by a space and text, or by nothing at all.
  if (rest.length > 0 && rest[0] !== ' ') {
    throw new MailError('protocol-error', `The server sent a malformed status line "${truncate(line)}".`, {
      details: { line: truncate(line) },
    });
  }
  rest = rest.slice(1);
  const match = RESP_CODE.exec(rest);
  if (match) {
    return { ok, text: rest.slice(match[0].length), code: (match[1] ?? '').toUpperCase(), line };
  }
  return { ok, text: rest, code: undefined, line };
}

/** The ServerReply a MailError carries for a POP3 status. */
export function toServerReply(status: Pop3Status): ServerReply {
  return {
    status: status.ok ? '+OK' : '-ERR',
    text: status.text,
    ...(status.code === undefined ? {} : { responseCode: status.code }),
  };
}

/** What kind of command a -ERR answered; authentication commands default to 'auth-failed'. */
export type CommandKind = 'auth' | 'stls' | 'command';

/**
 * Maps a -ERR to a MailError code. RFC 3206 codes win; without one, a refusal of USER/PASS,
 * APOP or AUTH is an authentication failure (RFC 3206 §1: clients have to guess, and wrong
 * credentials are by far the most common cause), anything else is 'server-rejected'.
 */
export function errorCodeFor(status: Pop3Status, kind: CommandKind): { code: MailErrorCode; transient: boolean } {
  const top = status.code?.split('/')[0];
  switch (status.code) {
    case 'IN-USE':
      // RFC 2449 §8.1.1: another session holds the maildrop lock; retry later.
      return { code: 'mailbox-in-use', transient: true };
    case 'LOGIN-DELAY':
      // RFC 2449 §8.1.2: the user logged in too recently.
      return { code: 'login-delay', transient: true };
    case 'SYS/TEMP':
      // RFC 3206 §4: a temporary system problem, the same command may succeed later.
      return { code: 'temporary-failure', transient: true };
    case 'SYS/PERM':
      // RFC 3206 §4: a permanent system problem; retrying will not help.
      return { code: 'permanent-failure', transient: false };
    case 'AUTH':
      // RFC 3206 §5: the credentials themselves were wrong.
      return { code: 'auth-failed', transient: false };
    default:
      break;
  }
  if (top === 'SYS') return { code: 'temporary-failure', transient: true };
  if (kind === 'auth') return { code: 'auth-failed', transient: false };
  return { code: 'server-rejected', transient: false };
}

/** Builds the typed error for a -ERR reply to `command` (the command name only, never arguments). */
export function statusError(status: Pop3Status, command: string, kind: CommandKind = 'command'): MailError {
  const { code, transient } = errorCodeFor(status, kind);
  const what = MESSAGES[code] ?? `The server refused ${command}.`;
  return new MailError(code, what, { reply: toServerReply(status), transient, details: { command } });
}

const MESSAGES: Partial<Record<MailErrorCode, string>> = {
  'auth-failed': 'The server rejected the user name or password. Check them and try again.',
  'mailbox-in-use': 'The mailbox is in use by another session (another program may be checking mail). Try again in a minute.',
  'login-delay': 'The server asks to wait longer between logins. Check mail less often, or try again later.',
  'temporary-failure': 'The server has a temporary problem. Try again later.',
  'permanent-failure': 'The server has a permanent problem with this mailbox. Contact the provider.',
};

function truncate(line: string): string {
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
