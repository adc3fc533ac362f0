import { readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MailError } from '../../../core/net/mail-error.js';
import { MaildirStore, INBOX } from '../../../core/maildir/store.js';
import { collect, message, useTempDirs } from './helpers.js';

const tempDir = useTempDirs();

async function* slowChunks(data: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

describe('MaildirStore folders and delivery', () => {
  it('creates INBOX as the root Maildir and delivers into new/ without flags, cur/ with', async () => {
    const root = await tempDir();
    const store = await MaildirStore.open(root, { infoSeparator: ':' });
    for (const sub of ['tmp', 'new', 'cur']) expect((await stat(path.join(root, sub))).isDirectory()).toBe(true);
    const plain = await store.inbox.deliver(message('plain'));
    const seen = await store.inbox.deliver(message('seen'), { flags: ['\\Seen', '\\Flagged', 'Work'] });
    expect(plain.uid).toBe(1);
    expect(seen.uid).toBe(2);
    expect(plain.recent).toBe(true);
    expect(await readdir(path.join(root, 'new'))).toEqual([plain.base]);
    expect(await readdir(path.join(root, 'cur'))).toEqual([`${seen.base}:2,FS`]);
    expect(await readdir(path.join(root, 'tmp'))).toEqual([]);
    expect(seen.flags).toEqual(['\\Flagged', '\\Seen', 'Work']);
    expect(plain.base).toMatch(/^\d+\.M\d+P\d+Q\d+\.[A-Za-z0-9._\\-]+$/);
    // Keywords are in the sidecar, not in the file name.
    const sidecar = JSON.parse(await readFile(path.join(root, 'tegami-keywords.json'), 'utf8')) as { keywords: Record<string, string[]> };
    expect(sidecar.keywords[seen.base]).toEqual(['Work']);
  });

  it('streams delivery from chunks and reads back the same bytes as a stream', async () => {
    const store = await MaildirStore.open(await tempDir());
    const data = Buffer.alloc(300_000, 0x61);
    data.write('Subject: big\n\n', 0);
    const entry = await store.inbox.deliver(slowChunks(data, 7_000));
    const stream = await store.inbox.read(entry.uid);
    const chunks: number[] = [];
    const parts: Buffer[] = [];
    for await (const chunk of stream) {
      chunks.push((chunk as Buffer).length);
      parts.push(chunk as Buffer);
    }
    expect(Buffer.concat(parts).equals(data)).toBe(true);
    expect(chunks.length).toBeGreaterThan(1);
    expect((await store.inbox.info(entry.uid)).size).toBe(data.length);
  });

  it('keeps flags, keywords and UIDs across a reopen, renaming files but keeping base names', async () => {
    const root = await tempDir();
    const store = await MaildirStore.open(root, { infoSeparator: ':' });
    const a = await store.inbox.deliver(message('a'));
    const b = await store.inbox.deliver(message('b'), { flags: ['\\Seen'] });
    const changed = await store.inbox.setFlags(a.uid, ['\\Answered', '\\Seen', '$Forwarded', '\\Draft', '\\Deleted', '\\Flagged', '$Label1']);
    expect(changed.base).toBe(a.base);
    expect(path.basename(changed.path)).toBe(`${a.base}:2,DFPRST`);
    expect(changed.recent).toBe(false);
    const updated = await store.inbox.updateFlags(b.uid, { add: ['\\Flagged', 'Todo'], remove: ['\\SEEN'] });
    expect(updated.flags).toEqual(['\\Flagged', 'Todo']);
    await store.inbox.setState({ uidValidity: 777, highestModSeq: 123_456_789_012_345_678n });

    const again = await MaildirStore.open(root, { infoSeparator: ':' });
    const list = await again.inbox.list();
    expect(list.map((m) => [m.uid, m.base, m.flags])).toEqual([
      [a.uid, a.base, ['\\Draft', '\\Flagged', '$Forwarded', '\\Answered', '\\Seen', '\\Deleted', '$Label1']],
      [b.uid, b.base, ['\\Flagged', 'Todo']],
    ]);
    expect(await again.inbox.state()).toEqual({ uidValidity: 777, uidNext: 3, highestModSeq: 123_456_789_012_345_678n });
    expect((await collect(await again.inbox.read(b.uid))).toString()).toBe(Buffer.from(message('b')).toString());
  });

  it("uses ';' as the info separator when asked (the Windows spelling)", async () => {
    const root = await tempDir();
    const store = await MaildirStore.open(root, { infoSeparator: ';', host: 'my:host/name' });
    const entry = await store.inbox.deliver(message('win'), { flags: ['\\Seen', '\\Answered'] });
    const names = await readdir(path.join(root, 'cur'));
    expect(names).toEqual([`${entry.base};2,RS`]);
    expect(names[0]).not.toMatch(/[:\\/<>"|?*]/);
    const again = await MaildirStore.open(root, { infoSeparator: ';' });
    expect((await again.inbox.get(entry.uid)).flags).toEqual(['\\Answered', '\\Seen']);
  });

  it('records a given server UID and mod-sequence, and refuses a UID already in use', async () => {
    const root = await tempDir();
    const store = await MaildirStore.open(root);
    const m = await store.inbox.deliver(message('server'), { uid: 4242, modseq: 99n, flags: ['\\Seen'] });
    expect(m.uid).toBe(4242);
    expect((await store.inbox.state()).uidNext).toBe(4243);
    const older = await store.inbox.deliver(message('older'), { uid: 17 });
    expect(older.uid).toBe(17);
    await expect(store.inbox.deliver(message('dup'), { uid: 17 })).rejects.toMatchObject({ code: 'invalid-argument' });
    expect(await readdir(path.join(root, 'tmp'))).toEqual([]);
    const again = await MaildirStore.open(root);
    expect((await again.inbox.get(4242)).modseq).toBe(99n);
    expect((await again.inbox.list()).map((e) => e.uid)).toEqual([17, 4242]);
  });

  it('renumbers for a new UIDVALIDITY, keeping every message and its flags', async () => {
    const root = await tempDir();
    const store = await MaildirStore.open(root);
    const a = await store.inbox.deliver(message('a'), { uid: 10, modseq: 5n, flags: ['\\Seen', 'Work'] });
    const b = await store.inbox.deliver(message('b'), { uid: 11 });
    const local = await store.inbox.deliver(message('local only'), { uid: 12 });
    await store.inbox.setState({ highestModSeq: 5n });
    const state = await store.inbox.renumber(999, new Map([[b.base, 3], [a.base, 7]]));
    expect(state).toEqual({ uidValidity: 999, uidNext: 9, highestModSeq: 0n });
    const again = await MaildirStore.open(root);
    expect((await again.inbox.list()).map((e) => [e.uid, e.base, e.flags, e.modseq])).toEqual([
      [3, b.base, [], undefined],
      [7, a.base, ['\\Seen', 'Work'], undefined],
      [8, local.base, [], undefined],
    ]);
    await expect(again.inbox.renumber(1000, new Map([[a.base, 1], [b.base, 1]]))).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(again.inbox.renumber(1000, new Map([['no-such-base', 1]]))).rejects.toMatchObject({ code: 'not-found' });
    expect((await again.inbox.state()).uidValidity).toBe(999);
  });

  it('deletes and moves messages between folders, keywords included', async () => {
    const root = await tempDir();
    const store = await MaildirStore.open(root);
    const archive = await store.createFolder(['Archive', '2024']);
    const a = await store.inbox.deliver(message('a'), { flags: ['\\Seen', 'Important'] });
    const b = await store.inbox.deliver(message('b'));
    const moved = await store.inbox.moveTo(a.uid, archive);
    expect(moved.base).toBe(a.base);
    expect(moved.flags).toEqual(['\\Seen', 'Important']);
    expect((await store.inbox.list()).map((e) => e.uid)).toEqual([b.uid]);
    await store.inbox.delete(b.uid);
    expect(await store.inbox.list()).toEqual([]);
    await expect(store.inbox.get(b.uid)).rejects.toMatchObject({ code: 'not-found' });
    await expect(store.inbox.read(b.uid)).rejects.toMatchObject({ code: 'not-found' });

    const again = await MaildirStore.open(root);
    const archived = await again.folder(['Archive', '2024']).list();
    expect(archived.map((e) => [e.base, e.flags])).toEqual([[a.base, ['\\Seen', 'Important']]]);
    expect(await again.inbox.count()).toBe(0);
  });

  it('lists, renames (with children) and deletes folders with exact Unicode names', async () => {
    const store = await MaildirStore.open(await tempDir());
    const names = [['受信トレイ', '仕事/個人'], ['a.b', 'c'], ['Sent Items'], ['INBOX', 'Sub']];
    for (const n of names) await store.createFolder(n);
    await store.folder(['a.b', 'c']).deliver(message('kept'));
    const listed = await store.listFolders();
    expect(listed[0]).toEqual(INBOX);
    expect(new Set(listed.slice(1).map((p) => JSON.stringify(p)))).toEqual(new Set(names.map((n) => JSON.stringify(n))));

    await store.createFolder(['a.b']);
    await store.renameFolder(['a.b'], ['x/y']);
    expect(await store.hasFolder(['x/y', 'c'])).toBe(true);
    expect(await store.hasFolder(['a.b', 'c'])).toBe(false);
    expect((await store.folder(['x/y', 'c']).list()).length).toBe(1);

    await store.deleteFolder(['Sent Items']);
    expect(await store.hasFolder(['Sent Items'])).toBe(false);
    await expect(store.folder(['Sent Items']).list()).rejects.toMatchObject({ code: 'not-found' });
    await expect(store.deleteFolder(INBOX)).rejects.toMatchObject({ code: 'invalid-argument' });
  });

  it('refuses a folder differing from an existing one only in letter case', async () => {
    const store = await MaildirStore.open(await tempDir());
    await store.createFolder(['Work']);
    await expect(store.createFolder(['work'])).rejects.toBeInstanceOf(MailError);
    await expect(store.createFolder(['work'])).rejects.toMatchObject({ code: 'invalid-argument' });
  });

  it('follows a file another program renamed for a flag change, and picks up files it delivered', async () => {
    const root = await tempDir();
    const store = await MaildirStore.open(root, { infoSeparator: ':' });
    const a = await store.inbox.deliver(message('a'));
    // Another mail client marks it seen (moves new/ → cur/ with :2,S) and delivers one more.
    await rename(path.join(root, 'new', a.base), path.join(root, 'cur', `${a.base}:2,S`));
    await writeFile(path.join(root, 'new', '1700000000.M1P1Q1.other'), message('other'));
    const text = (await collect(await store.inbox.read(a.uid))).toString();
    expect(text).toContain('Subject: a');
    const list = await store.inbox.list();
    expect(list.map((e) => [e.uid, e.flags])).toEqual([
      [a.uid, ['\\Seen']],
      [a.uid + 1, []],
    ]);
  });

  it('reads files other programs named their way (no info in cur/, info in new/) and normalises them on a flag change', async () => {
    const root = await tempDir();
    await MaildirStore.open(root);
    await writeFile(path.join(root, 'cur', '1600000001.M1P1Q1.other'), message('no info'));
    await writeFile(path.join(root, 'new', '1600000002.M1P1Q1.other:2,S'), message('info in new'));
    await writeFile(path.join(root, 'cur', '1600000003.M1P1Q1.other:1,experimental'), message('version 1 info'));
    const store = await MaildirStore.open(root, { infoSeparator: ':' });
    const list = await store.inbox.list();
    expect(list.map((e) => [e.base, e.flags, e.recent])).toEqual([
      ['1600000001.M1P1Q1.other', [], false],
      ['1600000002.M1P1Q1.other', ['\\Seen'], true],
      ['1600000003.M1P1Q1.other', [], false],
    ]);
    for (const entry of list) expect((await collect(await store.inbox.read(entry.uid))).toString()).toMatch(/^From: a@example.com/);
    for (const entry of list) await store.inbox.updateFlags(entry.uid, { add: ['\\Flagged'] });
    expect((await readdir(path.join(root, 'cur'))).sort()).toEqual([
      '1600000001.M1P1Q1.other:2,F',
      '1600000002.M1P1Q1.other:2,FS',
      '1600000003.M1P1Q1.other:2,F',
    ]);
    expect(await readdir(path.join(root, 'new'))).toEqual([]);
  });

  it('a message another program deleted is not-found, and the map forgets it', async () => {
    const root = await tempDir();
    const store = await MaildirStore.open(root);
    const gone = await store.inbox.deliver(message('gone'), { flags: ['\\Seen'] });
    const kept = await store.inbox.deliver(message('kept'));
    await rm(gone.path);
    await expect(store.inbox.read(gone.uid)).rejects.toMatchObject({ code: 'not-found' });
    expect((await store.inbox.list()).map((e) => e.uid)).toEqual([kept.uid]);
    expect((await (await MaildirStore.open(root)).inbox.list()).map((e) => e.uid)).toEqual([kept.uid]);
  });

  it('removes files left in tmp/ for more than 36 hours, and only those', async () => {
    const root = await tempDir();
    await MaildirStore.open(root);
    const old = path.join(root, 'tmp', '1600000000.M1P1Q1.host');
    const fresh = path.join(root, 'tmp', '1700000000.M1P1Q2.host');
    await writeFile(old, 'half');
    await writeFile(fresh, 'half');
    const t = new Date(Date.now() - 37 * 3600 * 1000);
    await utimes(old, t, t);
    const recent = new Date(Date.now() - 35 * 3600 * 1000);
    await utimes(fresh, recent, recent);
    const store = await MaildirStore.open(root);
    await store.inbox.list();
    expect(await readdir(path.join(root, 'tmp'))).toEqual([path.basename(fresh)]);
    expect(await store.inbox.count()).toBe(0);
  });

  it('sets the file time to the INTERNALDATE given at delivery', async () => {
    const store = await MaildirStore.open(await tempDir());
    const when = new Date('2001-02-03T04:05:06Z');
    const m = await store.inbox.deliver(message('dated'), { internalDate: when });
    expect((await store.inbox.info(m.uid)).internalDate.toISOString()).toBe(when.toISOString());
  });

  it('serialises parallel deliveries without losing or duplicating UIDs', async () => {
    const root = await tempDir();
    const store = await MaildirStore.open(root);
    const entries = await Promise.all(Array.from({ length: 40 }, (_, i) => store.inbox.deliver(message(`p${i}`), { flags: i % 2 ? ['\\Seen'] : [] })));
    expect(new Set(entries.map((e) => e.uid)).size).toBe(40);
    expect(new Set(entries.map((e) => e.base)).size).toBe(40);
    const again = await MaildirStore.open(root);
    expect((await again.inbox.list()).length).toBe(40);
  });
});
