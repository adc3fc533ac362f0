import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../core/cli/main.js';
import { receivedCommand, type ReceivedReport } from '../../../core/cli/received.js';

const fixture = (name: string): string => new URL(`../../fixtures/mime/${name}`, import.meta.url).pathname;

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  const input = new PassThrough();
  input.end();
  const o: Buffer[] = [];
  const e: Buffer[] = [];
  out.on('data', (c: Buffer) => o.push(c));
  err.on('data', (c: Buffer) => e.push(c));
  const code = await runCli({ args, stdout: out, stderr: err, stdin: input, env: {} }, { received: receivedCommand });
  return { code, stdout: Buffer.concat(o).toString('utf8'), stderr: Buffer.concat(e).toString('utf8') };
}

describe('tegami received', () => {
  it('prints hops with delays and the authentication results as JSON', async () => {
    const r = await run(['received', fixture('received-postfix-gmail.eml'), '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as ReceivedReport;
    expect(report.hops.map((h) => [h.by, h.delaySeconds ?? null, h.tls?.version ?? null])).toEqual([
      ['smtp.gmail.com', null, 'TLSv1.3'],
      ['mail-ej1-f54.google.com', 3, null],
      ['mail.example.com', 2, 'TLSv1.3'],
      ['mail.example.com', 1, null],
    ]);
    expect(report.hops[2]?.date).toBe('2026-03-07T10:00:03.000Z');
    expect(report.totalSeconds).toBe(6);
    expect(report.authenticationResults.map((a) => [a.authservId, a.arcInstance ?? null, a.results.map((x) => `${x.method}=${x.result}`)])).toEqual([
      ['mail.example.com', null, ['dkim=pass', 'dmarc=pass', 'spf=pass']],
      ['mx.google.com', 1, ['dkim=pass', 'spf=pass', 'dmarc=pass']],
    ]);
    // Nothing is trusted without knowing the account's provider (RFC 8601 §5).
    expect(report.authenticationResults.every((a) => !a.trusted)).toBe(true);
  });

  it('believes only the authserv-ids named with --trust', async () => {
    const r = await run(['received', fixture('received-postfix-gmail.eml'), '--trust', 'mail.example.com']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}mail\.example\.com$/m);
    expect(r.stdout).toContain('ARC i=1 mx.google.com (unverified claim)');
    const json = JSON.parse((await run(['received', fixture('received-postfix-gmail.eml'), '--json', '--trust', 'mail.example.com'])).stdout) as ReceivedReport;
    expect(json.authenticationResults.map((a) => a.trusted)).toEqual([true, false]);
  });

  it('prints a readable path with clock skew and flags', async () => {
    const r = await run(['received', fixture('received-sendmail.eml')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Path (2 hops, oldest first):');
    expect(r.stdout).toContain('-20 s');
    expect(r.stdout).toContain('! clock-skew');
    expect(r.stdout).toContain('No Authentication-Results.');
  });

  it('rejects a directory in one line', async () => {
    const r = await run(['received', new URL('../../fixtures/mime/', import.meta.url).pathname]);
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
