import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../core/cli/main.js';
import { autoconfigCommand } from '../../../core/cli/autoconfig.js';
import { startDnsServer, type TestDnsServer } from './support/dns-server.js';
import { startHttpServer, type TestHttpServer } from './support/http-server.js';

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

async function run(args: string[], input = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = capture();
  const err = capture();
  const stdin = new PassThrough();
  stdin.end(input);
  const code = await runCli({ args: ['autoconfig', ...args], stdout: out.stream, stderr: err.stream, stdin, env: {} }, { autoconfig: autoconfigCommand });
  return { code, stdout: out.text(), stderr: err.text() };
}

let dns: TestDnsServer;
let http: TestHttpServer;

beforeAll(async () => {
  dns = await startDnsServer({ 'hosted.test': { mx: [{ preference: 10, exchange: 'aspmx.l.google.com' }] }, 'empty.test': {} });
  http = await startHttpServer({});
});

afterAll(async () => {
  await dns?.close();
  await http?.close();
});

describe('tegami autoconfig', () => {
  it('prints the candidates and the chosen settings', async () => {
    const r = await run(['taro@yahoo.co.jp']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Autoconfig for taro@yahoo.co.jp');
    expect(r.stdout).toMatch(/\* 1\. imap {2}imap\.mail\.yahoo\.co\.jp:993 +TLS +user taro/);
    expect(r.stdout).toMatch(/incoming: imap {2}imap\.mail\.yahoo\.co\.jp:993/);
    expect(r.stdout).toMatch(/outgoing: smtp {2}smtp\.mail\.yahoo\.co\.jp:465/);
    expect(r.stdout).toContain('Note: Enable IMAP/POP/SMTP access');
  });

  it('uses --dns and --autoconfig-base and prints JSON', async () => {
    const r = await run(['a@hosted.test', '--dns', dns.address, '--autoconfig-base', http.base, '--no-guess', '--json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { chosen: { incoming: { host: string; source: string } }; steps: { step: string; status: string }[] };
    expect(result.chosen.incoming).toMatchObject({ host: 'imap.gmail.com', source: 'mx-provider-database' });
    expect(http.requests).toEqual(['/autoconfig.hosted.test/mail/config-v1.1.xml?emailaddress=a%40hosted.test', '/hosted.test/.well-known/autoconfig/mail/config-v1.1.xml']);
  });

  it('says to enter settings by hand and exits 1 when nothing is found', async () => {
    const r = await run(['a@empty.test', '--dns', dns.address, '--autoconfig-base', http.base, '--no-guess', '--timeout', '5000']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('No settings found for empty.test: enter the server settings by hand.');
    expect(r.stdout).toMatch(/mx +nothing .*empty\.test: no MX records for empty\.test/);
    expect(r.stdout).toMatch(/guess +skipped +imap\.\/pop\.\/smtp\.\/mail\.\/empty\.test: no prober configured/);
  });

  it.each([
    [[], /an e-mail address is required/],
    [['a@b.test', 'c@d.test'], /only one address/],
    [['a@b.test', '--dns'], /--dns needs a value/],
    [['a@b.test', '--dns', 'not-an-ip:53'], /Invalid DNS server/],
    [['a@b.test', '--autoconfig-base', 'ftp://x'], /not an http/],
    [['a@b.test', '--timeout', 'soon'], /--timeout must be/],
    [['a@b.test', '--bogus'], /unknown option --bogus/],
  ])('refuses bad arguments %j', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain('Usage: tegami autoconfig');
  });

  it('reports a bad address as an error', async () => {
    const r = await run(['nobody', '--no-guess']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not an e-mail address/);
  });

  it('--verify logs in to the chosen servers and says which side failed', async () => {
    const closed = createServer();
    const port = await new Promise<number>((resolve) => closed.listen(0, '127.0.0.1', () => resolve((closed.address() as { port: number }).port)));
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const dir = mkdtempSync(join(tmpdir(), 'tegami-providers-'));
    try {
      const file = join(dir, 'local.xml');
      writeFileSync(
        file,
        `<clientConfig version="1.1"><emailProvider id="local.test"><domain>local.test</domain>
          <incomingServer type="imap"><hostname>127.0.0.1</hostname><port>${port}</port><socketType>SSL</socketType><username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication></incomingServer>
          <outgoingServer type="smtp"><hostname>127.0.0.1</hostname><port>${port}</port><socketType>SSL</socketType><username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication></outgoingServer>
        </emailProvider></clientConfig>`,
      );
      const empty = await run(['a@local.test', '--providers', file, '--verify']);
      expect(empty.code).toBe(2);
      expect(empty.stderr).toMatch(/stdin was empty/);
      const r = await run(['a@local.test', '--providers', file, '--verify'], 'secret-password\n');
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(`Verify incoming: FAILED: The incoming server 127.0.0.1 could not be reached`);
      expect(r.stdout).toContain(`Verify outgoing: FAILED: The outgoing server 127.0.0.1 could not be reached`);
      expect(r.stdout + r.stderr).not.toContain('secret-password');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
