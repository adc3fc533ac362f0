import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCliCaptured as run, useTempDirs } from '../../support/cli.js';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/maildir/sample.mboxrd');

const tempDir = useTempDirs('tegami-cli-export-');

describe('tegami export', () => {
  it('exports what import brought in, identical to the original mboxrd file', async () => {
    const work = await tempDir();
    const dir = path.join(work, 'md');
    expect((await run(['import', 'mbox', FIXTURE, '--into', dir, '--folder', 'Saved'])).code).toBe(0);
    const out = path.join(work, 'out.mbox');
    const r = await run(['export', 'mbox', '--from', dir, '--folder', 'Saved', '--out', out]);
    expect(r).toEqual({ code: 0, stdout: `exported 4 messages from Saved to ${out}\n`, stderr: '' });
    expect((await readFile(out)).equals(await readFile(FIXTURE))).toBe(true);
  });

  it('reports a missing folder or Maildir on one line with exit code 1, creating nothing', async () => {
    const work = await tempDir();
    const md = path.join(work, 'md');
    const none = await run(['export', 'mbox', '--from', md, '--folder', 'INBOX', '--out', path.join(work, 'o.mbox')]);
    expect(none).toEqual({ code: 1, stdout: '', stderr: `tegami export: There is no Maildir at ${md}.\n` });
    expect(await readdir(work)).toEqual([]);
    await run(['import', 'mbox', FIXTURE, '--into', md]);
    const r = await run(['export', 'mbox', '--from', md, '--folder', 'Nope', '--out', path.join(work, 'o.mbox')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^tegami export: Folder Nope does not exist in .*\n$/);
  });

  it('rejects bad arguments with the usage and exit code 2', async () => {
    for (const args of [[], ['zip'], ['mbox', '--from', 'd'], ['mbox', '--from', 'd', '--folder', 'x', '--out'], ['mbox', 'extra']]) {
      const r = await run(['export', ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^tegami export: .+\nUsage:/);
    }
  });
});
