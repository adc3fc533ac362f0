import { describe, expect, it } from 'vitest';
import { folderId, isLocalUid, LOCAL_UID_BASE, messageId, outboxFolderId, parseFolderId, parseMessageId } from '../../../core/sync/ids.js';
import { MailError } from '../../../core/net/mail-error.js';

describe('ids', () => {
  it('round-trips folder and message ids, including paths with "/" and "#"', () => {
    const f = folderId('acc-1', 'Projects/2026#Q1/日本語');
    expect(parseFolderId(f)).toEqual({ accountId: 'acc-1', path: 'Projects/2026#Q1/日本語' });
    const m = messageId(f, 42);
    expect(parseMessageId(m)).toEqual({ accountId: 'acc-1', path: 'Projects/2026#Q1/日本語', folderId: f, uid: 42 });
    expect(parseMessageId(messageId(outboxFolderId('acc-1'), 3))).toMatchObject({ accountId: 'acc-1', path: undefined, uid: 3 });
  });

  it('refuses ids that name nothing', () => {
    for (const bad of ['', 'nofolder', 'a/b#x', 'a/b#0', 'a/b#-1', 'a/b#1.5', '#3']) {
      expect(() => parseMessageId(bad), bad).toThrow(MailError);
    }
    expect(() => parseFolderId('plain')).toThrow(MailError);
  });

  it('keeps placeholder UIDs apart from server UIDs', () => {
    expect(isLocalUid(LOCAL_UID_BASE)).toBe(true);
    expect(isLocalUid(LOCAL_UID_BASE - 1)).toBe(false);
    expect(isLocalUid(1)).toBe(false);
  });
});
