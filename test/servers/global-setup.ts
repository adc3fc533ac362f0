/**
 * Vitest global setup: starts the real mail stack for the run. Placeholder until
 * test/servers/stack.ts lands; with TEGAMI_SERVERS=off nothing is started.
 */
export default async function setup(): Promise<void> {
  if (process.env['TEGAMI_SERVERS'] === 'off') return;
}
