import type { FolderSummary } from '../../../../core/api/contract.js';
import type { MessageKey } from '../../i18n/catalogs.js';

/**
 * What a folder is called on screen: special-use folders (RFC 6154) by their role in the user's
 * language, whatever the server names them ("Sent Items", "送信済みメール"); others by their name.
 */
export function folderDisplayName(folder: Pick<FolderSummary, 'name' | 'role'>, t: (key: MessageKey) => string): string {
  return folder.role === null ? folder.name : t(`folders.role.${folder.role}`);
}
