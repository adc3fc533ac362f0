import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveDataDir } from '../../core/api/data-dir.js';
import { createTegamiService } from '../../core/api/service.js';
import { createWebHostCredentialStore } from './credentials.js';
import { startWebHost } from './server.js';

/**
 * `node out/node/electron/web/main.js`: runs the service and the built renderer for a plain
 * browser on this machine. TEGAMI_DATA_DIR chooses the data folder, TEGAMI_PORT the port
 * (unset or 0: any free one). TEGAMI_GUESS_PORTS changes the ports the account wizard probes
 * when it has to guess a domain's servers: "993:10993,587:10587" probes 10993 where it would
 * probe 993 (mail servers behind a port-forwarding gateway; the end-to-end tests' mail stack,
 * which listens on unprivileged ports). Further command-line arguments are message files (.eml)
 * the page may open with openMessageFile; no other path is readable through the service.
 */

// out/node/electron/web/main.js → out/renderer/
const RENDERER_DIR = fileURLToPath(new URL('../../../renderer/', import.meta.url));

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 0;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new Error(`TEGAMI_PORT must be a port number from 0 to 65535, not ${JSON.stringify(value)}.`);
  }
  return port;
}

/** "STANDARD:ACTUAL,…" → { STANDARD: ACTUAL }; undefined when unset. */
function parseGuessPorts(value: string | undefined): Record<number, number> | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const map: Record<number, number> = {};
  for (const pair of value.split(',')) {
    const match = /^\s*(\d{1,5}):(\d{1,5})\s*$/.exec(pair);
    const [standard, actual] = [Number(match?.[1]), Number(match?.[2])];
    if (match === null || standard < 1 || standard > 65535 || actual < 1 || actual > 65535) {
      throw new Error(`TEGAMI_GUESS_PORTS must be STANDARD:ACTUAL port pairs separated by commas (e.g. 993:10993,587:10587), not ${JSON.stringify(value)}.`);
    }
    map[standard] = actual;
  }
  return map;
}

async function main(): Promise<void> {
  const port = parsePort(process.env['TEGAMI_PORT']);
  const guessPortMap = parseGuessPorts(process.env['TEGAMI_GUESS_PORTS']);
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`The renderer is not built (no ${join(RENDERER_DIR, 'index.html')}); run \`npm run build\` first.`);
  }
  const credentials = await createWebHostCredentialStore();
  if (credentials.unavailableReason !== undefined) {
    console.log(`No OS keychain is reachable (${credentials.unavailableReason}): accounts that need a password cannot be added.`);
  }
  const service = createTegamiService({
    dataDir: resolveDataDir(),
    host: 'web',
    credentials: credentials.store,
    ...(guessPortMap !== undefined ? { accountSetup: { discovery: { guessPortMap } } } : {}),
  });
  for (const file of process.argv.slice(2)) service.allowMessageFile(resolve(file));
  const host = await startWebHost({ service, rendererDir: RENDERER_DIR, port });
  console.log(`Tegami is running at ${host.url}`);

  const stop = (): void => {
    void host.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`tegami: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
