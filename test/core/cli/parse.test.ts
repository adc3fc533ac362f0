import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../core/cli/main.js';
import { parseCommand, type ParseReport } from '../../../core/cli/parse.js';

const fixture = (name: string): string => new URL(`../../fixtures/mime/${name}`, import.meta.url).pathname;

async function run(args: string[], stdin?: Uint8Array): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  const input = new PassThrough();
  const chunks: { out: Buffer[]; err: Buffer[] } = { out: [], err: [] };
  out.on('data', (c: Buffer) => chunks.out.push(c));
  err.on('data', (c: Buffer) => chunks.err.push(c));
  if (stdin !== undefined) {
    // Several small writes: the command must handle input arriving in pieces.
    for (let i = 0; i < stdin.length; i += 100) input.write(stdin.subarray(i, i + 100));
  }
  input.end();
  const code = await runCli({ args, stdout: out, stderr: err, stdin: input, env: {} }, { parse: parseCommand });
  return { code, stdout: Buffer.concat(chunks.out).toString('utf8'), stderr: Buffer.concat(chunks.err).toString('utf8') };
}

describe('tegami parse', () => {
  it('prints the report as JSON with attachment hashes', async () => {
    const r = await run(['parse', fixture('torture.eml'), '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as ParseReport;
    expect(report.subject).toBe('Torture ✓ test ✔');
    expect(report.date).toBe('2026-03-07T10:00:00.000Z');
    expect(report.messageId).toBe('torture.1@example.org');
    expect(report.from[0]).toMatchObject({ name: 'Torture, Test', address: 'torture@example.org' });
    expect(report.to).toHaveLength(3);
    expect(report.cc[0]).toMatchObject({ address: 'renee@bücher.example' });
    expect(report.text).toContain('Plain text body');
    expect(report.html).toContain('<p>HTML body</p>');
    const binary = Uint8Array.from({ length: 300 }, (_, i) => (i * 37 + 11) & 0xff);
    expect(report.attachments[1]).toEqual({
      filename: '日本語.bin',
      contentType: 'application/octet-stream',
      size: 300,
      sha256: createHash('sha256').update(binary).digest('hex'),
      disposition: 'attachment',
      contentId: null,
    });
    expect(report.attachments[0]).toMatchObject({ contentType: 'image/png', disposition: 'inline', contentId: 'logo@example.org' });
    expect(report.warnings).toEqual([]);
  });

  it('prints a readable summary, and reads standard input for "-"', async () => {
    const bytes = new Uint8Array(readFileSync(fixture('jp-iso-2022-jp.eml')));
    const r = await run(['parse', '-'], bytes);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Subject: 会議資料の送付について');
    expect(r.stdout).toContain('From: 田中太郎 <tanaka@example.co.jp>');
    expect(r.stdout).toContain('Date: 2026-03-02T00:15:00.000Z');
    expect(r.stdout).toContain('会議資料を送付します。');
  });

  it('lists warnings with their part', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegami-parse-'));
    const file = join(dir, 'broken.eml');
    writeFileSync(file, 'Subject: broken\nContent-Type: multipart/mixed; boundary=x\n\n--x\nContent-Transfer-Encoding: base64\nContent-Type: application/octet-stream\n\naGVsbG8\n');
    const r = await run(['parse', file, '--json']);
    const report = JSON.parse(r.stdout) as ParseReport;
    expect(report.warnings.map((w) => [w.code, w.part])).toEqual([
      ['truncated-base64', '1'],
      ['missing-closing-boundary', null],
    ]);
    const text = await run(['parse', file]);
    expect(text.stdout).toMatch(/Warnings \(2\):\n {2}- truncated-base64 \[part 1\]/);
  });

  it('bad input: one line on stderr and exit code 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegami-parse-'));
    const empty = join(dir, 'empty.eml');
    writeFileSync(empty, '');
    const binary = join(dir, 'image.bin');
    writeFileSync(binary, Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    const prose = join(dir, 'prose.txt');
    writeFileSync(prose, 'Just some text\nwithout headers\n');
    for (const [args, pattern] of [
      [['parse', dir], /is a directory/],
      [['parse', empty], /is empty/],
      [['parse', binary], /binary data/],
      [['parse', prose], /not a header field/],
      [['parse', join(dir, 'missing.eml')], /no such file/],
    ] as const) {
      const r = await run([...args]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(pattern);
    }
    const emptyStdin = await run(['parse', '-'], new Uint8Array(0));
    expect(emptyStdin.code).toBe(1);
    expect(emptyStdin.stderr).toMatch(/standard input is empty/);
  });

  it('bad arguments: usage and exit code 2', async () => {
    expect((await run(['parse'])).code).toBe(2);
    expect((await run(['parse', 'a', 'b'])).code).toBe(2);
    expect((await run(['parse', '--bogus', 'a'])).code).toBe(2);
  });
});
