/**
 * Stopping Dovecot alone and starting it again on the same ports, for tests of what a client
 * does while its IMAP server is down. Only for a private stack (TEGAMI_SERVERS_DIR pointing
 * elsewhere): the shared stack serves test files running in parallel, and taking its Dovecot
 * away would fail them. withDovecotStopped() always starts Dovecot again, even when the action
 * throws, and records the new master's pid in that stack's descriptor so stopping the stack
 * still ends exactly the processes it runs.
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { delimiter, join, resolve } from 'node:path';
import { DESCRIPTOR_PATH, type ServersDescriptor } from './descriptor.js';
import { launchDaemon } from './exec.js';
import { layoutFor } from './layout.js';
import { waitForGreeting } from './probe.js';
import { commandLine, isAlive, processFamily, signal, waitUntil } from './processes.js';

const STOP_TIMEOUT_MS = 15_000;
const GREETING_TIMEOUT_MS = 30_000;
const PID_TIMEOUT_MS = 10_000;
const SEARCH_PATH = ['/usr/sbin', '/usr/bin', '/sbin', '/bin'];

function readDescriptor(path: string): Promise<ServersDescriptor> {
  return readFile(path, 'utf8').then((text) => JSON.parse(text) as ServersDescriptor);
}

function refuseSharedStack(descriptorPath: string): void {
  if (resolve(descriptorPath) === resolve(DESCRIPTOR_PATH)) {
    throw new Error('Refusing to stop the shared stack\'s Dovecot (other test files use it): start a private stack with TEGAMI_SERVERS_DIR.');
  }
}

function dovecotMasterAlive(pid: number): boolean {
  return isAlive(pid) && /\bdovecot\b/.test(commandLine(pid));
}

/** Stops the Dovecot of the stack described at `descriptorPath` and waits until all of it is gone. */
export async function stopDovecot(descriptorPath: string): Promise<void> {
  refuseSharedStack(descriptorPath);
  const d = await readDescriptor(descriptorPath);
  const master = d.pids.dovecot;
  if (!dovecotMasterAlive(master)) return;
  const family = processFamily(master);
  signal([master], 'SIGTERM');
  if (!(await waitUntil(() => !isAlive(master), STOP_TIMEOUT_MS))) signal([master], 'SIGKILL');
  const rest = (): number[] => family.filter(isAlive);
  if (!(await waitUntil(() => rest().length === 0, 5_000))) {
    signal(rest(), 'SIGKILL');
    await waitUntil(() => rest().length === 0, 5_000);
  }
  // A master that was killed leaves its pid file; the next start must not read it.
  await rm(join(d.dovecot.baseDir, 'master.pid'), { force: true });
}

/**
 * Starts the stack's Dovecot again from its configuration (same addresses, ports, certificate
 * and mailboxes), waits until its IMAP and POP3 ports greet, and records the new pid.
 */
export async function startDovecot(descriptorPath: string): Promise<ServersDescriptor> {
  refuseSharedStack(descriptorPath);
  const d = await readDescriptor(descriptorPath);
  if (dovecotMasterAlive(d.pids.dovecot)) return d;
  const layout = layoutFor(d.root);
  const env: NodeJS.ProcessEnv = { PATH: [...SEARCH_PATH, process.env['PATH'] ?? ''].join(delimiter), LANG: 'C' };
  await launchDaemon('dovecot', ['-c', d.dovecot.configFile], join(layout.logDir, 'dovecot-launch.log'), { env });
  const pidFile = join(d.dovecot.baseDir, 'master.pid');
  let pid = 0;
  const wrote = await waitUntil(async () => {
    pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
    return Number.isInteger(pid) && pid > 0;
  }, PID_TIMEOUT_MS);
  if (!wrote) throw new Error(`Dovecot wrote no pid file at ${pidFile} (see ${d.dovecot.log})`);
  const next: ServersDescriptor = { ...d, pids: { ...d.pids, dovecot: pid } };
  const temp = `${descriptorPath}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(next, null, 2) + '\n');
  await rename(temp, descriptorPath);
  const ca = await readFile(d.caFile, 'utf8');
  await Promise.all([
    waitForGreeting(d.imap.starttls, 'imap', ca, GREETING_TIMEOUT_MS),
    waitForGreeting(d.imap.tls, 'imap', ca, GREETING_TIMEOUT_MS),
    waitForGreeting(d.pop3.starttls, 'pop3', ca, GREETING_TIMEOUT_MS),
    waitForGreeting(d.pop3.tls, 'pop3', ca, GREETING_TIMEOUT_MS),
  ]);
  return next;
}

/** Runs `action` while Dovecot is down; Dovecot is started again afterwards whatever happens. */
export async function withDovecotStopped<T>(descriptorPath: string, action: () => Promise<T>): Promise<T> {
  try {
    await stopDovecot(descriptorPath);
    return await action();
  } finally {
    await startDovecot(descriptorPath);
  }
}
