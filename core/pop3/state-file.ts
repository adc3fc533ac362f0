import { open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { MailError } from '../net/mail-error.js';
import { emptyState, parseState, type AccountPop3State } from './retention.js';

/** Where an account's leave-on-server state lives. The sync engine may keep it elsewhere. */
export interface Pop3StateStore {
  load(): Promise<AccountPop3State>;
  /** Must be durable when it resolves: a lost update means a message is downloaded twice. */
  save(state: AccountPop3State): Promise<void>;
}

/**
 * A small JSON file per account, replaced atomically: written to a temporary file, fsynced,
 * renamed over the old one, and the directory fsynced, so a crash leaves the old or the new
 * state, never half of one.
 */
export class JsonFileStateStore implements Pop3StateStore {
  constructor(readonly path: string) {}

  async load(): Promise<AccountPop3State> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
      throw new MailError('io-error', `Could not read the POP3 state file ${this.path}.`, { cause: error });
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new MailError('io-error', `The POP3 state file ${this.path} is not valid JSON.`, { cause: error });
    }
    return parseState(value);
  }

  async save(state: AccountPop3State): Promise<void> {
    const dir = dirname(this.path);
    const temp = join(dir, `.${basename(this.path)}.${process.pid}.${Date.now()}.tmp`);
    try {
      const file = await open(temp, 'w', 0o600);
      try {
        await file.writeFile(`${JSON.stringify(state)}\n`, 'utf8');
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temp, this.path);
      const directory = await open(dir, 'r');
      try {
        await directory.sync();
      } finally {
        await directory.close();
      }
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      const code = (error as NodeJS.ErrnoException).code;
      throw new MailError(code === 'ENOSPC' ? 'disk-full' : 'io-error', `Could not save the POP3 state file ${this.path}.`, { cause: error });
    }
  }
}
