import { MailError } from '../net/mail-error.js';
import { Pop3Client } from '../pop3/client.js';
import { BufferSink, callbackSink } from '../pop3/sink.js';
import { isMechanismName } from '../sasl/choose.js';
import { parseCliArgs, parseServerOptions, SERVER_OPTION_SPEC, type ServerOptions } from './server-options.js';
import { CliUsageError, type CliCommand, type CliContext } from './types.js';

const USAGE = `Usage: tegami pop3 --host H [--port P] --security tls|starttls|none --user U --password-env VAR
                   [--ca FILE] [--auth user|apop|sasl] [--mechanism NAME]
                   [--allow-insecure-auth] [--transcript] [--json]
                   list | uidl | retr N | top N LINES

Inspects a POP3 mailbox without changing it (nothing is ever deleted):
  list          message numbers and sizes (LIST)
  uidl          message numbers and unique ids (UIDL)
  retr N        message N, raw, to standard output (RETR, streamed)
  top N LINES   the header of message N and its first LINES body lines (TOP)

The password is read from the environment variable named by --password-env, never from the
command line. --auth chooses USER/PASS (default), APOP, or SASL AUTH (--mechanism PLAIN, LOGIN,
CRAM-MD5; by default the strongest one the server offers). Credentials are only sent over TLS
unless --allow-insecure-auth is given with --security none. Default ports: 995 (tls), 110.
--transcript prints the protocol conversation (passwords redacted) to standard error.
`;

const AUTH_KINDS = ['user', 'apop', 'sasl'] as const;
type AuthKind = (typeof AUTH_KINDS)[number];

type Action = { kind: 'list' } | { kind: 'uidl' } | { kind: 'retr'; msg: number } | { kind: 'top'; msg: number; lines: number };

interface Pop3CliOptions extends ServerOptions {
  auth: AuthKind;
  mechanism: string | undefined;
  action: Action;
}

function positiveInteger(value: string | undefined, what: string, min: number): number {
  if (value === undefined || !/^\d{1,9}$/.test(value) || Number(value) < min) {
    throw new CliUsageError(`${what} must be a whole number${min > 0 ? ` of ${min} or more` : ''}.`);
  }
  return Number(value);
}

function parseAction(positionals: readonly string[]): Action {
  const [name, ...rest] = positionals;
  const expectArgs = (count: number): void => {
    if (rest.length !== count) throw new CliUsageError(`"${name ?? ''}" takes ${count} argument${count === 1 ? '' : 's'}.`);
  };
  switch (name) {
    case 'list':
    case 'uidl':
      expectArgs(0);
      return { kind: name };
    case 'retr':
      expectArgs(1);
      return { kind: 'retr', msg: positiveInteger(rest[0], 'The message number', 1) };
    case 'top':
      expectArgs(2);
      return { kind: 'top', msg: positiveInteger(rest[0], 'The message number', 1), lines: positiveInteger(rest[1], 'The line count', 0) };
    case undefined:
      throw new CliUsageError('Say what to do: list, uidl, retr N or top N LINES.');
    default:
      throw new CliUsageError(`Unknown action "${name}".`);
  }
}

export function parsePop3Args(args: readonly string[], env: NodeJS.ProcessEnv): Pop3CliOptions {
  const parsed = parseCliArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: { ...SERVER_OPTION_SPEC, auth: { type: 'string' }, mechanism: { type: 'string' } },
  });
  const v = parsed.values;
  const server = parseServerOptions(v, env, 'pop3');
  const auth = (v.auth ?? 'user') as AuthKind;
  if (!AUTH_KINDS.includes(auth)) throw new CliUsageError('--auth must be user, apop or sasl.');
  const mechanism = v.mechanism?.toUpperCase();
  if (mechanism !== undefined && !isMechanismName(mechanism)) throw new CliUsageError(`Unknown SASL mechanism "${v.mechanism ?? ''}".`);
  if (mechanism !== undefined && auth !== 'sasl') throw new CliUsageError('--mechanism needs --auth sasl.');
  if (server.allowInsecureAuth && server.security !== 'none') throw new CliUsageError('--allow-insecure-auth only makes sense with --security none.');
  return { ...server, auth, mechanism, action: parseAction(parsed.positionals) };
}

async function authenticate(client: Pop3Client, options: Pop3CliOptions): Promise<void> {
  switch (options.auth) {
    case 'user':
      return client.login(options.user, options.password);
    case 'apop':
      return client.apop(options.user, options.password);
    case 'sasl': {
      const mechanism = options.mechanism;
      const credentials = { username: options.user, password: options.password };
      return mechanism !== undefined && isMechanismName(mechanism) ? client.authenticate(credentials, mechanism) : client.authenticate(credentials);
    }
  }
}

async function perform(client: Pop3Client, options: Pop3CliOptions, context: CliContext): Promise<void> {
  const out = context.stdout;
  const action = options.action;
  switch (action.kind) {
    case 'list': {
      const listing = await client.list();
      out.write(options.json ? `${JSON.stringify(listing)}\n` : listing.map((l) => `${l.msg} ${l.size}\n`).join(''));
      return;
    }
    case 'uidl': {
      const listing = await client.uidl();
      out.write(options.json ? `${JSON.stringify(listing)}\n` : listing.map((l) => `${l.msg} ${l.uidl}\n`).join(''));
      return;
    }
    case 'top': {
      const bytes = await client.top(action.msg, action.lines);
      out.write(options.json ? `${JSON.stringify({ msg: action.msg, lines: action.lines, text: bytes.toString('utf8') })}\n` : bytes);
      return;
    }
    case 'retr': {
      if (options.json) {
        const sink = new BufferSink();
        const result = await client.retr(action.msg, sink);
        out.write(`${JSON.stringify({ ...result, message: sink.bytes.toString('utf8') })}\n`);
      } else {
        // Streamed straight to stdout: a large message is never held in memory.
        await client.retr(
          action.msg,
          callbackSink(
            (chunk) =>
              new Promise<void>((resolve, reject) => {
                out.write(chunk, (error) => (error ? reject(new MailError('io-error', `Writing the message failed: ${error.message}`, { cause: error })) : resolve()));
              }),
          ),
        );
      }
      return;
    }
  }
}

export const pop3Command: CliCommand = {
  summary: 'inspect a POP3 mailbox: list, uidl, retr, top (read-only)',
  usage: USAGE,
  async run(context) {
    const options = parsePop3Args(context.args, context.env);
    const client = await Pop3Client.connect({
      host: options.host,
      port: options.port,
      security: options.security,
      allowInsecureAuth: options.allowInsecureAuth,
      ...(options.ca === undefined ? {} : { ca: options.ca }),
    });
    try {
      await authenticate(client, options);
      await perform(client, options, context);
      await client.quit();
    } finally {
      if (client.state !== 'closed') client.close();
      if (options.transcript) context.stderr.write(`${client.transcript.format()}\n`);
    }
    return 0;
  },
};
