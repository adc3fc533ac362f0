/**
 * The submission server's limits (RFC 1870 SIZE and RFC 6152 8BITMIME, announced in the EHLO
 * reply) for the composer's size meter and for building messages. Remembered per account in
 * `<account folder>/submission.json` from the EHLO of the account check (addAccount logs in) and
 * of the last delivery, so the composer knows the limit without a new connection. Only when
 * nothing was remembered is the server asked, with a connection that only greets, says EHLO
 * (after STARTTLS when the account uses it, RFC 3207 §4.2: what was announced before TLS does
 * not count) and quits, without logging in.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Account } from './contract.js';
import { writeFileAtomic } from './atomic-file.js';
import { ApiError } from './errors.js';
import { connect, type Connector } from '../net/index.js';
import { submissionLimits, type SubmissionLimits } from '../smtp/capabilities.js';
import { openSmtp } from '../smtp/client.js';

/** EHLO-only: what the submission server announces for this account. */
export async function probeSubmissionLimits(account: Account, connector: Connector = connect): Promise<SubmissionLimits> {
  const o = account.outgoing;
  const ca = account.caFile !== null ? await readFile(account.caFile) : undefined;
  const pin = account.pinnedSha256?.outgoing ?? undefined;
  const client = await openSmtp({ host: o.host, port: o.port, security: o.security, ...(ca !== undefined ? { ca } : {}), ...(pin !== undefined ? { pinnedSha256: pin } : {}) }, connector);
  try {
    return submissionLimits(client.capabilities);
  } finally {
    await client.quit();
  }
}

const FILE_NAME = 'submission.json';

const storedSchema = z.strictObject({
  version: z.literal(1),
  maxMessageSize: z.number().int().positive().nullable(),
  eightBitMime: z.boolean(),
});

/**
 * The remembered limits of each account. The file lives in the account's folder, so removing the
 * account removes it too; an unreadable or foreign file counts as nothing remembered (the server
 * is then asked again), never as a limit.
 */
export class SubmissionLimitsStore {
  readonly #cache = new Map<string, SubmissionLimits | null>();

  constructor(private readonly accountDir: (accountId: string) => string) {}

  async get(accountId: string): Promise<SubmissionLimits | null> {
    const cached = this.#cache.get(accountId);
    if (cached !== undefined) return cached;
    let text: string;
    try {
      text = await readFile(join(this.accountDir(accountId), FILE_NAME), 'utf8');
    } catch (error) {
      if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return null;
      throw new ApiError('storage-failed', `Could not read the remembered server limits of account ${accountId}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const stored = storedSchema.safeParse(parsed);
    const limits = stored.success ? { maxMessageSize: stored.data.maxMessageSize, eightBitMime: stored.data.eightBitMime } : null;
    this.#cache.set(accountId, limits);
    return limits;
  }

  /** Remembers what the server announced last; written only when it changed. */
  async remember(accountId: string, limits: SubmissionLimits): Promise<void> {
    const current = await this.get(accountId);
    if (current !== null && current.maxMessageSize === limits.maxMessageSize && current.eightBitMime === limits.eightBitMime) return;
    const data = { version: 1, maxMessageSize: limits.maxMessageSize, eightBitMime: limits.eightBitMime };
    try {
      await writeFileAtomic(join(this.accountDir(accountId), FILE_NAME), JSON.stringify(data));
    } catch (error) {
      throw new ApiError('storage-failed', `Could not remember the server limits of account ${accountId}: ${error instanceof Error ? error.message : String(error)}. Check the free space of the data folder.`, { cause: error });
    }
    this.#cache.set(accountId, { ...limits });
  }

  forget(accountId: string): void {
    this.#cache.delete(accountId);
  }
}
