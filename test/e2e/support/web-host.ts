/**
 * The built web host (out/node/electron/web/main.js) as a user would run it on a desktop, for
 * the end-to-end tests that use mail:
 *  - a real OS keychain: gnome-keyring in a private D-Bus session (dbus-run-session) with a
 *    throwaway HOME, so the account wizard can store alice's password (the web host refuses to
 *    keep passwords anywhere else);
 *  - a machine whose resolver knows the mail domain: the process runs in a private mount
 *    namespace (unshare --mount) where /etc/resolv.conf names the test's DNS server
 *    (stack-dns.ts), so imap./smtp.tegami.test resolve to the stack for discovery, for the
 *    login check and for syncing alike, while the rest of the machine is untouched;
 *  - the stack's CA trusted through NODE_EXTRA_CA_CERTS, as an administrator would install a
 *    company CA, and TEGAMI_GUESS_PORTS pointing the guessed standard ports at the stack's.
 * Every one of these tools is required: a missing one fails the test with its name.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServersDescriptor } from '../../servers/descriptor.js';
import { isAlive, processFamily, signal, waitUntil } from '../../servers/processes.js';
import { startStackDns, type StackDns } from './stack-dns.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const HOST_ENTRY = join(ROOT, 'out/node/electron/web/main.js');
const URL_LINE = /^Tegami is running at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]{43}))$/m;
const NO_KEYCHAIN_LINE = /^No OS keychain is reachable.*$/m;
const START_TIMEOUT_MS = 60_000;
const REQUIRED_TOOLS = ['unshare', 'mount', 'dbus-run-session', 'gnome-keyring-daemon', 'flock'] as const;
/** Builds take this lock while they write out/ (see the repository's build instructions). */
const BUILD_LOCK = '/tmp/build.lock';
/** Inside the checkout, so the copied host still finds node_modules; git ignores test-results/. */
const SNAPSHOTS = join(ROOT, 'test-results/e2e-hosts');

/** The private mount namespace's start: its own resolv.conf, then the keyring session, then the host. */
const LAUNCH_SCRIPT = `set -e
mount --bind "$TEGAMI_E2E_RESOLV" /etc/resolv.conf
exec dbus-run-session -- sh -c 'echo -n "$KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 90; exec "$TEGAMI_E2E_NODE" "$TEGAMI_E2E_ENTRY"'
`;

export interface WebHostProcess {
  /** The address with the token, to open in the browser. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  readonly dataDir: string;
  readonly dns: StackDns;
  /** What the host printed so far (stdout and stderr), for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export function missingTools(): string[] {
  return REQUIRED_TOOLS.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
}

/** The guess port map that sends each standard mail port to the stack's port of that kind. */
export function guessPortsFor(servers: ServersDescriptor): string {
  return [
    [993, servers.imap.tls.port],
    [143, servers.imap.starttls.port],
    [995, servers.pop3.tls.port],
    [110, servers.pop3.starttls.port],
    [465, servers.smtp.submissions.port],
    [587, servers.smtp.submission.port],
  ]
    .map(([standard, actual]) => `${String(standard)}:${String(actual)}`)
    .join(',');
}

/**
 * A copy of the built host and renderer taken under the build lock, so a build started while
 * the test runs cannot swap the page's assets or the host's modules underneath it.
 */
async function snapshotBuild(): Promise<{ entry: string; dir: string }> {
  const dir = join(SNAPSHOTS, randomBytes(6).toString('hex'));
  await mkdir(join(dir, 'out'), { recursive: true });
  await promisify(execFile)('flock', [BUILD_LOCK, 'cp', '-a', join(ROOT, 'out/node'), join(ROOT, 'out/renderer'), join(dir, 'out')]);
  return { entry: join(dir, 'out/node/electron/web/main.js'), dir };
}

async function stopFamily(leader: ChildProcess): Promise<void> {
  const pid = leader.pid;
  if (pid === undefined) return;
  const family = processFamily(pid);
  if (family.length === 0) return;
  // The host first, so it closes its connections; then the keyring and the bus.
  signal(family, 'SIGTERM');
  const alive = (): number[] => family.filter(isAlive);
  if (!(await waitUntil(() => alive().length === 0, 10_000))) {
    signal(alive(), 'SIGKILL');
    await waitUntil(() => alive().length === 0, 5_000);
  }
}

export async function startMailWebHost(servers: ServersDescriptor): Promise<WebHostProcess> {
  if (!existsSync(HOST_ENTRY)) throw new Error(`${HOST_ENTRY} is missing: run \`npm run build\` before the e2e tests.`);
  const missing = missingTools();
  if (missing.length > 0) throw new Error(`The mail e2e tests need ${missing.join(', ')} (Debian: util-linux, mount, dbus, gnome-keyring) and root.`);

  const tmp = await mkdtemp(join(tmpdir(), 'tegami-e2e-host-'));
  const home = join(tmp, 'home');
  const runtime = join(home, 'run');
  const dataDir = join(tmp, 'data');
  await mkdir(runtime, { recursive: true, mode: 0o700 });
  await chmod(runtime, 0o700);
  const build = await snapshotBuild();
  let dns: StackDns;
  try {
    dns = await startStackDns(servers);
  } catch (error) {
    await rm(build.dir, { recursive: true, force: true });
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
  const resolv = join(tmp, 'resolv.conf');
  await writeFile(resolv, `nameserver ${dns.address}\noptions timeout:2 attempts:2\n`);
  const script = join(tmp, 'launch.sh');
  await writeFile(script, LAUNCH_SCRIPT);

  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    LANG: 'C.UTF-8',
    HOME: home,
    XDG_RUNTIME_DIR: runtime,
    XDG_DATA_HOME: join(home, '.local/share'),
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    KEYRING_PASSWORD: 'throwaway-keyring-password',
    NODE_EXTRA_CA_CERTS: servers.caFile,
    TEGAMI_DATA_DIR: dataDir,
    TEGAMI_PORT: '0',
    TEGAMI_GUESS_PORTS: guessPortsFor(servers),
    TEGAMI_E2E_RESOLV: resolv,
    TEGAMI_E2E_NODE: process.execPath,
    TEGAMI_E2E_ENTRY: build.entry,
  };
  // detached: the host, the bus and the keyring share one session, which stop() ends.
  const child = spawn('unshare', ['--mount', 'sh', script], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));

  const cleanup = async (): Promise<void> => {
    await stopFamily(child);
    await dns.close();
    await rm(tmp, { recursive: true, force: true });
    await rm(build.dir, { recursive: true, force: true });
  };

  let url: string;
  try {
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`The web host printed no URL within ${START_TIMEOUT_MS} ms:\n${out}`)), START_TIMEOUT_MS);
      const check = (): void => {
        if (NO_KEYCHAIN_LINE.test(out)) {
          clearTimeout(timer);
          reject(new Error(`The web host found no keychain in its D-Bus session:\n${out}`));
          return;
        }
        const match = URL_LINE.exec(out);
        if (match?.[1] !== undefined) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout?.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`The web host exited with ${String(code)} before it was ready:\n${out}`));
      });
    });
  } catch (error) {
    await cleanup();
    throw error;
  }
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    port: Number(parsed.port),
    token: parsed.searchParams.get('token') ?? '',
    dataDir,
    dns,
    output: () => out,
    stop: cleanup,
  };
}
