import { describe, expect, it } from 'vitest';
import type { FolderRole, FolderSummary } from '../../../../core/api/contract.js';
import { folderTree, unifiedInboxUnread, type FolderNode } from '../../../../renderer/src/features/folder-tree/folder-nodes.js';

function folder(path: string, role: FolderRole | null = null, unread = 0, accountId = 'a1'): FolderSummary {
  return { id: `${accountId}/${path}`, accountId, path, name: path.split('/').at(-1)!, delimiter: '/', role, unread, total: unread, selectable: true };
}

function shape(nodes: readonly FolderNode[]): unknown[] {
  return nodes.map((n) => (n.children.length === 0 ? n.name : { [n.name]: shape(n.children) }));
}

describe('folderTree', () => {
  it('puts special folders first in a fixed order, then the rest by name', () => {
    const tree = folderTree([folder('Zeta'), folder('Trash', 'trash'), folder('alpha'), folder('INBOX', 'inbox'), folder('Sent', 'sent'), folder('Drafts', 'drafts')]);
    expect(shape(tree)).toEqual(['INBOX', 'Drafts', 'Sent', 'Trash', 'alpha', 'Zeta']);
  });

  it('nests by the delimiter and keeps Japanese names', () => {
    const tree = folderTree([folder('仕事/会議'), folder('仕事'), folder('仕事/2026'), folder('INBOX', 'inbox')]);
    expect(shape(tree)).toEqual(['INBOX', { 仕事: ['2026', '会議'] }]);
    expect(tree[1]?.folder?.id).toBe('a1/仕事');
  });

  it('adds a placeholder for a parent the server did not list', () => {
    const tree = folderTree([folder('Projects/Tegami')]);
    expect(tree[0]?.folder).toBeNull();
    expect(tree[0]?.path).toBe('Projects');
    expect(tree[0]?.children[0]?.folder?.path).toBe('Projects/Tegami');
  });
});

describe('unifiedInboxUnread', () => {
  it('sums the unread counts of every account Inbox only', () => {
    expect(unifiedInboxUnread([folder('INBOX', 'inbox', 3, 'a1'), folder('INBOX', 'inbox', 4, 'a2'), folder('Junk', 'junk', 9)])).toBe(7);
  });
});
