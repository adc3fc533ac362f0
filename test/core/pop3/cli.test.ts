import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../core/cli/main.js';
import { parsePop3Args, pop3Command } from '../../../core/cli/pop3.js';
import { CliUsageError } from '../../../core/cli/types.js';
import { encodeMultiline } from '../../../core/pop3/multiline.js';
import { startScriptedServer, type ScriptedPeer, type ScriptedServer } from '../../faults/support/scripted-server.js';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function collect(stream: PassThrough): () => string {
  const parts: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => parts.push(chunk));
  return () => Buffer.concat(parts).toString('utf8');
}

async function run(args: string[], env: NodeJS.ProcessEnv = { POP_PW: 'pw' }) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out = collect(stdout);
  const err = collect(stderr);
  const code = await runCli({ args, stdout, stderr, stdin: new PassThrough(), env }, { pop3: pop3Command });
  return { code, stdout: out(), stderr: err() };
}

/** A plain-text server (the CLI needs --allow-insecure-auth for it) that answers one action. */
async function serve(action: (peer: ScriptedPeer) => Promise<void>): Promise<string[]> {
  const base = ['pop3', '--host', '127.0.0.1', '--security', 'none', '--allow-insecure-auth', '--user', 'alice', '--password-env', 'POP_PW'];
  server = await startScriptedServer(async (peer) => {
    peer.sendLine('+OK ready');
    await peer.expectLine('CAPA');
    peer.send('+OK\r\nUSER\r\nUIDL\r\nTOP\r\n.\r\n');
    await peer.expectLine('USER alice');
    peer.sendLine('+OK');
    await peer.expectLine('PASS pw');
    peer.sendLine('+OK');
    await action(peer);
    await peer.expectLine('QUIT');
    peer.sendLine('+OK bye');
  });
  return [...base, '--port', String(server.port)];
}

describe('tegami pop3 arguments', () => {
  const good = ['--host', 'h', '--security', 'tls', '--user', 'u', '--password-env', 'PW'];

  it('parses a complete command line with default ports', () => {
    const options = parsePop3Args([...good, 'top', '3', '10'], { PW: 'x' });
    expect(options).toMatchObject({ host: 'h', port: 995, security: 'tls', user: 'u', password: 'x', action: { kind: 'top', msg: 3, lines: 10 } });
    expect(parsePop3Args(['--host', 'h', '--security', 'starttls', '--user', 'u', '--password-env', 'PW', 'list'], { PW: 'x' }).port).toBe(110);
  });

  it.each([
    [['--security', 'tls', '--user', 'u', '--password-env', 'PW', 'list'], '--host'],
    [[...good.slice(0, 2), '--security', 'ssl', '--user', 'u', '--password-env', 'PW', 'list'], 'security'],
    [[...good, 'retr'], 'argument'],
    [[...good, 'retr', '0'], 'message number'],
    [[...good, 'top', '1', 'x'], 'line count'],
    [[...good, 'dele', '1'], 'Unknown action'],
    [[...good], 'Say what to do'],
    [[...good, '--password', 'x', 'list'], 'password'],
    [[...good, '--allow-insecure-auth', 'list'], 'allow-insecure-auth'],
  ])('refuses %j', (args, message) => {
    expect(() => parsePop3Args(args, { PW: 'x' })).toThrow(CliUsageError);
    expect(() => parsePop3Args(args, { PW: 'x' })).toThrow(new RegExp(message, 'i'));
  });

  it('needs the password variable to be set', () => {
    expect(() => parsePop3Args([...good, 'list'], {})).toThrow(/PW is not set/);
  });
});

describe('tegami pop3 against a scripted server', () => {
  it('list --json', async () => {
    const args = await serve(async (peer) => {
      await peer.expectLine('LIST');
      peer.send('+OK\r\n1 120\r\n2 200\r\n.\r\n');
    });
    const result = await run([...args, 'list', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      { msg: 1, size: 120 },
      { msg: 2, size: 200 },
    ]);
  });

  it('uidl as text', async () => {
    const args = await serve(async (peer) => {
      await peer.expectLine('UIDL');
      peer.send('+OK\r\n1 abc\r\n.\r\n');
    });
    expect((await run([...args, 'uidl'])).stdout).toBe('1 abc\n');
  });

  it('retr streams the unstuffed message to stdout; --transcript redacts the password', async () => {
    const message = 'Subject: x\r\n\r\n.dot\r\nbody\r\n';
    const args = await serve(async (peer) => {
      await peer.expectLine('RETR 2');
      peer.send(Buffer.concat([Buffer.from('+OK\r\n'), encodeMultiline(Buffer.from(message))]));
    });
    const result = await run([...args, 'retr', '2', '--transcript']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(message);
    expect(result.stderr).toContain('PASS ****');
    expect(result.stderr).not.toMatch(/PASS pw/);
  });

  it('a wrong password exits 1 with the server text', async () => {
    server = await startScriptedServer(async (peer) => {
      peer.sendLine('+OK ready');
      await peer.expectLine('CAPA');
      peer.send('+OK\r\nUSER\r\n.\r\n');
      await peer.expectLine('USER alice');
      peer.sendLine('+OK');
      await peer.expectLine('PASS pw');
      peer.sendLine('-ERR [AUTH] Authentication failed.');
      await peer.closed;
    });
    const result = await run(['pop3', '--host', '127.0.0.1', '--port', String(server.port), '--security', 'none', '--allow-insecure-auth', '--user', 'alice', '--password-env', 'POP_PW', 'list']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Authentication failed.');
  });
});
