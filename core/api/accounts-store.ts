import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Account } from './contract.js';
import { ApiError } from './errors.js';
import { accountSchema } from './schemas.js';
import { writeFileAtomic } from './atomic-file.js';

export const ACCOUNTS_FILE = 'accounts.json';

const fileSchema = z.strictObject({ version: z.literal(1), accounts: z.array(accountSchema) });

/**
 * The account list as JSON in the data folder (never a secret: passwords live in the
 * CredentialStore). Writes are serialised and atomic, so a crash keeps the old or the new list.
 */
export class AccountsStore {
  readonly path: string;
  #accounts: Account[] | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.path = join(dataDir, ACCOUNTS_FILE);
  }

  async list(): Promise<readonly Account[]> {
    this.#accounts ??= await this.#load();
    return this.#accounts;
  }

  async get(id: string): Promise<Account> {
    const account = (await this.list()).find((a) => a.id === id);
    if (account === undefined) throw new ApiError('not-found', `There is no account with the id ${JSON.stringify(id.slice(0, 100))}.`);
    return account;
  }

  add(account: Account): Promise<void> {
    return this.#write((list) => [...list.filter((a) => a.id !== account.id), account]);
  }

  /** Replaces the stored account with the same id, keeping its place in the list. */
  async update(account: Account): Promise<void> {
    await this.get(account.id);
    return this.#write((list) => list.map((a) => (a.id === account.id ? account : a)));
  }

  remove(id: string): Promise<void> {
    return this.#write((list) => list.filter((a) => a.id !== id));
  }

  #write(change: (list: readonly Account[]) => Account[]): Promise<void> {
    const next = this.#queue.then(async () => {
      const updated = change(await this.list());
      try {
        await writeFileAtomic(this.path, `${JSON.stringify({ version: 1, accounts: updated }, null, 2)}\n`);
      } catch (error) {
        throw new ApiError('storage-failed', `Could not save the account list to ${this.path}: ${error instanceof Error ? error.message : String(error)}.`, { cause: error });
      }
      this.#accounts = updated;
    });
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #load(): Promise<Account[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return [];
      throw new ApiError('storage-failed', `Could not read the account list from ${this.path}.`, { cause: error });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new ApiError('storage-failed', `The account list ${this.path} is not valid JSON; fix or remove it.`, { cause: error });
    }
    const result = fileSchema.safeParse(parsed);
    if (!result.success) throw new ApiError('storage-failed', `The account list ${this.path} has an unexpected shape; fix or remove it.`);
    return result.data.accounts;
  }
}
