import { ImapClient } from '../imap/client.js';
import type { MailboxInfo } from '../imap/commands/list.js';
import { MailError } from '../net/mail-error.js';
import { parseCliArgs, parseServerOptions, SERVER_OPTION_SPEC, type ServerOptions } from './server-options.js';
import { CliUsageError, type CliCommand, type CliContext } from './types.js';

const USAGE = `Usage: tegami imap --host H [--port P] --security tls|starttls|none --user U --password-env VAR
                   [--ca FILE] [--allow-insecure-auth] [--transcript] [--json]
                   folders | status FOLDER | search FOLDER QUERY | fetch FOLDER UID

Inspects an IMAP account without changing it (folders are opened read-only with EXAMINE):
  folders               every folder, with its special use (\\Sent, \\Trash, …)
  status FOLDER         message counts, UIDNEXT, UIDVALIDITY (STATUS)
  search FOLDER QUERY   UIDs matching an IMAP search, e.g. 'FROM "alice" SINCE 1-Jan-2026'
  fetch FOLDER UID      the raw message to standard output (--json: metadata and text)

The password is read from the environment variable named by --password-env, never from the
command line. Default ports: 993 (tls), 143. --transcript prints the protocol conversation
(passwords redacted) to standard error.
`;

type Action =
  | { kind: 'folders' }
  | { kind: 'status'; folder: string }
  | { kind: 'search'; folder: string; query: string }
  | { kind: 'fetch'; folder: string; uid: number };

export interface ImapCliOptions extends ServerOptions {
  action: Action;
}

function parseAction(positionals: readonly string[]): Action {
  const [name, ...rest] = positionals;
  const expect = (n: number): void => {
    if (rest.length !== n) throw new CliUsageError(`"${name ?? ''}" takes ${n} argument${n === 1 ? '' : 's'}.`);
  };
  switch (name) {
    case 'folders':
      expect(0);
      return { kind: 'folders' };
    case 'status':
      expect(1);
      return { kind: 'status', folder: rest[0] ?? '' };
    case 'search':
      expect(2);
      return { kind: 'search', folder: rest[0] ?? '', query: rest[1] ?? '' };
    case 'fetch': {
      expect(2);
      const uid = rest[1] ?? '';
      if (!/^\d{1,10}$/.test(uid) || Number(uid) < 1 || Number(uid) > 0xffffffff) throw new CliUsageError('The UID must be a whole number from 1.');
      return { kind: 'fetch', folder: rest[0] ?? '', uid: Number(uid) };
    }
    case undefined:
      throw new CliUsageError('Say what to do: folders, status FOLDER, search FOLDER QUERY or fetch FOLDER UID.');
    default:
      throw new CliUsageError(`Unknown action "${name}".`);
  }
}

export function parseImapArgs(args: readonly string[], env: NodeJS.ProcessEnv): ImapCliOptions {
  const parsed = parseCliArgs({ args: [...args], allowPositionals: true, options: SERVER_OPTION_SPEC });
  return { ...parseServerOptions(parsed.values, env, 'imap'), action: parseAction(parsed.positionals) };
}

/** JSON that can carry bigint (mod-sequences) and bytes. */
function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v), 2);
}

function folderLine(f: MailboxInfo): string {
  return [f.path, f.specialUse ?? '', f.selectable ? '' : '(not selectable)'].filter((s) => s !== '').join('  ');
}

async function perform(client: ImapClient, options: ImapCliOptions, out: NodeJS.WritableStream): Promise<void> {
  const { action } = options;
  switch (action.kind) {
    case 'folders': {
      const folders = await client.run('list');
      out.write(options.json ? `${toJson(folders)}\n` : folders.map((f) => `${folderLine(f)}\n`).join(''));
      return;
    }
    case 'status': {
      const s = await client.run('status', action.folder);
      out.write(options.json ? `${toJson(s)}\n` : Object.entries(s).map(([k, v]) => `${k}: ${String(v)}\n`).join(''));
      return;
    }
    case 'search': {
      await client.run('examine', action.folder);
      const result = await client.run('search', { raw: action.query });
      out.write(options.json ? `${toJson(result.ids)}\n` : result.ids.map((id) => `${id}\n`).join(''));
      return;
    }
    case 'fetch': {
      await client.run('examine', action.folder);
      const result = await client.run('fetch', String(action.uid), { uid: true, flags: true, size: true, internalDate: true, envelope: true, source: true });
      const message = result.messages.find((m) => m.attributes.uid === action.uid);
      const source = message?.attributes.sections?.find((s) => s.item === 'BODY' && s.section === '')?.data;
      if (message === undefined || !(source instanceof Uint8Array)) {
        throw new MailError('not-found', `There is no message with UID ${action.uid} in ${action.folder}.`);
      }
      if (options.json) {
        const { sections: _sections, ...meta } = message.attributes;
        out.write(`${toJson({ ...meta, source: Buffer.from(source).toString('utf8') })}\n`);
      } else out.write(source);
      return;
    }
  }
}

export const imapCommand: CliCommand = {
  summary: 'inspect an IMAP account: folders, status, search, fetch',
  usage: USAGE,
  async run(context: CliContext): Promise<number> {
    const options = parseImapArgs(context.args, context.env);
    const client = await ImapClient.connect({
      host: options.host,
      port: options.port,
      security: options.security,
      ...(options.ca !== undefined ? { ca: options.ca } : {}),
      allowInsecureAuth: options.allowInsecureAuth,
      auth: { user: options.user, password: options.password },
    });
    try {
      await perform(client, options, context.stdout);
      await client.logout();
    } finally {
      client.close();
      if (options.transcript) context.stderr.write(`${client.transcript?.format() ?? ''}\n`);
    }
    return 0;
  },
};
