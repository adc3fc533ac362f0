/**
 * `tegami parse FILE [--json]`: reads a message (a file, or standard input for "-") through
 * the streaming MIME parser and prints what a mail client shows: addresses, date, ids,
 * bodies, attachments with their SHA-256, and every warning the parser recorded.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { MimeParser, formatMailbox, type Address, type ParsedMessage } from '../mime/index.js';
import { CliUsageError, type CliCommand, type CliContext } from './types.js';

const USAGE = `Usage: tegami parse FILE [--json]

Parses a message (RFC 5322/MIME) and prints subject, from, to, cc, date (ISO 8601), Message-ID,
In-Reply-To, References, the text and HTML bodies, the attachments (filename, content type,
size, SHA-256, disposition, Content-ID) and the parser's warnings. FILE "-" reads standard input.
`;

/** Bytes examined to tell a message from a binary file. */
const SNIFF_BYTES = 8192;

/** Input that is not a mail message: one line on stderr, exit code 1. */
export class MessageInputError extends Error {
  override readonly name = 'MessageInputError';
}

/**
 * A message starts with header fields (or an mbox "From " line); a binary file has NUL bytes
 * or no header field on its first line.
 */
function checkLooksLikeMessage(head: Uint8Array, label: string): void {
  const sniff = head.subarray(0, SNIFF_BYTES);
  if (sniff.indexOf(0) !== -1) throw new MessageInputError(`${label} is not a mail message (it contains binary data)`);
  const firstLineEnd = sniff.indexOf(0x0a);
  const firstLine = new TextDecoder('utf-8').decode(sniff.subarray(0, firstLineEnd === -1 ? sniff.length : firstLineEnd)).replace(/\r$/, '');
  if (!/^[\x21-\x39\x3b-\x7e]+[ \t]*:/.test(firstLine) && !firstLine.startsWith('From ')) {
    throw new MessageInputError(`${label} is not a mail message (its first line is not a header field)`);
  }
}

export interface ReadMessageResult {
  readonly message: ParsedMessage;
  readonly size: number;
}

/** Streams a file or stdin into the parser; rejects empty, binary and non-file inputs. */
export async function readMessage(file: string, context: CliContext): Promise<ReadMessageResult> {
  const label = file === '-' ? 'standard input' : file;
  let source: AsyncIterable<unknown>;
  if (file === '-') {
    source = context.stdin;
  } else {
    let info;
    try {
      info = await stat(file);
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new MessageInputError(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read (${code ?? String(error)})`);
    }
    if (info.isDirectory()) throw new MessageInputError(`${file} is a directory, not a message file`);
    if (!info.isFile()) throw new MessageInputError(`${file} is not a regular file`);
    source = createReadStream(file);
  }
  const parser = new MimeParser();
  let size = 0;
  let head: Uint8Array | undefined;
  const pending: Uint8Array[] = [];
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : (chunk as Uint8Array);
    size += bytes.length;
    if (head === undefined) {
      // Hold the first bytes until there are enough to judge the input.
      pending.push(bytes);
      if (size < SNIFF_BYTES) continue;
      head = joinChunks(pending);
      checkLooksLikeMessage(head, label);
      parser.write(head);
      continue;
    }
    parser.write(bytes);
  }
  if (head === undefined) {
    const all = joinChunks(pending);
    if (all.length === 0 || /^\s*$/.test(new TextDecoder().decode(all))) throw new MessageInputError(`${label} is empty`);
    checkLooksLikeMessage(all, label);
    parser.write(all);
  }
  return { message: parser.end(), size };
}

function joinChunks(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

export interface ParseReport {
  subject: string | null;
  from: readonly Address[];
  to: readonly Address[];
  cc: readonly Address[];
  date: string | null;
  messageId: string | null;
  inReplyTo: string | null;
  references: readonly string[];
  text: string | null;
  html: string | null;
  attachments: Array<{ filename: string | null; contentType: string; size: number; sha256: string; disposition: string | null; contentId: string | null }>;
  warnings: Array<{ code: string; message: string; part: string | null }>;
}

export function buildParseReport(message: ParsedMessage): ParseReport {
  return {
    subject: message.subject ?? null,
    from: message.from,
    to: message.to,
    cc: message.cc,
    date: message.date?.toISOString() ?? null,
    messageId: message.messageId ?? null,
    inReplyTo: message.inReplyTo ?? null,
    references: message.references,
    text: message.text ?? null,
    html: message.html ?? null,
    attachments: message.attachments.map((a) => {
      const hash = createHash('sha256');
      for (const chunk of a.chunks) hash.update(chunk);
      return {
        filename: a.filename ?? null,
        contentType: a.contentType,
        size: a.size,
        sha256: hash.digest('hex'),
        disposition: a.disposition ?? null,
        contentId: a.contentId ?? null,
      };
    }),
    warnings: message.warnings.map((w) => ({ code: w.code, message: w.message, part: w.part === undefined || w.part === '' ? null : w.part })),
  };
}

export function formatAddresses(list: readonly Address[]): string {
  return list
    .map((a) => (a.kind === 'mailbox' ? formatMailbox(a) : `${a.name}: ${a.members.map(formatMailbox).join(', ')};`))
    .join(', ');
}

function formatText(report: ParseReport): string {
  const lines: string[] = [];
  const field = (name: string, value: string | null): void => {
    if (value !== null && value !== '') lines.push(`${name}: ${value}`);
  };
  field('Subject', report.subject);
  field('From', formatAddresses(report.from));
  field('To', formatAddresses(report.to));
  field('Cc', formatAddresses(report.cc));
  field('Date', report.date);
  field('Message-ID', report.messageId === null ? null : `<${report.messageId}>`);
  field('In-Reply-To', report.inReplyTo === null ? null : `<${report.inReplyTo}>`);
  field('References', report.references.length === 0 ? null : report.references.map((r) => `<${r}>`).join(' '));
  if (report.attachments.length > 0) {
    lines.push('', `Attachments (${report.attachments.length}):`);
    report.attachments.forEach((a, i) => {
      const details = [a.contentType, `${a.size} bytes`, a.disposition, a.contentId === null ? null : `cid:${a.contentId}`].filter((x) => x !== null).join(', ');
      lines.push(`  ${i + 1}. ${a.filename ?? '(no name)'} (${details})`, `     sha256 ${a.sha256}`);
    });
  }
  if (report.warnings.length > 0) {
    lines.push('', `Warnings (${report.warnings.length}):`);
    for (const w of report.warnings) lines.push(`  - ${w.code}${w.part === null ? '' : ` [part ${w.part}]`}: ${w.message}`);
  }
  if (report.text !== null) lines.push('', '--- text ---', report.text.replace(/\n$/, ''));
  if (report.html !== null) lines.push('', '--- html ---', report.html.replace(/\n$/, ''));
  return `${lines.join('\n')}\n`;
}

export function parseCliArgs(args: readonly string[]): { file: string; json: boolean } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: { json: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined) throw new CliUsageError('missing FILE (use "-" for standard input)');
  if (extra.length > 0) throw new CliUsageError(`unexpected argument "${extra[0] ?? ''}"`);
  return { file, json: parsed.values.json === true };
}

export const parseCommand: CliCommand = {
  summary: 'parse a message file and print its headers, bodies, attachments and warnings',
  usage: USAGE,
  async run(context) {
    const { file, json } = parseCliArgs(context.args);
    const { message } = await readMessage(file, context);
    const report = buildParseReport(message);
    context.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : formatText(report));
    return 0;
  },
};
