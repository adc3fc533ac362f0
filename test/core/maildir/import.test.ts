import { mkdir, readFile, readdir, stat, utimes, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exportMbox } from '../../../core/maildir/export.js';
import { fileChunks } from '../../../core/maildir/file-chunks.js';
import { nodeStoreFs } from '../../../core/maildir/fs.js';
import { importEml, importMaildir, importMbox } from '../../../core/maildir/import.js';
import { MaildirStore } from '../../../core/maildir/store.js';
import { bytes, collect, message, useTempDirs } from './helpers.js';

const tempDir = useTempDirs();
const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/maildir/sample.mboxrd');

describe('mbox import and export', () => {
  it('imports mboxrd and exports it again byte for byte', async () => {
    const root = await tempDir();
    const store = await MaildirStore.open(root);
    const result = await importMbox(store, fileChunks(nodeStoreFs, FIXTURE), { folder: ['Archive', '日本語'] });
    expect(result.messages).toBe(4);
    const folder = store.folder(['Archive', '日本語']);
    const list = await folder.list();
    expect(list.length).toBe(4);
    // Unquoted in the store: the message holds "From the start", not ">From".
    const first = (await collect(await folder.read(list[0]?.uid ?? 0))).toString();
    expect(first).toContain('\nFrom the start of a line.\n>From quoted once.\n>>From quoted twice.\n');
    expect((await folder.info(list[1]?.uid ?? 0)).internalDate.toISOString()).toBe('2024-03-02T23:59:59.000Z');
    const japanese = (await collect(await folder.read(list[1]?.uid ?? 0))).toString('utf8');
    expect(japanese).toContain('こんにちは。\nFrom 行のテスト。\n');

    const out = path.join(await tempDir(), 'out.mbox');
    expect(await exportMbox(store, ['Archive', '日本語'], out)).toBe(4);
    expect((await readFile(out)).equals(await readFile(FIXTURE))).toBe(true);
  });

  it('streams a large mbox of many messages without collecting it', async () => {
    const store = await MaildirStore.open(await tempDir());
    const COUNT = 300;
    async function* generate(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < COUNT; i++) {
        yield bytes(`From gen@example.com Mon Jan  1 00:00:00 2024\nSubject: m${i}\n\n${'line of text\n'.repeat(50)}From the generator ${i}\n\n`);
      }
    }
    const result = await importMbox(store, generate(), { format: 'mboxo' });
    expect(result.messages).toBe(COUNT);
    const list = await store.inbox.list();
    expect(list.length).toBe(COUNT);
    const last = (await collect(await store.inbox.read(list[COUNT - 1]?.uid ?? 0))).toString();
    expect(last).toBe(`Subject: m${COUNT - 1}\n\n${'line of text\n'.repeat(50)}From the generator ${COUNT - 1}\n`);
  });

  it('takes flags from Status and X-Status, keeping the bytes unchanged', async () => {
    const store = await MaildirStore.open(await tempDir());
    const text = [
      'From a@example.com Mon Jan  1 00:00:00 2024',
      'Subject: read and answered',
      'Status: RO',
      'X-Status: AF',
      '',
      'one',
      '',
      'From a@example.com Mon Jan  1 00:00:01 2024',
      'Subject: new',
      'Status: O',
      '',
      'two',
      '',
    ].join('\n');
    await importMbox(store, (async function* () {
      yield bytes(text);
    })());
    const list = await store.inbox.list();
    expect(list.map((e) => [e.flags, e.recent])).toEqual([
      [['\\Flagged', '\\Answered', '\\Seen'], false],
      [[], true],
    ]);
    expect((await collect(await store.inbox.read(list[0]?.uid ?? 0))).toString()).toBe('Subject: read and answered\nStatus: RO\nX-Status: AF\n\none\n');
  });

  it('export of a missing folder is not-found and leaves no file', async () => {
    const store = await MaildirStore.open(await tempDir());
    const dir = await tempDir();
    await expect(exportMbox(store, ['Nope'], path.join(dir, 'x.mbox'))).rejects.toMatchObject({ code: 'not-found' });
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('Maildir import', () => {
  /** A Dovecot-style Maildir++ tree: modified UTF-7 names, keyword letters in dovecot-keywords. */
  async function dovecotTree(root: string): Promise<void> {
    for (const dir of ['', '.Sent', '.&ZeVnLIqe-', '.&ZeVnLIqe-.Sub']) {
      for (const sub of ['tmp', 'new', 'cur']) await mkdir(path.join(root, dir, sub), { recursive: true });
    }
    await writeFile(path.join(root, 'new', '1700000001.M1P1Q1.dove'), message('unread'));
    await writeFile(path.join(root, 'cur', '1690000000.M1P1Q1.dove:2,S'), message('oldest'));
    await writeFile(path.join(root, 'cur', '1700000002.M1P1Q1.dove:2,RSab'), message('replied'));
    await writeFile(path.join(root, 'dovecot-keywords'), '0 $Label1\n1 Work\n');
    await writeFile(path.join(root, '.Sent', 'cur', '1700000003.M1P1Q1.dove:2,S'), message('sent'));
    await writeFile(path.join(root, '.&ZeVnLIqe-', 'cur', '1700000004.M1P1Q1.dove:2,F'), message('japanese'));
    await writeFile(path.join(root, '.&ZeVnLIqe-.Sub', 'new', '1700000005.M1P1Q1.dove'), message('sub'));
    const when = new Date('2020-05-06T07:08:09Z');
    await utimes(path.join(root, '.Sent', 'cur', '1700000003.M1P1Q1.dove:2,S'), when, when);
  }

  it('copies folders, flags, keywords and dates from a Dovecot tree without changing it', async () => {
    const source = await tempDir();
    await dovecotTree(source);
    const before = await readdir(source, { recursive: true });
    const store = await MaildirStore.open(await tempDir());
    const counts = await importMaildir(store, source, { sourceSeparator: ':' });
    expect(counts).toEqual([
      { folder: ['INBOX'], messages: 3 },
      { folder: ['日本語'], messages: 1 },
      { folder: ['日本語', 'Sub'], messages: 1 },
      { folder: ['Sent'], messages: 1 },
    ]);
    // Delivery order (base names), whether the file was in new/ or cur/.
    expect((await store.inbox.list()).map((e) => e.flags)).toEqual([['\\Seen'], [], ['\\Answered', '\\Seen', '$Label1', 'Work']]);
    expect((await store.folder(['日本語']).list())[0]?.flags).toEqual(['\\Flagged']);
    const sent = store.folder(['Sent']);
    const sentEntry = (await sent.list())[0];
    expect((await sent.info(sentEntry?.uid ?? 0)).internalDate.toISOString()).toBe('2020-05-06T07:08:09.000Z');
    expect((await collect(await sent.read(sentEntry?.uid ?? 0))).toString()).toBe(Buffer.from(message('sent')).toString());
    expect(await readdir(source, { recursive: true })).toEqual(before);
  });

  it('re-imports a tree written by the store itself, with its own folder names and keywords', async () => {
    const first = await MaildirStore.open(await tempDir());
    const folder = await first.createFolder(['a.b', '受信&送信']);
    await folder.deliver(message('x'), { flags: ['\\Seen', 'Custom'] });
    const second = await MaildirStore.open(await tempDir());
    const counts = await importMaildir(second, first.root);
    expect(counts.map((c) => [c.folder, c.messages])).toEqual([
      [['INBOX'], 0],
      [['a.b', '受信&送信'], 1],
    ]);
    expect((await second.folder(['a.b', '受信&送信']).list())[0]?.flags).toEqual(['\\Seen', 'Custom']);
  });

  it('refuses a directory that is not a Maildir', async () => {
    const store = await MaildirStore.open(await tempDir());
    await expect(importMaildir(store, await tempDir())).rejects.toMatchObject({ code: 'invalid-argument' });
  });
});

describe('.eml import', () => {
  it('imports message files with their modification time, and refuses non-messages', async () => {
    const dir = await tempDir();
    const a = path.join(dir, 'a.eml');
    const b = path.join(dir, 'b.eml');
    await writeFile(a, message('eml a'));
    await writeFile(b, message('eml b'));
    const when = new Date('2019-01-02T03:04:05Z');
    await utimes(a, when, when);
    const store = await MaildirStore.open(await tempDir());
    expect(await importEml(store, [a, b], { folder: ['Imported'] })).toEqual({ folder: ['Imported'], messages: 2 });
    const folder = store.folder(['Imported']);
    const list = await folder.list();
    expect((await folder.info(list[0]?.uid ?? 0)).internalDate.toISOString()).toBe(when.toISOString());

    const withFromLine = path.join(dir, 'c.eml');
    await writeFile(withFromLine, `From c@example.com Mon Jan  1 00:00:00 2024\n${Buffer.from(message('eml c')).toString()}`);
    await importEml(store, [withFromLine], { folder: ['Imported'] });
    const c = (await folder.list())[2];
    expect((await collect(await folder.read(c?.uid ?? 0))).toString()).toBe(Buffer.from(message('eml c')).toString());

    const junk = path.join(dir, 'junk.eml');
    await writeFile(junk, new Uint8Array([0, 1, 2, 3]));
    await expect(importEml(store, [junk])).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(importEml(store, [path.join(dir, 'missing.eml')])).rejects.toMatchObject({ code: 'not-found' });
    expect(await readdir(path.join(store.root, 'tmp'))).toEqual([]);
    expect((await stat(path.join(store.root, 'new'))).isDirectory()).toBe(true);
  });
});
