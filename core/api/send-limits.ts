/**
 * The submission server's message size limit (RFC 1870 SIZE, announced in the EHLO reply) for
 * the composer's size meter. Remembered from the last delivery's EHLO; when unknown, asked with
 * a connection that only greets, says EHLO (after STARTTLS when the account uses it, RFC 3207
 * §4.2: what was announced before TLS does not count) and quits, without logging in.
 */
import { readFile } from 'node:fs/promises';
import type { Account } from './contract.js';
import { connect, type Connector } from '../net/index.js';
import { openSmtp } from '../smtp/client.js';
import { sizeLimitOf } from '../sync/outbox.js';

/** EHLO-only: the SIZE the server announces for this account, null when it states none. */
export async function probeSizeLimit(account: Account, connector: Connector = connect): Promise<number | null> {
  const o = account.outgoing;
  const ca = account.caFile !== null ? await readFile(account.caFile) : undefined;
  const pin = account.pinnedSha256?.outgoing ?? undefined;
  const client = await openSmtp({ host: o.host, port: o.port, security: o.security, ...(ca !== undefined ? { ca } : {}), ...(pin !== undefined ? { pinnedSha256: pin } : {}) }, connector);
  try {
    return sizeLimitOf(client.capabilities.size);
  } finally {
    await client.quit();
  }
}
