import { describe, expect, it } from 'vitest';
import { MailError } from '../../../core/net/mail-error.js';
import {
  deletesRightAfterDownload,
  emptyState,
  forget,
  parseState,
  planSession,
  recordDeletedLocally,
  recordDownloaded,
  validatePolicy,
  type AccountPop3State,
  type RetentionPolicy,
} from '../../../core/pop3/retention.js';

const T0 = new Date('2026-01-01T00:00:00Z');
const days = (n: number): Date => new Date(T0.getTime() + n * 24 * 60 * 60 * 1000);
const listing = [
  { msg: 1, uidl: 'a' },
  { msg: 2, uidl: 'b' },
  { msg: 3, uidl: 'c' },
];
const uidlsOf = (items: readonly { uidl: string }[]): string[] => items.map((i) => i.uidl);

/** State after a first session that downloaded a and b (c still pending). */
function downloadedAB(): AccountPop3State {
  let state = planSession(emptyState(), listing, { kind: 'keep-forever' }, T0).state;
  state = recordDownloaded(state, 'a', T0);
  return recordDownloaded(state, 'b', T0);
}

describe('planSession', () => {
  it('downloads everything new once and records when it was first seen', () => {
    const plan = planSession(emptyState(), listing, { kind: 'keep-forever' }, T0);
    expect(uidlsOf(plan.toDownload)).toEqual(['a', 'b', 'c']);
    expect(plan.toDelete).toEqual([]);
    expect(plan.state.uidls['a']).toEqual({ firstSeen: T0.toISOString() });
  });

  it('never downloads a message twice', () => {
    const plan = planSession(downloadedAB(), listing, { kind: 'keep-forever' }, days(1));
    expect(uidlsOf(plan.toDownload)).toEqual(['c']);
    // The first-seen date is kept, not refreshed.
    expect(plan.state.uidls['c']?.firstSeen).toBe(T0.toISOString());
  });

  it('keep-forever deletes nothing, ever', () => {
    expect(planSession(downloadedAB(), listing, { kind: 'keep-forever' }, days(10_000)).toDelete).toEqual([]);
  });

  it('delete-after-days deletes downloaded messages once they are old enough, and only those', () => {
    const policy: RetentionPolicy = { kind: 'delete-after-days', days: 7 };
    expect(planSession(downloadedAB(), listing, policy, days(6)).toDelete).toEqual([]);
    expect(uidlsOf(planSession(downloadedAB(), listing, policy, days(7)).toDelete)).toEqual(['a', 'b']);
  });

  it('delete-when-deleted-locally deletes only what the user deleted', () => {
    const state = recordDeletedLocally(downloadedAB(), 'b', days(1));
    const plan = planSession(state, listing, { kind: 'delete-when-deleted-locally' }, days(2));
    expect(uidlsOf(plan.toDelete)).toEqual(['b']);
  });

  it('delete-after-download deletes leftovers of a session whose QUIT never happened', () => {
    const plan = planSession(downloadedAB(), listing, { kind: 'delete-after-download' }, T0);
    expect(uidlsOf(plan.toDelete)).toEqual(['a', 'b']);
    expect(uidlsOf(plan.toDownload)).toEqual(['c']);
  });

  it('never deletes a message that was not downloaded, whatever the policy', () => {
    const state = recordDeletedLocally(planSession(emptyState(), listing, { kind: 'keep-forever' }, T0).state, 'c', T0);
    for (const policy of [
      { kind: 'delete-after-download' },
      { kind: 'delete-after-days', days: 0 },
      { kind: 'delete-when-deleted-locally' },
    ] as const) {
      expect(planSession(state, listing, policy, days(100)).toDelete, policy.kind).toEqual([]);
    }
  });

  it('drops UIDLs the server no longer has', () => {
    const plan = planSession(downloadedAB(), [{ msg: 1, uidl: 'b' }], { kind: 'keep-forever' }, T0);
    expect(Object.keys(plan.state.uidls)).toEqual(['b']);
  });

  it('refuses duplicate or invalid unique-ids', () => {
    expect(() => planSession(emptyState(), [{ msg: 1, uidl: 'x' }, { msg: 2, uidl: 'x' }], { kind: 'keep-forever' }, T0)).toThrow(MailError);
    expect(() => planSession(emptyState(), [{ msg: 1, uidl: 'has space' }], { kind: 'keep-forever' }, T0)).toThrow(MailError);
  });

  it('a UIDL named like an Object prototype key is just a key', () => {
    const plan = planSession(emptyState(), [{ msg: 1, uidl: '__proto__' }, { msg: 2, uidl: 'constructor' }], { kind: 'keep-forever' }, T0);
    expect(uidlsOf(plan.toDownload)).toEqual(['__proto__', 'constructor']);
    expect(Object.keys(plan.state.uidls)).toEqual(['__proto__', 'constructor']);
    const state = recordDownloaded(plan.state, '__proto__', T0);
    expect(parseState(JSON.parse(JSON.stringify(state)))).toEqual(state);
    expect(uidlsOf(planSession(state, [{ msg: 1, uidl: '__proto__' }], { kind: 'keep-forever' }, T0).toDownload)).toEqual([]);
  });
});

describe('policies and state', () => {
  it('validates policies', () => {
    expect(() => validatePolicy({ kind: 'delete-after-days', days: -1 })).toThrow(MailError);
    expect(() => validatePolicy({ kind: 'delete-after-days', days: 1.5 })).toThrow(MailError);
    expect(() => validatePolicy({ kind: 'bogus' } as unknown as RetentionPolicy)).toThrow(MailError);
    expect(deletesRightAfterDownload({ kind: 'delete-after-download' })).toBe(true);
    expect(deletesRightAfterDownload({ kind: 'delete-after-days', days: 0 })).toBe(true);
    expect(deletesRightAfterDownload({ kind: 'delete-after-days', days: 1 })).toBe(false);
  });

  it('forgets removed UIDLs', () => {
    expect(Object.keys(forget(downloadedAB(), ['a']).uidls).sort()).toEqual(['b', 'c']);
  });

  it('round-trips through JSON and refuses damaged state with a typed error', () => {
    const state = recordDeletedLocally(downloadedAB(), 'a', days(1));
    expect(parseState(JSON.parse(JSON.stringify(state)))).toEqual(state);
    for (const bad of [null, 7, { version: 2, uidls: {} }, { version: 1 }, { version: 1, uidls: { 'a b': { firstSeen: T0.toISOString() } } }, { version: 1, uidls: { a: { firstSeen: 'yesterday' } } }]) {
      expect(() => parseState(bad), JSON.stringify(bad)).toThrow(MailError);
    }
  });
});
