import { describe, expect, it } from 'vitest';
import { roleOf } from '../../../core/sync/roles.js';

describe('roleOf', () => {
  it('takes INBOX by name, then RFC 6154 attributes, then common names where no attribute claims the role', () => {
    expect(roleOf('inbox', '/', [], new Set())).toBe('inbox');
    expect(roleOf('Gesendet', '/', ['\\Sent'], new Set())).toBe('sent');
    expect(roleOf('[Gmail]/All Mail', '/', ['\\HasNoChildren', '\\All'], new Set())).toBe('all');
    expect(roleOf('Deleted Items', '/', [], new Set())).toBe('trash');
    expect(roleOf('INBOX.Spam', '.', [], new Set())).toBe('junk');
    expect(roleOf('Trash', '/', [], new Set(['trash']))).toBeNull();
    expect(roleOf('Projects', '/', [], new Set())).toBeNull();
  });
});
