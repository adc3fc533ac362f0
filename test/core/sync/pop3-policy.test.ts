import { describe, expect, it } from 'vitest';
import { deletesOnServerWhenDeletedHere, pop3Policy } from '../../../core/sync/pop3-sync.js';

describe('POP3 policy', () => {
  it('leaves mail on the server when the account says nothing, and deletes there what is deleted here', () => {
    expect(pop3Policy({ pop3: null })).toEqual({ leaveOnServer: true, deleteAfterDays: null });
    expect(deletesOnServerWhenDeletedHere(pop3Policy({ pop3: null }))).toBe(true);
  });

  it('keeps the server copy of a message deleted here only when the account asks for it', () => {
    expect(deletesOnServerWhenDeletedHere({ leaveOnServer: true, deleteAfterDays: null, deleteWhenDeletedHere: true })).toBe(true);
    expect(deletesOnServerWhenDeletedHere({ leaveOnServer: true, deleteAfterDays: 30, deleteWhenDeletedHere: false })).toBe(false);
    // Mail that is not left on the server is gone from it once downloaded: nothing to delete later.
    expect(deletesOnServerWhenDeletedHere({ leaveOnServer: false, deleteAfterDays: null })).toBe(false);
  });
});
