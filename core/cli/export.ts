import { exportMbox } from '../maildir/export.js';
import { formatFolderPath, parseFolderArgument } from '../maildir/names.js';
import { MaildirStore } from '../maildir/store.js';
import { CliUsageError, type CliCommand } from './types.js';

const USAGE = `Usage:
  tegami export mbox --from DIR --folder NAME --out FILE

Writes one folder of the Maildir at DIR to FILE in mboxrd form (">From " quoting), in UID
order. NAME separates levels with "/" (INBOX is the top folder). FILE is replaced.
`;

export const exportCommand: CliCommand = {
  summary: 'export a Maildir folder to an mbox file',
  usage: USAGE,
  async run(ctx) {
    const [kind, ...rest] = ctx.args;
    if (kind !== 'mbox') throw new CliUsageError(kind === undefined ? 'say what to export to: mbox' : `unknown export format "${kind}"`);
    let from: string | undefined;
    let folder: string | undefined;
    let out: string | undefined;
    for (let i = 0; i < rest.length; i++) {
      const arg = rest[i] ?? '';
      const v = rest[i + 1];
      if (arg !== '--from' && arg !== '--folder' && arg !== '--out') throw new CliUsageError(`unexpected argument ${arg}`);
      if (v === undefined) throw new CliUsageError(`${arg} needs a value`);
      i++;
      if (arg === '--from') from = v;
      else if (arg === '--folder') folder = v;
      else out = v;
    }
    if (from === undefined || folder === undefined || out === undefined) throw new CliUsageError('--from, --folder and --out are required');
    const folderPath = parseFolderArgument(folder);
    const store = await MaildirStore.open(from, { create: false });
    const count = await exportMbox(store, folderPath, out);
    ctx.stdout.write(`exported ${count} message${count === 1 ? '' : 's'} from ${formatFolderPath(folderPath)} to ${out}\n`);
    return 0;
  },
};
