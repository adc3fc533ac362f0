import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MaildirStore } from '../../../core/maildir/store.js';
import { collect, largeMessage, message, useTempDirs } from './helpers.js';

const tempDir = useTempDirs();
const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'crash-child.ts');
const LINES = 20_000; // about 2.3 MB, delivered in 16 KB chunks with a pause after each

type KillPoint = { readonly afterMs: number } | { readonly afterLine: string };

/**
 * Starts the child, waits for "ready", then SIGKILLs it either after a delay or as soon as
 * it prints a given progress line ("chunk N": N chunks are in the tmp file).
 */
async function runAndKill(args: string[], point: KillPoint): Promise<{ output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  child.stderr.on('data', (d: Buffer) => (errors += d.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('ready')) resolve();
    });
    child.on('exit', () => reject(new Error(`child exited before it was ready: ${errors}`)));
  });
  if ('afterMs' in point) await new Promise((r) => setTimeout(r, point.afterMs));
  else {
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (output.includes(`${point.afterLine}\n`)) resolve();
      };
      child.stdout.on('data', check);
      child.on('exit', () => resolve());
      check();
    });
  }
  child.kill('SIGKILL');
  await exited;
  return { output };
}

/** Every file visible in new/ and cur/ of a folder. */
async function visible(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const sub of ['new', 'cur']) for (const name of await readdir(path.join(dir, sub))) out.push(path.join(dir, sub, name));
  return out;
}

describe('a crash never leaves a half message visible', () => {
  // Kill points: right away, after chunk 0 and 1, after two chunks picked by a seeded
  // generator (random, yet the same in every run), after the last chunk (between the last
  // write and fsync/rename), and after the delivery.
  const chunks = Math.ceil(largeMessage(LINES).length / (16 * 1024));
  let seed = 0x7e9a31;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const picked = [0, 1].map(() => 2 + Math.floor(random() * (chunks - 3)));
  const killPoints: KillPoint[] = [
    { afterMs: 0 },
    ...[0, 1, ...picked, chunks - 1].map((n) => ({ afterLine: `chunk ${n}` })),
    { afterLine: 'written' },
    { afterLine: 'delivered' },
  ];
  const outcomes: { point: KillPoint; visible: number; partialInTmp: number }[] = [];

  it.each(killPoints)('SIGKILL at %o of a slow delivery leaves the whole message or nothing', async (point) => {
    const root = await tempDir();
    const expected = largeMessage(LINES);
    const { output } = await runAndKill(['deliver', root, String(LINES)], point);
    const files = await visible(root);
    expect(files.length).toBeLessThanOrEqual(1);
    for (const file of files) expect((await readFile(file)).equals(expected)).toBe(true);
    if (output.includes('delivered')) expect(files.length).toBe(1);
    // Whatever is in tmp/ is a prefix of the message: a half file lives only there.
    for (const name of await readdir(path.join(root, 'tmp'))) {
      const partial = await readFile(path.join(root, 'tmp', name));
      expect(expected.subarray(0, partial.length).equals(partial)).toBe(true);
    }
    const tmpNames = await readdir(path.join(root, 'tmp'));
    outcomes.push({ point, visible: files.length, partialInTmp: tmpNames.length });
    // The store opens again and agrees with the disk.
    const store = await MaildirStore.open(root, { infoSeparator: ':' });
    const list = await store.inbox.list();
    expect(list.length).toBe(files.length);
    for (const entry of list) expect((await collect(await store.inbox.read(entry.uid))).equals(expected)).toBe(true);
    const late = await store.inbox.deliver(message('after the crash'));
    expect(list.every((e) => e.uid < late.uid)).toBe(true);
  });

  it('hit both sides of the rename: some kills landed mid-write, some after delivery', () => {
    expect(outcomes.length).toBe(killPoints.length);
    expect(outcomes.some((o) => o.partialInTmp > 0 && o.visible === 0)).toBe(true);
    expect(outcomes.some((o) => o.visible === 1)).toBe(true);
  });

  it.each([150, 700])('SIGKILL %i ms into flag changes, moves and deletions leaves readable state', async (killAfterMs) => {
    const root = await tempDir();
    await runAndKill(['churn', root], { afterMs: killAfterMs });
    const store = await MaildirStore.open(root, { infoSeparator: ':' });
    for (const folder of [store.inbox, store.folder(['Other'])]) {
      // State files parse (old or new version, never a torn one), and every listed file is whole.
      const list = await folder.list();
      expect(new Set(list.map((e) => e.uid)).size).toBe(list.length);
      for (const entry of list) {
        const text = (await collect(await folder.read(entry.uid))).toString();
        expect(text).toMatch(/^From: a@example\.com\n[\s\S]*\n\n(body ){2000}\n$/);
      }
      const names = await readdir(folder.dir);
      expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
    }
  });
});
