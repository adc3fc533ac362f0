import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChangeJournal, JOURNAL_FILE } from '../../../core/sync/journal.js';

describe('ChangeJournal', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tegami-journal-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('numbers changes monotonically, answers changesSince and notifies subscribers', async () => {
    const journal = await ChangeJournal.open(dir);
    const seen: number[] = [];
    journal.subscribe((changes) => seen.push(...changes.map((c) => c.seq)));
    await journal.append([{ kind: 'folder-remove', folderId: 'a/X' }, { kind: 'folder-remove', folderId: 'a/Y' }]);
    await journal.append([{ kind: 'message-remove', folderId: 'a/X', messageId: 'm1' }]);
    expect(seen).toEqual([1, 2, 3]);
    expect(journal.changesSince(1)).toMatchObject({ resync: false, lastSeq: 3, changes: [{ seq: 2 }, { seq: 3 }] });
    expect(journal.changesSince(3)).toEqual({ resync: false, changes: [], lastSeq: 3 });
    expect(journal.changesSince(4)).toEqual({ resync: true, lastSeq: 3 });
    await journal.close();
  });

  it('survives a torn last line: the fragment is skipped and the next append starts a fresh line', async () => {
    const journal = await ChangeJournal.open(dir);
    await journal.append([{ kind: 'folder-remove', folderId: 'a/X' }]);
    await journal.close();
    await appendFile(join(dir, JOURNAL_FILE), '{"kind":"folder-remove","folderId":"a/Y","se');
    const reopened = await ChangeJournal.open(dir);
    expect(reopened.lastSeq).toBe(1);
    await reopened.append([{ kind: 'folder-remove', folderId: 'a/Z' }]);
    await reopened.close();
    const third = await ChangeJournal.open(dir);
    expect(third.changesSince(0)).toMatchObject({ resync: false, lastSeq: 2, changes: [{ seq: 1, folderId: 'a/X' }, { seq: 2, folderId: 'a/Z' }] });
    const lines = (await readFile(join(dir, JOURNAL_FILE), 'utf8')).split('\n');
    // The fragment stays on its own line (never merged with the next entry); both real entries parse.
    expect(lines).toContain('{"kind":"folder-remove","folderId":"a/Y","se');
    expect(lines.filter((l) => l.includes('"seq":')).map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual([1, 2]);
    await third.close();
  });

  it('compacts to the newest entries; a client from before them is told to resync, also after a restart', async () => {
    const journal = await ChangeJournal.open(dir, { compactAt: 10, keep: 4 });
    for (let i = 0; i < 12; i++) await journal.append([{ kind: 'folder-remove', folderId: `a/F${i}` }]);
    expect(journal.lastSeq).toBe(12);
    // Compacted at 10 entries down to seq 7..10; 11 and 12 appended after.
    expect(journal.changesSince(2)).toEqual({ resync: true, lastSeq: 12 });
    expect(journal.changesSince(6)).toMatchObject({ resync: false, changes: [{ seq: 7 }, { seq: 8 }, { seq: 9 }, { seq: 10 }, { seq: 11 }, { seq: 12 }] });
    await journal.close();
    const reopened = await ChangeJournal.open(dir, { compactAt: 10, keep: 4 });
    expect(reopened.changesSince(5)).toEqual({ resync: true, lastSeq: 12 });
    expect(reopened.changesSince(11)).toMatchObject({ resync: false, lastSeq: 12, changes: [{ seq: 12 }] });
    await reopened.append([{ kind: 'folder-remove', folderId: 'a/after' }]);
    expect(reopened.lastSeq).toBe(13);
    await reopened.close();
  });
});
