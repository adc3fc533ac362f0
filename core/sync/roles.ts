import type { FolderRole } from '../api/contract.js';

const SPECIAL_USE_ROLES: Readonly<Record<string, FolderRole>> = {
  '\\all': 'all',
  '\\archive': 'archive',
  '\\drafts': 'drafts',
  '\\flagged': 'flagged',
  '\\junk': 'junk',
  '\\sent': 'sent',
  '\\trash': 'trash',
};

/** Names servers without SPECIAL-USE (RFC 6154) commonly use, lower-cased, last segment. */
const NAME_ROLES: Readonly<Record<string, FolderRole>> = {
  sent: 'sent',
  'sent items': 'sent',
  'sent messages': 'sent',
  'sent mail': 'sent',
  drafts: 'drafts',
  draft: 'drafts',
  trash: 'trash',
  'deleted items': 'trash',
  'deleted messages': 'trash',
  junk: 'junk',
  spam: 'junk',
  'junk e-mail': 'junk',
  archive: 'archive',
  archives: 'archive',
};

/**
 * A folder's role: INBOX by name (RFC 3501 §5.1, case-insensitive), else the RFC 6154
 * special-use attribute, else a well-known name (only when no folder carries that attribute,
 * which the caller decides by passing `taken`).
 */
export function roleOf(path: string, delimiter: string | null, attributes: readonly string[], taken: ReadonlySet<FolderRole>): FolderRole | null {
  if (path.toUpperCase() === 'INBOX') return 'inbox';
  for (const attribute of attributes) {
    const role = SPECIAL_USE_ROLES[attribute.toLowerCase()];
    if (role !== undefined) return role;
  }
  const last = delimiter !== null && delimiter !== '' ? (path.split(delimiter).at(-1) ?? path) : path;
  const role = NAME_ROLES[last.toLowerCase()];
  return role !== undefined && !taken.has(role) ? role : null;
}
