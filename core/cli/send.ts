import { createReadStream, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Security } from '../net/connection.js';
import { isMailError } from '../net/mail-error.js';
import { Transcript } from '../net/transcript.js';
import { buildMessageStream, type MessageDraft } from '../mime/build.js';
import { isMechanismName } from '../sasl/choose.js';
import type { MechanismName } from '../sasl/mechanism.js';
import { openSmtp, type SmtpClient } from '../smtp/client.js';
import type { MessageSource, SendResult } from '../smtp/transaction.js';
import { parseCliArgs, parseServerEndpoint, readSecretEnv, SERVER_OPTION_SPEC } from './server-options.js';
import { CliUsageError, type CliCommand, type CliContext } from './types.js';

const USAGE = `Usage: tegami send --host H [--port P] --security tls|starttls|none
                   [--user U (--password-env VAR | --token-env VAR)]
                   [--mechanism PLAIN|LOGIN|CRAM-MD5|XOAUTH2|OAUTHBEARER]
                   [--ca FILE] [--pin SHA256] [--allow-insecure-auth]
                   --from A --to B [--to …] [--cc …] [--bcc …]
                   (--eml FILE | --subject S [--text T | --text-file F] [--attach FILE …])
                   [--transcript] [--json]

Submits one message over SMTP and prints the accepted and rejected recipients and the
server's reply. --eml sends an existing message file as it is; the envelope comes from
--from and --to/--cc/--bcc (Bcc recipients get the message but never appear in it).
The password (or, with --token-env, an OAuth 2.0 access token) is read from the environment
variable named, never from the command line.
Default ports: 465 (tls), 587 (starttls), 25 (none).
`;

interface SendArgs {
  readonly host: string;
  readonly port: number;
  readonly security: Security;
  readonly user: string | undefined;
  readonly password: string | undefined;
  readonly accessToken: string | undefined;
  readonly mechanism: MechanismName | undefined;
  readonly ca: string | undefined;
  readonly pin: string | undefined;
  readonly allowInsecureAuth: boolean;
  readonly from: string;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly bcc: readonly string[];
  readonly subject: string | undefined;
  readonly text: string | undefined;
  readonly attach: readonly string[];
  readonly eml: string | undefined;
  readonly transcript: boolean;
  readonly json: boolean;
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new CliUsageError(`cannot read the ${what} ${path}`);
  }
}

function parse(args: readonly string[], env: NodeJS.ProcessEnv): SendArgs {
  const parsed = parseCliArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      ...SERVER_OPTION_SPEC,
      'token-env': { type: 'string' },
      mechanism: { type: 'string' },
      pin: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string', multiple: true },
      cc: { type: 'string', multiple: true },
      bcc: { type: 'string', multiple: true },
      subject: { type: 'string' },
      text: { type: 'string' },
      'text-file': { type: 'string' },
      attach: { type: 'string', multiple: true },
      eml: { type: 'string' },
    },
  });
  const v = parsed.values;
  const endpoint = parseServerEndpoint(v, 'smtp');
  if (!v.from) throw new CliUsageError('--from is required');
  const to = v.to ?? [];
  const cc = v.cc ?? [];
  const bcc = v.bcc ?? [];
  if (to.length + cc.length + bcc.length === 0) throw new CliUsageError('give at least one --to, --cc or --bcc');
  // Sending may go without login (a relay on port 25), so unlike imap/pop3 the secret is optional.
  const password = v['password-env'] === undefined ? undefined : readSecretEnv(v['password-env'], env);
  let accessToken: string | undefined;
  if (v['token-env'] !== undefined) {
    if (password !== undefined) throw new CliUsageError('give --password-env or --token-env, not both');
    accessToken = readSecretEnv(v['token-env'], env);
  }
  const secret = password ?? accessToken;
  if ((v.user === undefined) !== (secret === undefined)) throw new CliUsageError('--user goes together with --password-env or --token-env');
  let mechanism: MechanismName | undefined;
  if (v.mechanism !== undefined) {
    const name = v.mechanism.toUpperCase();
    if (!isMechanismName(name)) throw new CliUsageError(`unknown --mechanism ${v.mechanism}`);
    mechanism = name;
  }
  if (v.eml !== undefined && (v.subject !== undefined || v.text !== undefined || v['text-file'] !== undefined || v.attach !== undefined)) {
    throw new CliUsageError('--eml sends a finished message; it cannot be combined with --subject, --text, --text-file or --attach');
  }
  if (v.text !== undefined && v['text-file'] !== undefined) throw new CliUsageError('give --text or --text-file, not both');
  if (v.eml === undefined && v.subject === undefined) throw new CliUsageError('give --subject (and a body) or --eml FILE');
  return {
    host: endpoint.host,
    port: endpoint.port,
    security: endpoint.security,
    user: v.user,
    password,
    accessToken,
    mechanism,
    ca: endpoint.ca,
    pin: v.pin,
    allowInsecureAuth: v['allow-insecure-auth'] === true,
    from: v.from,
    to,
    cc,
    bcc,
    subject: v.subject,
    text: v['text-file'] !== undefined ? readText(v['text-file'], 'text file') : v.text,
    attach: v.attach ?? [],
    eml: v.eml,
    transcript: endpoint.transcript,
    json: endpoint.json,
  };
}

interface PreparedMessage {
  readonly source: MessageSource;
  /** Known for files; undefined for a message built while it is sent. */
  readonly size: number | undefined;
  readonly eightBit: boolean;
  readonly smtputf8?: boolean;
}

/** An existing .eml, streamed from disk (one pass first to learn whether it is 8-bit). */
async function emlMessage(path: string): Promise<PreparedMessage> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new CliUsageError(`cannot read the message file ${path}`);
  }
  let eightBit = false;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    if (chunk.some((byte) => byte > 0x7f)) {
      eightBit = true;
      break;
    }
  }
  return { source: createReadStream(path) as AsyncIterable<Buffer>, size, eightBit };
}

/**
 * A new message from the command line, built by core/mime and streamed to the server as it is
 * encoded (attachments are read from disk piece by piece). 8-bit text and UTF-8 headers are
 * used only when the server announced 8BITMIME / SMTPUTF8 (and SMTPUTF8 only when an address
 * needs it); otherwise the builder falls back to quoted-printable, base64 and encoded words.
 */
function composedMessage(args: SendArgs, client: SmtpClient): PreparedMessage & { smtputf8: boolean } {
  for (const path of args.attach) {
    try {
      statSync(path);
    } catch {
      throw new CliUsageError(`cannot read the attachment ${path}`);
    }
  }
  const caps = client.capabilities;
  const addresses = [args.from, ...args.to, ...args.cc, ...args.bcc];
  const smtputf8 = caps.smtputf8 && addresses.some((a) => /[^\x00-\x7f]/.test(a));
  const draft: MessageDraft = {
    from: args.from,
    to: args.to,
    cc: args.cc,
    bcc: args.bcc,
    subject: args.subject ?? '',
    text: args.text ?? '',
    attachments: args.attach.map((path) => ({ filename: basename(path), content: createReadStream(path) as AsyncIterable<Buffer> })),
  };
  const source = buildMessageStream(draft, { eightBitMime: caps.eightBitMime, smtpUtf8: smtputf8 });
  return { source, size: undefined, eightBit: caps.eightBitMime, smtputf8 };
}

function formatResult(result: SendResult): string {
  const lines = [`Accepted: ${result.accepted.join(', ') || '(none)'}`];
  for (const r of result.rejected) lines.push(`Rejected: ${r.address}: ${r.code}${r.enhancedCode ? ` ${r.enhancedCode}` : ''} ${r.text.split('\n')[0] ?? ''} [${r.error}]`);
  lines.push(`Server: ${result.reply.code}${result.reply.enhancedCode ? ` ${result.reply.enhancedCode}` : ''} ${result.reply.text.split('\n')[0] ?? ''}`);
  lines.push(`Sent ${result.bytes} bytes with ${result.method}${result.pipelined ? ' (pipelined)' : ''}.`);
  return `${lines.join('\n')}\n`;
}

export async function runSend(context: CliContext): Promise<number> {
  const args = parse(context.args, context.env);
  const eml = args.eml !== undefined ? await emlMessage(args.eml) : undefined;
  let client: SmtpClient | undefined;
  const log = new Transcript();
  const transcript = (): string => log.format();
  try {
    client = await openSmtp({
      transcript: log,
      host: args.host,
      port: args.port,
      security: args.security,
      allowInsecureAuth: args.allowInsecureAuth,
      ...(args.ca ? { ca: args.ca } : {}),
      ...(args.pin ? { pinnedSha256: args.pin } : {}),
      ...(args.user !== undefined && args.password !== undefined ? { credentials: { username: args.user, password: args.password } } : {}),
      ...(args.user !== undefined && args.accessToken !== undefined ? { credentials: { username: args.user, accessToken: args.accessToken } } : {}),
      ...(args.mechanism ? { mechanism: args.mechanism } : {}),
    });
    const connection = client.connection;
    const message = eml ?? composedMessage(args, client);
    const recipients = [...new Set([...args.to, ...args.cc, ...args.bcc])];
    const result = await client.send({ from: args.from, to: recipients }, message.source, {
      ...(message.size !== undefined ? { size: message.size } : {}),
      body: message.eightBit ? '8BITMIME' : '7BIT',
      ...(message.smtputf8 ? { smtputf8: true } : {}),
    });
    await client.quit();
    if (args.json) {
      context.stdout.write(`${JSON.stringify({ ok: true, ...result, tls: connection.tls, ...(args.transcript ? { transcript: transcript() } : {}) }, null, 2)}\n`);
    } else {
      context.stdout.write(formatResult(result));
      if (args.transcript) context.stderr.write(`${transcript()}\n`);
    }
    return 0;
  } catch (error) {
    client?.connection.close();
    if (!isMailError(error)) throw error;
    if (args.json) {
      context.stdout.write(`${JSON.stringify({ ok: false, error: error.toJSON(), ...(args.transcript ? { transcript: transcript() } : {}) }, null, 2)}\n`);
    } else {
      const server = error.reply ? ` (server said: ${error.reply.status} ${error.reply.text.split('\n')[0] ?? ''})` : '';
      context.stderr.write(`tegami send: ${error.code}: ${error.message.split('\n')[0] ?? ''}${error.message.includes('server said') ? '' : server}\n`);
      if (args.transcript) context.stderr.write(`${transcript()}\n`);
    }
    return 1;
  }
}

export const sendCommand: CliCommand = {
  summary: 'send a message over SMTP (compose it, or an existing .eml)',
  usage: USAGE,
  run: runSend,
};
