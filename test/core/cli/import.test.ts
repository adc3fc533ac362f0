import { readdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MaildirStore } from '../../../core/maildir/store.js';
import { runCliCaptured as run, useTempDirs } from '../../support/cli.js';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/maildir/sample.mboxrd');

const tempDir = useTempDirs('tegami-cli-import-');

describe('tegami import', () => {
  it('imports an mbox into a named folder and prints the count', async () => {
    const dir = path.join(await tempDir(), 'maildir');
    const r = await run(['import', 'mbox', FIXTURE, '--into', dir, '--folder', 'Archive/日本語']);
    expect(r).toEqual({ code: 0, stdout: 'imported 4 messages into Archive/日本語\n', stderr: '' });
    const store = await MaildirStore.open(dir);
    expect(await store.folder(['Archive', '日本語']).count()).toBe(4);
  });

  it('imports .eml files into INBOX and a Maildir tree with its folders', async () => {
    const work = await tempDir();
    const a = path.join(work, 'a.eml');
    await writeFile(a, 'Subject: a\n\nbody\n');
    const b = path.join(work, 'b.eml');
    await writeFile(b, 'Subject: b\n\nbody\n');
    const first = path.join(work, 'first');
    expect(await run(['import', 'eml', a, b, '--into', first])).toEqual({ code: 0, stdout: 'imported 2 messages into INBOX\n', stderr: '' });
    await run(['import', 'eml', a, '--into', first, '--folder', 'Other']);

    const second = path.join(work, 'second');
    const r = await run(['import', 'maildir', first, '--into', second]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('imported 2 messages into INBOX\nimported 1 message into Other\nimported 3 messages in total\n');
  });

  it('reports a missing file or a non-mbox on one line with exit code 1', async () => {
    const work = await tempDir();
    const missing = await run(['import', 'mbox', path.join(work, 'none.mbox'), '--into', path.join(work, 'md')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^tegami import: .*none\.mbox does not exist\.\n$/);
    const notMbox = path.join(work, 'x.txt');
    await writeFile(notMbox, 'hello\n');
    const bad = await run(['import', 'mbox', notMbox, '--into', path.join(work, 'md')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('tegami import: This is not an mbox file: it does not begin with a "From " separator line.\n');
    expect(await readdir(path.join(work, 'md', 'tmp'))).toEqual([]);
  });

  it('rejects bad arguments with the usage and exit code 2', async () => {
    for (const args of [[], ['tar'], ['mbox', 'f'], ['mbox', '--into', 'd'], ['mbox', 'f', '--into', 'd', '--format', 'mboxcl'], ['maildir', 's', '--into', 'd', '--folder', 'x']]) {
      const r = await run(['import', ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^tegami import: .+\nUsage:/);
    }
  });
});
