/**
 * Starting and stopping the real mail stack: Postfix and Dovecot from Debian's packages, run as
 * root from a fresh temp directory, loopback only, on free high ports. The descriptor
 * (.run/servers.json) is written only once every port greets, and removed again on stop.
 */
import { accessSync, constants as fsConstants, existsSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { chmod, chown, mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { makeCertificates } from './certs.js';
import { DESCRIPTOR_PATH, RUN_DIR, type Endpoint, type ServersDescriptor, type TestUser } from './descriptor.js';
import { SPECIAL_USE_FOLDERS, dovecotConf, oauth2Conf, passwdFile } from './dovecot-config.js';
import { launchDaemon, run } from './exec.js';
import {
  INTROSPECTION_HOST,
  INTROSPECTION_PATH,
  introspectionAlive,
  introspectionAnswers,
  introspectionUrl,
  issueTokens,
  launchIntrospection,
  type IssuedTokens,
} from './introspection.js';
import {
  DOMAIN,
  DOVECOT_HOST,
  PORT_NAMES,
  SMTP_HOST,
  TEST_USERS,
  layoutFor,
  maildirOf,
  type Layout,
  type Ports,
} from './layout.js';
import { mainCf, masterCf } from './postfix-config.js';
import { findFreePorts } from './ports.js';
import { commandLine, isAlive, processFamily, signal, waitUntil } from './processes.js';
import { waitForGreeting, type GreetingKind } from './probe.js';

const REQUIRED_BINARIES = ['postfix', 'postconf', 'dovecot', 'doveadm', 'openssl'] as const;
const SEARCH_PATH = ['/usr/sbin', '/usr/bin', '/sbin', '/bin'];
const GREETING_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;
const LOCK_TIMEOUT_MS = 120_000;
const LOCK_DIR = join(RUN_DIR, 'lock');
/** One file per test run (named by its pid) using a stack that a test run started. */
const LEASE_DIR = join(RUN_DIR, 'leases');

/** Thrown when the machine cannot run the stack at all (binaries missing, not root). */
export class ServersUnavailableError extends Error {
  override readonly name = 'ServersUnavailableError';
}

export function findBinary(name: string): string | undefined {
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter), ...SEARCH_PATH];
  for (const dir of dirs) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Throws ServersUnavailableError naming what is missing; returns normally when all is there. */
export function checkPrerequisites(): void {
  const missing = REQUIRED_BINARIES.filter((name) => findBinary(name) === undefined);
  if (missing.length > 0) {
    throw new ServersUnavailableError(
      `the test mail stack needs ${missing.join(', ')} (Debian: postfix dovecot-imapd dovecot-pop3d dovecot-lmtpd openssl)`,
    );
  }
  if (userInfo().uid !== 0) {
    throw new ServersUnavailableError('the test mail stack must be started as root (Postfix and Dovecot drop to their own users)');
  }
}

/** Every environment variable Postfix reads from us is dropped so `-c` alone decides. */
function serverEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: [...SEARCH_PATH, process.env['PATH'] ?? ''].join(delimiter), LANG: 'C' };
  if (process.env['TZ'] !== undefined) env['TZ'] = process.env['TZ'];
  return env;
}

function readDescriptorFile(): ServersDescriptor | undefined {
  try {
    return JSON.parse(readFileSync(DESCRIPTOR_PATH, 'utf8')) as ServersDescriptor;
  } catch {
    return undefined;
  }
}

function endpoints(d: ServersDescriptor): Array<[Endpoint, GreetingKind]> {
  return [
    [d.imap.starttls, 'imap'],
    [d.imap.tls, 'imap'],
    [d.pop3.starttls, 'pop3'],
    [d.pop3.tls, 'pop3'],
    [d.smtp.inject, 'smtp'],
    [d.smtp.submission, 'smtp'],
    [d.smtp.submissions, 'smtp'],
  ];
}

function postfixMasterAlive(pid: number): boolean {
  return isAlive(pid) && /\bmaster\b/.test(commandLine(pid));
}

function dovecotMasterAlive(pid: number): boolean {
  return isAlive(pid) && /\bdovecot\b/.test(commandLine(pid));
}

function introspectionEndpoint(d: ServersDescriptor): { host: string; port: number; path: string } {
  const url = new URL(d.oauth.introspectionUrl);
  return { host: url.hostname, port: Number(url.port), path: url.pathname };
}

async function allPortsAnswer(d: ServersDescriptor, timeoutMs: number): Promise<boolean> {
  let ca: string;
  try {
    ca = await readFile(d.caFile, 'utf8');
  } catch {
    return false;
  }
  try {
    await Promise.all(endpoints(d).map(([endpoint, kind]) => waitForGreeting(endpoint, kind, ca, timeoutMs)));
    return await waitUntil(() => introspectionAnswers(introspectionEndpoint(d)), timeoutMs, 200);
  } catch {
    return false;
  }
}

/**
 * The running stack's descriptor when both recorded masters are alive and every port greets.
 * On a loaded machine a slow greeting is not a dead server, so the ports get the full start-up
 * wait before the stack is declared broken (and then replaced by a fresh one).
 */
export async function runningServers(): Promise<ServersDescriptor | undefined> {
  const d = readDescriptorFile();
  if (d === undefined || d.pids === undefined) return undefined;
  const postfixUp = postfixMasterAlive(d.pids.postfix);
  const dovecotUp = dovecotMasterAlive(d.pids.dovecot);
  if (!postfixUp && !dovecotUp) return undefined;
  // A stack from before bearer tokens (no oauth section) cannot serve the OAuth tests either.
  const introspectionUp = d.oauth !== undefined && introspectionAlive(d.pids.introspection);
  if (postfixUp && dovecotUp && introspectionUp && (await allPortsAnswer(d, GREETING_TIMEOUT_MS))) return d;
  // Half a stack (one process died) or ports silent for that long: nothing a test can use.
  return undefined;
}

export async function isRunning(): Promise<boolean> {
  return (await runningServers()) !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Serialising start/stop between concurrent test runs in the same checkout.

async function acquireLock(): Promise<() => Promise<void>> {
  await mkdir(RUN_DIR, { recursive: true });
  const ok = await waitUntil(async () => {
    try {
      await mkdir(LOCK_DIR);
      await writeFile(join(LOCK_DIR, 'pid'), String(process.pid));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A holder that died (killed run) leaves the lock behind; a lock without a live pid is stale.
      const holder = Number(await readFile(join(LOCK_DIR, 'pid'), 'utf8').catch(() => ''));
      if (!Number.isInteger(holder) || holder <= 0) {
        // The pid is written a moment after mkdir: give the holder that moment, but a lock
        // that never got its pid (holder killed in between) is stale after a few seconds.
        const age = await stat(LOCK_DIR).then((info) => Date.now() - info.mtimeMs, () => 0);
        if (age > 5_000) await rm(LOCK_DIR, { recursive: true, force: true });
      } else if (!isAlive(holder)) {
        await rm(LOCK_DIR, { recursive: true, force: true });
      }
      return false;
    }
  }, LOCK_TIMEOUT_MS, 200);
  if (!ok) throw new Error(`could not lock ${LOCK_DIR} within ${LOCK_TIMEOUT_MS} ms`);
  return () => rm(LOCK_DIR, { recursive: true, force: true });
}

export async function withLock<T>(action: () => Promise<T>): Promise<T> {
  const release = await acquireLock();
  try {
    return await action();
  } finally {
    await release();
  }
}

// ---------------------------------------------------------------------------------------------
// Starting.

export interface StartResult {
  readonly descriptor: ServersDescriptor;
  /** false when a healthy stack was already running and is being reused. */
  readonly started: boolean;
}

async function prepareDirectories(layout: Layout): Promise<void> {
  // mkdtemp makes the root 0700; Postfix (lmtp, smtpd as user postfix) and Dovecot (as dovecot)
  // must traverse it to reach their sockets and mailboxes.
  await chmod(layout.root, 0o755);
  const postfixUid = await idOf('postfix');
  const dovecotUid = await idOf('dovecot');
  for (const dir of [layout.tlsDir, layout.logDir, layout.postfixConfigDir, layout.postfixQueueDir, layout.dovecotDir, layout.dovecotStateDir]) {
    await mkdir(dir, { recursive: true, mode: 0o755 });
  }
  await mkdir(layout.postfixDataDir, { recursive: true, mode: 0o700 });
  await chown(layout.postfixDataDir, postfixUid.uid, postfixUid.gid);
  await mkdir(layout.mailRoot, { recursive: true, mode: 0o750 });
  await chown(layout.mailRoot, dovecotUid.uid, dovecotUid.gid);
}

async function idOf(user: string): Promise<{ uid: number; gid: number }> {
  const { stdout } = await run('id', [user]);
  const uid = /uid=(\d+)/.exec(stdout)?.[1];
  const gid = /gid=(\d+)/.exec(stdout)?.[1];
  if (uid === undefined || gid === undefined) throw new Error(`cannot resolve system user ${user}: ${stdout}`);
  return { uid: Number(uid), gid: Number(gid) };
}

async function readPid(file: string, what: string): Promise<number> {
  let pid = NaN;
  const ok = await waitUntil(async () => {
    try {
      pid = Number((await readFile(file, 'utf8')).trim());
      return Number.isInteger(pid) && pid > 0;
    } catch {
      return false;
    }
  }, 10_000);
  if (!ok) throw new Error(`${what} wrote no pid file at ${file}`);
  return pid;
}

async function logTail(file: string, lines = 30): Promise<string> {
  try {
    const text = await readFile(file, 'utf8');
    return text.split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function makeDescriptor(
  layout: Layout,
  ports: Ports,
  caFile: string,
  tokens: IssuedTokens,
  pids: ServersDescriptor['pids'],
  owner: ServersDescriptor['owner'],
): ServersDescriptor {
  const at = (port: number, security: Endpoint['security'], host = SMTP_HOST): Endpoint => ({ host, port, security });
  const user = (name: keyof typeof TEST_USERS): TestUser => ({
    address: `${TEST_USERS[name].user}@${DOMAIN}`,
    user: `${TEST_USERS[name].user}@${DOMAIN}`,
    password: TEST_USERS[name].password,
    accessToken: tokens.byUser[name],
    maildir: maildirOf(layout, TEST_USERS[name].user),
  });
  return {
    version: 1,
    startedAt: new Date().toISOString(),
    root: layout.root,
    domain: DOMAIN,
    caFile,
    imap: { starttls: at(ports.imap, 'starttls', DOVECOT_HOST), tls: at(ports.imaps, 'tls', DOVECOT_HOST) },
    pop3: { starttls: at(ports.pop3, 'starttls', DOVECOT_HOST), tls: at(ports.pop3s, 'tls', DOVECOT_HOST) },
    smtp: {
      inject: at(ports.inject, 'none'),
      submission: at(ports.submission, 'starttls'),
      submissions: at(ports.submissions, 'tls'),
    },
    users: { alice: user('alice'), bob: user('bob') },
    oauth: {
      introspectionUrl: introspectionUrl({ host: INTROSPECTION_HOST, port: ports.introspection, path: INTROSPECTION_PATH }),
      expiredToken: tokens.expired,
      log: layout.introspectionLog,
    },
    pids,
    owner,
    postfix: { configDir: layout.postfixConfigDir, queueDir: layout.postfixQueueDir, log: layout.postfixLog },
    dovecot: { configFile: layout.dovecotConfigFile, baseDir: layout.dovecotBaseDir, log: layout.dovecotLog },
  };
}

async function writeDescriptor(d: ServersDescriptor): Promise<void> {
  await mkdir(RUN_DIR, { recursive: true });
  const temp = `${DESCRIPTOR_PATH}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(d, null, 2) + '\n');
  await rename(temp, DESCRIPTOR_PATH);
}

async function launch(owner: ServersDescriptor['owner']): Promise<ServersDescriptor> {
  const root = await mkdtemp(join(tmpdir(), 'tegami-servers-'));
  const layout = layoutFor(root);
  const started: Partial<Record<'postfix' | 'dovecot' | 'introspection', number>> = {};
  try {
    await prepareDirectories(layout);
    const certs = await makeCertificates(layout.tlsDir);
    const free = await findFreePorts(PORT_NAMES.length);
    const ports = Object.fromEntries(PORT_NAMES.map((name, i) => [name, free[i]])) as unknown as Ports;

    await writeFile(layout.passwdFile, passwdFile(), { mode: 0o640 });
    const dovecotIds = await idOf('dovecot');
    await chown(layout.passwdFile, 0, dovecotIds.gid);
    const { config: introspection, issued } = issueTokens(ports.introspection);
    await mkdir(dirname(layout.introspectionConfigFile), { recursive: true, mode: 0o700 });
    await writeFile(layout.introspectionConfigFile, JSON.stringify(introspection, null, 2) + '\n', { mode: 0o600 });
    await writeFile(layout.oauth2File, oauth2Conf(introspectionUrl(introspection)), { mode: 0o644 });
    started.introspection = await launchIntrospection(layout.introspectionConfigFile, layout.introspectionLog);
    const instance = `tegami-${root.slice(root.lastIndexOf('-') + 1)}`;
    await writeFile(layout.dovecotConfigFile, dovecotConf(layout, ports, certs, instance));
    await writeFile(join(layout.postfixConfigDir, 'main.cf'), mainCf(layout, certs));
    await writeFile(join(layout.postfixConfigDir, 'master.cf'), masterCf(ports));

    const env = serverEnv();
    // `postfix check` creates the queue directories with their owners and validates the
    // configuration; it runs while Dovecot starts. The quick-start marker then lets
    // `postfix start` skip repeating those checks (about two seconds of every start).
    await Promise.all([
      (async () => {
        await launchDaemon('dovecot', ['-c', layout.dovecotConfigFile], join(layout.logDir, 'dovecot-launch.log'), { env });
        started.dovecot = await readPid(join(layout.dovecotBaseDir, 'master.pid'), 'dovecot');
      })(),
      run('postfix', ['-c', layout.postfixConfigDir, 'check'], { env }),
    ]);
    await writeFile(join(layout.postfixQueueDir, 'quick-start'), '');
    await launchDaemon('postfix', ['-c', layout.postfixConfigDir, 'start'], join(layout.logDir, 'postfix-launch.log'), { env });
    started.postfix = await readPid(join(layout.postfixQueueDir, 'pid', 'master.pid'), 'postfix');

    const pids = { postfix: started.postfix, dovecot: started.dovecot ?? 0, introspection: started.introspection };
    const descriptor = makeDescriptor(layout, ports, certs.caFile, issued, pids, owner);
    const ca = await readFile(certs.caFile, 'utf8');
    await waitForPorts(descriptor, ca);
    await createMailboxes(layout);
    return descriptor;
  } catch (error) {
    const logs = [
      `--- postfix log ---\n${await logTail(layout.postfixLog)}`,
      `--- dovecot log ---\n${await logTail(layout.dovecotLog)}`,
      `--- introspection log ---\n${await logTail(layout.introspectionLog)}`,
    ].join('\n');
    await stopProcesses(layout, started);
    // TEGAMI_SERVERS_KEEP=1 keeps the failed stack's directory for a look at its configuration.
    if (process.env['TEGAMI_SERVERS_KEEP'] !== '1') await rm(root, { recursive: true, force: true });
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`the test mail stack failed to start: ${reason}\n${logs}`, { cause: error });
  }
}

/**
 * Waits for every port to greet, but fails at once when a master dies meanwhile (a port taken
 * between choosing and binding it, a configuration error), with that server's log in the error.
 */
async function waitForPorts(d: ServersDescriptor, ca: string): Promise<void> {
  let watching = true;
  const deaths = (async () => {
    while (watching) {
      if (!postfixMasterAlive(d.pids.postfix)) throw new Error('the Postfix master exited during start-up');
      if (!dovecotMasterAlive(d.pids.dovecot)) throw new Error('the Dovecot master exited during start-up');
      if (!introspectionAlive(d.pids.introspection)) throw new Error('the introspection endpoint exited during start-up');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  try {
    const introspectionUp = async (): Promise<void> => {
      if (!(await waitUntil(() => introspectionAnswers(introspectionEndpoint(d)), GREETING_TIMEOUT_MS, 100))) {
        throw new Error(`the introspection endpoint did not answer at ${d.oauth.introspectionUrl}`);
      }
    };
    await Promise.race([
      Promise.all([...endpoints(d).map(([endpoint, kind]) => waitForGreeting(endpoint, kind, ca, GREETING_TIMEOUT_MS)), introspectionUp()]),
      deaths,
    ]);
  } finally {
    watching = false;
    await deaths.catch(() => undefined);
  }
}

/** Each user's Maildir and special-use folders exist before the first test looks at them. */
async function createMailboxes(layout: Layout): Promise<void> {
  const folders = SPECIAL_USE_FOLDERS.map(({ name }) => name);
  for (const { user } of Object.values(TEST_USERS)) {
    const address = `${user}@${DOMAIN}`;
    // `auto = subscribe` only creates folders lazily; creating them now gives every test a
    // Maildir to look at (and the descriptor's maildir path exists from the start).
    await run('doveadm', ['-c', layout.dovecotConfigFile, 'mailbox', 'create', '-s', '-u', address, ...folders], { env: serverEnv() });
    await run('doveadm', ['-c', layout.dovecotConfigFile, 'mailbox', 'status', '-u', address, 'messages', 'INBOX'], { env: serverEnv() });
    if (!existsSync(join(maildirOf(layout, user), 'cur'))) throw new Error(`Dovecot did not create ${maildirOf(layout, user)}`);
  }
}

/**
 * Free ports are chosen a moment before the servers bind them; when another process takes one
 * in between, a new set of ports is the fix, so such a failure is retried with fresh ports.
 */
async function launchWithRetry(owner: ServersDescriptor['owner']): Promise<ServersDescriptor> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await launch(owner);
    } catch (error) {
      if (attempt >= 3 || !/Address already in use|EADDRINUSE/.test(String(error))) throw error;
    }
  }
}

/**
 * Starts the stack unless a healthy one is already running (then reuses it). A descriptor left
 * by a stack that died is cleaned up first.
 */
export async function startServers(owner: ServersDescriptor['owner'] = 'manual'): Promise<StartResult> {
  checkPrerequisites();
  return withLock(async () => {
    const running = await runningServers();
    if (running !== undefined) return { descriptor: running, started: false };
    await stopUnlocked();
    const descriptor = await launchWithRetry(owner);
    await writeDescriptor(descriptor);
    return { descriptor, started: true };
  });
}

// ---------------------------------------------------------------------------------------------
// Stopping.

async function stopOne(masterPid: number | undefined, isOurs: (pid: number) => boolean, gracefully: () => Promise<void>): Promise<void> {
  if (masterPid === undefined || !isOurs(masterPid)) return;
  const family = processFamily(masterPid);
  try {
    await gracefully();
  } catch {
    signal([masterPid], 'SIGTERM');
  }
  if (!(await waitUntil(() => !isAlive(masterPid), STOP_TIMEOUT_MS))) signal([masterPid], 'SIGKILL');
  const rest = () => family.filter(isAlive);
  if (!(await waitUntil(() => rest().length === 0, 5_000))) {
    signal(rest(), 'SIGKILL');
    await waitUntil(() => rest().length === 0, 5_000);
  }
}

async function stopProcesses(layout: Layout, pids: Partial<ServersDescriptor['pids']>): Promise<void> {
  const { postfix: postfixPid, dovecot: dovecotPid, introspection: introspectionPid } = pids;
  const env = serverEnv();
  await stopOne(postfixPid, postfixMasterAlive, async () => {
    await run('postfix', ['-c', layout.postfixConfigDir, 'stop'], { env, timeoutMs: STOP_TIMEOUT_MS });
  });
  await stopOne(dovecotPid, dovecotMasterAlive, async () => {
    signal([dovecotPid ?? 0], 'SIGTERM');
  });
  // After Dovecot, so no login is left asking it.
  await stopOne(introspectionPid, introspectionAlive, async () => {
    signal([introspectionPid ?? 0], 'SIGTERM');
  });
}

async function stopUnlocked(): Promise<boolean> {
  const d = readDescriptorFile();
  if (d === undefined) return false;
  if (typeof d.root === 'string' && d.root.startsWith(join(tmpdir(), 'tegami-servers-'))) {
    await stopProcesses(layoutFor(d.root), d.pids ?? {});
    await rm(d.root, { recursive: true, force: true });
  }
  await rm(DESCRIPTOR_PATH, { force: true });
  return true;
}

/**
 * Stops exactly the processes the descriptor records, removes the temp dir and descriptor.
 * Resolves to false when there was no descriptor (nothing to stop).
 */
export async function stopRecordedServers(): Promise<boolean> {
  return withLock(stopUnlocked);
}

export async function stopServers(): Promise<void> {
  await stopRecordedServers();
}

// ---------------------------------------------------------------------------------------------
// Sharing one stack between test runs. Several runs in the same checkout may overlap; each
// takes a lease, and the stack a test run started is stopped when the last lease is returned.
// A stack started by hand (`npm run servers:start`) is never stopped by a test run.

async function liveLeases(): Promise<number[]> {
  let names: string[];
  try {
    names = await readdir(LEASE_DIR);
  } catch {
    return [];
  }
  const live: number[] = [];
  for (const name of names) {
    const pid = Number(name);
    if (Number.isInteger(pid) && isAlive(pid)) live.push(pid);
    else await rm(join(LEASE_DIR, name), { force: true });
  }
  return live;
}

/** Starts or reuses the stack and records that this process uses it. */
export async function acquireServers(): Promise<StartResult> {
  checkPrerequisites();
  return withLock(async () => {
    let result: StartResult;
    const running = await runningServers();
    if (running !== undefined) result = { descriptor: running, started: false };
    else {
      await stopUnlocked();
      await rm(LEASE_DIR, { recursive: true, force: true });
      const descriptor = await launchWithRetry('vitest');
      await writeDescriptor(descriptor);
      result = { descriptor, started: true };
    }
    await mkdir(LEASE_DIR, { recursive: true });
    await writeFile(join(LEASE_DIR, String(process.pid)), result.descriptor.startedAt);
    return result;
  });
}

/** Returns this process's lease; stops a test-started stack once no live lease is left. */
export async function releaseServers(): Promise<boolean> {
  return withLock(async () => {
    await rm(join(LEASE_DIR, String(process.pid)), { force: true });
    const d = readDescriptorFile();
    if (d === undefined || d.owner !== 'vitest') return false;
    if ((await liveLeases()).length > 0) return false;
    return stopUnlocked();
  });
}

/**
 * For scripts (the benchmark runner): start or reuse the stack; `startedHere` says whether the
 * caller should stop it again with stopServers() when done.
 */
export async function ensureServers(): Promise<{ readonly startedHere: boolean; readonly descriptor: ServersDescriptor }> {
  const { descriptor, started } = await acquireServers();
  return { startedHere: started, descriptor };
}
