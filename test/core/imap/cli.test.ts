import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../core/cli/main.js';
import { startScriptedServer, type ScriptedPeer, type ScriptedServer } from '../../faults/support/scripted-server.js';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const code = await runCli({ args, stdout, stderr, stdin: new PassThrough(), env: { IMAP_PW: 'secret' } });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

const base = (port: number): string[] => ['imap', '--host', '127.0.0.1', '--port', String(port), '--security', 'none', '--allow-insecure-auth', '--user', 'alice', '--password-env', 'IMAP_PW'];

async function login(peer: ScriptedPeer): Promise<void> {
  peer.sendLine('* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR UIDPLUS] ready');
  await peer.expectLine('T1 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==');
  peer.sendLine('T1 OK [CAPABILITY IMAP4rev1 UIDPLUS NAMESPACE] Logged in');
}

async function logout(peer: ScriptedPeer, tag: string): Promise<void> {
  await peer.expectLine(`${tag} LOGOUT`);
  peer.sendLine('* BYE bye');
  peer.sendLine(`${tag} OK done`);
  peer.end();
}

describe('tegami imap', () => {
  it('fetch prints the raw message', async () => {
    const message = 'Subject: =?UTF-8?B?5pel5pys?=\r\n\r\nbody\r\n';
    server = await startScriptedServer(async (peer) => {
      await login(peer);
      await peer.expectLine('T2 EXAMINE "&ZeVnLIqe-"');
      peer.sendLine('* 1 EXISTS');
      peer.sendLine('T2 OK [READ-ONLY] done');
      await peer.expectLine('T3 UID FETCH 7 (UID FLAGS ENVELOPE RFC822.SIZE INTERNALDATE BODY.PEEK[])');
      peer.send(`* 1 FETCH (UID 7 FLAGS (\\Seen) RFC822.SIZE ${message.length} INTERNALDATE "01-Jan-2026 00:00:00 +0000" ENVELOPE (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL) BODY[] {${message.length}}\r\n${message})\r\n`);
      peer.sendLine('T3 OK done');
      await logout(peer, 'T4');
    });
    const r = await cli([...base(server.port), 'fetch', '日本語', '7']);
    expect(server.errors.map((e) => e.message)).toEqual([]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(message);
    expect(server.errors).toEqual([]);
  });

  it('folders, as JSON', async () => {
    server = await startScriptedServer(async (peer) => {
      await login(peer);
      await peer.expectLine('T2 LIST "" "*"');
      peer.sendLine('* LIST (\\HasNoChildren) "/" INBOX');
      peer.sendLine('* LIST (\\Sent) "/" "&kAFP4W4IMH8w4TD8MOs-"');
      peer.sendLine('T2 OK done');
      await logout(peer, 'T3');
    });
    const r = await cli([...base(server.port), '--json', 'folders']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Array<{ path: string }>).map((f) => f.path)).toEqual(['INBOX', '送信済みメール']);
  });

  it('search and status', async () => {
    server = await startScriptedServer(async (peer) => {
      await login(peer);
      await peer.expectLine('T2 EXAMINE "INBOX"');
      peer.sendLine('T2 OK [READ-ONLY] done');
      await peer.expectLine('T3 UID SEARCH FROM "bob" UNSEEN');
      peer.sendLine('* SEARCH 4 9');
      peer.sendLine('T3 OK done');
      await logout(peer, 'T4');
    });
    const r = await cli([...base(server.port), 'search', 'INBOX', 'FROM "bob" UNSEEN']);
    expect(r).toEqual({ code: 0, stdout: '4\n9\n', stderr: '' });
  });

  it('--transcript shows the conversation with the credentials redacted', async () => {
    server = await startScriptedServer(async (peer) => {
      await login(peer);
      await peer.expectLine('T2 STATUS "INBOX" (MESSAGES UIDNEXT UIDVALIDITY UNSEEN)');
      peer.sendLine('* STATUS INBOX (MESSAGES 3 UIDNEXT 9 UIDVALIDITY 1 UNSEEN 0)');
      peer.sendLine('T2 OK done');
      await logout(peer, 'T3');
    });
    const r = await cli([...base(server.port), '--transcript', 'status', 'INBOX']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('messages: 3');
    expect(r.stderr).toContain('C: T1 AUTHENTICATE PLAIN ***');
    expect(r.stderr).toContain('S: T2 OK done');
    expect(r.stderr).not.toContain('AGFsaWNlAHNlY3JldA==');
    expect(r.stderr).not.toContain('secret');
  });

  it('a refused login is one line on stderr and exit code 1', async () => {
    server = await startScriptedServer(async (peer) => {
      peer.sendLine('* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] ready');
      await peer.expectLine(/^T1 AUTHENTICATE PLAIN /);
      peer.sendLine('T1 NO [AUTHENTICATIONFAILED] Authentication failed.');
      await peer.closed;
    });
    const r = await cli([...base(server.port), 'status', 'INBOX']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('Authentication failed');
  });

  it('bad arguments are a usage error (exit 2)', async () => {
    expect((await cli(['imap', '--host', 'h', '--security', 'bogus', '--user', 'u', '--password-env', 'IMAP_PW', 'folders'])).code).toBe(2);
    expect((await cli(['imap', '--host', 'h', '--security', 'tls', '--user', 'u', '--password-env', 'NOPE', 'folders'])).code).toBe(2);
    expect((await cli(['imap', '--host', 'h', '--security', 'tls', '--user', 'u', '--password-env', 'IMAP_PW', 'fetch', 'INBOX', 'x'])).code).toBe(2);
  });
});
