import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Security } from '../net/connection.js';
import { MailError } from '../net/mail-error.js';
import { MailCache } from '../sync/cache.js';
import { connectImap } from '../sync/imap-connect.js';
import { syncAccount } from '../sync/imap-sync.js';
import { syncPop3 } from '../sync/pop3-sync.js';
import { Pop3Ledger } from '../sync/pop3-ledger.js';
import type { FolderReport } from '../sync/progress.js';
import { parseCliArgs, parseServerOptions, SERVER_OPTION_SPEC } from './server-options.js';
import { CliUsageError, type CliCommand, type CliContext } from './types.js';

const USAGE = `Usage: tegami sync --protocol imap|pop3 --host H [--port P] --security tls|starttls|none
                   --user U --password-env VAR [--ca FILE] --maildir DIR [--folder NAME]... [--json]

Copies every folder of the account into the Maildir++ tree DIR (created when missing) and
prints, per folder, how many messages were added, changed and removed, and how long it took.
Run again, it transfers only what changed (CONDSTORE when the server offers it). The sync
state lives in DIR/tegami-sync. POP3 downloads into INBOX and leaves the mail on the server.
--folder limits an IMAP sync to the named folders (repeat it for several).
The password is read from the environment variable named by --password-env.
`;

export interface SyncCliOptions {
  readonly protocol: 'imap' | 'pop3';
  readonly host: string;
  readonly port: number;
  readonly security: Security;
  readonly user: string;
  readonly password: string;
  readonly ca: string | undefined;
  readonly maildir: string;
  /** IMAP only: sync just these folders. */
  readonly folders: readonly string[] | undefined;
  readonly json: boolean;
}

export function parseSyncArgs(args: readonly string[], env: NodeJS.ProcessEnv): SyncCliOptions {
  const { values: v } = parseCliArgs({
    args: [...args],
    allowPositionals: false,
    options: {
      ...SERVER_OPTION_SPEC,
      protocol: { type: 'string' },
      maildir: { type: 'string' },
      folder: { type: 'string', multiple: true },
    },
  });
  if (v.protocol !== 'imap' && v.protocol !== 'pop3') throw new CliUsageError('--protocol must be imap or pop3.');
  const server = parseServerOptions(v, env, v.protocol);
  if (v.maildir === undefined || v.maildir === '') throw new CliUsageError('--maildir is required.');
  return {
    protocol: v.protocol,
    host: server.host,
    port: server.port,
    security: server.security,
    user: server.user,
    password: server.password,
    // The sync engine reads the CA file itself; parseServerOptions has checked that it is readable.
    ca: v.ca,
    maildir: resolve(v.maildir),
    folders: v.folder,
    json: server.json,
  };
}

function table(reports: readonly FolderReport[], totalMs: number): string {
  const rows = reports.map((r) => `${r.path}\t+${r.added}\t~${r.updated}\t-${r.removed}\t${r.total} on server\t${r.bytes} bytes\t${r.ms} ms\t${r.method}`);
  return `${rows.join('\n')}\n${reports.length} folder${reports.length === 1 ? '' : 's'} in ${totalMs} ms\n`;
}

export async function runSync(options: SyncCliOptions, signal?: AbortSignal): Promise<{ reports: FolderReport[]; ms: number }> {
  const started = Date.now();
  const stateDir = join(options.maildir, 'tegami-sync');
  await mkdir(stateDir, { recursive: true });
  const cache = await MailCache.open('cli', options.maildir, stateDir);
  const endpoint = { host: options.host, port: options.port, security: options.security, user: options.user, password: options.password, caFile: options.ca };
  if (options.protocol === 'pop3') {
    const report = await syncPop3(endpoint, cache, await Pop3Ledger.open(stateDir), { leaveOnServer: true, deleteAfterDays: null }, signal !== undefined ? { signal } : {});
    return { reports: [report], ms: Date.now() - started };
  }
  const client = await connectImap(endpoint);
  try {
    const reports = await syncAccount(client, cache, { ...(signal !== undefined ? { signal } : {}), ...(options.folders !== undefined ? { folders: options.folders } : {}) });
    return { reports, ms: Date.now() - started };
  } finally {
    await client.logout().catch(() => undefined);
    client.close();
  }
}

export const syncCommand: CliCommand = {
  summary: 'copy an IMAP or POP3 account into a Maildir, transferring only what changed',
  usage: USAGE,
  async run(context: CliContext): Promise<number> {
    const options = parseSyncArgs(context.args, context.env);
    try {
      const { reports, ms } = await runSync(options);
      context.stdout.write(options.json ? `${JSON.stringify({ folders: reports, ms }, null, 2)}\n` : table(reports, ms));
      return 0;
    } catch (error) {
      if (!(error instanceof MailError)) throw error;
      context.stderr.write(`tegami sync: ${error.message}\n`);
      return 1;
    }
  },
};
