import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { runCli } from '../../../core/cli/main.js';
import { CliUsageError, type CliCommand } from '../../../core/cli/types.js';
import { TEGAMI_VERSION } from '../../../core/version.js';
import { MailError } from '../../../core/net/mail-error.js';

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

async function run(args: string[], commands?: Record<string, CliCommand>) {
  const out = capture();
  const err = capture();
  const code = await runCli({ args, stdout: out.stream, stderr: err.stream, stdin: new PassThrough(), env: {} }, commands);
  return { code, stdout: out.text(), stderr: err.text() };
}

const echo: CliCommand = {
  summary: 'prints its arguments',
  usage: 'Usage: tegami echo WORDS…',
  async run(ctx) {
    if (ctx.args.length === 0) throw new CliUsageError('nothing to echo');
    if (ctx.args[0] === 'fail') throw new MailError('auth-failed', 'Authentication failed', { reply: { status: '535', text: '5.7.8 bad credentials' } });
    ctx.stdout.write(`${ctx.args.join(' ')}\n`);
    return 0;
  },
};

describe('tegami command line', () => {
  it('prints the version', async () => {
    const r = await run(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`tegami ${TEGAMI_VERSION}\n`);
  });

  it('prints help listing the commands', async () => {
    const r = await run(['--help'], { echo });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: tegami <command>/);
    expect(r.stdout).toMatch(/echo\s+prints its arguments/);
  });

  it('exits 2 with help when no command is given', async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/Usage/);
  });

  it('rejects an unknown command in one line', async () => {
    const r = await run(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/unknown command "frobnicate"/);
  });

  it('does not treat Object prototype names as commands', async () => {
    const r = await run(['constructor']);
    expect(r.code).toBe(2);
  });

  it('runs a command, shows its usage, and maps errors to exit codes', async () => {
    expect((await run(['echo', 'a', 'b'], { echo })).stdout).toBe('a b\n');
    expect((await run(['echo', '--help'], { echo })).stdout).toMatch(/Usage: tegami echo/);
    const usage = await run(['echo'], { echo });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/nothing to echo/);
    const failed = await run(['echo', 'fail'], { echo });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toBe('tegami echo: Authentication failed (server said: 5.7.8 bad credentials)\n');
  });
});
