import { MailError, type ServerReply } from '../net/mail-error.js';
import { MAX_REPLY_LINES } from './limits.js';

/** One complete SMTP reply (RFC 5321 §4.2), possibly multi-line. */
export interface SmtpReply {
  readonly code: number;
  /** Text of each line without the code and separator (enhanced code still included). */
  readonly lines: readonly string[];
  /** RFC 3463 enhanced status code ("5.1.1"), when the reply starts with one. */
  readonly enhancedCode: string | undefined;
  /** The lines joined by "\n", enhanced code of each line removed. */
  readonly text: string;
}

const LINE = /^([2-5][0-9][0-9])([ -]|$)(.*)$/;
const ENHANCED = /^([245])\.(\d{1,3})\.(\d{1,3})(?:\s+|$)/;

/** Accumulates reply lines; push() returns the reply once its last line arrived. */
export class ReplyParser {
  private code: number | undefined;
  private lines: string[] = [];

  push(line: string): SmtpReply | undefined {
    const match = LINE.exec(line);
    if (!match) {
      throw new MailError('protocol-error', 'The server sent a line that is not an SMTP reply.', { details: { line: line.slice(0, 200) } });
    }
    const code = Number(match[1]);
    if (this.code !== undefined && code !== this.code) {
      throw new MailError('protocol-error', `The server changed the reply code inside a multi-line reply (${this.code}, then ${code}).`, {
        details: { line: line.slice(0, 200) },
      });
    }
    this.code = code;
    this.lines.push(match[3] ?? '');
    if (this.lines.length > MAX_REPLY_LINES) {
      throw new MailError('protocol-error', `The server sent a reply longer than ${MAX_REPLY_LINES} lines.`);
    }
    if (match[2] === '-') return undefined;
    const reply = buildReply(code, this.lines);
    this.code = undefined;
    this.lines = [];
    return reply;
  }
}

function buildReply(code: number, lines: readonly string[]): SmtpReply {
  const first = ENHANCED.exec(lines[0] ?? '');
  // The enhanced code's class must agree with the reply's (RFC 3463 §2, RFC 2034 §3).
  const enhancedCode = first && first[1] === String(code)[0] ? `${first[1]}.${first[2]}.${first[3]}` : undefined;
  const text = lines.map((l) => (enhancedCode ? l.replace(ENHANCED, '') : l)).join('\n');
  return { code, lines, enhancedCode, text };
}

/** Parses a complete reply given as lines (tests, recorded transcripts). */
export function parseReply(lines: readonly string[]): SmtpReply {
  const parser = new ReplyParser();
  for (let i = 0; i < lines.length; i++) {
    const reply = parser.push(lines[i] ?? '');
    if (reply) {
      if (i !== lines.length - 1) throw new MailError('protocol-error', 'Lines after the end of an SMTP reply.');
      return reply;
    }
  }
  throw new MailError('protocol-error', 'The SMTP reply ended without a final line.');
}

/** The reply in the shape MailError carries. */
export function toServerReply(reply: SmtpReply): ServerReply {
  return { status: String(reply.code), text: reply.text, ...(reply.enhancedCode ? { enhancedCode: reply.enhancedCode } : {}) };
}
