/**
 * Vitest global setup: the real mail stack for the whole run. Reuses a running stack; a stack
 * this run started is stopped at teardown unless another run is still using it.
 * TEGAMI_SERVERS=off skips it (pure unit runs). Without Postfix/Dovecot, CI fails loudly and a
 * developer machine gets a warning (interop tests then fail with loadServers()' error).
 */
import { ServersUnavailableError, acquireServers, checkPrerequisites, releaseServers } from './stack.js';

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env['TEGAMI_SERVERS'] === 'off') return undefined;
  try {
    checkPrerequisites();
  } catch (error) {
    const ci = process.env['CI'];
    const inCi = ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
    if (!(error instanceof ServersUnavailableError) || inCi) throw error;
    process.stderr.write(`warning: not starting the test mail stack: ${error.message}\n`);
    return undefined;
  }
  await acquireServers();
  return async () => {
    await releaseServers();
  };
}
