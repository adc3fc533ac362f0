import { fileChunks } from '../maildir/file-chunks.js';
import { describeImport, importEml, importMaildir, importMbox, type ImportCount } from '../maildir/import.js';
import type { MboxFormat } from '../maildir/mbox-reader.js';
import { parseFolderArgument, type FolderPath } from '../maildir/names.js';
import { MaildirStore } from '../maildir/store.js';
import { CliUsageError, type CliCommand } from './types.js';

const USAGE = `Usage:
  tegami import mbox FILE --into DIR [--folder NAME] [--format mboxrd|mboxo]
  tegami import maildir SRC --into DIR
  tegami import eml FILE… --into DIR [--folder NAME]

Copies mail into the Maildir at DIR (created when missing).
  mbox     an mbox file, read as mboxrd unless --format mboxo (">From " quoting only)
  maildir  another Maildir or Maildir++ tree (Dovecot, Courier, Tegami), with flags and keywords
  eml      single message files
  --folder NAME  target folder, levels separated by "/" (default INBOX)
`;

interface ImportArgs {
  readonly kind: 'mbox' | 'maildir' | 'eml';
  readonly inputs: readonly string[];
  readonly into: string;
  readonly folder: FolderPath | undefined;
  readonly format: MboxFormat;
}

function parseArgs(args: readonly string[]): ImportArgs {
  const [kind, ...rest] = args;
  if (kind !== 'mbox' && kind !== 'maildir' && kind !== 'eml') {
    throw new CliUsageError(kind === undefined ? 'say what to import: mbox, maildir or eml' : `unknown import kind "${kind}"`);
  }
  const inputs: string[] = [];
  let into: string | undefined;
  let folder: FolderPath | undefined;
  let format: MboxFormat = 'mboxrd';
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    const value = (): string => {
      const v = rest[i + 1];
      if (v === undefined) throw new CliUsageError(`${arg} needs a value`);
      i++;
      return v;
    };
    if (arg === '--into') into = value();
    else if (arg === '--folder') {
      if (kind === 'maildir') throw new CliUsageError('--folder does not apply to a Maildir import (its folders are kept)');
      folder = parseFolderArgument(value());
    } else if (arg === '--format') {
      if (kind !== 'mbox') throw new CliUsageError('--format applies to mbox imports only');
      const f = value();
      if (f !== 'mboxrd' && f !== 'mboxo') throw new CliUsageError(`unknown mbox format "${f}" (mboxrd or mboxo)`);
      format = f;
    } else if (arg.startsWith('--')) throw new CliUsageError(`unknown option ${arg}`);
    else inputs.push(arg);
  }
  if (into === undefined) throw new CliUsageError('--into DIR is required');
  if (inputs.length === 0) throw new CliUsageError(kind === 'eml' ? 'give at least one FILE' : `give the ${kind === 'mbox' ? 'FILE' : 'SRC'} to import`);
  if (kind !== 'eml' && inputs.length > 1) throw new CliUsageError(`one ${kind === 'mbox' ? 'FILE' : 'SRC'} at a time`);
  return { kind, inputs, into, folder, format };
}

export const importCommand: CliCommand = {
  summary: 'import mail from mbox, Maildir or .eml files into a Maildir',
  usage: USAGE,
  async run(ctx) {
    const args = parseArgs(ctx.args);
    const store = await MaildirStore.open(args.into);
    let counts: ImportCount[];
    const input = args.inputs[0] ?? '';
    switch (args.kind) {
      case 'mbox':
        counts = [await importMbox(store, fileChunks(store.fileSystem, input), { format: args.format, ...(args.folder ? { folder: args.folder } : {}) })];
        break;
      case 'maildir':
        counts = await importMaildir(store, input);
        break;
      case 'eml':
        counts = [await importEml(store, args.inputs, args.folder ? { folder: args.folder } : {})];
        break;
    }
    const total = counts.reduce((sum, c) => sum + c.messages, 0);
    for (const count of counts) ctx.stdout.write(`imported ${describeImport(count)}\n`);
    if (counts.length > 1) ctx.stdout.write(`imported ${total} message${total === 1 ? '' : 's'} in total\n`);
    return 0;
  },
};
