/**
 * The folder tree's structure: per account, special folders first in a fixed
 * order (Inbox, Drafts, Sent, Outbox, ...), then the rest by name, nested by
 * the server's hierarchy delimiter. Parents missing from the list (the server
 * did not report them) become unselectable placeholders so children stay
 * under their parent.
 */
import type { FolderRole, FolderSummary } from '../../../../core/api/contract.js';

export const ROLE_ORDER: readonly FolderRole[] = ['inbox', 'flagged', 'drafts', 'sent', 'outbox', 'archive', 'all', 'junk', 'trash'];

export interface FolderNode {
  /** The folder, or null for a placeholder parent the server did not list. */
  readonly folder: FolderSummary | null;
  readonly name: string;
  readonly path: string;
  readonly children: FolderNode[];
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function rank(node: FolderNode): number {
  const role = node.folder?.role;
  const index = role === null || role === undefined ? -1 : ROLE_ORDER.indexOf(role);
  return index === -1 ? ROLE_ORDER.length : index;
}

function sortNodes(nodes: FolderNode[]): void {
  nodes.sort((a, b) => rank(a) - rank(b) || collator.compare(a.name, b.name));
  for (const node of nodes) sortNodes(node.children);
}

/** The top-level nodes of one account's folders. */
export function folderTree(folders: readonly FolderSummary[]): FolderNode[] {
  const byPath = new Map<string, FolderNode>();
  const roots: FolderNode[] = [];
  const ensure = (path: string, name: string, folder: FolderSummary | null, parentPath: string | null): FolderNode => {
    const existing = byPath.get(path);
    if (existing !== undefined) {
      if (folder !== null && existing.folder === null) {
        const filled: FolderNode = { ...existing, folder, name };
        byPath.set(path, filled);
        const siblings = parentPath === null ? roots : byPath.get(parentPath)!.children;
        siblings[siblings.indexOf(existing)] = filled;
        return filled;
      }
      return existing;
    }
    const node: FolderNode = { folder, name, path, children: [] };
    byPath.set(path, node);
    (parentPath === null ? roots : byPath.get(parentPath)!.children).push(node);
    return node;
  };
  // Parents first, so a child always finds its parent node.
  const ordered = [...folders].sort((a, b) => a.path.length - b.path.length);
  for (const folder of ordered) {
    const delimiter = folder.delimiter;
    const segments = delimiter === null || delimiter === '' ? [folder.path] : folder.path.split(delimiter);
    let parentPath: string | null = null;
    for (let i = 0; i < segments.length - 1; i++) {
      const path = segments.slice(0, i + 1).join(delimiter ?? '');
      ensure(path, segments[i]!, null, parentPath);
      parentPath = path;
    }
    ensure(folder.path, folder.name, folder, parentPath);
  }
  sortNodes(roots);
  return roots;
}

/** Unread messages across every account's Inbox, for the unified Inbox entry. */
export function unifiedInboxUnread(folders: readonly FolderSummary[]): number {
  return folders.reduce((sum, folder) => (folder.role === 'inbox' ? sum + folder.unread : sum), 0);
}
