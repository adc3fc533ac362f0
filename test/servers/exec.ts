/**
 * Running the servers' own command-line tools: a command that fails throws with its output, so
 * a broken configuration shows Postfix's or Dovecot's own words instead of a timeout later.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly input?: Uint8Array | string;
  readonly env?: NodeJS.ProcessEnv;
  /** Give up (and kill the command) after this long; these tools answer within seconds. */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;

function failure(command: string, args: readonly string[], code: number | null, signal: string | null, output: string): Error {
  const how = signal === null ? `exit code ${String(code)}` : `signal ${signal}`;
  return new Error(`${command} ${args.join(' ')} failed (${how}):\n${output}`.trimEnd());
}

export function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: options.env ?? process.env,
      timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.once('error', (error) => reject(new Error(`${command} could not run: ${error.message}`)));
    child.once('close', (code, signal) => {
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (code === 0) resolve({ stdout, stderr });
      else reject(failure(command, args, code, signal, stderr + stdout));
    });
    // A command that exits before reading stdin makes the write fail with EPIPE; the exit
    // status above is the error worth reporting, so this one is ignored.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/**
 * Runs a command that daemonizes (`dovecot`, `postfix start`). Its output goes to `outputFile`,
 * not to pipes: the daemon inherits the descriptors, so a pipe would never close and waiting
 * for 'close' would hang forever. Resolves when the launcher itself exits 0.
 */
export function launchDaemon(command: string, args: readonly string[], outputFile: string, options: RunOptions = {}): Promise<void> {
  const fd = openSync(outputFile, 'a');
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['ignore', fd, fd],
      env: options.env ?? process.env,
      timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
    child.once('error', (error) => reject(new Error(`${command} could not run: ${error.message}`)));
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(failure(command, args, code, signal, readFileSync(outputFile, 'utf8')));
    });
  }).finally(() => closeSync(fd));
}
