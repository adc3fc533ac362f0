import { accessSync, closeSync, constants, mkdirSync, openSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MaildirStore } from '../../../core/maildir/store.js';
import { countingFs, messageFiles } from './fault-fs.js';

const COUNT = 100_000;

/** RAM-backed /dev/shm where there is one: creating 100,000 files there takes a second. */
function scratchBase(): string {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
}

let made: string | undefined;
afterEach(async () => {
  if (made !== undefined) await rm(made, { recursive: true, force: true });
  made = undefined;
});

/** 100,000 empty message files in cur/ (flags in their names); synchronous calls are fastest here. */
function makeFolder(root: string): void {
  for (const sub of ['tmp', 'new', 'cur']) mkdirSync(path.join(root, sub), { recursive: true });
  const cur = path.join(root, 'cur');
  for (let i = 0; i < COUNT; i++) {
    const flags = i % 2 === 0 ? 'S' : 'FS';
    closeSync(openSync(path.join(cur, `${1_600_000_000 + i}.M${i}P1Q${i}.host:2,${flags}`), 'w'));
  }
}

describe('a folder of 100,000 messages', () => {
  it('opens, lists and finds by UID without opening any message file', { timeout: 120_000 }, async () => {
    const root = await mkdtemp(path.join(scratchBase(), 'tegami-maildir-100k-'));
    made = root;
    makeFolder(root);

    // First open: no UID list yet, so every file gets a UID from the listing alone.
    const first = countingFs();
    const store = await MaildirStore.open(root, { fs: first.fs, infoSeparator: ':' });
    const list = await store.inbox.list();
    expect(list.length).toBe(COUNT);
    expect(list[0]?.uid).toBe(1);
    expect(list[COUNT - 1]?.uid).toBe(COUNT);
    expect(list[1]?.flags).toEqual(['\\Flagged', '\\Seen']);
    expect(messageFiles(first.log.opens)).toEqual([]);
    expect(messageFiles(first.log.stats)).toEqual([]);
    expect(messageFiles(first.log.readFiles)).toEqual([]);

    // Second open: reads the UID list (one small file) and lists new/ and cur/ once each.
    const second = countingFs();
    const again = await MaildirStore.open(root, { fs: second.fs, infoSeparator: ':' });
    const entry = await again.inbox.get(54_321);
    expect(entry.base).toBe(list[54_320]?.base);
    expect(await again.inbox.count()).toBe(COUNT);
    expect(messageFiles([...second.log.opens, ...second.log.stats, ...second.log.readFiles])).toEqual([]);
    // The keyword sidecar does not exist (no keywords), so the UID list is the only file read.
    expect(second.log.readFiles.map((p) => path.basename(p))).toEqual(['tegami-uidlist.json']);
    expect(second.log.readdirs.filter((p) => /(new|cur)$/.test(p)).length).toBe(2);

    // Reading one message opens exactly that file.
    const stream = await again.inbox.read(54_321);
    for await (const _ of stream) void _;
    expect(messageFiles(second.log.opens)).toEqual([entry.path]);
  });
});
