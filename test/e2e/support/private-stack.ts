/**
 * A mail stack of the test file's own (test/servers/start.ts with TEGAMI_SERVERS_DIR pointing at
 * a temp directory): the same Postfix + Dovecot setup as the shared stack, but one whose Dovecot
 * the test may stop (going offline) without failing the test files that run in parallel.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServersDescriptor } from '../../servers/descriptor.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const START = join(ROOT, 'test/servers/start.ts');
const STOP = join(ROOT, 'test/servers/stop.ts');
const SCRIPT_TIMEOUT_MS = 180_000;

export interface PrivateStack {
  /** The descriptor as it was at start (Dovecot's pid changes when it is restarted). */
  readonly servers: ServersDescriptor;
  readonly descriptorPath: string;
  stop(): Promise<void>;
}

function runScript(script: string, runDir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: ROOT,
      env: { ...process.env, TEGAMI_SERVERS_DIR: runDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), SCRIPT_TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${script} exited with ${String(code)}:\n${output}`));
    });
  });
}

export async function startPrivateStack(): Promise<PrivateStack> {
  const runDir = await mkdtemp(join(tmpdir(), 'tegami-e2e-stack-'));
  const descriptorPath = join(runDir, 'servers.json');
  try {
    await runScript(START, runDir);
  } catch (error) {
    await runScript(STOP, runDir).catch(() => undefined);
    await rm(runDir, { recursive: true, force: true });
    throw error;
  }
  const servers = JSON.parse(await readFile(descriptorPath, 'utf8')) as ServersDescriptor;
  return {
    servers,
    descriptorPath,
    stop: async () => {
      try {
        await runScript(STOP, runDir);
      } finally {
        await rm(runDir, { recursive: true, force: true });
      }
    },
  };
}
